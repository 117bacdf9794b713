"""Shared fixtures: the built macie-report binary run on samples/demo, once per session."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "samples" / "demo"
AS_OF = "2026-11-24T06:00:00Z"


def demo_finding_counts() -> dict:
    """jobId → (High, Medium, Low) of samples/demo/findings/*.json, archived findings left
    out as the reports count them by default. Jobs without findings are absent."""
    import json
    counts = {}
    for path in sorted((DEMO / "findings").glob("*.json")):
        for group in json.loads(path.read_text(encoding="utf-8")):
            if group["archived"]:
                continue
            row = counts.setdefault(group["jobId"], [0, 0, 0])
            row[("High", "Medium", "Low").index(group["severity"])] += group["count"]
    return {job: tuple(row) for job, row in counts.items()}


def top_findings(names: dict, limit: int = 10) -> list:
    """The jobIds the reports chart as having the most findings: most High, then most in all
    (names: jobId → anything, the demo's jobs; ties do not occur in the demo)."""
    counts = demo_finding_counts()
    ranked = sorted((job for job in names if sum(counts.get(job, (0, 0, 0))) > 0),
                    key=lambda job: (-counts[job][0], -sum(counts[job])))
    return ranked[:limit]


def binary() -> str:
    path = os.environ.get("MACIE_REPORT_BIN") or str(ROOT / ".build" / "debug" / "macie-report")
    if not os.access(path, os.X_OK):
        pytest.fail(f"macie-report binary not found at {path}; run `swift build` first or set MACIE_REPORT_BIN")
    return path


def run_report(out: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [binary(), "run", "--samples", str(DEMO), "--output-dir", str(out), "--as-of", AS_OF, "--quiet", *extra],
        capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory) -> pathlib.Path:
    """report.xlsx and an unguarded jobs.csv of samples/demo."""
    out = tmp_path_factory.mktemp("demo")
    result = run_report(out, "--no-formula-guard")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def guarded_reports(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("guarded")
    result = run_report(out, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return out
