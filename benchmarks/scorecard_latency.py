#!/usr/bin/env python3
"""Change-visible latency of the scorecard service (used by benchmarks/scorecard.sh and all.sh).

    scorecard_latency.py BASE AUTOMATION_TOKEN READER_TOKEN COUNT PRODUCTS [--slug-format F]
    scorecard_latency.py BASE AUTOMATION_TOKEN READER_TOKEN COUNT PRODUCTS --catalog URL --writer TOKEN

Signals (the default): for COUNT products, push one signal that flips the availability-alert check
(required in every phase) between pass and fail, then poll GET /api/scorecards/{product} until the
stored scorecard shows it.
--catalog: for COUNT products, change the product's phase in the catalog (GET for the ETag, then a
merge PATCH with If-Match, as WRITER) and poll the scorecard until it shows the new phase: the
catalog's nudge, the scorecard following the change feed and evaluating the product.
--slug-format names product n (default prod-%05d, the seed of benchmarks/scorecard_seed.sql;
benchmarks/load.py loads comp-%05d). Prints one line: count p50_ms p95_ms max_ms.
"""
import argparse
import json
import time
import urllib.request
from datetime import datetime, timezone

parser = argparse.ArgumentParser()
for name in ("base", "automation_token", "reader_token"):
    parser.add_argument(name)
parser.add_argument("count", type=int)
parser.add_argument("products", type=int)
parser.add_argument("--slug-format", default="prod-%05d")
parser.add_argument("--catalog")
parser.add_argument("--writer")
args = parser.parse_args()


def call(method, url, token, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json",
                                              **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, json.loads(response.read() or b"null")


def scorecard(product):
    return call("GET", args.base + "/api/scorecards/" + product, args.reader_token)[2]


def availability(card):
    for check in card["checks"]:
        if check["id"] == "availability-alert":
            return check["status"]


latencies = []
for n in range(args.count):
    product = args.slug_format % (1 + (n * 197) % args.products)
    if args.catalog:
        _, headers, current = call("GET", args.catalog + "/api/products/" + product, args.writer)
        want = "pre-pmf" if current["phase"] != "pre-pmf" else "pmf"
        start = time.monotonic()
        code, _, _ = call("PATCH", args.catalog + "/api/products/" + product, args.writer, {"phase": want},
                          {"Content-Type": "application/merge-patch+json", "If-Match": headers["ETag"]})
        assert code == 200, code
        visible = lambda: scorecard(product)["phase"] == want  # noqa: E731
    else:
        want = "fail" if availability(scorecard(product)) == "pass" else "pass"
        value = 1 if want == "pass" else 0
        observed = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
        start = time.monotonic()
        code, _, _ = call("POST", args.base + "/api/signals", args.automation_token,
                          [{"product": product, "key": "alerts.availability_rules", "value": value,
                            "observedAt": observed, "source": "bench"}])
        assert code == 202, code
        visible = lambda: availability(scorecard(product)) == want  # noqa: E731
    while not visible():
        if time.monotonic() - start > 30:
            raise SystemExit("change to %s not visible after 30 s" % product)
        time.sleep(0.005)
    latencies.append((time.monotonic() - start) * 1000)

latencies.sort()
p50 = latencies[len(latencies) // 2]
p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
print("%d %.0f %.0f %.0f" % (len(latencies), p50, p95, latencies[-1]))
