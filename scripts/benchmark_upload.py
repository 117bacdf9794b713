#!/usr/bin/env python3
"""Measure where multipart uploads should start: the S3 upload of a 100 000-job run's reports.

    python3 scripts/benchmark_upload.py [--jobs 100000] [--runs 3] [--latency-ms 40]
                                        [--thresholds 5120,64,32,16,8] [--bin-dir .build/release]

Generates the dataset (scripts/gen_samples.py --findings), then runs `macie-report run
--samples` with --s3-uri against macie2-emulator's S3 (a fixed delay on every answer, as a
round trip to a regional endpoint), once per multipart threshold (the hidden
--s3-multipart-threshold-mib; 5120 means every file goes up in one PutObject), and once
without --s3-uri. Prints, per threshold, the median wall time, the median upload time (the
run's wall minus the run without upload), the median peak RSS, and the requests S3 saw.
Prints figures; never asserts. Standard library only.
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

S3_OPERATIONS = ["PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=40)
    parser.add_argument("--thresholds", default="5120,64,32,16,8")
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"))
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.bin_dir, "macie-report")):
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)

    work = tempfile.mkdtemp(prefix="macie-upload-bench-")
    data = os.path.join(work, "data")
    subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_samples.py"), "--jobs", str(args.jobs),
                    "--findings", "--out", data], check=True, stdout=subprocess.DEVNULL)
    # The emulator serves S3 beside Macie2; an empty region is enough of a dataset for it.
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    with open(os.path.join(empty, "us-east-1.json"), "w") as f:
        f.write("[]\n")
    emulator = subprocess.Popen(
        [os.path.join(args.bin_dir, "macie2-emulator"), "--samples", empty, "--port", "0",
         "--credentials", "AKIDBENCH:bench-secret", "--latency-ms", str(args.latency_ms), "--s3-bucket", "reports"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = emulator.stdout.readline().strip()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               AWS_EC2_METADATA_DISABLED="true", AWS_REGION="us-east-1")
    base = [os.path.join(args.bin_dir, "macie-report"), "run", "--samples", data, "--quiet",
            "--as-of", "2026-11-24T06:00:00Z"]
    cases = [("no upload", None)] + [(f"threshold {t} MiB", int(t)) for t in args.thresholds.split(",")]
    results = {}
    try:
        for label, threshold in cases:
            walls, rss, requests = [], [], []
            for attempt in range(args.runs):
                out = os.path.join(work, "out")
                shutil.rmtree(out, ignore_errors=True)
                extra = [] if threshold is None else [
                    "--endpoint-url", url, "--s3-uri", f"s3://reports/bench/{attempt}/",
                    "--s3-multipart-threshold-mib", str(threshold)]
                before = counters(url)["requests"]
                wall, peak, status, stderr = run(base + ["--output-dir", out] + extra, env)
                after = counters(url)["requests"]
                if status != 0:
                    print(f"{label}: run exited {status}: {stderr.strip()[:500]}", file=sys.stderr)
                seen = {op: after.get(op, 0) - before.get(op, 0) for op in S3_OPERATIONS}
                walls.append(wall)
                rss.append(peak)
                requests.append(seen)
                print(f"  {label}: {wall:6.2f} s, {peak:.0f} MB, {seen}", file=sys.stderr)
            results[label] = (statistics.median(walls), statistics.median(rss), requests[-1])
        out = os.path.join(work, "out")
        sizes = ", ".join(f"{name} {os.path.getsize(os.path.join(out, name)) / 1e6:.1f} MB"
                          for name in sorted(os.listdir(out)))
    finally:
        emulator.terminate()
        emulator.wait()
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.jobs} jobs, {args.latency_ms} ms a request, medians of {args.runs}; reports: {sizes}")
    none = results["no upload"][0]
    print(f"{'case':<22} {'wall':>8} {'upload':>8} {'peak RSS':>9}  S3 requests")
    for label, (wall, peak, seen) in results.items():
        upload = "" if label == "no upload" else f"{wall - none:7.2f}s"
        calls = ", ".join(f"{op} {n}" for op, n in seen.items() if n)
        print(f"{label:<22} {wall:7.2f}s {upload:>8} {peak:7.0f}MB  {calls}")


if __name__ == "__main__":
    main()
