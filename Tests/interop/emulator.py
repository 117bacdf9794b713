"""Starting and stopping macie2-emulator for the tests, and reading the dataset it serves."""
import contextlib
import datetime
import json
import os
import pathlib
import subprocess
import time
import urllib.request

import boto3
from botocore.config import Config

import operations_seen
from child import PipeLines
from conftest import DEMO, ROOT

AKID, SECRET = "AKIDINTEROP", "interop-secret"


def emulator_binary() -> str:
    report = os.environ.get("MACIE_REPORT_BIN") or str(ROOT / ".build" / "debug" / "macie-report")
    return str(pathlib.Path(report).with_name("macie2-emulator"))


@contextlib.contextmanager
def running(*args, samples=DEMO):
    """The emulator on a free port; yields its URL; always stopped. Both of its pipes are read
    on threads of their own for as long as it runs, so it never blocks on a full one, and its
    endpoint line has a deadline. When the block ends without an error, the operations
    macie-report sent it are registered (operations_seen) for the IAM policy test."""
    process = subprocess.Popen(
        [emulator_binary(), "--samples", str(samples), "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = PipeLines(process.stdout), PipeLines(process.stderr)
    try:
        url = (out.until("", time.monotonic() + 120) or "").strip()
        assert url.startswith("http://127.0.0.1:"), (
            err.rest(time.monotonic() + 30) if process.poll() is not None else err.so_far())
        yield url
        operations_seen.record_emulator(counters(url))
    finally:
        process.terminate()
        process.wait(timeout=10)


def client(url, region="us-east-1", secret=SECRET, token=None, attempts=None, key=AKID):
    config = Config(retries={"mode": "standard", "max_attempts": attempts}) if attempts else Config()
    return boto3.client(
        "macie2", region_name=region, endpoint_url=url, aws_access_key_id=key,
        aws_secret_access_key=secret, aws_session_token=token, config=config)


def logs_client(url, region="us-east-1", attempts=None):
    """boto3's CloudWatch Logs client on the emulator; `attempts` selects the standard retry mode."""
    config = Config(retries={"mode": "standard", "max_attempts": attempts}) if attempts else Config()
    return boto3.client(
        "logs", region_name=region, endpoint_url=url, aws_access_key_id=AKID, aws_secret_access_key=SECRET,
        config=config)


def recorded_logs():
    """region → jobId → events, straight from samples/demo/logs."""
    return {path.stem: {entry["jobId"]: entry.get("events", []) for entry in json.loads(path.read_text(encoding="utf-8"))}
            for path in sorted((DEMO / "logs").glob("*.json"))}


def counters(url):
    with urllib.request.urlopen(url + "/_emulator/counters") as response:
        return json.load(response)


def dataset():
    """region → jobs, straight from the samples."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEMO.glob("*.json"))}


def timestamp(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


TIMESTAMP_MEMBERS = {"createdAt", "lastRunTime", "jobPausedAt", "jobExpiresAt"}


def as_boto3(value, known):
    """A recorded body as boto3 returns it: timestamps as datetimes, members its model
    does not know dropped (botocore ignores them); `tags` is a map, kept whole."""
    if isinstance(value, dict):
        return {k: (timestamp(v) if k in TIMESTAMP_MEMBERS else v if k == "tags" else as_boto3(v, known))
                for k, v in value.items() if k in known}
    if isinstance(value, list):
        return [as_boto3(v, known) for v in value]
    return value
