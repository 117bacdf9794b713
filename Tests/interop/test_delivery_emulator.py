"""macie-report storing and mailing through macie2-emulator's S3 and SES v2, whose SigV4 checks
are strict (S3's single-encoded path, the signed payload hash, presigned expiry): a prefix with
spaces and non-ASCII letters, KMS headers, a part that keeps failing (the upload is aborted, the
run exits 5, the reports stay), and SES's outbox holding exactly the message.
"""
import email
import email.policy
import os
import re
import subprocess
import urllib.request

import boto3
from botocore.config import Config

import operations_seen
from conftest import DEMO, binary
from emulator import AKID, SECRET, counters, running

AS_OF = "2026-11-24T06:00:00Z"
# The run's own key, apart from boto3's, so the presigned links it signs are told apart.
RUN_KEY, RUN_SECRET = "AKIDDELIVERYRUN", "delivery-secret"
CREDENTIALS = ["--credentials", f"{AKID}:{SECRET}", "--credentials", f"{RUN_KEY}:{RUN_SECRET}"]
S3_CONFIG = Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                   request_checksum_calculation="when_required", response_checksum_validation="when_required")


def run(url, out, *extra, samples=DEMO):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(out.parent), "AWS_REGION": "eu-west-1",
           "AWS_ACCESS_KEY_ID": RUN_KEY, "AWS_SECRET_ACCESS_KEY": RUN_SECRET, "AWS_EC2_METADATA_DISABLED": "true"}
    return subprocess.run(
        [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--as-of", AS_OF,
         "--endpoint-url", url, *extra], capture_output=True, text=True, env=env, timeout=600)


def s3(url):
    return boto3.client("s3", region_name="eu-west-1", endpoint_url=url, aws_access_key_id=AKID,
                        aws_secret_access_key=SECRET, config=S3_CONFIG)


def test_stored_under_an_odd_prefix_with_kms_and_mailed_through_ses(tmp_path):
    outbox = tmp_path / "outbox"
    operations_seen.register_run_key(RUN_KEY)
    with running(*CREDENTIALS, "--s3-bucket", "reports", "--ses-outbox", str(outbox),
                 "--ses-identity", "example.com") as url:
        out = tmp_path / "out"
        result = run(url, out, "--s3-uri", "s3://reports/nightly reports/é+{date}", "--s3-sse", "aws:kms",
                     "--s3-kms-key-id", "alias/macie-reports", "--mail-links", "--link-expiry-days", "2",
                     "--ses-region", "eu-west-1", "--mail-from", "reports@example.com",
                     "--mail-to", "secops@example.com", "--eml", str(tmp_path / "sent.eml"))
        assert result.returncode == 0, result.stderr
        seen = counters(url)
        assert seen["signatureFailures"] == 0 and seen["validationErrors"] == 0
        assert seen["requests"]["PutObject"] == 6 and seen["requests"]["SendEmail"] == 1
        client = s3(url)
        for path in sorted(out.iterdir()):
            stored = client.get_object(Bucket="reports", Key=f"nightly reports/é+2026-11-24/{path.name}")
            assert stored["Body"].read() == path.read_bytes(), path.name
            assert stored["ServerSideEncryption"] == "aws:kms"
            assert stored["SSEKMSKeyId"] == "alias/macie-reports"
        sent = list(outbox.iterdir())
        assert len(sent) == 1
        assert sent[0].read_bytes() == (tmp_path / "sent.eml").read_bytes(), "SES got the message --eml shows"
        message = email.message_from_bytes(sent[0].read_bytes(), policy=email.policy.default)
        text = message.get_body(("plain",)).get_content()
        links = re.findall(r"http://127\.0\.0\.1:\d+/\S+X-Amz-Signature=[0-9a-f]{64}", text)
        assert len(links) == 6
        for link in links:
            assert "X-Amz-Expires=172800" in link
            assert "/reports/nightly%20reports/%C3%A9%2B2026-11-24/" in link
            name = link.split("?")[0].rsplit("/", 1)[1]
            with urllib.request.urlopen(link) as response:
                assert response.read() == (out / name).read_bytes()
        assert counters(url)["signatureFailures"] == 0, "the emulator verified every link's signature"


def test_a_part_that_keeps_failing_aborts_the_upload_and_exits_5(tmp_path):
    with running(*CREDENTIALS, "--s3-bucket", "reports", "--s3-fail-part", "2") as url:
        out = tmp_path / "out"
        result = run(url, out, "--format", "html", "--s3-uri", "s3://reports/x/", samples=big_html_samples(tmp_path))
        assert result.returncode == 5, result.stderr
        errors = [line for line in result.stderr.splitlines() if " error: " in line]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith(
            "macie-report: error: reports not stored in S3: report.html could not be stored at s3://reports/x/report.html: "
            "InternalError (HTTP 500)"), errors[0]
        assert errors[0].endswith("0 of 1 reports were stored before it")
        seen = counters(url)
        assert seen["requests"]["AbortMultipartUpload"] == 1
        assert seen["pendingMultipartUploads"] == 0, "aborted, nothing left to bill"
        assert seen["requests"].get("CompleteMultipartUpload", 0) == 0
        assert (out / "report.html").stat().st_size > 8 << 20, "the report stays on disk"


def big_html_samples(tmp_path):
    """Enough jobs for a report.html above 8 MiB: two parts at least."""
    folder = tmp_path / "big"
    subprocess.run(["python3", str(DEMO.parent.parent / "scripts" / "gen_samples.py"), "--jobs", "16000",
                    "--regions", "1", "--out", str(folder)], check=True, stdout=subprocess.DEVNULL, timeout=300)
    return folder
