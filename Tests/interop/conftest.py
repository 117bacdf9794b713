"""Shared fixtures: the built macie-report binary run on samples/demo, once per session."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.request

import pytest

import operations_seen

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


def pytest_configure(config):
    """moto's recorder writes to MOTO_RECORDER_FILEPATH, read once when moto.moto_api is first
    imported (default: ./moto_recording): point it at a directory of this session's, before any
    test module imports moto."""
    if "moto.moto_api" in sys.modules:
        raise pytest.UsageError("moto was imported before Tests/interop/conftest.py could place its recording")
    folder = tempfile.mkdtemp(prefix="macie-report-moto-")
    config.moto_recording_folder = folder
    os.environ["MOTO_RECORDER_FILEPATH"] = os.path.join(folder, "recording.jsonl")


def pytest_unconfigure(config):
    folder = getattr(config, "moto_recording_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_deselected(items):
    """Deselected tests (-k, --lf) mean a partial run: the IAM policy test skips on one."""
    operations_seen.note_deselected(len(items))


def moto_post(url, body=b""):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request) as response:
        return response.read()


@pytest.fixture
def moto_url():
    """moto's server on loopback, port 0, recording every request it serves; at the end the
    operations macie-report sent it are registered (operations_seen) for the IAM policy test,
    moto's IAM authorization (a process-wide switch a test may turn on) is switched off again,
    and the server stopped."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        moto_post(url + "/moto-api/reset")  # moto's state is this process's: each test starts from none
        moto_post(url + "/moto-api/recorder/reset-recording")
        moto_post(url + "/moto-api/recorder/start-recording")
        yield url
        operations_seen.record_moto(url)
    finally:
        moto_post(url + "/moto-api/recorder/stop-recording")
        moto_post(url + "/moto-api/reset-auth", b"inf")
        server.stop()


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


# Three accounts in two regions, as Tests/TestSupport/CoverageSamples.swift has them: Prod
# read in us-east-1 with Macie off in eu-west-1, "=Finance, EU" read in us-east-1 and denied
# in eu-west-1, Sandbox whose role could not be assumed. Written here, independently.
COVERAGE_ROLE_REASON = "role MacieReport could not be assumed in account 444455556666: AccessDenied"
COVERAGE_DENIED_REASON = "access denied listing the jobs (macie2:ListClassificationJobs); grant it in eu-west-1"
COVERAGE_ACCOUNTS = {"111122223333": "Prod", "444455556666": "Sandbox <test>", "777788889999": "=Finance, EU"}
COVERAGE_STATES = {
    ("111122223333", "eu-west-1"): "macie-off", ("111122223333", "us-east-1"): "ok",
    ("444455556666", "eu-west-1"): "role-denied", ("444455556666", "us-east-1"): "role-denied",
    ("777788889999", "eu-west-1"): "denied", ("777788889999", "us-east-1"): "ok",
}


def coverage_samples(folder: pathlib.Path) -> pathlib.Path:
    import json

    def job(job_id, name, account, error):
        return {"jobId": job_id, "jobArn": f"arn:aws:macie2:us-east-1:{account}:classification-job/{job_id}",
                "name": name, "jobStatus": "RUNNING", "jobType": "SCHEDULED",
                "lastRunErrorStatus": {"code": "ERROR" if error else "NONE"}}

    scopes = []
    for (account, region), state in sorted(COVERAGE_STATES.items()):
        entry = {"accountId": account, "accountName": COVERAGE_ACCOUNTS[account], "region": region}
        if state != "ok":
            entry["state"] = state
        if state in ("role-denied", "denied"):
            reason = COVERAGE_ROLE_REASON if state == "role-denied" else COVERAGE_DENIED_REASON
            entry["gap"] = {"reason": reason, "listIsComplete": False}
        scopes.append(entry)
    (folder / "scopes.json").write_text(json.dumps({"format": "macie-report samples", "version": 1, "scopes": scopes}))
    for account, jobs in {"111122223333": [job("a1", "nightly pii", "111122223333", True),
                                           job("a2", "weekly", "111122223333", False)],
                          "777788889999": [job("f1", "ledger", "777788889999", False)]}.items():
        (folder / account).mkdir()
        (folder / account / "us-east-1.json").write_text(json.dumps(jobs))
    return folder


@pytest.fixture(scope="session")
def coverage_reports(tmp_path_factory) -> pathlib.Path:
    """Every report of the three-account walk, unguarded; the run exits 3 (an account not reached)."""
    samples = coverage_samples(tmp_path_factory.mktemp("coverage-samples"))
    out = tmp_path_factory.mktemp("coverage")
    result = subprocess.run(
        [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--as-of", AS_OF, "--quiet",
         "--no-formula-guard"], capture_output=True, text=True, check=False)
    assert result.returncode == 3, result.stderr
    return out
