"""The requests macie-report sends to discover accounts and get into them (STS AssumeRole,
Organizations ListAccounts, Macie ListMembers), as botocore builds them for the same inputs.

Tests/Fixtures/wire/account-discovery-requests.json states each request's wire form: method,
path, query, Content-Type, X-Amz-Target, form or JSON body, and SigV4 credential scope.
The Swift test WireFormatTests proves our client sends exactly that; this test proves
botocore, an implementation we did not write, builds the same for the same inputs. Nothing
leaves the process: botocore's request is taken at `before-send` and answered there."""
import json
import pathlib
import urllib.parse

import botocore.session
import pytest
from botocore.awsrequest import AWSResponse

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "Tests" / "Fixtures" / "wire" / "account-discovery-requests.json").read_text())

METHODS = {"AssumeRole": "assume_role", "ListAccounts": "list_accounts", "ListMembers": "list_members"}
ANSWERS = {
    "AssumeRole": b"<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId>"
    b"<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
    b"<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>",
    "ListAccounts": b'{"Accounts":[]}',
    "ListMembers": b'{"members":[]}',
}


class _Raw:
    """Just enough of urllib3's response for botocore to read a body."""

    def __init__(self, body):
        self.body = body

    def stream(self, *_args, **_kwargs):
        yield self.body


SESSION = botocore.session.get_session()


def botocore_request(case):
    client = SESSION.create_client(case["service"], region_name=case["region"],
                                   aws_access_key_id="AKIDTEST", aws_secret_access_key="secret")
    seen = []

    def capture(request, **_kwargs):
        seen.append(request)
        body = ANSWERS[case["operation"]]
        return AWSResponse(request.url, 200, {"Content-Length": str(len(body))}, _Raw(body))

    client.meta.events.register("before-send", capture)
    getattr(client, METHODS[case["operation"]])(**case["input"])
    assert len(seen) == 1
    return seen[0]


def body_text(request):
    body = request.body or b""
    return body.decode() if isinstance(body, bytes) else body


@pytest.mark.parametrize("case", CASES, ids=[f'{c["operation"]}-{c["region"]}' for c in CASES])
def test_botocore_builds_the_request_we_send(case):
    request = botocore_request(case)
    url = urllib.parse.urlsplit(request.url)
    assert request.method == case["method"]
    assert url.path == case["path"]
    assert dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)) == case["query"]
    headers = {k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()}
    if case["contentType"] is not None:
        assert headers.get("content-type") == case["contentType"]
    assert headers.get("x-amz-target") == case["target"]
    if case["form"] is not None:
        assert dict(urllib.parse.parse_qsl(body_text(request), keep_blank_values=True)) == case["form"]
    if case["json"] is not None:
        assert json.loads(body_text(request)) == case["json"]
    if case["form"] is None and case["json"] is None:
        assert body_text(request) == ""
    credential = headers["authorization"].split("Credential=", 1)[1].split(",", 1)[0]
    assert credential.split("/", 2)[2] == case["scope"]
