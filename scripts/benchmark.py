#!/usr/bin/env python3
"""Benchmark macie-report on synthetic datasets and print the figures.

    python3 scripts/benchmark.py [--jobs 10000,100000] [--runs 5]
                                 [--binary PATH] [--data-dir DIR]

For each dataset size N (DIR/jobs-N, generated with scripts/gen_samples.py
when missing):

  * end to end: `macie-report run` with every format, --runs times, with
    MACIE_REPORT_TIMINGS=1; the wall time and peak RSS of each child (its own
    rusage, from os.wait4) and the median of each `timing:` line;
  * the XLSX stage against its floor: `timing: report.xlsx` from runs with
    --format xlsx alone, and Benchmarks/xlsx_floor.c (libxlsxwriter writing
    the same Jobs sheet from data already in memory) on a jobs.csv written
    with --no-formula-guard from the same data.

Prints figures and the targets beside them; it never asserts. Builds the
release binary when missing and compiles xlsx_floor into a temporary
directory (needs cc and pkg-config xlsxwriter). MB here is 2^20 bytes, as in
macie-report's own timing lines. Standard library only.
"""

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-24T06:00:00Z"
TIMING = re.compile(r"^timing: (.+?) ([0-9.]+) s(?:, rss ([0-9.]+) MB)?$", re.M)
FLOOR = re.compile(r"floor_seconds=([0-9.]+) rows=(\d+) cells=(\d+)")


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(argv, env=None):
    """Runs argv to completion: (wall seconds, peak RSS in MB, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode != 0:
        sys.exit(f"benchmark: {shlex.join(argv)} exited {child.returncode}\n{stderr}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    return wall, rss, stdout, stderr


def ensure_binary(path):
    if not os.path.exists(path):
        log(f"building {path} (swift build -c release)")
        subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)
    return path


def compile_floor(directory):
    floor = os.path.join(directory, "xlsx_floor")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter"],
                           check=True, capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", floor,
                    os.path.join(REPO, "Benchmarks", "xlsx_floor.c"), *flags], check=True)
    return floor


def ensure_dataset(data_dir, jobs):
    path = os.path.join(data_dir, f"jobs-{jobs}")
    if not os.path.isdir(path):
        log(f"generating {path}")
        partial = path + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_samples.py"),
                        "--jobs", str(jobs), "--out", partial], check=True, stdout=subprocess.DEVNULL)
        os.rename(partial, path)
    return path


def median_stages(stderrs):
    """The median seconds and RSS of each `timing:` stage, in first-seen order."""
    stages = {}
    for text in stderrs:
        for name, seconds, rss in TIMING.findall(text):
            stages.setdefault(name, []).append((float(seconds), float(rss or "nan")))
    return {name: (statistics.median(s for s, _ in values), statistics.median(r for _, r in values))
            for name, values in stages.items()}


def bench(binary, floor, samples, runs, scratch):
    """All the figures for one dataset."""
    env = dict(os.environ, MACIE_REPORT_TIMINGS="1")
    out = os.path.join(scratch, "out")

    def report(*extra):
        shutil.rmtree(out, ignore_errors=True)
        return run([binary, "run", "--samples", samples, "--output-dir", out,
                    "--quiet", "--as-of", AS_OF, *extra], env)

    walls, rsses, stderrs = [], [], []
    for i in range(runs):
        wall, rss, _, stderr = report()
        log(f"  end to end run {i + 1}/{runs}: {wall:.2f} s, {rss:.0f} MB")
        walls.append(wall)
        rsses.append(rss)
        stderrs.append(stderr)

    csv = os.path.join(scratch, "jobs.csv")
    report("--format", "csv", "--no-formula-guard")
    shutil.move(os.path.join(out, "jobs.csv"), csv)

    # Interleaved, so drift in the machine's speed affects both sides alike.
    stage, floors = [], []
    for i in range(runs):
        stages = median_stages([report("--format", "xlsx")[3]])
        stage.append(stages["report.xlsx"][0])
        shutil.rmtree(out, ignore_errors=True)
        os.mkdir(out)
        match = FLOOR.search(run([floor, csv, os.path.join(out, "floor.xlsx")])[2])
        floors.append(float(match.group(1)))
        rows, cells = int(match.group(2)), int(match.group(3))
        log(f"  xlsx run {i + 1}/{runs}: stage {stage[-1]:.3f} s, floor {floors[-1]:.3f} s")
    shutil.rmtree(out, ignore_errors=True)

    return {
        "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
        "rss": statistics.median(rsses), "stages": median_stages(stderrs),
        "xlsx": statistics.median(stage), "floor": statistics.median(floors),
        "floor_min": min(floors), "floor_max": max(floors), "rows": rows, "cells": cells,
    }


def table(sizes, results, runs, binary):
    """The summary: one column per dataset size, then the target."""
    def each(format_one):
        return [format_one(results[n]) for n in sizes]

    rows = [
        ("end to end, median wall", each(lambda r: f"{r['wall']:.2f} s"), "100k: < 10 s"),
        ("  min / max", each(lambda r: f"{r['min']:.2f} / {r['max']:.2f} s"), ""),
        ("  peak RSS, median", each(lambda r: f"{r['rss']:.0f} MB"), "100k: < 300 MB"),
        ("stages, median (s, rss)", [""] * len(sizes), ""),
    ]
    names = []
    for n in sizes:
        names += [name for name in results[n]["stages"] if name not in names]
    for name in names:
        rows.append((f"  {name}", each(lambda r: "{:.3f}  {:.0f} MB".format(*r["stages"][name])
                                        if name in r["stages"] else "-"), ""))
    rows += [
        ("XLSX stage, --format xlsx", each(lambda r: f"{r['xlsx']:.3f} s"), ""),
        ("xlsx_floor (libxlsxwriter)", each(lambda r: f"{r['floor']:.3f} s"), ""),
        ("  floor min / max", each(lambda r: f"{r['floor_min']:.3f} / {r['floor_max']:.3f} s"), ""),
        ("  rows / cells written", each(lambda r: f"{r['rows']:,} / {r['cells']:,}"), ""),
        ("  floor throughput", each(lambda r: f"{r['cells'] / r['floor'] / 1e6:.2f} M cells/s"), ""),
        ("ratio stage / floor", each(lambda r: f"{r['xlsx'] / r['floor']:.2f}x"), "<= 1.3x"),
    ]
    header = ("", [f"{n:,} jobs" for n in sizes], "target")
    label = max(len(r[0]) for r in rows)
    widths = [max(len(header[1][i]), *(len(r[1][i]) for r in rows)) for i in range(len(sizes))]

    def line(row):
        cells = "  ".join(value.rjust(width) for value, width in zip(row[1], widths))
        return f"{row[0].ljust(label)}  {cells}  {row[2]}".rstrip()

    print(f"macie-report benchmark: {os.cpu_count()} cores, {runs} runs each, "
          f"{os.path.relpath(binary, REPO)}")
    print(line(header))
    for row in rows:
        print(line(row))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", default="10000,100000", help="dataset sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="runs of each measurement (median reported)")
    ap.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "macie-report"))
    ap.add_argument("--data-dir", default="/tmp/macie-bench", help="where the jobs-N datasets live")
    args = ap.parse_args()
    sizes = [int(n) for n in args.jobs.split(",")]
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    binary = ensure_binary(os.path.abspath(args.binary))

    os.makedirs(args.data_dir, exist_ok=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="macie-bench-") as scratch:
        floor = compile_floor(scratch)
        for n in sizes:
            samples = ensure_dataset(args.data_dir, n)
            log(f"{n:,} jobs ({samples})")
            results[n] = bench(binary, floor, samples, args.runs, scratch)
    table(sizes, results, args.runs, binary)


if __name__ == "__main__":
    main()
