"""macie-report reading why jobs failed from a CloudWatch Logs we did not write: boto3 puts
Macie-shaped job events into moto's server (conftest's moto_url: loopback, port 0), macie-report
reads them through AWS_ENDPOINT_URL_CLOUDWATCH_LOGS while Macie2 and STS answer from
macie2-emulator through their own AWS_ENDPOINT_URL_<SERVICE>."""
import csv
import datetime
import json
import subprocess

import boto3

from conftest import binary
from emulator import AKID, SECRET, running

GROUP = "/aws/macie/classificationjobs"
ACCOUNT = "123456789012"
HOSTILE = '=HYPERLINK("http://x","y")'


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def job(job_id, status, error, run_start):
    return {"jobId": job_id, "jobArn": f"arn:aws:macie2:us-east-1:{ACCOUNT}:classification-job/{job_id}",
            "name": f"name-{job_id}", "jobStatus": status, "jobType": "SCHEDULED",
            "createdAt": iso(run_start - datetime.timedelta(days=3)), "lastRunTime": iso(run_start),
            "lastRunErrorStatus": {"code": error}}


def event(job_id, event_type, at, run_date, **extra):
    message = {"adminAccountId": ACCOUNT, "jobId": job_id, "jobName": f"name-{job_id}", "eventType": event_type,
               "occurredAt": iso(at), "description": f"{event_type} happened", "runDate": iso(run_date), **extra}
    return {"timestamp": int(at.timestamp() * 1000), "message": json.dumps(message)}


def bucket_error(job_id, event_type, bucket, at, run_date):
    return event(job_id, event_type, at, run_date, operation="ListObjectsV2", affectedAccount="444455556666",
                 affectedResource={"type": "S3_BUCKET_NAME", "value": bucket})


def test_reasons_boto3_put_into_moto_reach_every_output(tmp_path, moto_url):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    run_start = now - datetime.timedelta(hours=1)
    earlier_run = now - datetime.timedelta(days=2)
    samples = tmp_path / "samples"
    samples.mkdir()
    jobs = [job("failing", "IDLE", "ERROR", run_start), job("paused", "PAUSED", "NONE", run_start),
            job("silent", "IDLE", "ERROR", run_start), job("fine", "IDLE", "NONE", run_start)]
    (samples / "us-east-1.json").write_text(json.dumps(jobs))

    logs = boto3.client("logs", region_name="us-east-1", endpoint_url=moto_url,
                        aws_access_key_id="moto", aws_secret_access_key="moto")
    logs.create_log_group(logGroupName=GROUP)
    minute = datetime.timedelta(minutes=1)
    streams = {
        "failing": [
            bucket_error("failing", "BUCKET_ACCESS_DENIED", "old-bucket", earlier_run, earlier_run),  # an earlier run
            event("failing", "SCHEDULED_RUN_STARTED", run_start, run_start),
            bucket_error("failing", "BUCKET_ACCESS_DENIED", "payroll", run_start + minute, run_start),
            bucket_error("failing", "BUCKET_ACCESS_DENIED", HOSTILE, run_start + 2 * minute, run_start),
            event("failing", "ACCOUNT_SUSPENDED", run_start + 3 * minute, run_start, affectedAccount="777788889999"),
        ],
        "paused": [
            event("paused", "SCHEDULED_RUN_STARTED", run_start, run_start),
            event("paused", "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", run_start + minute, run_start),
        ],
    }
    for stream, events in streams.items():
        logs.create_log_stream(logGroupName=GROUP, logStreamName=stream)
        logs.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=events)

    with running("--credentials", f"{AKID}:{SECRET}", samples=samples) as macie_url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": SECRET,
               "AWS_ENDPOINT_URL_MACIE2": macie_url, "AWS_ENDPOINT_URL_STS": macie_url,
               "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": moto_url}
        out = tmp_path / "out"
        result = subprocess.run(
            [binary(), "run", "--region", "us-east-1", "--output-dir", str(out), "--format", "csv",
             "--save-samples", str(tmp_path / "night"), "--quiet"],
            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr

    # What was read is what moto holds for the run, earlier runs and other streams left out.
    recorded = {e["jobId"]: e for e in json.loads((tmp_path / "night" / ACCOUNT / "logs" / "us-east-1.json").read_text())}
    assert set(recorded) == {"failing", "paused", "silent"}
    assert [json.loads(e["message"])["eventType"] for e in recorded["failing"]["events"]] == [
        "SCHEDULED_RUN_STARTED", "BUCKET_ACCESS_DENIED", "BUCKET_ACCESS_DENIED", "ACCOUNT_SUSPENDED"]
    assert recorded["silent"]["events"] == []
    assert all(e["logStreamName"] == "failing" for e in recorded["failing"]["events"])

    with open(out / "jobs.csv", newline="", encoding="utf-8") as f:
        rows = {r["jobId"]: r for r in csv.DictReader(f)}
    assert rows["failing"]["lastRunErrorTypes"] == "BUCKET_ACCESS_DENIED:2;ACCOUNT_SUSPENDED:1"
    assert rows["failing"]["lastRunAffectedBuckets"] == "2"
    assert rows["failing"]["lastRunAffectedAccounts"] == "2"
    assert rows["paused"]["lastRunErrorTypes"] == "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET:1"
    assert rows["silent"]["lastRunErrorTypes"] == "" and rows["silent"]["lastRunAffectedBuckets"] == "0"
    assert rows["fine"]["lastRunErrorTypes"] == "" and rows["fine"]["lastRunAffectedBuckets"] == ""

    with open(out / "errors.csv", newline="", encoding="utf-8") as f:
        errors = list(csv.DictReader(f))
    assert [(e["jobId"], e["eventType"], e["errorLevel"], e["affectedResource"]) for e in errors] == [
        ("failing", "BUCKET_ACCESS_DENIED", "bucket", "payroll"),
        ("failing", "BUCKET_ACCESS_DENIED", "bucket", "'" + HOSTILE),
        ("failing", "ACCOUNT_SUSPENDED", "account", ""),
        ("paused", "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", "status", ""),
    ]
    assert errors[0]["operation"] == "ListObjectsV2" and errors[0]["affectedAccount"] == "444455556666"
    assert errors[0]["runDate"] == iso(run_start)

    with open(out / "summary.csv", newline="", encoding="utf-8") as f:
        summary = {(r["dimension"], r["value"]): r["jobs"] for r in csv.DictReader(f)}
    assert summary[("lastRunErrorType", "BUCKET_ACCESS_DENIED")] == "1"
    assert summary[("lastRunErrorType", "ACCOUNT_SUSPENDED")] == "1"
    assert summary[("lastRunErrorType", "BUCKET_DOES_NOT_EXIST")] == "0"


def test_logs_access_denied_is_a_named_gap_with_exit_3(tmp_path):
    """A Logs endpoint that refuses FilterLogEvents in the region (the emulator's --deny-logs, as
    an IAM policy without logs:FilterLogEvents would): the jobs are reported, the missing
    reasons are a gap named on stderr, and the run exits 3."""
    samples = tmp_path / "samples"
    samples.mkdir()
    run_start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    (samples / "us-east-1.json").write_text(json.dumps([job("failing", "IDLE", "ERROR", run_start)]))
    with running("--credentials", f"{AKID}:{SECRET}", "--deny-logs", "us-east-1", samples=samples) as macie_url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_MAX_ATTEMPTS": "1",
               "AWS_ENDPOINT_URL_MACIE2": macie_url, "AWS_ENDPOINT_URL_STS": macie_url,
               "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": macie_url}
        result = subprocess.run(
            [binary(), "run", "--region", "us-east-1", "--output-dir", str(tmp_path / "out"), "--format", "csv"],
            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 3, result.stderr
    assert "could not be read, so why they failed is missing: access denied" in result.stderr
    with open(tmp_path / "out" / "jobs.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["jobId"] for r in rows] == ["failing"]
    assert rows[0]["lastRunErrorTypes"] == ""
