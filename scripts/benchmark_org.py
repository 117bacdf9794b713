#!/usr/bin/env python3
"""Benchmark the organization walk (issue 13, item 8): `run --org --role-name` on macie2-emulator.

    python3 scripts/benchmark_org.py [--accounts 1000] [--regions 17] [--macie-on 0.2] [--jobs 10]
                                     [--latency-ms 40] [--concurrency 16] [--runs 3] [--bin-dir DIR]
                                     [--data DIR] [--keep]

Generates the organization with scripts/gen_org.py (every member has the role), starts the
release emulator with --latency-ms, and runs `macie-report run --org --role-name MacieReport`
over every region `--runs` times, each against a fresh emulator so its counters are the run's.
Prints, per run, the wall time, the peak RSS of macie-report (os.wait4's rusage), the exit status
and the emulator's request counts; then the median against the floor:

    floor = serial calls x latency + parallel calls x latency / concurrency

where the serial calls are those made before the walk starts (GetCallerIdentity, the
ListAccounts pages) and the parallel ones every other request the run made (AssumeRole,
ListClassificationJobs per account-region, DescribeClassificationJob per job,
FilterLogEvents, GetFindingStatistics), read from /_emulator/counters. Target: median within
1.3x the floor. With --latency-ms 0 it measures time and memory only (the 10 000-account case).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchmark_logs import REPO, counters, run  # noqa: E402
from gen_org import REGIONS  # noqa: E402

SERIAL = {"GetCallerIdentity", "ListAccounts"}
AKID, SECRET = "AKIDBENCH", "bench-secret"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--macie-on", type=float, default=0.2)
    parser.add_argument("--jobs", type=int, default=10)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"))
    parser.add_argument("--data", help="an organization gen_org.py made with these arguments (default: generate one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated organization and outputs")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.bin_dir, "macie-report")):
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    work = tempfile.mkdtemp(prefix="macie-org-bench-")
    data = args.data or os.path.join(work, "org")
    if not args.data:
        subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_org.py"), "--accounts", str(args.accounts),
                        "--regions", str(args.regions), "--macie-on", str(args.macie_on), "--jobs", str(args.jobs),
                        "--out", data], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, AWS_ACCESS_KEY_ID=AKID, AWS_SECRET_ACCESS_KEY=SECRET, AWS_EC2_METADATA_DISABLED="true")
    regions = [a for r in REGIONS[:args.regions] for a in ("--region", r)]
    latency = args.latency_ms / 1000
    results = []
    for n in range(args.runs):
        emulator = subprocess.Popen(
            [os.path.join(args.bin_dir, "macie2-emulator"), "--samples", data, "--port", "0",
             "--credentials", f"{AKID}:{SECRET}", "--latency-ms", str(args.latency_ms)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            url = emulator.stdout.readline().strip()
            out = os.path.join(work, f"out{n}")
            wall, rss, status, err = run(
                [os.path.join(args.bin_dir, "macie-report"), "run", "--org", "--role-name", "MacieReport", *regions,
                 "--endpoint-url", url, "--max-concurrency", str(args.concurrency), "--output-dir", out,
                 "--format", "csv", "--quiet"], env)
            requests = counters(url)["requests"]
        finally:
            emulator.terminate()
            emulator.wait()
        if status not in (0, 3):
            print(err[-2000:], file=sys.stderr)
            sys.exit(f"run {n + 1}: macie-report exited {status}")
        serial = sum(v for k, v in requests.items() if k in SERIAL)
        parallel = sum(v for k, v in requests.items() if k not in SERIAL)
        floor = serial * latency + parallel * latency / args.concurrency
        results.append((wall, rss, floor))
        print(f"run {n + 1}: {wall:.1f} s, peak RSS {rss:.0f} MB, exit {status}, "
              f"requests {dict(sorted(requests.items()))}", flush=True)
        print(f"  floor {floor:.1f} s = {serial} serial x {args.latency_ms} ms + {parallel} parallel x "
              f"{args.latency_ms} ms / {args.concurrency}" if latency else "  no latency: no floor", flush=True)

    wall = statistics.median(r[0] for r in results)
    rss = max(r[1] for r in results)
    print(f"{args.accounts} accounts x {args.regions} regions, Macie on in {args.macie_on:.0%} with {args.jobs} jobs, "
          f"{args.latency_ms} ms latency, --max-concurrency {args.concurrency}: median {wall:.1f} s over {args.runs} "
          f"run(s), peak RSS {rss:.0f} MB")
    if latency:
        floor = statistics.median(r[2] for r in results)
        print(f"floor {floor:.1f} s; median / floor = {wall / floor:.2f} (target <= 1.3)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept {work}")


if __name__ == "__main__":
    main()
