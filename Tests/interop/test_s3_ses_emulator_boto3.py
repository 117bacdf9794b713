"""AWS's own SDK (boto3) against macie2-emulator's S3 and SES v2: objects with their
encryption byte for byte, multipart uploads and S3's rules for them, presigned URLs, errors
botocore parses by code, and raw mail kept in the outbox.

S3 clients use path-style addressing, SigV4 (`s3v4`: botocore would presign with SigV2,
which the emulator refuses as S3 does where only SigV4 is taken), and
`request_checksum_calculation="when_required"`, so
botocore signs the payload (`x-amz-content-sha256` is the body's SHA-256 over http) instead
of sending aws-chunked bodies with trailing checksums, which the emulator does not decode
(it answers NotImplemented to them)."""
import datetime
import hashlib
import urllib.error
import urllib.request
from unittest import mock

import boto3
import botocore.auth
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from emulator import AKID, SECRET, counters, running

S3_CONFIG = dict(s3={"addressing_style": "path"}, signature_version="s3v4",
                 request_checksum_calculation="when_required", response_checksum_validation="when_required")
BASE = ["--credentials", f"{AKID}:{SECRET}", "--s3-bucket", "reports"]
MIB5 = 5 * 1024 * 1024


def s3_client(url, attempts=None):
    retries = {"retries": {"mode": "standard", "total_max_attempts": attempts}} if attempts else {}
    return boto3.client("s3", region_name="eu-west-1", endpoint_url=url, aws_access_key_id=AKID,
                        aws_secret_access_key=SECRET, config=Config(**S3_CONFIG, **retries))


def ses_client(url):
    return boto3.client("sesv2", region_name="eu-west-1", endpoint_url=url, aws_access_key_id=AKID,
                        aws_secret_access_key=SECRET)


def error_code(info):
    return info.value.response["Error"]["Code"]


def test_put_object_with_encryption_and_content_type_then_get_it_byte_for_byte():
    data = bytes(range(256)) * 1000
    key = "2026-11/jobs report é+1.xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with running(*BASE) as url:
        s3 = s3_client(url)
        put = s3.put_object(Bucket="reports", Key=key, Body=data, ContentType=content_type,
                            ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/macie-reports")
        assert put["ETag"] == '"%s"' % hashlib.md5(data).hexdigest()
        got = s3.get_object(Bucket="reports", Key=key)
        assert got["Body"].read() == data
        assert got["ContentType"] == content_type
        assert got["ServerSideEncryption"] == "aws:kms" and got["SSEKMSKeyId"] == "alias/macie-reports"
        assert got["ETag"] == put["ETag"]
        head = s3.head_object(Bucket="reports", Key=key)
        assert head["ContentLength"] == len(data) and head["ETag"] == put["ETag"]
        s3.put_object(Bucket="reports", Key="plain.csv", Body=b"a,b\n", ServerSideEncryption="AES256")
        assert s3.get_object(Bucket="reports", Key="plain.csv")["ServerSideEncryption"] == "AES256"
        seen = counters(url)
        assert seen["requests"]["PutObject"] == 2 and seen["requests"]["GetObject"] == 2
        assert seen["requests"]["HeadObject"] == 1 and seen["signatureFailures"] == 0


def test_multipart_upload_of_two_full_parts_and_a_small_last_one():
    parts = [b"A" * MIB5, bytes(range(256)) * (MIB5 // 256), b"the end\n"]
    with running(*BASE) as url:
        s3 = s3_client(url)
        upload = s3.create_multipart_upload(Bucket="reports", Key="big/report.xlsx", ServerSideEncryption="AES256")
        etags = [s3.upload_part(Bucket="reports", Key="big/report.xlsx", UploadId=upload["UploadId"],
                                PartNumber=number, Body=body)["ETag"]
                 for number, body in enumerate(parts, 1)]
        done = s3.complete_multipart_upload(
            Bucket="reports", Key="big/report.xlsx", UploadId=upload["UploadId"],
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})
        expected = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest() + "-3"
        assert done["ETag"] == '"%s"' % expected
        got = s3.get_object(Bucket="reports", Key="big/report.xlsx")
        assert got["Body"].read() == b"".join(parts)
        assert got["ETag"] == done["ETag"] and got["ServerSideEncryption"] == "AES256"
        assert "Uploads" not in s3.list_multipart_uploads(Bucket="reports")
        assert counters(url)["pendingMultipartUploads"] == 0


def test_a_too_small_part_is_entity_too_small_and_abort_leaves_nothing_pending():
    with running(*BASE) as url:
        s3 = s3_client(url)
        upload_id = s3.create_multipart_upload(Bucket="reports", Key="r.csv")["UploadId"]
        etags = [s3.upload_part(Bucket="reports", Key="r.csv", UploadId=upload_id, PartNumber=n,
                                Body=b"x" * 1024)["ETag"] for n in (1, 2)]
        with pytest.raises(ClientError) as info:
            s3.complete_multipart_upload(
                Bucket="reports", Key="r.csv", UploadId=upload_id,
                MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in enumerate(etags, 1)]})
        assert error_code(info) == "EntityTooSmall"
        pending = s3.list_multipart_uploads(Bucket="reports")["Uploads"]
        assert [(u["Key"], u["UploadId"]) for u in pending] == [("r.csv", upload_id)]
        assert counters(url)["pendingMultipartUploads"] == 1
        s3.abort_multipart_upload(Bucket="reports", Key="r.csv", UploadId=upload_id)
        assert "Uploads" not in s3.list_multipart_uploads(Bucket="reports")
        with pytest.raises(ClientError) as info:
            s3.abort_multipart_upload(Bucket="reports", Key="r.csv", UploadId=upload_id)
        assert error_code(info) == "NoSuchUpload"
        assert counters(url)["pendingMultipartUploads"] == 0


def test_a_part_that_always_fails_exhausts_the_retries_then_abort_cleans_up():
    with running(*BASE, "--s3-fail-part", "2") as url:
        s3 = s3_client(url, attempts=3)
        upload_id = s3.create_multipart_upload(Bucket="reports", Key="r.csv")["UploadId"]
        s3.upload_part(Bucket="reports", Key="r.csv", UploadId=upload_id, PartNumber=1, Body=b"x" * MIB5)
        with pytest.raises(ClientError) as info:
            s3.upload_part(Bucket="reports", Key="r.csv", UploadId=upload_id, PartNumber=2, Body=b"y")
        assert error_code(info) == "InternalError"
        assert info.value.response["ResponseMetadata"]["RetryAttempts"] == 2
        s3.abort_multipart_upload(Bucket="reports", Key="r.csv", UploadId=upload_id)
        seen = counters(url)
        assert seen["faults"]["s3FailPart"] == 3 and seen["pendingMultipartUploads"] == 0


def test_a_presigned_url_gets_the_object_byte_for_byte_until_it_expires():
    data = b"<html>" + bytes(range(256)) + b"</html>"
    with running(*BASE) as url:
        s3 = s3_client(url)
        s3.put_object(Bucket="reports", Key="html/report 1.html", Body=data, ContentType="text/html")
        link = s3.generate_presigned_url("get_object", Params={"Bucket": "reports", "Key": "html/report 1.html"},
                                         ExpiresIn=300)
        with urllib.request.urlopen(link) as response:
            assert response.read() == data
            assert response.headers["Content-Type"] == "text/html"
        two_hours_ago = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(hours=2)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=two_hours_ago):
            stale = s3.generate_presigned_url(
                "get_object", Params={"Bucket": "reports", "Key": "html/report 1.html"}, ExpiresIn=3600)
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(stale)
        body = info.value.read().decode()
        assert info.value.code == 403
        assert "<Code>AccessDenied</Code>" in body and "<Message>Request has expired</Message>" in body
        too_long = s3.generate_presigned_url(
            "get_object", Params={"Bucket": "reports", "Key": "html/report 1.html"}, ExpiresIn=604801)
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(too_long)
        assert info.value.code == 400 and "AuthorizationQueryParametersError" in info.value.read().decode()


def test_a_sigv2_presigned_url_is_refused_as_s3_refuses_it_where_only_sigv4_is_taken():
    with running(*BASE) as url:
        legacy = boto3.client("s3", region_name="eu-west-1", endpoint_url=url, aws_access_key_id=AKID,
                              aws_secret_access_key=SECRET, config=Config(s3={"addressing_style": "path"}))
        link = legacy.generate_presigned_url("get_object", Params={"Bucket": "reports", "Key": "r.csv"})
        assert "AWSAccessKeyId=" in link
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(link)
        assert info.value.code == 400
        assert "<Code>InvalidRequest</Code>" in info.value.read().decode()


def test_no_such_bucket_is_parsed_by_botocore():
    with running(*BASE) as url:
        s3 = s3_client(url)
        with pytest.raises(ClientError) as info:
            s3.put_object(Bucket="reprots", Key="r.csv", Body=b"x")
        assert error_code(info) == "NoSuchBucket"
        assert info.value.response["Error"]["BucketName"] == "reprots"
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
        with pytest.raises(ClientError) as info:
            s3.get_object(Bucket="reports", Key="never.csv")
        assert error_code(info) == "NoSuchKey"
        with pytest.raises(ClientError) as info:
            s3.head_object(Bucket="reports", Key="never.csv")
        assert error_code(info) == "404"


def test_sesv2_raw_message_lands_in_the_outbox_and_unverified_senders_are_rejected(tmp_path):
    outbox = tmp_path / "outbox"
    raw = (b"From: Macie Reports <reports@example.com>\r\nTo: ops@example.com\r\nSubject: Macie jobs\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAll jobs ran. \xc3\xa9\r\n")
    with running(*BASE, "--ses-outbox", str(outbox), "--ses-identity", "reports@example.com") as url:
        ses = ses_client(url)
        sent = ses.send_email(FromEmailAddress="reports@example.com",
                              Destination={"ToAddresses": ["ops@example.com"]}, Content={"Raw": {"Data": raw}})
        assert (outbox / f"{sent['MessageId']}.eml").read_bytes() == raw
        with pytest.raises(ClientError) as info:
            ses.send_email(FromEmailAddress="intruder@example.net", Content={"Raw": {"Data": raw}})
        assert error_code(info) == "MessageRejected"
        assert info.value.response["Error"]["Message"] == (
            "Email address is not verified. The following identities failed the check in region EU-WEST-1: "
            "intruder@example.net")
        assert [p.name for p in outbox.iterdir()] == [f"{sent['MessageId']}.eml"]
        assert counters(url)["requests"]["SendEmail"] == 2


def test_deny_s3_and_deny_ses_are_access_denied_as_botocore_parses_them(tmp_path):
    with running(*BASE, "--deny-s3", "--deny-ses", "--ses-outbox", str(tmp_path)) as url:
        with pytest.raises(ClientError) as info:
            s3_client(url).put_object(Bucket="reports", Key="r.csv", Body=b"x")
        assert error_code(info) == "AccessDenied"
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        with pytest.raises(ClientError) as info:
            ses_client(url).send_email(FromEmailAddress="reports@example.com",
                                       Destination={"ToAddresses": ["ops@example.com"]},
                                       Content={"Raw": {"Data": b"From: reports@example.com\r\n\r\nx"}})
        assert error_code(info) == "AccessDeniedException"
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert list(tmp_path.iterdir()) == []
        faults = counters(url)["faults"]
        assert faults["deniedS3"] == 1 and faults["deniedSES"] == 1
