"""Reports stored in S3 and mailed through SES v2, with moto's server (started here on loopback,
port 0) as S3 and SES v2 (issue 14, items 1-5).

macie-report runs on samples/demo with AWS_ENDPOINT_URL pointed at moto. boto3 then reads every
stored object back byte for byte, each presigned link in the mail is followed with a plain HTTP
GET (no AWS SDK, no credentials), and the message is found in moto's SES backend, which shares
this process with the server. moto's IAM authorization is switched on for the run, with the
caller an IAM user holding only the S3 and SES actions of docs/iam-policy.json: moto checks
each request's signature and action against it.
"""
import email
import email.policy
import hashlib
import json
import pathlib
import re
import subprocess
import sys
import urllib.request

import boto3

import operations_seen
from conftest import DEMO, binary, moto_post

ROOT = pathlib.Path(__file__).resolve().parents[2]
AS_OF = "2026-11-24T06:00:00Z"
SENDER = "reports@example.com"


def aws(service, url, key="AKIDSETUP", secret="setup"):
    return boto3.client(service, region_name="us-east-1", endpoint_url=url, aws_access_key_id=key,
                        aws_secret_access_key=secret)


def delivery_statements():
    """The policy's statements for S3 and SES: what a run that stores and mails needs."""
    policy = json.loads((ROOT / "docs" / "iam-policy.json").read_text())
    def actions(statement):
        value = statement["Action"]
        return [value] if isinstance(value, str) else value
    return [s for s in policy["Statement"] if any(a.split(":")[0] in ("s3", "ses") for a in actions(s))]


def run_keys(url):
    """An IAM user allowed only the policy's S3 and SES actions; its access key."""
    iam = aws("iam", url)
    iam.create_user(UserName="macie-report")
    statements = [dict(s, Resource="*") for s in delivery_statements()]
    iam.put_user_policy(UserName="macie-report", PolicyName="delivery",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    key = iam.create_access_key(UserName="macie-report")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def setup(url, bucket="reports"):
    aws("s3", url).create_bucket(Bucket=bucket)
    aws("ses", url).verify_email_identity(EmailAddress=SENDER)
    return run_keys(url)


def run(url, keys, out, *extra, samples=DEMO):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(out.parent), "AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1",
           "AWS_ACCESS_KEY_ID": keys[0], "AWS_SECRET_ACCESS_KEY": keys[1], "AWS_EC2_METADATA_DISABLED": "true"}
    return subprocess.run(
        [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--as-of", AS_OF, *extra],
        capture_output=True, text=True, env=env, timeout=600)


def sent_messages():
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    return ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages


def test_reports_stored_and_mailed_as_links(tmp_path, moto_url):
    keys = setup(moto_url)
    operations_seen.register_run_key(keys[0])  # the links are signed with the run's key
    before = len(sent_messages())
    moto_post(moto_url + "/moto-api/reset-auth", b"0")  # from here on, moto checks every request
    out = tmp_path / "out"
    result = run(moto_url, keys, out, "--s3-uri", "s3://reports/macie/{date}/", "--s3-sse", "aws:kms",
                 "--mail-links", "--ses-region", "us-east-1", "--mail-from", f"Macie Reports <{SENDER}>",
                 "--mail-to", "secops@example.com", "--mail-subject", "Macie {date}: {errors} errors")
    moto_post(moto_url + "/moto-api/reset-auth", b"inf")
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == ["coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv"]
    assert "Stored 6 reports" in result.stdout and "s3://reports/macie/2026-11-24/" in result.stdout

    s3 = aws("s3", moto_url)
    listed = s3.list_objects_v2(Bucket="reports", Prefix="macie/")["Contents"]
    assert sorted(o["Key"] for o in listed) == [f"macie/2026-11-24/{name}" for name in files]
    types = {"csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    for name in files:
        stored = s3.get_object(Bucket="reports", Key=f"macie/2026-11-24/{name}")
        assert stored["Body"].read() == (out / name).read_bytes(), name
        assert stored["ContentType"] == types[name.rsplit(".", 1)[1]]
        assert stored["ServerSideEncryption"] == "aws:kms"

    messages = sent_messages()[before:]
    assert len(messages) == 1
    raw = messages[0].raw_data
    assert len(raw) < 200_000, "links, not attachments"
    message = email.message_from_string(raw, policy=email.policy.default)
    assert message["Subject"] == "Macie 2026-11-24: 9 errors"
    assert message["To"] == "secops@example.com"
    assert not [part for part in message.walk() if part.get_content_disposition() == "attachment"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    links = re.findall(r"https?://\S+X-Amz-Signature=[0-9a-f]{64}", text)
    assert len(links) == len(files), text
    for name, link in zip(sorted(files), sorted(links, key=lambda l: l.split("?")[0].rsplit("/", 1)[1])):
        assert f"/reports/macie/2026-11-24/{name}?" in link
        assert link.replace("&", "&amp;") in html, "the same link in the HTML body"
        with urllib.request.urlopen(link) as response:  # a plain GET: no SDK, no credentials
            assert response.read() == (out / name).read_bytes(), name
    assert "X-Amz-Signature" not in result.stdout + result.stderr, "links only in the mail"
    assert keys[1] not in result.stdout + result.stderr


def test_a_failing_upload_exits_5_and_keeps_the_reports(tmp_path, moto_url):
    keys = setup(moto_url)
    out = tmp_path / "out"
    result = run(moto_url, keys, out, "--s3-uri", "s3://no-such-bucket/macie/")
    assert result.returncode == 5, result.stderr
    lines = [line for line in result.stderr.splitlines() if " error: " in line]
    assert len(lines) == 1, result.stderr
    assert lines[0] == (
        "macie-report: error: reports not stored in S3: jobs.csv could not be stored at "
        "s3://no-such-bucket/macie/jobs.csv: NoSuchBucket (HTTP 404): The specified bucket does not exist "
        "(check the bucket in --s3-uri); 0 of 6 reports were stored before it"), lines[0]
    assert sorted(p.name for p in out.iterdir()) == [
        "coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv"]
    assert keys[1] not in result.stderr


def test_a_100k_job_workbook_goes_up_in_parts(tmp_path, moto_url):
    """The workbook of 100 000 jobs (about 17 MB) is above the 8 MiB threshold: it goes up as a
    multipart upload of 8 MiB parts, which moto joins into the same bytes."""
    keys = setup(moto_url)
    data = tmp_path / "data"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_samples.py"), "--jobs", "100000", "--findings",
                    "--out", str(data)], check=True, stdout=subprocess.DEVNULL, timeout=600)
    out = tmp_path / "out"
    result = run(moto_url, keys, out, "--format", "xlsx", "--s3-uri", "s3://reports/big/", samples=data)
    assert result.returncode == 0, result.stderr
    workbook = (out / "report.xlsx").read_bytes()
    parts = -(-len(workbook) // (8 << 20))
    assert parts >= 2, len(workbook)
    assert "Stored 1 reports" in result.stdout and "1 as multipart uploads" in result.stdout, result.stdout
    s3 = aws("s3", moto_url)
    stored = s3.get_object(Bucket="reports", Key="big/report.xlsx")
    assert stored["Body"].read() == workbook
    assert stored["ETag"].strip('"').endswith(f"-{parts}"), stored["ETag"]
    assert stored["ContentLength"] == len(workbook)
    assert "Uploads" not in s3.list_multipart_uploads(Bucket="reports"), "nothing left pending"
