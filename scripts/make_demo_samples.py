#!/usr/bin/env python3
"""Write the committed demo dataset for macie-report.

Writes samples/demo/{us-east-1,eu-west-1,ap-southeast-2}.json: each a JSON
array of DescribeClassificationJob response bodies, exactly as the Macie2 API
returns them (camelCase members from the botocore model
macie2-service-2.json; absent members are omitted, never null),
samples/demo/logs/<region>.json: the CloudWatch Logs events Macie wrote for
the jobs whose last run is ERROR or that are PAUSED or CANCELLED (one entry a
line, as JobLogsFile.encode writes them; one such job is left out on purpose),
samples/demo/findings/<region>.json: each job's finding counts by severity and
archived, one {jobId, severity, archived, count} group a line (what the
emulator's GetFindingStatistics answers from; reports do not read it yet),
plus samples/demo/EXPECTED.txt with the counts that tests can assert against.

Deterministic: every relative date is computed from the fixed ANCHOR below
(never from the current time) and every "random" choice is derived from an
md5 of a seed string, so the output is byte-identical on every run and on
every Python 3 version.  Standard library only.

Usage:  python3 scripts/make_demo_samples.py [--out DIR]
"""

import argparse
import hashlib
import io
import json
import os
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone

ANCHOR = datetime(2026, 11, 24, 6, 0, 0, tzinfo=timezone.utc)
ANCHOR_TEXT = "2026-11-24T06:00:00Z"

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
ACCOUNTS = ["111122223333", "444455556666", "777788889999"]
EXTERNAL_ACCOUNT = "123456789012"  # a partner account that owns shared buckets

# Enum values from the model, in model order (used for stable summary order).
JOB_STATUSES = ["RUNNING", "PAUSED", "CANCELLED", "COMPLETE", "IDLE", "USER_PAUSED"]
JOB_TYPES = ["ONE_TIME", "SCHEDULED"]
ERROR_CODES = ["NONE", "ERROR"]
DAYS_OF_WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY", "SUNDAY"]  # index == datetime.weekday()

ORG = {
    "111122223333": "acme",
    "444455556666": "globex",
    "777788889999": "initech",
    EXTERNAL_ACCOUNT: "partner-vendor",
}
BUCKET_TOPICS = [
    "payroll-exports", "hr-records", "customer-data", "invoices",
    "logs-archive", "data-lake-raw", "data-lake-curated",
    "support-attachments", "backups", "analytics-events", "contracts",
    "marketing-leads", "ml-training", "claims-documents", "shared-drop",
]
MANAGED_IDS = [
    "CREDIT_CARD_NUMBER", "CREDIT_CARD_SECURITY_CODE",
    "USA_SOCIAL_SECURITY_NUMBER", "AWS_CREDENTIALS", "BANK_ACCOUNT_NUMBER",
    "EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH",
    "UK_NATIONAL_INSURANCE_NUMBER", "AUSTRALIA_TAX_FILE_NUMBER",
    "OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "FRANCE_NATIONAL_IDENTIFICATION_NUMBER",
]
TEAMS = ["data-governance", "security", "privacy-office", "platform",
         "finance-it", "compliance"]

ABSENT = object()  # sentinel: "omit this member"


# ---------------------------------------------------------------- helpers ---

def h(*parts):
    """Deterministic non-negative integer from the given seed parts."""
    s = "\x1f".join(str(p) for p in parts)
    return int(hashlib.md5(s.encode("utf-8")).hexdigest(), 16)


def pick(seq, *parts):
    return seq[h(*parts) % len(seq)]


def uuid_from(*parts):
    x = hashlib.md5("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return "%s-%s-4%s-%s%s-%s" % (x[0:8], x[8:12], x[13:16],
                                  "89ab"[int(x[16], 16) % 4], x[17:20], x[20:32])


def ts(dt, ms=None):
    """ISO-8601 UTC text; ms=None -> whole seconds, else '.mmmZ'."""
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if ms is None:
        return base + "Z"
    return "%s.%03dZ" % (base, ms)


def occurrences(sched, start, end, hour, minute):
    """Scheduled run instants in (start, end] for a schedule tuple."""
    out = []
    day = datetime(start.year, start.month, start.day, hour, minute,
                   tzinfo=timezone.utc)
    while day <= end:
        if day > start:
            kind = sched[0]
            if (kind == "D"
                    or (kind == "W" and DAYS_OF_WEEK[day.weekday()] == sched[1])
                    or (kind == "M" and day.day == sched[1])):
                out.append(day)
        day += timedelta(days=1)
    return out


# ------------------------------------------------------------- job specs ---

SPECS = []


def J(region, acct, status, jtype, sched, name, desc, **opts):
    SPECS.append(dict(region=region, acct=acct, status=status, jtype=jtype,
                      sched=sched, name=name, desc=desc, opts=opts))


D = ("D",)


def W(day):
    return ("W", day)


def M(day):
    return ("M", day)


A1, A4, A7 = ACCOUNTS
LONG_NAME = ("very-long-name-" + "abcdefghij" * 1000)[:10000]
assert len(LONG_NAME) == 10000

# ---- us-east-1 -------------------------------------------------------------
R = "us-east-1"
J(R, A1, "COMPLETE", "ONE_TIME", None, "pii-scan-finance-once",
  "One-time scan of finance buckets before the Q3 audit")
J(R, A1, "IDLE", "SCHEDULED", D, "pii-scan-finance-daily",
  "Daily scan of finance landing buckets", tags_extra={"=cmd|' /C calc'!A0": "formula in a tag key"})
J(R, A1, "IDLE", "SCHEDULED", W("MONDAY"), "payroll-exports-weekly",
  "Weekly scan of payroll exports", selector="INCLUDE")
J(R, A1, "RUNNING", "SCHEDULED", M(1), "hr-records-monthly",
  "Monthly scan of HR records archive", approx=48211)
J(R, A1, "PAUSED", "ONE_TIME", None, "data-lake-full-sweep",
  "Full sweep of the data lake raw zone (paused: monthly quota reached)",
  approx=1250000.0, buckets="criteria")
J(R, A1, "USER_PAUSED", "SCHEDULED", W("FRIDAY"), "customer-exports-weekly",
  "Weekly scan of customer CRM exports; paused by on-call",
  expires=timedelta(days=1))
J(R, A1, "CANCELLED", "ONE_TIME", None, "legacy-bucket-audit",
  "Cancelled: buckets were migrated to the new data lake")
J(R, A1, "COMPLETE", "ONE_TIME", None, "<script>alert('x')</script>",
  "Name contains a script tag", err="ERROR")
J(R, A1, "IDLE", "SCHEDULED", D, '=HYPERLINK("http://evil.example","click")',
  "Spreadsheet formula in the name", tags_extra={"owner": "@cmd"})
J(R, A4, "COMPLETE", "ONE_TIME", None, "marketing-leads-once",
  "One-off scan of purchased marketing lead lists", err="ERROR",
  selector="NONE", custom=2)
J(R, A4, "IDLE", "SCHEDULED", M(15), "claims-documents-monthly",
  "Monthly scan of insurance claim documents (created, not run yet)",
  never_run=True, initial_run=False)
J(R, A4, "RUNNING", "ONE_TIME", None, "s3-inventory-pii-check",
  "Checks S3 inventory reports for PII", approx=1543.5)
J(R, A4, "USER_PAUSED", "ONE_TIME", None, "support-attachments-once",
  "One-time scan of support ticket attachments",
  expires=timedelta(days=3), ms=True)
J(R, A4, "COMPLETE", "ONE_TIME", None, "pii, finance, hr",
  'Covers the buckets "finance", "hr", and "pii", in that order')
J(R, A4, "CANCELLED", "SCHEDULED", W("SUNDAY"), "old-logs-weekly", "",
  err=ABSENT)
J(R, A4, "IDLE", "SCHEDULED", D, "multi\r\nline\nname",
  "Name has a CRLF and an LF inside")
J(R, A7, "COMPLETE", "ONE_TIME", None, "invoice\u202efdp.exe",
  "Name contains U+202E RIGHT-TO-LEFT OVERRIDE (renders as invoiceexe.pdf)")
J(R, A7, "IDLE", "SCHEDULED", W("WEDNESDAY"), "backup-snapshots-weekly",
  "Weekly scan of exported database snapshots", err="ERROR", buckets="criteria")
J(R, A7, "PAUSED", "SCHEDULED", D, "analytics-events-daily",
  "Daily scan of clickstream events", approx=310442)
J(R, A7, "USER_PAUSED", "SCHEDULED", M(28), "research-datasets-monthly",
  "Monthly scan of research datasets", expires=timedelta(days=20))
J(R, A7, "COMPLETE", "ONE_TIME", None, "C:\\Users\\admin\\share scan",
  "Backslashes: C:\\temp\\new and a literal \\n that is not a newline")
J(R, A7, "RUNNING", "ONE_TIME", None, "ml-training-data-check",
  "Carries an extra member unknown to the model (futureField); decoders must ignore it",
  extra={"futureField": {"x": 1}}, approx=9120)
J(R, A1, "IDLE", "SCHEDULED", W("TUESDAY"), "security-team \U0001f510",
  "Weekly secrets scan \u2013 credentials and private keys",
  tags_extra={"team": "\U0001f6e1\ufe0f sec", "emoji\U0001f511": "\u5024"},
  selector="INCLUDE")
J(R, A1, "COMPLETE", "ONE_TIME", None, "cross-account-vendor-share",
  "Scan of buckets shared with and by partner accounts", cross=4)
J(R, A4, "CANCELLED", "ONE_TIME", None, "mistaken-job-cancelled",
  "Created by mistake and cancelled before it started",
  never_run=True, no_stats=True, err=ABSENT, no_token=True)
J(R, A1, "IDLE", "SCHEDULED", M(31), "quarter-end-ledger-monthly",
  "Runs on the 31st only (skips shorter months)")
J(R, A7, "COMPLETE", "ONE_TIME", None, "pii-scan-dev-sandbox",
  "Sandbox scan; timestamps carry milliseconds", ms=True)
J(R, A4, "USER_PAUSED", "SCHEDULED", D, "contracts-daily",
  "Daily scan of signed contracts; pause already expired",
  expires=timedelta(days=-2))

# ---- eu-west-1 -------------------------------------------------------------
R = "eu-west-1"
J(R, A1, "COMPLETE", "ONE_TIME", None, "gdpr-subject-access-once",
  "One-time search for a data subject access request")
J(R, A1, "IDLE", "SCHEDULED", D, "gdpr-pii-daily",
  "Daily GDPR personal-data scan of EU buckets", selector="EXCLUDE")
J(R, A1, "IDLE", "SCHEDULED", W("THURSDAY"), "finance &amp; hr &lt;legacy&gt;",
  "Looks already HTML-escaped: &amp; &lt; &gt; &quot; &#39;",
  tags_extra={"<b>key</b>": "&lt;i&gt;value&lt;/i&gt;"})
J(R, A1, "RUNNING", "SCHEDULED", W("SATURDAY"), "eu-customer-profiles-weekly",
  "Weekly scan of customer profile exports", approx=77310.0)
J(R, A1, "USER_PAUSED", "SCHEDULED", W("MONDAY"), "eu-billing-weekly",
  "Weekly scan of billing exports",
  expires=timedelta(days=6, hours=23))
J(R, A1, "COMPLETE", "ONE_TIME", None, "-2+3", "Name starts with a minus sign")
J(R, A1, "CANCELLED", "SCHEDULED", M(10), "o'brien's bucket scan",
  "It's the 'legacy' one, don't restart it", err="ERROR")
J(R, A4, "COMPLETE", "ONE_TIME", None, "img-tag-description",
  "<img src=x onerror=alert(1)>")
J(R, A4, "IDLE", "SCHEDULED", D, "eu-new-buckets-daily",
  "Daily scan of newly created buckets (not run yet)",
  never_run=True, initial_run=False, buckets="criteria")
J(R, A4, "PAUSED", "ONE_TIME", None, "eu-archive-restore-scan",
  "Scan of restored archive objects", err="ERROR", approx=20480)
J(R, A4, "USER_PAUSED", "ONE_TIME", None, "eu-hr-onboarding-once",
  "One-time scan of onboarding documents", expires=timedelta(days=12))
J(R, A4, "RUNNING", "ONE_TIME", None,
  "\u0641\u062d\u0635 \u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a "
  "\u0627\u0644\u0634\u062e\u0635\u064a\u0629",
  "Arabic name (personal data scan), right-to-left", approx=512)
J(R, A4, "COMPLETE", "ONE_TIME", None,
  "Cafe\u0301 re\u0301sume\u0301 scan",
  "Combining acute accents (NFD): e\u0301 is two code points")
J(R, A4, "IDLE", "SCHEDULED", W("FRIDAY"), LONG_NAME,
  "Name is exactly 10000 characters long")
J(R, A7, "COMPLETE", "ONE_TIME", None, "eu-payments-pci-once",
  "PCI scan of payment card exports", err="ERROR", selector="INCLUDE")
J(R, A7, "IDLE", "SCHEDULED", M(5), "eu-multiline-description",
  "line1\r\nline2\nline3 (CRLF then LF)")
J(R, A7, "CANCELLED", "ONE_TIME", None, "eu-test-cancelled",
  "Test job, cancelled after the first minutes")
J(R, A7, "ARCHIVED", "SCHEDULED", W("TUESDAY"), "eu-retired-scan",
  "future status value, kept verbatim (jobStatus ARCHIVED is not in the model)")
J(R, A7, "RUNNING", "SCHEDULED", D, "eu-logs-daily",
  "Daily scan of application logs",
  tags_extra={"note": "\rstarts with a carriage return"}, approx=1200)
J(R, A7, "IDLE", "SCHEDULED", M(20), "eu-old-reports-monthly",
  "Older job created before error status was reported", err=ABSENT)
J(R, A1, "COMPLETE", "ONE_TIME", None, "eu-dpo-request-once",
  "DPO request; timestamps carry milliseconds", ms=True, selector="ALL")
J(R, A4, "PAUSED", "SCHEDULED", W("WEDNESDAY"), "eu-crm-weekly",
  "Weekly CRM scan", approx=66000, tags_extra={'quote"key': "it's"})
J(R, A7, "USER_PAUSED", "ONE_TIME", None, "eu-vendor-share-once",
  "One-time scan of vendor share; expires just over 7 days out",
  expires=timedelta(days=7, hours=1), cross=3)

# ---- ap-southeast-2 (accounts 111122223333 and 444455556666 only) -----------
R = "ap-southeast-2"
J(R, A1, "COMPLETE", "ONE_TIME", None, "au-tfn-scan-once",
  "One-time scan for Australian tax file numbers", selector="INCLUDE")
J(R, A1, "IDLE", "SCHEDULED", D, "au-medicare-daily",
  "Daily scan for Medicare numbers")
J(R, A1, "IDLE", "SCHEDULED", W("SUNDAY"), "\tleading-tab-job",
  "Name starts with a TAB")
J(R, A1, "RUNNING", "ONE_TIME", None, 'the "quoted" job',
  'He said "scan it", then left', approx=87)
J(R, A1, "USER_PAUSED", "SCHEDULED", M(7), "au-finance-monthly",
  "Monthly finance scan", expires=timedelta(days=25))
J(R, A1, "CANCELLED", "ONE_TIME", None, "au-old-share-scan",
  "Cancelled after access errors", err="ERROR")
J(R, A1, "COMPLETE", "ONE_TIME", None,
  "dev-team \U0001f469\u200d\U0001f4bb scan \U0001f1ef\U0001f1f5",
  "ZWJ emoji sequence and a flag in the name")
J(R, A1, "PAUSED", "SCHEDULED", M(1), "au-quota-heavy-monthly",
  "Large monthly scan that often hits the quota", approx=2000000,
  selector="EXCLUDE")
J(R, A4, "COMPLETE", "ONE_TIME", None, "   ", "Name is only spaces")
J(R, A4, "IDLE", "SCHEDULED", W("THURSDAY"), "he-weekly-customer-files",
  "\u05e1\u05e8\u05d9\u05e7\u05d4 \u05e9\u05d1\u05d5\u05e2\u05d9\u05ea "
  "\u05e9\u05dc \u05e7\u05d1\u05e6\u05d9 \u05dc\u05e7\u05d5\u05d7\u05d5\u05ea",
  buckets="criteria")
J(R, A4, "IDLE", "SCHEDULED", D, "au-new-ingest-daily",
  "Daily scan of the new ingest buckets (not run yet)",
  never_run=True, initial_run=False)
J(R, A4, "RUNNING", "SCHEDULED", W("MONDAY"), "au-web-assets-weekly",
  "Weekly scan of public web assets",
  tags_extra={"title": '" onmouseover="x'}, approx=4400)
J(R, A4, "COMPLETE", "ONE_TIME", None, "au-formula-desc", "+SUM(1+1)",
  tags_extra={"cost,center": "12,34"})
J(R, A4, "CANCELLED", "SCHEDULED", D, "au-tmp-daily",
  "Temporary daily job", err=ABSENT)
J(R, A4, "IDLE", "SCHEDULED", M(28), "au-tsv-monthly",
  "col1\tcol2\tcol3 (tabs)")
J(R, A4, "COMPLETE", "ONE_TIME", None,
  "Z\u0364\u0311a\u0308\u0347l\u036e\u0312g\u030c\u0317o\u0319\u0314 text",
  "Stacked combining marks (zalgo)", err="ERROR")
J(R, A1, "IDLE", "SCHEDULED", W("SATURDAY"), "au-backups-weekly",
  "Weekly scan of backup exports", err="ERROR", buckets="criteria")
J(R, A4, "USER_PAUSED", "ONE_TIME", None, "au-claims-once",
  "One-time claims scan", expires=timedelta(days=5, hours=2), ms=True)
J(R, A1, "COMPLETE", "ONE_TIME", None, "au-ms-precision-once",
  "Timestamps carry milliseconds", ms=True)
J(R, A4, "IDLE", "SCHEDULED", M(12), "au-partner-monthly",
  "Monthly scan of buckets shared by partners", cross=2, selector="ALL")

# ---- extra realistic jobs to round out the status mix ------------------------
J("us-east-1", A7, "CANCELLED", "SCHEDULED", M(3), "initech-tps-reports-monthly",
  "Monthly scan of TPS reports; retired")
J("us-east-1", A4, "COMPLETE", "ONE_TIME", None, "globex-contracts-once",
  "One-time scan of contract PDFs", buckets="criteria")
J("eu-west-1", A4, "IDLE", "SCHEDULED", D, "eu-support-daily",
  "Daily scan of support attachments", err=ABSENT, ms=True)
J("eu-west-1", A1, "COMPLETE", "ONE_TIME", None, "eu-marketing-once",
  "Scan of marketing consent exports")
J("ap-southeast-2", A1, "RUNNING", "SCHEDULED", D, "au-payroll-daily",
  "Daily payroll export scan", approx=0)


# ------------------------------------------------------------ build jobs ---

def bucket_name(acct, region, *parts):
    topic = pick(BUCKET_TOPICS, "topic", acct, region, *parts)
    return "%s-%s-%s" % (ORG[acct], topic, region)


def bucket_definitions(seed, acct, region, cross):
    n_accts = cross if cross else 1
    others = [a for a in ACCOUNTS + [EXTERNAL_ACCOUNT] if a != acct]
    accts = [acct] + [others[(h(seed, "oacct") + i) % len(others)]
                      for i in range(n_accts - 1)]
    defs = []
    for ai, a in enumerate(accts):
        n_b = 1 + h(seed, "nb", ai) % 6
        names = []
        for bi in range(n_b):
            nm = bucket_name(a, region, seed, ai, bi)
            if nm in names:
                nm = "%s-%d" % (nm, bi)
            names.append(nm)
        defs.append({"accountId": a, "buckets": names})
    return defs


def bucket_criteria(seed, acct):
    org = ORG[acct]
    inc = [
        {"simpleCriterion": {"comparator": "STARTS_WITH",
                             "key": "S3_BUCKET_NAME",
                             "values": ["%s-%s" % (org, pick(
                                 ["finance", "hr", "data-lake", "backups", "support"],
                                 seed, "prefix"))]}},
        {"simpleCriterion": {"comparator": "EQ", "key": "ACCOUNT_ID",
                             "values": [acct]}},
        {"tagCriterion": {"comparator": "EQ",
                          "tagValues": [{"key": "data-classification",
                                         "value": pick(["confidential", "restricted"], seed, "cls")},
                                        {"key": "pii", "value": ""}]}},
    ]
    exc = [
        {"simpleCriterion": {"comparator": "EQ",
                             "key": "S3_BUCKET_EFFECTIVE_PERMISSION",
                             "values": ["PUBLIC"]}},
    ]
    if h(seed, "shared") % 2:
        exc.append({"simpleCriterion": {"comparator": "NE",
                                        "key": "S3_BUCKET_SHARED_ACCESS",
                                        "values": ["NOT_SHARED", "INTERNAL"]}})
    if h(seed, "tagexc") % 2:
        exc.append({"tagCriterion": {"comparator": "NE",
                                     "tagValues": [{"key": "macie-scan", "value": "skip"}]}})
    return {"excludes": {"and": exc}, "includes": {"and": inc}}


SCOPINGS = [
    {"includes": {"and": [
        {"simpleScopeTerm": {"comparator": "EQ", "key": "OBJECT_EXTENSION",
                             "values": ["csv", "xlsx", "json", "parquet"]}}]}},
    {"excludes": {"and": [
        {"simpleScopeTerm": {"comparator": "GT", "key": "OBJECT_SIZE",
                             "values": ["1073741824"]}}]}},
    {"excludes": {"and": [
        {"simpleScopeTerm": {"comparator": "EQ", "key": "OBJECT_EXTENSION",
                             "values": ["jpg", "png", "mp4"]}},
        {"tagScopeTerm": {"comparator": "EQ", "key": "TAG",
                          "tagValues": [{"key": "macie-scan", "value": "skip"}],
                          "target": "S3_OBJECT"}}]},
     "includes": {"and": [
        {"simpleScopeTerm": {"comparator": "STARTS_WITH", "key": "OBJECT_KEY",
                             "values": ["exports/", "reports/2026/"]}},
        {"simpleScopeTerm": {"comparator": "GTE",
                             "key": "OBJECT_LAST_MODIFIED_DATE",
                             "values": ["2026-01-01T00:00:00Z"]}}]}},
    {"includes": {"and": [
        {"simpleScopeTerm": {"comparator": "LTE", "key": "OBJECT_SIZE",
                             "values": ["104857600"]}},
        {"tagScopeTerm": {"comparator": "EQ", "key": "TAG",
                          "tagValues": [{"key": "classification", "value": "confidential"},
                                        {"key": "pii", "value": ""}],
                          "target": "S3_OBJECT"}}]}},
]


def alnum_id(n, *parts):
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    x = h(*parts)
    out = []
    for _ in range(n):
        x, r = divmod(x, len(chars))
        out.append(chars[r])
        if x == 0:
            x = h(*parts, len(out))
    return "".join(out)


def build(index, spec):
    o = spec["opts"]
    region, acct, status, jtype, sched = (spec["region"], spec["acct"],
                                          spec["status"], spec["jtype"], spec["sched"])
    seed = "demo:%s:%s:%d:%s" % (region, acct, index, spec["name"][:64])
    job_id = hashlib.md5(seed.encode("utf-8")).hexdigest()
    use_ms = o.get("ms", False)

    def T(dt, salt):
        return ts(dt, (123 if salt == "created" else h(seed, "ms", salt) % 1000)
                  if use_ms else None)

    hour, minute = 1 + h(seed, "hh") % 5, (h(seed, "mm") % 4) * 15
    never_run = o.get("never_run", False)
    expires = o.get("expires")
    paused_at = ANCHOR + expires - timedelta(days=30) if expires is not None else None
    # the point in time up to which the job has been making progress
    horizon = paused_at or ANCHOR
    if status == "CANCELLED":
        horizon = ANCHOR - timedelta(days=20 + h(seed, "cx") % 90)
    if status == "ARCHIVED":
        horizon = ANCHOR - timedelta(days=40)

    created = last_run = None
    runs = 0
    # initialRun is always false for one-time jobs (per the model docs)
    initial_run = (o.get("initial_run", h(seed, "init") % 3 != 0)
                   if jtype == "SCHEDULED" else False)
    if jtype == "ONE_TIME":
        if never_run:
            created = horizon - timedelta(hours=1 + h(seed, "c") % 30,
                                          minutes=h(seed, "cm") % 60)
        else:
            if status in ("RUNNING", "PAUSED"):
                age = timedelta(hours=2 + h(seed, "c") % 70)
            elif status == "USER_PAUSED":
                age = timedelta(hours=3 + h(seed, "c") % 40)
            else:
                age = timedelta(days=1 + h(seed, "c") % 200, hours=h(seed, "ch") % 24)
            created = horizon - age
            created = created.replace(second=h(seed, "s") % 60)
            last_run = created + timedelta(minutes=1 + h(seed, "lr") % 4,
                                           seconds=h(seed, "lrs") % 60)
            runs = 1
    else:
        if never_run:
            occ = occurrences(sched, horizon - timedelta(days=40), horizon, hour, minute)
            # created after the most recent scheduled slot, so it has not run yet
            gap = int((horizon - occ[-1]).total_seconds())
            created = occ[-1] + timedelta(seconds=gap * (20 + h(seed, "c") % 60) // 100)
            assert created < horizon, spec["name"]
        else:
            created = horizon - timedelta(days=35 + h(seed, "c") % 400,
                                          hours=h(seed, "ch") % 24,
                                          minutes=h(seed, "cm") % 60,
                                          seconds=h(seed, "cs") % 60)
            occ = occurrences(sched, created, horizon, hour, minute)
            runs = len(occ) + (1 if initial_run else 0)
            last_run = occ[-1] if occ else created

    job = {}
    # allowListIds
    if h(seed, "allow") % 4 == 0:
        job["allowListIds"] = [alnum_id(22, seed, "allow", i)
                               for i in range(1 + h(seed, "nallow") % 2)]
    if not o.get("no_token"):
        job["clientToken"] = uuid_from(seed, "token")
    job["createdAt"] = T(created, "created")
    n_custom = o.get("custom", 1 + h(seed, "ncust") % 3 if h(seed, "cust") % 3 == 0 else 0)
    if n_custom:
        job["customDataIdentifierIds"] = [uuid_from(seed, "cdi", i) for i in range(n_custom)]
    job["description"] = spec["desc"]
    job["initialRun"] = initial_run
    job["jobArn"] = "arn:aws:macie2:%s:%s:classification-job/%s" % (region, acct, job_id)
    job["jobId"] = job_id
    job["jobStatus"] = status
    job["jobType"] = jtype
    err = o.get("err", "NONE")
    if never_run:
        err = o.get("err", ABSENT)
    if err is not ABSENT:
        job["lastRunErrorStatus"] = {"code": err}
    if last_run is not None:
        job["lastRunTime"] = T(last_run, "lastRun")
    selector = o.get("selector",
                     pick(["RECOMMENDED", "RECOMMENDED", "RECOMMENDED", "ALL", ABSENT],
                          seed, "sel"))
    if selector == "NONE" and not n_custom:
        raise SystemExit("selector NONE needs custom data identifiers: %s" % spec["name"])
    if selector in ("INCLUDE", "EXCLUDE"):
        start = h(seed, "mdi") % len(MANAGED_IDS)
        k = 2 + h(seed, "nmdi") % 3
        job["managedDataIdentifierIds"] = [MANAGED_IDS[(start + i) % len(MANAGED_IDS)]
                                           for i in range(k)]
    if selector is not ABSENT:
        job["managedDataIdentifierSelector"] = selector
    job["name"] = spec["name"]
    s3 = {}
    if o.get("buckets") == "criteria":
        s3["bucketCriteria"] = bucket_criteria(seed, acct)
    else:
        s3["bucketDefinitions"] = bucket_definitions(seed, acct, region, o.get("cross"))
    if h(seed, "scope") % 5 < 2:
        s3["scoping"] = SCOPINGS[h(seed, "scopekind") % len(SCOPINGS)]
    job["s3JobDefinition"] = s3
    if h(seed, "sp") % 7 != 0:
        job["samplingPercentage"] = pick([100, 100, 100, 100, 50, 25, 10], seed, "spv")
    if jtype == "SCHEDULED":
        if sched[0] == "D":
            job["scheduleFrequency"] = {"dailySchedule": {}}
        elif sched[0] == "W":
            job["scheduleFrequency"] = {"weeklySchedule": {"dayOfWeek": sched[1]}}
        else:
            job["scheduleFrequency"] = {"monthlySchedule": {"dayOfMonth": sched[1]}}
    if not o.get("no_stats"):
        approx = o.get("approx", 0 if status not in ("RUNNING", "PAUSED", "USER_PAUSED")
                       else 100 + h(seed, "ap") % 50000)
        if status == "USER_PAUSED" and "approx" not in o:
            approx = 100 + h(seed, "ap") % 50000
        # the model says double: mix whole numbers written as ints and floats
        as_float = h(seed, "fl") % 3 == 0
        job["statistics"] = {
            "approximateNumberOfObjectsToProcess":
                float(approx) if as_float and isinstance(approx, int) else approx,
            "numberOfRuns": float(runs) if as_float else runs,
        }
    tags = {}
    if h(seed, "tags") % 6 != 0:
        tags["owner"] = pick(TEAMS, seed, "owner")
        tags["env"] = pick(["prod", "prod", "staging", "dev"], seed, "env")
        if h(seed, "cc") % 2:
            tags["cost-center"] = "cc-%04d" % (h(seed, "ccn") % 10000)
        if h(seed, "tk") % 3 == 0:
            tags["ticket"] = "SEC-%d" % (1000 + h(seed, "tkn") % 9000)
    tags.update(o.get("tags_extra", {}))
    if tags or h(seed, "emptytags") % 2:
        job["tags"] = tags
    if status == "USER_PAUSED":
        # jobExpiresAt is exactly 30 days after jobPausedAt (same milliseconds)
        upd = {"jobExpiresAt": T(paused_at + timedelta(days=30), "paused")}
        # Macie only sends the imminent-expiration Health event after 23 days.
        if ANCHOR - paused_at >= timedelta(days=23):
            upd["jobImminentExpirationHealthEventArn"] = (
                "arn:aws:health:%s::event/MACIE/AWS_MACIE_CLASSIFICATION_JOB_EXPIRING/"
                "AWS_MACIE_CLASSIFICATION_JOB_EXPIRING_%s" % (region, uuid_from(seed, "health")))
        upd["jobPausedAt"] = T(paused_at, "paused")
        job["userPausedDetails"] = upd
    for k, v in o.get("extra", {}).items():
        # put unknown members in the middle of the object, not at the end
        items = list(job.items())
        items.insert(len(items) // 2, (k, v))
        job = dict(items)
    return job


# --------------------------------------------------------------- summary ---

def show(name, width=40):
    """Escaped, truncated (in code points) single-line rendering of a name."""
    s = name[:width]
    out = json.dumps(s, ensure_ascii=False)
    for cp in (0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
               0x2066, 0x2067, 0x2068, 0x2069):
        out = out.replace(chr(cp), "\\u%04x" % cp)
    if len(name) > width:
        out += "...(%d chars)" % len(name)
    return out


def parse_ts(text):
    text = text.rstrip("Z")
    if "." in text:
        base, frac = text.split(".")
        dt = datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
        dt = dt.replace(microsecond=int(frac.ljust(6, "0")[:6]))
    else:
        dt = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    return dt.replace(tzinfo=timezone.utc)


def fmt_delta(td):
    sign = "-" if td < timedelta(0) else "+"
    td = abs(td)
    days, rem = divmod(int(td.total_seconds()), 86400)
    return "%s%dd %02dh %02dm" % (sign, days, rem // 3600, (rem % 3600) // 60)


def summary(by_region, logs=None, findings=None):
    rows = [(r, j) for r in REGIONS for j in by_region[r]]
    jobs = [j for _, j in rows]

    def account(j):
        return j["jobArn"].split(":")[4]

    def ordered(counter, known):
        keys = [k for k in known if k in counter] + sorted(k for k in counter if k not in known)
        return [(k, counter[k]) for k in keys]

    L = []
    L.append("macie-report demo dataset: expected values")
    L.append("generated by scripts/make_demo_samples.py (deterministic; do not edit by hand)")
    L.append("anchor (\"now\" for relative dates): %s" % ANCHOR_TEXT)
    L.append("names below: JSON-escaped, truncated to 40 code points; bidi controls shown as \\uXXXX")
    L.append("")
    L.append("total jobs: %d" % len(jobs))
    L.append("")

    def block(title, counter, known):
        L.append(title)
        for k, v in ordered(counter, known):
            L.append("  %-28s %3d" % (k, v))
        L.append("")

    statuses = Counter(j["jobStatus"] for j in jobs)
    block("by jobStatus:", statuses, JOB_STATUSES)
    block("by jobType:", Counter(j["jobType"] for j in jobs), JOB_TYPES)
    block("by lastRunErrorStatus.code:",
          Counter(j.get("lastRunErrorStatus", {}).get("code", "(none)") for j in jobs),
          ERROR_CODES + ["(none)"])
    block("by region:", Counter(r for r, _ in rows), REGIONS)
    block("by accountId:", Counter(account(j) for j in jobs), ACCOUNTS)
    block("by region x accountId:",
          Counter("%s %s" % (r, account(j)) for r, j in rows),
          ["%s %s" % (r, a) for r in REGIONS for a in ACCOUNTS])

    L.append("jobStatus x jobType:")
    L.append("  %-12s %9s %9s %9s" % ("", "ONE_TIME", "SCHEDULED", "total"))
    ct = Counter((j["jobStatus"], j["jobType"]) for j in jobs)
    for s, _ in ordered(statuses, JOB_STATUSES):
        a, b = ct[(s, "ONE_TIME")], ct[(s, "SCHEDULED")]
        L.append("  %-12s %9d %9d %9d" % (s, a, b, a + b))
    a = sum(v for (s, t), v in ct.items() if t == "ONE_TIME")
    b = sum(v for (s, t), v in ct.items() if t == "SCHEDULED")
    L.append("  %-12s %9d %9d %9d" % ("total", a, b, a + b))
    L.append("")

    def listing(title, sel, extra=None):
        picked = [(r, j) for r, j in rows if sel(j)]
        L.append("%s (%d):" % (title, len(picked)))
        for r, j in picked:
            line = "  %-14s %s %-11s" % (r, j["jobId"], j["jobStatus"])
            if extra:
                line += " " + extra(j)
            L.append(line + " " + show(j["name"]))
        L.append("")

    listing("lastRunErrorStatus.code == ERROR",
            lambda j: j.get("lastRunErrorStatus", {}).get("code") == "ERROR")
    listing("jobStatus == PAUSED", lambda j: j["jobStatus"] == "PAUSED")

    limit = ANCHOR + timedelta(days=7)

    def exp(j):
        return parse_ts(j["userPausedDetails"]["jobExpiresAt"])

    def exp_text(j):
        e = j["userPausedDetails"]["jobExpiresAt"]
        return "expires %-24s (%s)" % (e, fmt_delta(exp(j) - ANCHOR))

    listing("USER_PAUSED with jobExpiresAt <= anchor + 7 days (incl. already expired)",
            lambda j: j["jobStatus"] == "USER_PAUSED" and exp(j) <= limit, exp_text)
    listing("USER_PAUSED with jobExpiresAt > anchor + 7 days",
            lambda j: j["jobStatus"] == "USER_PAUSED" and exp(j) > limit, exp_text)
    listing("no lastRunTime", lambda j: "lastRunTime" not in j)
    listing("jobStatus not in the model (forward compatibility)",
            lambda j: j["jobStatus"] not in JOB_STATUSES)
    known = set()  # members of DescribeClassificationJobResponse
    known.update(["allowListIds", "clientToken", "createdAt", "customDataIdentifierIds",
                  "description", "initialRun", "jobArn", "jobId", "jobStatus", "jobType",
                  "lastRunErrorStatus", "lastRunTime", "managedDataIdentifierIds",
                  "managedDataIdentifierSelector", "name", "s3JobDefinition",
                  "samplingPercentage", "scheduleFrequency", "statistics", "tags",
                  "userPausedDetails"])
    listing("members not in the model (must be ignored)",
            lambda j: set(j) - known,
            lambda j: ",".join(sorted(set(j) - known)))
    if logs is not None:
        L.extend(log_summary(by_region, logs))
    if findings is not None:
        L.extend(finding_summary(by_region, findings))
    return "\n".join(L).rstrip("\n") + "\n"


# -------------------------------------------------------------- job logs ---
#
# CloudWatch Logs events Macie writes to /aws/macie/classificationjobs, one stream per
# job (named by its jobId), for the jobs whose events explain something: last run
# ERROR, or jobStatus PAUSED or CANCELLED.  Written as samples/demo/logs/<region>.json
# in the samples format of JobLogsFile (FilterLogEvents' FilteredLogEvent objects).

LOG_ACCOUNT_ERRORS = ["ACCOUNT_ACCESS_DENIED", "ACCOUNT_DISABLED", "ACCOUNT_DISASSOCIATED",
                      "ACCOUNT_ISOLATED", "ACCOUNT_REGION_DISABLED", "ACCOUNT_SUSPENDED",
                      "ACCOUNT_TERMINATED"]
LOG_BUCKET_ERRORS = ["BUCKET_ACCESS_DENIED", "BUCKET_DETAILS_UNAVAILABLE", "BUCKET_DOES_NOT_EXIST",
                     "BUCKET_IN_DIFFERENT_REGION", "BUCKET_OWNER_CHANGED"]
LOG_STATUS_REASONS = ["JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", "JOB_CANCELLED"]
LOG_OTHER_STATUS = ["JOB_CREATED", "ONE_TIME_JOB_STARTED", "SCHEDULED_RUN_STARTED",
                    "BUCKET_MATCHED_THE_CRITERIA", "NO_BUCKETS_MATCHED_THE_CRITERIA",
                    "SCHEDULED_RUN_COMPLETED", "JOB_PAUSED_BY_USER", "JOB_RESUMED_BY_USER",
                    "JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED", "JOB_COMPLETED"]
LOG_DOCUMENTED = LOG_ACCOUNT_ERRORS + LOG_BUCKET_ERRORS + LOG_STATUS_REASONS + LOG_OTHER_STATUS

# Macie's own descriptions (paraphrased from its documentation of job log events).
LOG_DESCRIPTIONS = {
    "ACCOUNT_ACCESS_DENIED": "Macie doesn't have permission to access S3 buckets in the affected account.",
    "ACCOUNT_DISABLED": "Macie is disabled for the affected account.",
    "ACCOUNT_DISASSOCIATED": "The affected account is no longer associated with your Macie administrator account.",
    "ACCOUNT_ISOLATED": "The affected account is isolated.",
    "ACCOUNT_REGION_DISABLED": "The affected account isn't active in the current AWS Region.",
    "ACCOUNT_SUSPENDED": "Macie is suspended for the affected account.",
    "ACCOUNT_TERMINATED": "The affected account has been terminated.",
    "BUCKET_ACCESS_DENIED": "Macie doesn't have permission to access the affected S3 bucket.",
    "BUCKET_DETAILS_UNAVAILABLE": "A temporary issue prevented Macie from retrieving details about the bucket.",
    "BUCKET_DOES_NOT_EXIST": "The affected S3 bucket doesn't exist.",
    "BUCKET_IN_DIFFERENT_REGION": "The affected S3 bucket was moved to a different AWS Region.",
    "BUCKET_OWNER_CHANGED": "The owner of the affected S3 bucket changed.",
    "BUCKET_KMS_KEY_DISABLED": "The AWS KMS key that encrypts the affected S3 bucket is disabled.",
    "JOB_CREATED": "The job was created.",
    "ONE_TIME_JOB_STARTED": "The one-time job started running.",
    "SCHEDULED_RUN_STARTED": "The scheduled run of the job started.",
    "SCHEDULED_RUN_COMPLETED": "The scheduled run of the job finished.",
    "BUCKET_MATCHED_THE_CRITERIA": "The affected bucket matched the bucket criteria specified for the job.",
    "JOB_COMPLETED": "The job finished running.",
    "JOB_PAUSED_BY_USER": "The job was paused by a user.",
    "JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED": "The job resumed because the monthly sensitive data discovery quota was lifted.",
    "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET":
        "The job was paused by Macie because the monthly sensitive data discovery quota was met for the affected account.",
}
CANCEL_USER = "The job was cancelled by a user."
CANCEL_EXPIRED = "The job was cancelled because it was paused for more than 30 days."

HOSTILE_BUCKETS = {
    "formula": "=hyperlink-acme-exports",
    "markup": 'acme-<b>bold</b>-"quoted"-bucket',
    "long": "acme-claims-documents-archive-2019-2024-ap-southeast-2-repl-001",
}
assert len(HOSTILE_BUCKETS["long"]) == 63

# Per job (by name): the account- and bucket-level errors of its last run, in order.
# ("B", type, operation, bucket-or-hostile-key, account-index-or-None) / ("A", type, account)
# / ("X", type, operation, bucket) undocumented / ("RAW", text) not JSON.
LOG_PLANS = {
    "<script>alert('x')</script>": [
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", 0),
        ("B", "BUCKET_ACCESS_DENIED", "GetBucketPolicy", "markup"),
        ("B", "BUCKET_DOES_NOT_EXIST", "ListObjectsV2", 1),
    ],
    "marketing-leads-once": [
        ("A", "ACCOUNT_ACCESS_DENIED", A7),
        ("B", "BUCKET_DOES_NOT_EXIST", "ListObjectsV2", 0),
    ],
    "backup-snapshots-weekly": [
        ("B", "BUCKET_ACCESS_DENIED", "GetBucketPolicy", 0),
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", 1),
        ("X", "BUCKET_KMS_KEY_DISABLED", "GetObject", 2),
    ],
    "o'brien's bucket scan": [
        ("B", "BUCKET_OWNER_CHANGED", "GetBucketLocation", 0),
        ("B", "BUCKET_IN_DIFFERENT_REGION", "GetBucketLocation", 1),
    ],
    "eu-archive-restore-scan": [
        ("A", "ACCOUNT_SUSPENDED", A7),
        ("B", "BUCKET_DETAILS_UNAVAILABLE", "GetBucketEncryption", 0),
    ],
    "eu-payments-pci-once": [
        ("A", "ACCOUNT_REGION_DISABLED", EXTERNAL_ACCOUNT),
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", "markup"),
        ("RAW", "Macie internal: event serialization failed (code 0x1F); see the service health dashboard"),
    ],
    "au-old-share-scan": [
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", "formula"),
        ("B", "BUCKET_ACCESS_DENIED", "GetBucketPolicy", 0),
        ("B", "BUCKET_ACCESS_DENIED", "GetObject", 1),
        ("A", "ACCOUNT_DISASSOCIATED", A4),
    ],
    "Z\u0364\u0311a\u0308\u0347l\u036e\u0312g\u030c\u0317o\u0319\u0314 text": [
        ("A", "ACCOUNT_DISABLED", A7),
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", "long"),
        ("A", "ACCOUNT_TERMINATED", EXTERNAL_ACCOUNT),
    ],
    "au-backups-weekly": [
        ("A", "ACCOUNT_ISOLATED", A4),
        ("B", "BUCKET_ACCESS_DENIED", "ListObjectsV2", 0),
        ("B", "BUCKET_OWNER_CHANGED", "GetBucketAcl", 1),
    ],
}
# A wanted job deliberately left out of the log file: it reads as "no log events".
NO_LOG_ENTRY = "au-tmp-daily"
LOG_GROUP = "/aws/macie/classificationjobs"


def ts_micro(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % dt.microsecond


def epoch_ms(dt):
    return (dt - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(milliseconds=1)


def wants_logs(job):
    return (job.get("lastRunErrorStatus", {}).get("code") == "ERROR"
            or job["jobStatus"] in ("PAUSED", "CANCELLED"))


def job_buckets(job, region):
    """The buckets (and their accounts) a job's errors can name."""
    acct = job["jobArn"].split(":")[4]
    s3 = job["s3JobDefinition"]
    if "bucketDefinitions" in s3:
        out = [(d["accountId"], b) for d in s3["bucketDefinitions"] for b in d["buckets"]]
    else:  # criteria: the buckets that matched, named like the rest of the demo
        prefix = s3["bucketCriteria"]["includes"]["and"][0]["simpleCriterion"]["values"][0]
        out = [(acct, "%s-%s-%s" % (prefix, t, region)) for t in ("exports", "archive", "replica")]
    while len(out) < 3:
        out.append((acct, "%s-%s-%d" % (out[0][1], "extra", len(out))))
    return out


def job_log_events(job, region):
    """The job's log events since its last run (or creation), oldest first."""
    seed = "logs:" + job["jobId"]
    acct = job["jobArn"].split(":")[4]
    status = job["jobStatus"]
    start = parse_ts(job.get("lastRunTime") or job["createdAt"])
    run_date = ts_micro(start) if "lastRunTime" in job else None
    clock = [start]
    events = []

    def emit(event_type, description=None, operation=None, account=None, bucket=None,
             raw=None, gap=None, at=None):
        step = gap if gap is not None else timedelta(seconds=2 + h(seed, len(events)) % 50,
                                                     microseconds=h(seed, "us", len(events)) % 1000000)
        when = at if at is not None else clock[0] + step
        if when > ANCHOR - timedelta(minutes=1):
            when = ANCHOR - timedelta(minutes=1) - timedelta(seconds=60 - len(events))
        assert when >= clock[0], (job["name"], event_type)
        clock[0] = when
        if raw is not None:
            message = raw
        else:
            m = {"adminAccountId": acct, "jobId": job["jobId"], "eventType": event_type,
                 "occurredAt": ts_micro(when),
                 "description": description or LOG_DESCRIPTIONS[event_type],
                 "jobName": job["name"]}
            if operation:
                m["operation"] = operation
            if run_date and event_type != "JOB_CREATED":
                m["runDate"] = run_date
            if account:
                m["affectedAccount"] = account
            if bucket:
                m["affectedResource"] = {"type": "S3_BUCKET_NAME", "value": bucket}
            message = json.dumps(m, ensure_ascii=False, separators=(",", ":"))
        stamp = epoch_ms(when)
        events.append({
            "eventId": ("%d%d" % (h(seed, "id", len(events)), h(seed, "id2", len(events))))[:56],
            "ingestionTime": stamp + 200 + h(seed, "ingest", len(events)) % 1800,
            "logStreamName": job["jobId"],
            "message": message,
            "timestamp": stamp,
        })

    if "lastRunTime" not in job:
        emit("JOB_CREATED", gap=timedelta(0))
    elif job["jobType"] == "ONE_TIME":
        emit("ONE_TIME_JOB_STARTED", gap=timedelta(milliseconds=150 + h(seed, "st") % 700))
    else:
        emit("SCHEDULED_RUN_STARTED", gap=timedelta(milliseconds=150 + h(seed, "st") % 700))
    buckets = job_buckets(job, region)
    if "bucketCriteria" in job["s3JobDefinition"]:
        for a, b in buckets:
            emit("BUCKET_MATCHED_THE_CRITERIA", account=a, bucket=b)
    for step in LOG_PLANS.get(job["name"], []):
        if step[0] == "A":
            emit(step[1], account=step[2])
        elif step[0] == "RAW":
            emit(None, raw=step[1])
        else:
            _, kind, operation, which = step
            a, b = (acct, HOSTILE_BUCKETS[which]) if isinstance(which, str) else buckets[which]
            emit(kind, operation=operation, account=a, bucket=b)
    if status == "PAUSED":
        if job["jobType"] == "SCHEDULED":
            emit("JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", gap=timedelta(hours=3, seconds=h(seed, "p") % 600))
            emit("JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED", gap=timedelta(hours=1))
        emit("JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", gap=timedelta(hours=1, seconds=h(seed, "p2") % 3600))
    elif status == "CANCELLED":
        user = (h(seed, "why") % 2 == 0 or "lastRunTime" not in job
                or start + timedelta(days=30, hours=4) > ANCHOR)
        if not user:
            emit("JOB_PAUSED_BY_USER", gap=timedelta(hours=2, seconds=h(seed, "up") % 3600))
            emit("JOB_CANCELLED", description=CANCEL_EXPIRED, gap=timedelta(days=30, minutes=5))
        else:
            emit("JOB_CANCELLED", description=CANCEL_USER, gap=timedelta(minutes=7 + h(seed, "c") % 50))
    elif job["jobType"] == "ONE_TIME":
        emit("JOB_COMPLETED", gap=timedelta(minutes=20 + h(seed, "done") % 90))
    else:
        emit("SCHEDULED_RUN_COMPLETED", gap=timedelta(minutes=20 + h(seed, "done") % 90))
    assert len(events) <= 20, job["name"]
    return events


def log_entries(by_region):
    """{region: [JobLogsFile entry]} for the wanted jobs, sorted by jobId."""
    out = {}
    for r in REGIONS:
        entries = [{"events": job_log_events(j, r), "jobId": j["jobId"]}
                   for j in by_region[r] if wants_logs(j) and j["name"] != NO_LOG_ENTRY]
        out[r] = sorted(entries, key=lambda e: e["jobId"])
    return out


def encode_log_file(entries):
    """As JobLogsFile.encode: one compact entry with sorted keys a line."""
    lines = [json.dumps(e, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for e in entries]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def log_summary(by_region, logs):
    """The EXPECTED.txt section on job log events."""
    L = []
    rows = [(r, j) for r in REGIONS for j in by_region[r]]
    wanted = [(r, j) for r, j in rows if wants_logs(j)]
    by_id = {e["jobId"]: (r, e) for r in REGIONS for e in logs[r]}
    jobs_of, events_of = {}, Counter()
    unknown, unparsed, missing = [], [], []
    for r, j in wanted:
        if j["jobId"] not in by_id:
            missing.append((r, j))
            continue
        for ev in by_id[j["jobId"]][1]["events"]:
            try:
                t = json.loads(ev["message"])["eventType"]
            except ValueError:
                unparsed.append((r, j))
                continue
            if t in LOG_STATUS_REASONS and not (
                    (t == "JOB_CANCELLED" and j["jobStatus"] == "CANCELLED")
                    or (t.startswith("JOB_PAUSED") and j["jobStatus"] == "PAUSED")):
                continue
            if t in LOG_STATUS_REASONS and t in jobs_of and j["jobId"] in jobs_of[t]:
                continue  # only the newest status reason of a job is its reason
            if t in LOG_ACCOUNT_ERRORS + LOG_BUCKET_ERRORS + LOG_STATUS_REASONS:
                events_of[t] += 1
                jobs_of.setdefault(t, set()).add(j["jobId"])
            elif t not in LOG_DOCUMENTED:
                unknown.append((r, j, t))
    L.append("job log events (logs/<region>.json; log group %s, one stream per jobId):" % LOG_GROUP)
    L.append("  wanted jobs (last run ERROR, or PAUSED, or CANCELLED): %d" % len(wanted))
    L.append("  with an entry: %d; events in all: %d"
             % (sum(len(logs[r]) for r in REGIONS), sum(len(e["events"]) for r in REGIONS for e in logs[r])))
    L.append("")
    L.append("job log errors by documented eventType (jobs, events); a status reason counts once")
    L.append("a job (its newest event) and only when it explains the job's status (the quota")
    L.append("pause of a PAUSED job, the cancellation of a CANCELLED one); other status events")
    L.append("(JOB_CREATED, runs starting or completing, BUCKET_MATCHED_THE_CRITERIA...) are ignored:")
    for t in LOG_ACCOUNT_ERRORS + LOG_BUCKET_ERRORS + LOG_STATUS_REASONS:
        n_jobs = len(jobs_of.get(t, ()))
        if n_jobs:
            L.append("  %-40s %3d %4d" % (t, n_jobs, events_of[t]))
    L.append("")
    L.append("undocumented eventType (kept verbatim, flagged; not counted above) (%d):" % len(unknown))
    for r, j, t in unknown:
        L.append("  %-14s %s %s %s" % (r, j["jobId"], t, show(j["name"])))
    L.append("")
    L.append("message not JSON (kept raw as unparsed; not counted above) (%d):" % len(unparsed))
    for r, j in unparsed:
        L.append("  %-14s %s %s" % (r, j["jobId"], show(j["name"])))
    L.append("")
    L.append("wanted job with no log entry (reads as \"no log events\") (%d):" % len(missing))
    for r, j in missing:
        L.append("  %-14s %s %-11s %s" % (r, j["jobId"], j["jobStatus"], show(j["name"])))
    L.append("")
    return L


# -------------------------------------------------------------- findings ---

SEVERITIES = ["High", "Medium", "Low"]


def job_findings(job):
    """The job's finding groups: none for a job that never ran or for about one in
    four that did; High for about one in three of the others; now and then a group
    of archived (suppressed) findings beside the live one."""
    seed = "findings:" + job["jobId"]
    if "lastRunTime" not in job or h(seed, "none") % 4 == 0:
        return []
    groups = []
    for sev, top in (("High", 6), ("Medium", 20), ("Low", 60)):
        if sev == "High" and h(seed, "high") % 3 != 0:
            continue
        if sev == "Medium" and h(seed, "medium") % 4 == 0:
            continue
        groups.append({"archived": False, "count": 1 + h(seed, sev) % top, "jobId": job["jobId"], "severity": sev})
        if h(seed, "archived", sev) % 7 == 0:
            groups.append({"archived": True, "count": 1 + h(seed, "a", sev) % 5, "jobId": job["jobId"],
                           "severity": sev})
    return groups


def finding_entries(by_region):
    """{region: [findings group]}, by jobId, then severity (High first), live before archived."""
    return {r: sorted((g for j in by_region[r] for g in job_findings(j)),
                      key=lambda g: (g["jobId"], SEVERITIES.index(g["severity"]), g["archived"]))
            for r in REGIONS}


def finding_summary(by_region, findings):
    """The EXPECTED.txt section on finding counts."""
    L = []
    groups = [g for r in REGIONS for g in findings[r]]
    jobs = {g["jobId"] for g in groups}
    L.append("findings (findings/<region>.json; served by the emulator's GetFindingStatistics,")
    L.append("not read by reports yet):")
    L.append("  jobs with findings: %d of %d; groups: %d"
             % (len(jobs), sum(len(by_region[r]) for r in REGIONS), len(groups)))
    L.append("  jobs with High findings (not archived): %d"
             % len({g["jobId"] for g in groups if g["severity"] == "High" and not g["archived"]}))
    L.append("")
    L.append("findings by region and severity (not archived, archived):")
    for r in REGIONS:
        for sev in SEVERITIES:
            live = sum(g["count"] for g in findings[r] if g["severity"] == sev and not g["archived"])
            gone = sum(g["count"] for g in findings[r] if g["severity"] == sev and g["archived"])
            L.append("  %-14s %-6s %5d %4d" % (r, sev, live, gone))
    for sev in SEVERITIES:
        live = sum(g["count"] for g in groups if g["severity"] == sev and not g["archived"])
        gone = sum(g["count"] for g in groups if g["severity"] == sev and g["archived"])
        L.append("  %-14s %-6s %5d %4d" % ("all", sev, live, gone))
    L.append("")
    return L


# ------------------------------------------------------------------ main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(here), "samples", "demo"))
    args = ap.parse_args()

    by_region = {r: [] for r in REGIONS}
    for i, spec in enumerate(SPECS):
        by_region[spec["region"]].append(build(i, spec))

    # sanity checks on the whole dataset
    jobs = [j for r in REGIONS for j in by_region[r]]
    ids = [j["jobId"] for j in jobs]
    assert len(set(ids)) == len(ids), "duplicate jobId"
    assert len({j["jobArn"] for j in jobs}) == len(jobs), "duplicate jobArn"
    assert 66 <= len(jobs) <= 80, len(jobs)
    for r in REGIONS:
        for j in by_region[r]:
            assert j["jobArn"].split(":")[3] == r
            assert len(j["jobId"]) == 32
            assert (j["jobType"] == "SCHEDULED") == ("scheduleFrequency" in j)
            assert (j["jobStatus"] == "USER_PAUSED") == ("userPausedDetails" in j)
            if "lastRunTime" in j:
                assert parse_ts(j["createdAt"]) <= parse_ts(j["lastRunTime"]) <= ANCHOR
            if "userPausedDetails" in j:
                u = j["userPausedDetails"]
                assert parse_ts(u["jobExpiresAt"]) - parse_ts(u["jobPausedAt"]) == timedelta(days=30)
                if "lastRunTime" in j:
                    assert parse_ts(j["lastRunTime"]) <= parse_ts(u["jobPausedAt"])

    os.makedirs(args.out, exist_ok=True)
    for r in REGIONS:
        text = json.dumps(by_region[r], indent=2, ensure_ascii=False) + "\n"
        with open(os.path.join(args.out, r + ".json"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    logs = log_entries(by_region)
    os.makedirs(os.path.join(args.out, "logs"), exist_ok=True)
    for r in REGIONS:
        with open(os.path.join(args.out, "logs", r + ".json"), "w", encoding="utf-8", newline="") as f:
            f.write(encode_log_file(logs[r]))
    findings = finding_entries(by_region)
    os.makedirs(os.path.join(args.out, "findings"), exist_ok=True)
    for r in REGIONS:
        with open(os.path.join(args.out, "findings", r + ".json"), "w", encoding="utf-8", newline="") as f:
            f.write(encode_log_file(findings[r]))
    text = summary(by_region, logs, findings)
    with open(os.path.join(args.out, "EXPECTED.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    out.write(text)
    out.flush()


if __name__ == "__main__":
    main()
