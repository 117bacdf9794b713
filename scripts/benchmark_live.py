#!/usr/bin/env python3
"""Benchmark the live walk against macie2-emulator with network-like latency.

    python3 scripts/benchmark_live.py [--jobs 2000] [--latency-ms 40] [--runs 3]
                                      [--concurrency 1,4,8,16,32,64]

Serves N synthetic jobs (scripts/gen_samples.py, one region) from macie2-emulator with a
fixed delay on every response, runs `macie-report run --format csv` against it at each
--max-concurrency, and prints the median wall time beside the floor the latency alone
allows: list pages x latency + jobs x latency / concurrency (pages of 200 jobs). Concurrency
1 is the sequential walk. Prints figures; never asserts. Standard library only.
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", default="1,4,8,16,32,64")
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"))
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.bin_dir, "macie-report")):
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    work = tempfile.mkdtemp(prefix="macie-live-bench-")
    data = os.path.join(work, "data")
    subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_samples.py"), "--jobs", str(args.jobs),
                    "--regions", "1", "--out", data], check=True, stdout=subprocess.DEVNULL)
    region = os.listdir(data)[0][:-len(".json")]
    emulator = subprocess.Popen(
        [os.path.join(args.bin_dir, "macie2-emulator"), "--samples", data, "--port", "0",
         "--credentials", "AKIDBENCH:bench-secret", "--latency-ms", str(args.latency_ms)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = emulator.stdout.readline().strip()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_EC2_METADATA_DISABLED="true")
    latency = args.latency_ms / 1000
    pages = math.ceil(args.jobs / 200)
    rows = []
    try:
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            walls = []
            for _ in range(args.runs):
                out = os.path.join(work, "out")
                start = time.monotonic()
                result = subprocess.run(
                    [os.path.join(args.bin_dir, "macie-report"), "run", "--region", region, "--endpoint-url", url,
                     "--output-dir", out, "--format", "csv", "--quiet", "--max-concurrency", str(concurrency)],
                    env=env, capture_output=True, text=True)
                walls.append(time.monotonic() - start)
                if result.returncode != 0:
                    print(f"run failed at concurrency {concurrency}: {result.stderr.strip()}", file=sys.stderr)
            floor = pages * latency + args.jobs * latency / concurrency
            rows.append((concurrency, statistics.median(walls), floor))
            print(f"  concurrency {concurrency:>3}: median {statistics.median(walls):6.2f} s", file=sys.stderr)
    finally:
        emulator.terminate()
        emulator.wait()

    sequential = rows[0][1] if rows and rows[0][0] == 1 else None
    print(f"live walk: {args.jobs} jobs, {pages} list pages, {args.latency_ms} ms per response, "
          f"{os.cpu_count()} cores, median of {args.runs}")
    print(f"{'concurrency':>11}  {'wall':>8}  {'floor':>8}  {'wall/floor':>10}  {'speed-up vs sequential':>22}")
    for concurrency, wall, floor in rows:
        speedup = f"{sequential / wall:.1f}x" if sequential else "-"
        print(f"{concurrency:>11}  {wall:7.2f}s  {floor:7.2f}s  {wall / floor:9.2f}x  {speedup:>22}")
    print("target: within 1.25x of the floor")


if __name__ == "__main__":
    main()
