#!/usr/bin/env python3
"""Benchmark the live walk with the job log lookup against macie2-emulator.

    python3 scripts/benchmark_logs.py [--jobs 2000] [--latency-ms 40] [--logs-rate 5]
                                      [--runs 3] [--concurrency 16]

Serves N synthetic jobs in one region (scripts/gen_samples.py --error-events: 10 % of them
ERROR with 1-200 log events each) from macie2-emulator with a fixed delay on every response
and its CloudWatch Logs rate limit on (--logs-rate requests a second for the account-region,
over it ThrottlingException), runs `macie-report run --format csv` against it, and prints the
median wall time and peak RSS beside the floor: the Macie2 walk's floor (list pages x latency
+ jobs x latency / concurrency) plus the Logs requests the run made / the Logs rate (one
account-region, so its lookups cannot run faster than that). The same walk with --no-job-logs
is shown for comparison. Prints figures; never asserts. Standard library only.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def counters(url):
    with urllib.request.urlopen(url + "/_emulator/counters") as response:
        return json.load(response)


def run(argv, env):
    """(wall seconds, peak RSS in MB, exit status, stderr)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err.read().decode(errors="replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--logs-rate", type=float, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"))
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.bin_dir, "macie-report")):
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    work = tempfile.mkdtemp(prefix="macie-logs-bench-")
    data = os.path.join(work, "data")
    subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_samples.py"), "--jobs", str(args.jobs),
                    "--regions", "1", "--error-events", "--out", data], check=True, stdout=subprocess.DEVNULL)
    region = next(name for name in os.listdir(data) if name.endswith(".json"))[:-len(".json")]
    with open(os.path.join(data, "logs", f"{region}.json"), encoding="utf-8") as f:
        entries = json.load(f)
    events = sum(len(e.get("events", [])) for e in entries)
    emulator = subprocess.Popen(
        [os.path.join(args.bin_dir, "macie2-emulator"), "--samples", data, "--port", "0",
         "--credentials", "AKIDBENCH:bench-secret", "--latency-ms", str(args.latency_ms),
         "--logs-rate", str(args.logs_rate)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = emulator.stdout.readline().strip()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_EC2_METADATA_DISABLED="true")
    latency = args.latency_ms / 1000
    walk_floor = math.ceil(args.jobs / 200) * latency + args.jobs * latency / args.concurrency
    results = {}
    try:
        for label, extra in (("with job logs", []), ("--no-job-logs", ["--no-job-logs"])):
            walls, rss, requests, throttled = [], [], [], []
            for _ in range(args.runs):
                before = counters(url)
                wall, peak, status, stderr = run(
                    [os.path.join(args.bin_dir, "macie-report"), "run", "--region", region, "--endpoint-url", url,
                     "--output-dir", os.path.join(work, "out"), "--format", "csv", "--quiet",
                     "--max-concurrency", str(args.concurrency), *extra], env)
                after = counters(url)
                if status != 0:
                    print(f"{label}: run exited {status}: {stderr.strip()[:500]}", file=sys.stderr)
                walls.append(wall)
                rss.append(peak)
                requests.append(after["requests"].get("FilterLogEvents", 0) - before["requests"].get("FilterLogEvents", 0))
                throttled.append(after.get("throttled", 0) - before.get("throttled", 0))
                print(f"  {label}: {wall:6.2f} s, {peak:.0f} MB, {requests[-1]} FilterLogEvents", file=sys.stderr)
            results[label] = (statistics.median(walls), statistics.median(rss), statistics.median(requests),
                              statistics.median(throttled))
    finally:
        emulator.terminate()
        emulator.wait()

    failed = sum(1 for e in entries if e.get("events"))
    print(f"job logs: {args.jobs} jobs in one region, {failed} with {events} log events, {args.latency_ms} ms per "
          f"response, Logs rate {args.logs_rate:g}/s, --max-concurrency {args.concurrency}, {os.cpu_count()} cores, "
          f"median of {args.runs}")
    print(f"{'':>15}  {'wall':>8}  {'floor':>8}  {'wall/floor':>10}  {'peak RSS':>9}  {'Logs requests':>13}  "
          f"{'throttled':>9}")
    for label, (wall, rss, requests, throttled) in results.items():
        floor = walk_floor + (requests / args.logs_rate if requests else 0)
        print(f"{label:>15}  {wall:7.2f}s  {floor:7.2f}s  {wall / floor:9.2f}x  {rss:7.0f}MB  {requests:>13.0f}  "
              f"{throttled:>9.0f}")
    print("floor = list pages x latency + jobs x latency / concurrency + Logs requests / Logs rate; "
          "target: within 1.25x")


if __name__ == "__main__":
    main()
