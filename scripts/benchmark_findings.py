#!/usr/bin/env python3
"""Benchmark the finding counts: their cost live (calls, wall time) and offline (time, memory).

    python3 scripts/benchmark_findings.py [--jobs 5000] [--offline-jobs 100000] [--latency-ms 40]
                                          [--runs 3] [--concurrency 16]

Live: serves N synthetic jobs in one region (scripts/gen_samples.py --findings: about 60 %
of the jobs that ran have findings) from macie2-emulator with a fixed delay on every
response, and runs `macie-report run --format csv --no-job-logs` against it with and
without --no-findings: median wall time, peak RSS and GetFindingStatistics calls, beside
the floor (list pages x latency + (jobs + findings calls) x latency / concurrency).
Offline: the same with --offline-jobs jobs in 4 regions from the samples, all formats.
Prints figures; never asserts. Standard library only.
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchmark_logs import REPO, counters, run  # noqa: E402


def generate(jobs, regions, out):
    subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_samples.py"), "--jobs", str(jobs),
                    "--regions", str(regions), "--findings", "--out", out], check=True, stdout=subprocess.DEVNULL)


def measure(label, argv, env, runs, url=None):
    """Median (wall, peak RSS, GetFindingStatistics calls) of `runs` runs."""
    walls, rss, calls = [], [], []
    for _ in range(runs):
        before = counters(url) if url else None
        wall, peak, status, stderr = run(argv, env)
        if status != 0:
            print(f"{label}: run exited {status}: {stderr.strip()[:500]}", file=sys.stderr)
        walls.append(wall)
        rss.append(peak)
        if url:
            after = counters(url)
            calls.append(after["requests"].get("GetFindingStatistics", 0)
                         - before["requests"].get("GetFindingStatistics", 0))
        print(f"  {label}: {wall:6.2f} s, {peak:.0f} MB", file=sys.stderr)
    return statistics.median(walls), statistics.median(rss), statistics.median(calls) if calls else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--offline-jobs", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"))
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.bin_dir, "macie-report")):
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)
    report = os.path.join(args.bin_dir, "macie-report")
    work = tempfile.mkdtemp(prefix="macie-findings-bench-")
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_EC2_METADATA_DISABLED="true")

    live_data = os.path.join(work, "live")
    generate(args.jobs, 1, live_data)
    region = next(name for name in os.listdir(live_data) if name.endswith(".json"))[:-len(".json")]
    emulator = subprocess.Popen(
        [os.path.join(args.bin_dir, "macie2-emulator"), "--samples", live_data, "--port", "0",
         "--credentials", "AKIDBENCH:bench-secret", "--latency-ms", str(args.latency_ms)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = emulator.stdout.readline().strip()
    live = {}
    try:
        for label, extra in (("with findings", []), ("--no-findings", ["--no-findings"])):
            live[label] = measure(label, [
                report, "run", "--region", region, "--endpoint-url", url, "--output-dir", os.path.join(work, "out"),
                "--format", "csv", "--quiet", "--no-job-logs", "--max-concurrency", str(args.concurrency), *extra],
                env, args.runs, url)
    finally:
        emulator.terminate()
        emulator.wait()
    latency = args.latency_ms / 1000
    print(f"live: {args.jobs} jobs in one region, {args.latency_ms} ms per response, --max-concurrency "
          f"{args.concurrency}, {os.cpu_count()} cores, median of {args.runs}")
    print(f"{'':>15}  {'wall':>8}  {'floor':>8}  {'wall/floor':>10}  {'peak RSS':>9}  {'findings calls':>14}")
    for label, (wall, rss, calls) in live.items():
        floor = math.ceil(args.jobs / 200) * latency + (args.jobs + calls) * latency / args.concurrency
        print(f"{label:>15}  {wall:7.2f}s  {floor:7.2f}s  {wall / floor:9.2f}x  {rss:7.0f}MB  {calls:>14.0f}")
    ratio = live["with findings"][0] / live["--no-findings"][0]
    print(f"findings cost live: {ratio:.2f}x the walk without them")

    offline_data = os.path.join(work, "offline")
    generate(args.offline_jobs, 4, offline_data)
    offline = {}
    for label, extra in (("with findings", []), ("--no-findings", ["--no-findings"])):
        offline[label] = measure(label, [
            report, "run", "--samples", offline_data, "--output-dir", os.path.join(work, "out-offline"), "--quiet",
            *extra], env, args.runs)
    print(f"offline: {args.offline_jobs} jobs in 4 regions from samples, every format, median of {args.runs}")
    print(f"{'':>15}  {'wall':>8}  {'peak RSS':>9}")
    for label, (wall, rss, _) in offline.items():
        print(f"{label:>15}  {wall:7.2f}s  {rss:7.0f}MB")
    print(f"findings cost offline: {offline['with findings'][0] / offline['--no-findings'][0]:.2f}x wall, "
          f"{offline['with findings'][1] / offline['--no-findings'][1]:.2f}x peak RSS")


if __name__ == "__main__":
    main()
