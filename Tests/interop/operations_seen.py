"""Which AWS operations macie-report itself sent during the interop runs, and the IAM actions
they need: the evidence Tests/interop/test_zz_iam_policy.py holds docs/iam-policy.json to.

Two servers answer the runs: macie2-emulator and moto's server. Each reports what it served at
the end of its fixture (`emulator.running(...)`, conftest's `moto_url`):
- the emulator its counters' `requestsByClient` (client → operation → count);
- moto the requests its recorder wrote (method, URL, headers, body), the operation derived here.

Only macie-report's own requests count (boto3 in the tests also calls both servers, to build
organizations, buckets, log groups, or to read things back):
- a header-signed request counts when its User-Agent starts with `macie-report/` (our client
  sends `macie-report/0.2`; the emulator keys it `macie-report`);
- a presigned-URL request (`X-Amz-Signature` in the query; SigV2's `Signature`) counts when the access key in its
  `X-Amz-Credential` is one a test registered with `register_run_key` as a macie-report run's:
  a link the run signed and mailed is followed by the test (as the recipient would be), so its
  User-Agent is the test's, but AWS authorizes it as the identity that signed it, the run's.
  The emulator keys those `presigned:<key id>`. Registration may come before or after the
  server reports: presigned requests are kept by key and resolved when asked.

The registry is this module's state: the interop tests run in one pytest process.
"""
import base64
import collections
import json
import os
import urllib.parse
import urllib.request

REPORT_AGENT = "macie-report"
SIGV2_QUERY = {"AWSAccessKeyId", "Signature", "Expires"}

# Operation → the IAM actions the caller's identity needs for it: the one table. An operation
# macie-report sends that is missing here fails the policy test (as does an exempt one that
# is not listed in the test's EXEMPT). "(aws:kms)" marks an S3 write carrying
# `x-amz-server-side-encryption: aws:kms`, or a read of an object the run wrote that way: S3
# calls KMS on the caller's behalf, so the caller's identity needs the KMS actions as well.
ACTIONS = {
    # Macie2 (rest-json).
    "ListClassificationJobs": ("macie2:ListClassificationJobs",),
    "DescribeClassificationJob": ("macie2:DescribeClassificationJob",),
    "GetFindingStatistics": ("macie2:GetFindingStatistics",),
    "ListMembers": ("macie2:ListMembers",),
    # CloudWatch Logs, Organizations (JSON 1.1), STS (query).
    "FilterLogEvents": ("logs:FilterLogEvents",),
    "ListAccounts": ("organizations:ListAccounts",),
    "AssumeRole": ("sts:AssumeRole",),
    # S3 (rest-xml): the multipart steps are all authorized by s3:PutObject.
    "PutObject": ("s3:PutObject",),
    "CreateMultipartUpload": ("s3:PutObject",),
    "UploadPart": ("s3:PutObject",),
    "CompleteMultipartUpload": ("s3:PutObject",),
    "AbortMultipartUpload": ("s3:AbortMultipartUpload",),
    "GetObject": ("s3:GetObject",),
    "HeadObject": ("s3:GetObject",),
    # SSE-KMS: a write makes S3 ask KMS for a data key; a multipart upload's parts are also
    # decrypted to complete it (the CreateMultipartUpload API reference: the requester needs
    # kms:Decrypt and kms:GenerateDataKey); reading the object back needs kms:Decrypt.
    "PutObject (aws:kms)": ("s3:PutObject", "kms:GenerateDataKey"),
    "CreateMultipartUpload (aws:kms)": ("s3:PutObject", "kms:GenerateDataKey", "kms:Decrypt"),
    "GetObject (aws:kms)": ("s3:GetObject", "kms:Decrypt"),
    "HeadObject (aws:kms)": ("s3:GetObject",),
    # SES v2 SendEmail with Raw content is authorized as ses:SendRawEmail (the AccessDenied names
    # that action; see django-anymail's Amazon SES docs, "IAM permissions"); ses:SendEmail is the
    # v2 operation's own action in AWS's Service Authorization Reference. Both are granted.
    "SendEmail": ("ses:SendEmail", "ses:SendRawEmail"),
}

# The registry.
_seen = collections.defaultdict(collections.Counter)  # operation → Counter of where it was seen
_presigned_by_key = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))  # key → op → where
_run_keys = set()
_recordings = collections.Counter()  # "emulator" / "moto" → how many servers reported
_deselected = 0  # tests pytest deselected in this session (-k, --lf)


def _where(server):
    """The server and the test that ran it (pytest's PYTEST_CURRENT_TEST, its phase cut off)."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rpartition(" (")[0]
    return f"{server} in {test}" if test else server


def note_deselected(count):
    """pytest deselected `count` tests: this session is not the whole suite."""
    global _deselected
    _deselected += count


def deselected():
    return _deselected


def register_run_key(key_id):
    """Marks `key_id` as the access key a macie-report run signs its presigned links with."""
    _run_keys.add(key_id)


def record_emulator(counters):
    """The emulator's `/_emulator/counters` at the end of a run: macie-report's requests and the
    presigned ones, by key. An emulator without `requestsByClient` cannot attribute: an error."""
    if "requestsByClient" not in counters:
        raise AssertionError("macie2-emulator's counters have no requestsByClient: rebuild it (swift build)")
    _recordings["emulator"] += 1
    where = _where("emulator")
    for client, operations in counters["requestsByClient"].items():
        for operation, count in operations.items():
            if client == REPORT_AGENT:
                _seen[operation][where] += count
            elif client.startswith("presigned:"):
                _presigned_by_key[client.removeprefix("presigned:")][operation][where] += count


def _header(headers, name):
    name = name.lower()
    return next((value for key, value in headers.items() if key.lower() == name), "")


def _presigned(query):
    """A presigned URL's request: SigV4's `X-Amz-Signature`, or S3's SigV2 `Signature` with `AWSAccessKeyId`."""
    return "X-Amz-Signature" in query or SIGV2_QUERY <= set(query)


def _credential_scope(headers, query):
    """(key id, signing service) of a signed request, from its Authorization header or its
    presigned `X-Amz-Credential` (SigV2's `AWSAccessKeyId`: S3's); empty strings when unsigned."""
    if "AWSAccessKeyId" in query and "X-Amz-Credential" not in query:
        return query["AWSAccessKeyId"], "s3"
    credential = query.get("X-Amz-Credential", "")
    if not credential:
        authorization = _header(headers, "Authorization")
        credential = authorization.partition("Credential=")[2].split(",")[0].strip()
    parts = credential.split("/")
    return (parts[0], parts[3]) if len(parts) >= 5 else (parts[0] if parts else "", "")


def _s3_operation(method, path, query, headers, kms_objects):
    """S3's operation from the method, the path (path-style, as on a loopback endpoint: the
    bucket, then the key) and the subresource in the query."""
    subresources = {k for k in query if not k.lower().startswith(("x-amz-", "response-"))} - SIGV2_QUERY - {"versionId"}
    kms = _header(headers, "x-amz-server-side-encryption").startswith("aws:kms")
    if "/" not in path.strip("/"):
        return f"unknown S3 bucket request {method} {path}?{'&'.join(sorted(subresources))}"
    if method == "DELETE" and "uploadId" in subresources:
        return "AbortMultipartUpload"
    if method == "POST" and subresources == {"uploads"}:
        name = "CreateMultipartUpload"
    elif method == "POST" and subresources == {"uploadId"}:
        return "CompleteMultipartUpload"
    elif method == "PUT" and subresources == {"partNumber", "uploadId"}:
        return "UploadPart"
    elif method == "PUT" and not subresources:
        name = "PutObject"
    elif method in ("GET", "HEAD") and subresources <= {"partNumber"}:
        name = "GetObject" if method == "GET" else "HeadObject"
        return f"{name} (aws:kms)" if path in kms_objects else name
    else:
        return f"unknown S3 request {method} {path}?{'&'.join(sorted(subresources))}"
    if kms:
        kms_objects.add(path)
        return f"{name} (aws:kms)"
    return name


def operation_of(entry, kms_objects):
    """The operation of one request moto recorded: X-Amz-Target (JSON 1.1), S3's method, path
    and subresource, SES v2's path, else the query protocol's Action (URL or form body).
    `kms_objects` collects the paths written with SSE-KMS, so a later read of one is told apart."""
    url = urllib.parse.urlsplit(entry["url"])
    query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
    headers = entry.get("headers") or {}
    method = entry.get("method", "")
    target = _header(headers, "X-Amz-Target")
    if target:
        return target.rpartition(".")[2]
    _, service = _credential_scope(headers, query)
    if service == "s3":
        return _s3_operation(method, url.path, query, headers, kms_objects)
    if service == "ses" and method == "POST" and url.path.rstrip("/").endswith("/v2/email/outbound-emails"):
        return "SendEmail"
    body = entry.get("body") or ""
    if entry.get("body_encoded"):
        body = base64.b64decode(body).decode("utf-8", "replace")
    action = query.get("Action") or dict(urllib.parse.parse_qsl(body)).get("Action")
    return action or f"unknown {service or 'unsigned'} request {method} {url.path}"


def record_moto(url):
    """moto's recording since the fixture started it: macie-report's requests, and the
    presigned ones by key."""
    with urllib.request.urlopen(url + "/moto-api/recorder/download-recording") as response:
        text = response.read().decode("utf-8")
    _recordings["moto"] += 1
    where = _where("moto")
    kms_objects = set()
    for entry in recorded_entries(text):
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(entry["url"]).query, keep_blank_values=True))
        headers = entry.get("headers") or {}
        if _presigned(query):
            key, _ = _credential_scope(headers, query)
            _presigned_by_key[key][operation_of(entry, kms_objects)][where] += 1
        elif _header(headers, "User-Agent").startswith(REPORT_AGENT + "/"):
            _seen[operation_of(entry, kms_objects)][where] += 1


def recorded_entries(text):
    """The JSON objects of moto's recording, one after another. Not line by line: moto writes
    each entry and its newline in two writes from the server's threads, so concurrent requests
    (the parts of a multipart upload) can put two entries on one line and an empty line after."""
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return
        entry, index = decoder.raw_decode(text, index)
        yield entry


def operations():
    """operation → Counter(where → requests) of everything attributed to macie-report so far."""
    merged = collections.defaultdict(collections.Counter, {op: counter.copy() for op, counter in _seen.items()})
    for key in _run_keys:
        for operation, where in _presigned_by_key.get(key, {}).items():
            merged[operation].update(where)
    return dict(merged)


def recordings():
    """How many emulator and moto servers reported."""
    return dict(_recordings)
