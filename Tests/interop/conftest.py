"""Shared fixtures: the built macie-report binary run on samples/demo, once per session."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "samples" / "demo"
AS_OF = "2026-11-24T06:00:00Z"


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
