#!/usr/bin/env python3
"""Small helpers for the benchmark scripts (benchmarks/lib.sh calls them).

    benchlib.py rec FILE kind=http name=get-by-slug size=10000 rps=5120.4 ...
        appends one JSON object to FILE (numbers stay numbers); every record also gets the
        1-minute load average of the moment ("load") unless it names one.
    benchlib.py measure PID... -- COMMAND...
        runs COMMAND (a load generator), passes its output through, then prints
        "OTHERS others_share load1": the share of the machine's CPU (0..1) that processes other than
        PID... (and their children), PostgreSQL and COMMAND used meanwhile, and the load average.
    benchlib.py wait-ready URL PID
        polls URL every 20 ms until it answers 200 and prints the milliseconds since the
        process PID was started (from /proc), or exits 1 if PID exits first.
    benchlib.py others PID
        prints the other benchmark scripts running on this machine (command lines naming
        benchmarks/<name>.sh or .py), leaving out PID's ancestors and descendants (itself, its
        subshells, the benchmark that started it).
    benchlib.py queue-empty TIMEOUT_S PSQL...
        runs the psql command until the scorecard's evaluation queue holds no product that will
        still be evaluated (parked ones excluded); exits 1 after TIMEOUT_S.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def cpu_seconds(pid):
    try:
        with open("/proc/%s/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / TICK
    except OSError:
        return 0.0


def process_tree(pid):
    """pid and all its descendants (a service started through a subshell, npm's node...)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as stat:
                    parent = stat.read().rsplit(")", 1)[1].split()[1]
                children.setdefault(parent, []).append(entry)
            except OSError:
                pass
    found, todo = [], [str(pid)]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def postgres_cpu():
    used = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/comm" % entry) as comm:
                    if comm.read().strip() == "postgres":
                        used += cpu_seconds(entry)
            except OSError:
                pass
    return used


def machine_busy():
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:9]]
    user, nice, system, _, _, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICK


def snapshot(pids):
    ours = sum(cpu_seconds(p) for pid in pids for p in process_tree(pid))
    return {"t": time.monotonic(), "busy": machine_busy(), "pg": postgres_cpu(), "ours": ours}


def number(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def main(args):
    command = args[0]
    if command == "rec":
        record = {}
        for pair in args[2:]:
            key, _, value = pair.partition("=")
            record[key] = number(value)
        record.setdefault("load", load1())
        with open(args[1], "a") as out:
            out.write(json.dumps(record) + "\n")
    elif command == "measure":
        split = args.index("--")
        pids, argv = args[1:split], args[split + 1:]
        before = snapshot(pids)
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        after = snapshot(pids)
        sys.stdout.write(output)
        elapsed = after["t"] - before["t"]
        others = ((after["busy"] - before["busy"]) - (after["pg"] - before["pg"]) - (after["ours"] - before["ours"])
                  - (usage.ru_utime + usage.ru_stime))
        print("OTHERS %.2f %.2f" % (max(0.0, others) / (elapsed * os.cpu_count()), load1()))
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("%s exited with %d" % (argv[0], os.waitstatus_to_exitcode(status)))
    elif command == "wait-ready":
        url, pid = args[1], args[2]
        with open("/proc/%s/stat" % pid) as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as uptime:
            started = time.time() - (float(uptime.read().split()[0]) - start_ticks / TICK)
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except Exception:
                try:
                    with open("/proc/%s/stat" % pid) as stat:
                        if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                            raise OSError
                except OSError:
                    sys.exit("the process %s exited before %s answered" % (pid, url))
                time.sleep(0.02)
        print(int((time.time() - started) * 1000))
    elif command == "others":
        import re
        pattern = re.compile(r"benchmarks/[a-z_-]+\.(sh|py)\b")
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as stat:
                        parents[entry] = stat.read().rsplit(")", 1)[1].split()[1]
                except OSError:
                    pass
        mine, current = set(), args[1]
        while current in parents and current not in mine:
            mine.add(current)
            current = parents[current]
        mine.update(process_tree(args[1]))
        mine.update(process_tree(os.getpid()))
        for pid in sorted(parents, key=int):
            if pid in mine:
                continue
            try:
                with open("/proc/%s/cmdline" % pid) as cmdline:
                    line = cmdline.read().replace("\0", " ").strip()
            except OSError:
                continue
            if pattern.search(line):
                print(pid, line)
    elif command == "queue-empty":
        deadline = time.monotonic() + float(args[1])
        query = "SELECT count(*) FROM evaluation_queue WHERE parked_at IS NULL"
        while True:
            left = int(subprocess.run(args[2:] + ["-tAc", query], check=True, capture_output=True, text=True).stdout)
            if left == 0:
                return
            if time.monotonic() > deadline:
                sys.exit("%d products still queued for evaluation after %s s" % (left, args[1]))
            time.sleep(0.2)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
