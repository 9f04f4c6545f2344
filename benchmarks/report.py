#!/usr/bin/env python3
"""Renders the results of benchmarks/all.sh (and peer-backstage.sh) as Markdown, with every figure
also as a ratio to the machine's ceiling measured in the same block, and each target met or missed.

    benchmarks/report.py RESULTS.jsonl > report.md

Ratios, in brackets after a figure:
  throughput (req/s)            / pgbench select-only transactions per second at the same connections
  request latency (ms)          / pgbench's mean latency at the same connections
  durations (import, jobs, starts, changes visible)  / the time of a COPY of 400,000 rows
Memory has no ratio: megabytes mean the same on every machine.
"""
import json
import statistics
import sys
from collections import defaultdict


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


records = load(sys.argv[1])
machine = next((r for r in records if r["kind"] == "machine"), {})
by_kind = defaultdict(list)
for r in records:
    by_kind[r["kind"]].append(r)
pgbench = {(r["block"], r["conns"]): r for r in by_kind["pgbench"]}
copy = {r["block"]: r for r in by_kind["copy"]}
sizes = sorted({r["block"] for r in records if isinstance(r.get("block"), int)})


def num(value, digits=0):
    return "{:,.{}f}".format(value, digits)


def ms(value):
    return num(value) + " ms" if value >= 100 else num(value, 1 if value >= 10 else 2) + " ms"


def seconds_or_ms(value):
    return "%.2f s" % (value / 1000) if value >= 1000 else "%d ms" % value


def ratio(value):
    return "%.2g" % value if value < 10 else num(value)


def per_tps(block, conns, rps):
    c = pgbench.get((block, conns))
    return " [%s]" % ratio(rps / c["tps"]) if c else ""


def per_latency(block, conns, latency):
    c = pgbench.get((block, conns))
    return " [%s]" % ratio(latency / c["lat_ms"]) if c and c["lat_ms"] else ""


def per_copy(block, duration):
    c = copy.get(block)
    return " [%s]" % ratio(duration / c["ms"]) if c else ""


def find(kind, block, name=None, conns=None, service=None):
    for r in by_kind[kind]:
        if r.get("block") == block and (name is None or r.get("name") == name) \
                and (conns is None or r.get("conns") == conns) and (service is None or r.get("service") == service):
            return r
    return None


def verdict(value, limit, at_most=True):
    if value is None:
        return "not measured"
    if (value <= limit) if at_most else (value >= limit):
        return "**met**"
    return "**missed** by %d %%" % round(abs(value - limit) / limit * 100)


out = []
w = out.append
w("## Results of `%s`" % machine.get("command", "benchmarks/all.sh"))
w("")
w("%s, commit %s; %s cores (%s), %s GB; PostgreSQL %s; %s." % (
    machine.get("date", "?"), machine.get("commit", "?"), machine.get("cpus", "?"), machine.get("cpu", "?"),
    machine.get("mem_gb", "?"), machine.get("postgres", "?"), machine.get("java", "?")))
w("")
w("In brackets, each figure as a ratio to the machine's ceiling measured just before, in the same block: "
  "throughput / pgbench select-only transactions per second at the same connections; latency / pgbench's mean "
  "latency at the same connections; durations / the time of a `COPY` of 400,000 rows. *load* is the 1-minute load "
  "average at the end of a measurement, *others* the share of the machine's CPU that processes other than the "
  "services, PostgreSQL and the load generator used meanwhile.")
w("")

w("### The machine's ceiling")
w("")
w("| block | pgbench select-only, 2 connections | 8 connections | COPY of 400,000 rows (median of 3) | load | others |")
w("|---|---|---|---|---|---|")
for block in ["starts"] + sizes + ["peer"]:
    c2, c8, cp = pgbench.get((block, 2)), pgbench.get((block, 8)), copy.get(block)
    if not (c2 or cp):
        continue
    cell = lambda c: "%s tps, mean %s ms" % (num(c["tps"]), c["lat_ms"]) if c else ""  # noqa: E731
    name = "%s products" % num(block) if isinstance(block, int) else block
    w("| %s | %s | %s | %s | %s | %s |" % (name, cell(c2), cell(c8), ms(cp["ms"]) + " (%s)" % cp["runs"] if cp else "",
                                          c2["load"] if c2 else "", c2["others"] if c2 else ""))
w("")

targets = []
starts = by_kind["start"]
if starts:
    w("### Start and idle memory")
    w("")
    w("Each service launched %d times with the class-data archive `scripts/run.sh` uses (recorded once per build at the exit of "
      "a start that reached the database, `target/quarkus-app/trained-cds.jsa`); JVM "
      "launch to `/q/health/ready` answering 200 (the catalog, scorecard and portal in turn, each with the previous "
      "ones running); resident memory 10 s after the last start." % len(str(starts[0]["ms"]).split("/")))
    w("")
    w("| service | ready: median (min-max) | resident, idle | load |")
    w("|---|---|---|---|")
    for r in starts:
        values = [int(v) for v in str(r["ms"]).split("/")]
        median = statistics.median(values)
        w("| %s | %s%s (%s-%s) | %d MB | %s |" % (r["service"], ms(median), per_copy("starts", median), min(values),
                                                 max(values), r["rss_mb"], r["load"]))
        targets.append(("%s ready after start" % r["service"], ms(median), verdict(median, 3000), "<= 3 s"))
        targets.append(("%s resident when idle (after start)" % r["service"], "%d MB" % r["rss_mb"],
                        verdict(r["rss_mb"], 250), "<= 250 MB"))
    w("")

if sizes:
    w("### Growth with the data")
    w("")
    w("| measure | " + " | ".join("%s products" % num(s) for s in sizes) + " |")
    w("|---|" + "---|" * len(sizes))

    def row(label, cell):
        cells = []
        for s in sizes:
            try:
                cells.append(cell(s) or "")
            except (TypeError, KeyError):
                cells.append("")
        w("| %s | %s |" % (label, " | ".join(cells)))

    def duration(name, extra=None):
        def cell(s):
            r = find("duration", s, name)
            text = seconds_or_ms(r["ms"]) + per_copy(s, r["ms"])
            return text + (extra(r) if extra else "")
        return cell

    def http(name, conns, percentiles=("p99",)):
        def cell(s):
            r = find("http", s, name, conns)
            parts = ["%s req/s%s" % (num(r["rps"]), per_tps(s, conns, r["rps"]))]
            parts += ["%s %s%s" % (p, ms(r[p]), per_latency(s, conns, r[p])) for p in percentiles]
            return ", ".join(parts) + (" (%d errors)" % r["errors"] if r["errors"] else "")
        return cell

    def latency(name):
        def cell(s):
            r = find("latency", s, name)
            return "p50 %s, p95 %s%s, max %s" % (ms(r["p50"]), ms(r["p95"]), per_copy(s, r["p95"]), ms(r["max"]))
        return cell

    row("catalog import, imported and queryable (chunks of 10,000)", duration("import"))
    row("catalog import to every product evaluated by the scorecard", duration("first-scorecards"))
    row("signals pushed (batches of 1,000)", duration("signals-push", lambda r: ", %s signals" % num(r["signals"])))
    row("signals pushed to every product re-evaluated", duration("signals-evaluated"))
    row("catalog get-by-slug, 2 connections", http("catalog-get-by-slug", 2))
    row("catalog filtered page of 20, 2 connections", http("catalog-filtered-page", 2))
    row("catalog filtered page of 20, 8 connections", http("catalog-filtered-page", 8))
    row("portal product list (a page of 25), 2 users", http("portal-product-list", 2, ("p95", "p99")))
    row("portal product page, 2 users", http("portal-product-page", 2, ("p95", "p99")))
    row("full re-evaluation, results unchanged", duration("evaluation-unchanged"))
    row("full re-evaluation, every result new (results, tasks, history wiped)", duration("evaluation-all-new"))
    row("rubric published to every product re-evaluated (every score changes)", duration("evaluation-rubric-changed"))
    row("signal pushed to visible in the scorecard", latency("change-visible-signal"))
    row("phase changed in the catalog to visible in the scorecard", latency("change-visible-catalog"))
    for service in ("catalog", "scorecard", "portal"):
        row("%s resident memory, idle 10 s after the block" % service, lambda s: "%d MB" % find("rss", s, service=service)["mb"])
        row("%s resident memory, idle 30 s after the block" % service, lambda s: "%d MB" % find("rss30", s, service=service)["mb"])
    w("")
    w("Machine load (1-minute average, and the others' share of the CPU) at the end of each measurement:")
    w("")
    w("| measure | " + " | ".join("%s products" % num(s) for s in sizes) + " |")
    w("|---|" + "---|" * len(sizes))
    for kind, name, conns, label in [("duration", "import", None, "import"),
                                     ("http", "catalog-get-by-slug", 2, "get-by-slug"),
                                     ("http", "catalog-filtered-page", 2, "filtered page, 2"),
                                     ("http", "catalog-filtered-page", 8, "filtered page, 8"),
                                     ("http", "portal-product-list", 2, "portal list"),
                                     ("http", "portal-product-page", 2, "portal product"),
                                     ("duration", "evaluation-unchanged", None, "re-evaluation, unchanged"),
                                     ("duration", "evaluation-all-new", None, "re-evaluation, all new"),
                                     ("latency", "change-visible-signal", None, "change visible (signal)")]:
        cells = []
        for s in sizes:
            r = find(kind, s, name, conns)
            if not r:
                cells.append("")
            elif "others" in r:
                cells.append("%s (others %d %%)" % (r["load"], round(r["others"] * 100)))
            elif "others_cpu" in r and r["ms"]:
                cells.append("%s (others %d %%)" % (r["load"], round(r["others_cpu"] / (r["ms"] / 1000 * machine.get("cpus", 2)) * 100)))
            else:
                cells.append(str(r["load"]))
        w("| %s | %s |" % (label, " | ".join(cells)))
    w("")

    def value(kind, size, name, key, conns=None):
        r = find(kind, size, name, conns)
        return r[key] if r else None

    t = 10000
    if t in sizes:
        v = value("http", t, "catalog-get-by-slug", "rps", 2)
        targets.append(("catalog get-by-slug, 2 connections", "%s req/s" % num(v or 0), verdict(v, 5000, False), ">= 5,000 req/s"))
        v = value("http", t, "catalog-filtered-page", "rps", 2)
        targets.append(("filtered page of 20 at 10,000, 2 connections", "%s req/s" % num(v or 0), verdict(v, 2000, False), ">= 2,000 req/s"))
        v = value("http", t, "catalog-filtered-page", "p99", 2)
        targets.append(("filtered page of 20 at 10,000, 2 connections", "p99 %s" % ms(v or 0), verdict(v, 5), "p99 <= 5 ms"))
        v = value("http", t, "catalog-filtered-page", "p99", 8)
        targets.append(("filtered page of 20 at 10,000, 8 connections", "p99 %s" % ms(v or 0), verdict(v, 20), "p99 <= 20 ms"))
        v = value("duration", t, "import", "ms")
        targets.append(("10,000 components imported and queryable", seconds_or_ms(v or 0), verdict(v, 5000), "<= 5 s"))
        for name in ("evaluation-unchanged", "evaluation-all-new", "evaluation-rubric-changed"):
            v = value("duration", t, name, "ms")
            targets.append(("full re-evaluation of 10,000 (%s)" % name.split("-", 1)[1].replace("-", " "),
                            seconds_or_ms(v or 0), verdict(v, 5000), "<= 5 s"))
    for size, limit in ((10000, 50), (50000, 100)):
        if size in sizes:
            for name in ("portal-product-list", "portal-product-page"):
                v = value("http", size, name, "p95", 2)
                targets.append(("%s at %s" % (name.replace("-", " "), num(size)), "p95 %s" % ms(v or 0), verdict(v, limit),
                                "p95 <= %d ms" % limit))
    for s in sizes:
        for name in ("change-visible-signal", "change-visible-catalog"):
            v = value("latency", s, name, "p95")
            targets.append(("%s at %s" % (name.replace("-", " "), num(s)), "p95 %s" % ms(v or 0), verdict(v, 2000), "p95 <= 2 s"))

peer = {r["name"]: r for r in by_kind["peer"]}
if peer:
    w("### Next to Backstage's catalog")
    w("")
    info = peer.get("info", {})
    w("The same %s-component file, the same PostgreSQL over loopback, the same wrk runs (%s connections): "
      "Pillarboard's catalog and a Backstage backend (`@backstage/backend-defaults` %s, `@backstage/plugin-catalog-backend` "
      "%s, Node %s) one after the other (`benchmarks/peer-backstage.sh`)." % (
          num(info.get("components", 10000)), info.get("conns", 2), info.get("backend_defaults", "?"),
          info.get("catalog_backend", "?"), info.get("node", "?")))
    w("")
    w("| measure | Pillarboard | Backstage | Pillarboard's advantage | target |")
    w("|---|---|---|---|---|")
    for key, label, unit, higher, goal in [("ingest", "ingest: every component queryable", "ms", False, 10),
                                           ("get", "get one entity by name (random), req/s", "rps", True, 2.5),
                                           ("get_p99", "get one entity by name, p99", "ms", False, None),
                                           ("page", "filtered page of 20 (owner and lifecycle/phase, sorted by name), req/s", "rps", True, 4),
                                           ("page_p99", "filtered page of 20, p99", "ms", False, None),
                                           ("rss", "resident memory after the runs", "MB", False, None)]:
        r = peer.get(key)
        if not r:
            continue
        ours, theirs = r["pillarboard"], r["backstage"]
        advantage = (ours / theirs) if higher else (theirs / ours if ours else 0)
        fmt = {"ms": seconds_or_ms, "rps": lambda v: num(v), "MB": lambda v: "%d MB" % v}[unit]
        goal_text = "" if goal is None else ">= %sx: %s" % (goal, verdict(advantage, goal, False))
        w("| %s | %s | %s | %.1fx | %s |" % (label, fmt(ours), fmt(theirs), advantage, goal_text))
        if goal is not None:
            targets.append(("%s, Pillarboard / Backstage" % label, "%.1fx" % advantage, verdict(advantage, goal, False), ">= %sx" % goal))
    w("")

if targets:
    w("### Targets")
    w("")
    w("| target | measured | goal | verdict |")
    w("|---|---|---|---|")
    for name, measured, result, goal in targets:
        w("| %s | %s | %s | %s |" % (name, measured, goal, result))
    w("")

print("\n".join(out))
