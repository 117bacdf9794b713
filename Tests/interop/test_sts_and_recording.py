"""boto3 against what issue 10 added: the emulator's STS (query protocol, XML), and the
samples a live run records with --save-samples, read back and compared with what boto3 gets
from the same endpoint."""
import json
import subprocess

import boto3
import botocore
import pytest

from conftest import AS_OF, binary
from emulator import AKID, SECRET, as_boto3, client, counters, running

import test_emulator_boto3


def sts(url, secret=SECRET, key=AKID):
    return boto3.client("sts", region_name="eu-west-1", endpoint_url=url, aws_access_key_id=key,
                        aws_secret_access_key=secret)


def test_get_caller_identity_names_the_emulators_account():
    with running("--credentials", f"{AKID}:{SECRET}", "--account-id", "210987654321") as url:
        identity = sts(url).get_caller_identity()
        assert identity["Account"] == "210987654321"
        assert identity["Arn"] == "arn:aws:iam::210987654321:user/macie-report"
        assert identity["UserId"] == AKID
        assert counters(url)["requests"]["GetCallerIdentity"] == 1


def test_sts_refusals_are_xml_errors_botocore_understands():
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        with pytest.raises(botocore.exceptions.ClientError) as wrong_secret:
            sts(url, secret="not-it").get_caller_identity()
        assert wrong_secret.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
        assert wrong_secret.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        with pytest.raises(botocore.exceptions.ClientError) as unknown_key:
            sts(url, key="AKIDNOBODY").get_caller_identity()
        assert unknown_key.value.response["Error"]["Code"] == "InvalidClientTokenId"
        assert counters(url)["signatureFailures"] == 2


def test_recorded_samples_are_the_bodies_boto3_reads(tmp_path):
    """A live run with --save-samples: every recorded body, parsed, is what boto3's
    describe_classification_job returns for that job; scopes.json names the account."""
    samples = tmp_path / "night"
    with running("--credentials", f"{AKID}:{SECRET}", "--account-id", "210987654321") as url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": SECRET}
        result = subprocess.run(
            [binary(), "run", "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", url,
             "--output-dir", str(tmp_path / "out"), "--as-of", AS_OF, "--save-samples", str(samples), "--quiet"],
            capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr
        manifest = json.loads((samples / "scopes.json").read_text())
        assert manifest["format"] == "macie-report samples" and manifest["version"] == 1
        assert [(s["accountId"], s["region"]) for s in manifest["scopes"]] == [
            ("210987654321", "eu-west-1"), ("210987654321", "us-east-1")]
        for region in ("us-east-1", "eu-west-1"):
            recorded = json.loads((samples / "210987654321" / f"{region}.json").read_text(encoding="utf-8"))
            c = client(url, region)
            known = test_emulator_boto3.members_known_to_boto3(c)
            listed = test_emulator_boto3.walk(c)
            assert sorted(j["jobId"] for j in recorded) == sorted(i["jobId"] for i in listed)
            for body in recorded:
                described = c.describe_classification_job(jobId=body["jobId"])
                described.pop("ResponseMetadata")
                assert described == as_boto3(body, known)
