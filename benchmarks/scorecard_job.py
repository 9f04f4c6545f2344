#!/usr/bin/env python3
"""Times one full re-evaluation of the scorecard service (used by benchmarks/scorecard.sh).

    scorecard_job.py BASE TOKEN SERVICE_PID evaluate
    scorecard_job.py BASE TOKEN SERVICE_PID publish RUBRIC.yaml

`evaluate` starts a job with POST /api/evaluations; `publish` publishes a rubric with PUT /api/rubric,
which starts one. Either way it polls the job every 100 ms, in this one process (starting a process
per poll would take CPU from the service on a small machine), until it is done.
Prints one line: elapsed_ms done/total service_cpu_s postgres_cpu_s others_cpu_s
(CPU seconds used during the job by the service's JVM, by all PostgreSQL processes, and by everything
else on the machine, this script included; from /proc).
With THREADS=1 in the environment it also prints the service's CPU per thread name to stderr.
"""
import json
import os
import sys
import time
import urllib.request

base, token, pid, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
TICK = os.sysconf("SC_CLK_TCK")


def call(method, path, body=None, content_type="application/json"):
    request = urllib.request.Request(path if path.startswith("http") else base + path, data=body, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, json.loads(response.read() or b"null")


def cpu_seconds(process):
    with open("/proc/%s/stat" % process) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def threads(process):
    """CPU seconds per thread name of a process (digits in names folded, so pools add up)."""
    used = {}
    for thread in os.listdir("/proc/%s/task" % process):
        try:
            with open("/proc/%s/task/%s/comm" % (process, thread)) as comm:
                name = "".join("#" if ch.isdigit() else ch for ch in comm.read().strip())
            used[name] = used.get(name, 0.0) + cpu_seconds("%s/task/%s" % (process, thread))
        except OSError:
            pass
    return used


def postgres_processes():
    """CPU seconds and title (backend, walwriter, autovacuum worker...) per PostgreSQL process id."""
    used = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/comm" % entry) as comm:
                    if comm.read().strip() != "postgres":
                        continue
                with open("/proc/%s/cmdline" % entry) as cmdline:
                    title = cmdline.read().replace("\0", " ").strip()
                used[entry] = (cpu_seconds(entry), title)
            except OSError:
                pass  # gone meanwhile
    return used


def machine_cpu():
    """CPU seconds all processes of the machine have used (busy time of every core)."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:9]]
    user, nice, system, _, _, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICK


def postgres_cpu():
    return sum(used for used, _ in postgres_processes().values())


service0, postgres0, machine0 = cpu_seconds(pid), postgres_cpu(), machine_cpu()
threads0, processes0 = threads(pid), postgres_processes()
start = time.monotonic()
if mode == "evaluate":
    _, headers, job = call("POST", "/api/evaluations")
    location = headers["Location"]
else:
    with open(sys.argv[5], "rb") as rubric:
        _, _, published = call("PUT", "/api/rubric", rubric.read(), "application/yaml")
    job = published["evaluation"]
    location = "/api/evaluations/" + job["id"]
while job["status"] not in ("done", "failed"):
    time.sleep(0.1)
    _, _, job = call("GET", location)
elapsed = (time.monotonic() - start) * 1000
service_cpu, postgres_cpu_used = cpu_seconds(pid) - service0, postgres_cpu() - postgres0
others_cpu = max(0.0, machine_cpu() - machine0 - service_cpu - postgres_cpu_used)
if job["status"] == "failed":
    raise SystemExit("evaluation job failed: %s" % json.dumps(job))
if os.environ.get("THREADS"):
    threads1 = threads(pid)
    by_thread = sorted(((threads1[n] - threads0.get(n, 0.0), n) for n in threads1), reverse=True)
    print("service CPU by thread: " + ", ".join("%s %.1f" % (n, t) for t, n in by_thread if t >= 0.05), file=sys.stderr)
    by_process = {}
    for process, (used, title) in postgres_processes().items():
        kind = "backend" if "(" in title else title.split(":")[-1].strip()
        by_process[kind] = by_process.get(kind, 0.0) + used - processes0.get(process, (0.0, ""))[0]
    print("PostgreSQL CPU by process: " + ", ".join("%s %.1f" % (k, t) for k, t in sorted(by_process.items(), key=lambda kv: -kv[1])
                                                     if t >= 0.05), file=sys.stderr)
print("%.0f %d/%d %.1f %.1f %.1f" % (elapsed, job["done"], job["total"], service_cpu, postgres_cpu_used, others_cpu))
