#!/usr/bin/env python3
"""Loads a benchmark organisation through the public APIs, the way automation would, and times it.

    benchmarks/load.py --products 10000 --catalog http://localhost:18101 --scorecard http://localhost:18102

1. Imports the Backstage catalog of benchmarks/gen-backstage.py (50 teams, then the components in
   chunks of --chunk, default 10,000: one POST /api/import each) and waits until
   GET /api/products counts every product (imported and queryable).
2. Waits until the scorecard has followed the catalog and evaluated every product
   (GET /api/scorecards counts them all).
3. Pushes ~28 signals per product (31 keys, edition 1's and edition 2's, one in nine left out, values varied by product so that
   scorecards differ, as benchmarks/scorecard_seed.sql does) in batches of 1,000 through
   POST /api/signals, then waits until the scorecard has evaluated them (--queue-psql: the psql
   command of the scorecard's database, to watch its evaluation queue empty).

Every call carries a token of the automation client (client-credentials grant, renewed before it
expires). Prints one JSON object: the timings in milliseconds and the counts.
"""
import argparse
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_backstage", os.path.join(HERE, "gen-backstage.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)


class Token:
    def __init__(self, oidc, client, secret):
        self.url = oidc.rstrip("/") + "/protocol/openid-connect/token"
        self.form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client,
                                            "client_secret": secret}).encode()
        self.value, self.renew_at = None, 0

    def __str__(self):
        if time.monotonic() >= self.renew_at:
            with urllib.request.urlopen(urllib.request.Request(self.url, data=self.form), timeout=30) as answer:
                body = json.load(answer)
            self.value = body["access_token"]
            self.renew_at = time.monotonic() + max(10, body.get("expires_in", 300) - 60)
        return self.value


def call(token, method, url, body=None, content_type="application/json", timeout=600):
    data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": "Bearer %s" % token, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        sys.exit("%s %s: %s %s" % (method, url, error.code, error.read()[:2000].decode(errors="replace")))


def total(token, url):
    return call(token, "GET", url)[1]["total"]


def wait_for(what, condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("timed out after %d s waiting for %s" % (timeout, what))
        time.sleep(0.1)


def signals(i, now):
    """The signals of product i: the keys and values of benchmarks/scorecard_seed.sql."""
    def ago(days):
        return now - timedelta(days=days)
    values = [
        ("alerts.availability_rules", i % 3),
        ("alerts.actionable_ratio", (i % 10) / 10.0),
        ("alerts.slos_without_burn_rate", i % 3),
        ("slo.journeys_without_slo", (i % 5) // 2),
        ("slo.error_budget_remaining", ((i % 13) - 3) / 10.0),
        ("tracing.services_without_traces", i % 2),
        ("oncall.escalation_levels", i % 4),
        ("repo.review_required", i % 5 != 0),
        ("ci.tests_on_every_change", i % 6 != 0),
        ("deploy.automated_ratio", (i % 11) / 10.0),
        ("deploy.strategy", ["canary", "rolling", "manual", "blue-green"][i % 4]),
        ("secrets.findings_open", i % 3),
        ("vulns.last_scan_at", ago(i % 12).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("backup.last_success_at", ago(i % 3).strftime("%Y-%m-%d")),
        ("restore.last_tested_at", ago(i % 150).strftime("%Y-%m-%d")),
        ("resources.containers_without_memory_limit", i % 2),
        # the keys edition 2 of the default rubric adds (edition 1 reads none of them)
        ("alerts.paging_rules_without_runbook", i % 3),
        ("alerts.pages_30d", i % 12),
        ("alerts.symptom_page_share", (i % 10) / 10.0),
        ("oncall.schedule_gap_hours_next_14d", (i % 4) * 6),
        ("oncall.overloaded_weeks_28d", i % 3),
        ("slo.min_target", [99.0, 99.5, 99.9, 98.0][i % 4]),
        ("slo.overspent_without_action", (i % 4) // 3),
        ("logs.request_id_coverage", (i % 11) / 10.0),
        ("incidents.sev12_without_postmortem", (i % 5) // 4),
        ("postmortem.actions_overdue", i % 3),
        ("deploy.gated_ratio", (i % 11) / 10.0),
        ("deploy.count_90d", i % 40),
        ("vulns.critical_overdue", (i % 4) // 3),
        ("resources.oom_kills_7d", (i % 5) // 4),
        ("loadtest.tested_peak_multiple", (i % 5) * 0.75),
    ]
    observed = ago(i % 10).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [{"product": "comp-%05d" % i, "key": key, "value": value, "observedAt": observed, "source": "bench"}
            for key, value in values if (i + len(key)) % 9 != 0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--chunk", type=int, default=10000, help="components per import request")
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--scorecard", required=True)
    parser.add_argument("--oidc", default="http://localhost:8180/realms/pillarboard")
    parser.add_argument("--client", default="pillarboard-automation")
    parser.add_argument("--secret", default="automation-secret")
    parser.add_argument("--batch", type=int, default=1000, help="signals per POST /api/signals")
    parser.add_argument("--queue-psql", help="psql command line of the scorecard database (its evaluation queue)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds to wait for each stage")
    args = parser.parse_args()
    token = Token(args.oidc, args.client, args.secret)
    n = args.products
    result = {"products": n}

    documents = list(gen.components(n, args.teams))
    chunks = [documents[start:start + args.chunk] for start in range(0, n, args.chunk)]
    chunk_ms, created = [], 0
    started = time.monotonic()
    for index, chunk in enumerate(chunks):
        body = "".join((list(gen.groups(args.teams)) if index == 0 else []) + chunk).encode()
        t0 = time.monotonic()
        _, answer = call(token, "POST", args.catalog + "/api/import", body, "application/yaml")
        chunk_ms.append(round((time.monotonic() - t0) * 1000))
        if answer["counts"]["rejected"]:
            sys.exit("the import rejected documents: %s" % answer["counts"])
        created += answer["counts"]["created"]
    wait_for("the catalog to count every product",
             lambda: total(token, args.catalog + "/api/products?size=1") >= n, args.timeout)
    result["import_ms"] = round((time.monotonic() - started) * 1000)
    result["import_chunks_ms"], result["created"] = chunk_ms, created
    wait_for("the scorecard to evaluate every product",
             lambda: total(token, args.scorecard + "/api/scorecards?size=1") >= n, args.timeout)
    result["first_scorecards_ms"] = round((time.monotonic() - started) * 1000)

    now = datetime.now(timezone.utc)
    batch, pushed, batches = [], 0, 0
    started = time.monotonic()

    def push():
        nonlocal batch, pushed, batches
        status, answer = call(token, "POST", args.scorecard + "/api/signals", batch)
        if status != 202 or answer.get("accepted") != len(batch):
            sys.exit("signals refused: %s %s" % (status, answer))
        pushed, batches, batch = pushed + len(batch), batches + 1, []

    for i in range(1, n + 1):
        batch.extend(signals(i, now))
        if len(batch) >= args.batch:
            overflow = batch[args.batch:]
            batch = batch[:args.batch]
            push()
            batch = overflow
    if batch:
        push()
    result["signals"], result["signal_batches"] = pushed, batches
    result["signals_push_ms"] = round((time.monotonic() - started) * 1000)
    if args.queue_psql:
        subprocess.run([sys.executable, os.path.join(HERE, "benchlib.py"), "queue-empty", str(args.timeout)]
                       + shlex.split(args.queue_psql), check=True)
        result["signals_evaluated_ms"] = round((time.monotonic() - started) * 1000)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
