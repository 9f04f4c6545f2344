#!/usr/bin/env python3
"""Change-visible latency of the scorecard service (used by benchmarks/scorecard.sh).

For N products: push one signal that flips the availability-alert check (required in every phase)
between pass and fail, then poll GET /api/scorecards/{product} until the stored scorecard shows it.
Prints one line: count p50_ms p95_ms max_ms.
"""
import json
import sys
import time
import urllib.request
from datetime import datetime, timezone

base, automation_token, reader_token, count, products = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


def call(method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"null")


def status(product):
    _, card = call("GET", "/api/scorecards/" + product, reader_token)
    for check in card["checks"]:
        if check["id"] == "availability-alert":
            return check["status"]


latencies = []
for n in range(count):
    product = "prod-%05d" % (1 + (n * 197) % products)
    want = "fail" if status(product) == "pass" else "pass"
    value = 1 if want == "pass" else 0
    observed = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
    start = time.monotonic()
    code, _ = call("POST", "/api/signals", automation_token,
                   [{"product": product, "key": "alerts.availability_rules", "value": value, "observedAt": observed, "source": "bench"}])
    assert code == 202, code
    while status(product) != want:
        if time.monotonic() - start > 30:
            raise SystemExit("change to %s not visible after 30 s" % product)
        time.sleep(0.005)
    latencies.append((time.monotonic() - start) * 1000)

latencies.sort()
p50 = latencies[len(latencies) // 2]
p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
print("%d %.0f %.0f %.0f" % (len(latencies), p50, p95, latencies[-1]))
