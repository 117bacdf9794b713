#!/usr/bin/env python3
"""Generate a large synthetic Macie classification-job dataset.

    python3 scripts/gen_samples.py --jobs N --out DIR [--regions K] [--seed S] [--error-events]
                                   [--findings]

Writes DIR/<region>.json for K regions (default 4): each a JSON array of
DescribeClassificationJob response bodies in the same format as
samples/demo/*.json (camelCase members per macie2-service-2.json, absent
members omitted, pretty-printed with indent=2, ensure_ascii=False, UTF-8,
trailing newline).  Bodies are realistic and about 1-2 KB each:
bucketDefinitions or bucketCriteria, scoping, tags, daily/weekly/monthly
schedules, statistics, userPausedDetails on USER_PAUSED jobs, some ERROR
runs, and a small fraction (about 2%) of hostile names/descriptions/tags
(quotes, commas, newlines, spreadsheet formulas, <script>, emoji, RTL).

With --error-events, about 10% of the jobs that ran (chosen by the seed) have
lastRunErrorStatus ERROR and the rest NONE, and each ERROR job has 1-200
CloudWatch Logs events of its last run (mostly small, a few near 200: account-
and bucket-level errors, a run-started event, a rare undocumented type) in
DIR/logs/<region>.json, one {"jobId", "events"} entry a line as
JobLogsFile.encode writes them.  The job bodies are otherwise the same bytes as
without the flag: the extra draws come from a generator of their own.

With --findings, about 60% of the jobs that ran have findings, written to
DIR/findings/<region>.json as {jobId, severity, archived, count} groups (the
FindingCount format the emulator serves): Low for most, Medium for many, High for
a few, some archived.  Drawn from a generator of its own, so the job bodies keep
their bytes.

Deterministic: the output depends only on the arguments (relative dates use
the fixed --anchor, default 2026-11-24T06:00:00Z, never the clock).
Jobs are streamed to the files one at a time; memory use is constant.
Standard library only.  Prints the total bytes written.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta, timezone

ALL_REGIONS = [
    "us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1",
    "ap-northeast-1", "ca-central-1", "sa-east-1", "us-east-2", "eu-west-2",
    "ap-south-1", "eu-north-1", "ap-southeast-1", "us-west-1", "eu-west-3",
    "ap-northeast-2",
]
DAYS_OF_WEEK = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                "FRIDAY", "SATURDAY"]
ORGS = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
        "wonka", "tyrell", "cyberdyne", "soylent", "vandelay"]
TOPICS = ["payroll-exports", "hr-records", "customer-data", "invoices",
          "logs-archive", "data-lake-raw", "data-lake-curated",
          "support-attachments", "backups", "analytics-events", "contracts",
          "marketing-leads", "ml-training", "claims-documents", "shared-drop",
          "crm-exports", "billing", "audit-evidence", "research-datasets",
          "call-recordings"]
TOPIC_TEXT = {t: t.replace("-", " ") for t in TOPICS}
PREFIXES = ["pii-scan", "phi-scan", "pci-scan", "gdpr", "secrets-scan",
            "sensitive-data", "dlp", "macie", "privacy", "compliance"]
FREQ_WORD = {"D": "daily", "W": "weekly", "M": "monthly", None: "once"}
FREQ_TEXT = {"D": "Daily", "W": "Weekly", "M": "Monthly", None: "One-time"}
DESC_TEMPLATES = [
    "{F} scan of {t}",
    "{F} scan of {t} for PII",
    "{F} sensitive-data discovery in {t} buckets",
    "{F} check of {t} before retention review",
    "{F} PCI/PII sweep of {t} ({org})",
    "{F} scan of {t}; owner: {team}",
]
TEAMS = ["data-governance", "security", "privacy-office", "platform",
         "finance-it", "compliance", "sre", "analytics"]
MANAGED_IDS = [
    "CREDIT_CARD_NUMBER", "CREDIT_CARD_SECURITY_CODE",
    "USA_SOCIAL_SECURITY_NUMBER", "AWS_CREDENTIALS", "BANK_ACCOUNT_NUMBER",
    "EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "ADDRESS", "NAME",
    "UK_NATIONAL_INSURANCE_NUMBER", "AUSTRALIA_TAX_FILE_NUMBER",
    "OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "JSON_WEB_TOKEN",
]
HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="x',
    "finance &amp; hr &lt;legacy&gt;",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1+1)",
    "-2+3",
    "@cmd",
    "\tleading-tab",
    "\rleading-cr",
    "pii, finance, hr",
    'the "quoted" job',
    "o'brien's scan",
    "multi\r\nline\nname",
    "col1\tcol2",
    "dev-team \U0001f469\u200d\U0001f4bb scan \U0001f1ef\U0001f1f5",
    "\u0641\u062d\u0635 \u0627\u0644\u0628\u064a\u0627\u0646\u0627\u062a",
    "\u05e1\u05e8\u05d9\u05e7\u05d4 \u05e9\u05d1\u05d5\u05e2\u05d9\u05ea",
    "invoice\u202efdp.exe",
    "Cafe\u0301 re\u0301sume\u0301",
    "C:\\Users\\admin\\share",
    "   ",
]
SELECTORS = (["RECOMMENDED"] * 10 + ["ALL"] * 3 + ["EXCLUDE", "INCLUDE", "NONE"]
             + [None] * 3)
# (status, weight, allowed types)
STATUS_WEIGHTS = [("COMPLETE", 30, ("ONE_TIME",)),
                  ("IDLE", 30, ("SCHEDULED",)),
                  ("RUNNING", 12, ("ONE_TIME", "SCHEDULED")),
                  ("CANCELLED", 10, ("ONE_TIME", "SCHEDULED")),
                  ("PAUSED", 8, ("ONE_TIME", "SCHEDULED")),
                  ("USER_PAUSED", 10, ("ONE_TIME", "SCHEDULED"))]
STATUS_TABLE = []
for _s, _w, _t in STATUS_WEIGHTS:
    STATUS_TABLE += [(_s, _t)] * _w

# The same object-scoping shapes as the demo dataset, and its job log event vocabulary.
from make_demo_samples import (LOG_ACCOUNT_ERRORS, LOG_BUCKET_ERRORS, LOG_DESCRIPTIONS,  # noqa: E402
                               SCOPINGS)

ERROR_SHARE = 0.10  # --error-events: the share of jobs that ran whose last run is ERROR
BUCKET_OPERATIONS = ["ListObjectsV2", "GetBucketPolicy", "GetObject", "GetBucketLocation",
                     "GetBucketEncryption", "GetBucketAcl"]


def iso_epoch(text):
    """Epoch milliseconds of an ISO-8601 UTC text as this script writes them."""
    base, _, frac = text.rstrip("Z").partition(".")
    dt = datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    return int(dt.timestamp()) * 1000 + int((frac or "0").ljust(3, "0")[:3])


def micro_text(epoch_ms, micros):
    dt = datetime.fromtimestamp(epoch_ms // 1000, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % ((epoch_ms % 1000) * 1000 + micros)


def finding_groups(seed, i, job):
    """--findings: job i's finding groups, from a generator seeded by (seed, i) alone."""
    if "lastRunTime" not in job:
        return []
    rng = random.Random("macie-report-gen-findings:%s:%d" % (seed, i))
    if rng.random() >= 0.6:
        return []
    groups = []
    for severity, share, scale in (("High", 0.2, 5), ("Medium", 0.5, 40), ("Low", 0.9, 300)):
        if rng.random() < share:
            groups.append({"archived": False, "count": 1 + int(scale * rng.random() ** 2),
                           "jobId": job["jobId"], "severity": severity})
            if rng.random() < 0.15:
                groups.append({"archived": True, "count": 1 + int(scale * rng.random() ** 3),
                               "jobId": job["jobId"], "severity": severity})
    return groups


def error_events(seed, i, job, anchor_epoch):
    """--error-events: whether job i's last run is ERROR, and if so its log events.

    Draws from a generator seeded by (seed, i) alone, so the job bodies keep their bytes."""
    if "lastRunTime" not in job or "lastRunErrorStatus" not in job:
        return False, None
    rng = random.Random("macie-report-gen-logs:%s:%d" % (seed, i))
    if rng.random() >= ERROR_SHARE:
        return False, None
    rnd = rng.random
    acct = job["jobArn"].split(":")[4]
    job_id = job["jobId"]
    start = iso_epoch(job["lastRunTime"])
    run_date = micro_text(start, 0)
    count = 1 + int(199 * rnd() ** 3)
    step = max(0, min(15000, (anchor_epoch * 1000 - start) // (count + 1)))
    defs = job["s3JobDefinition"].get("bucketDefinitions") or [
        {"accountId": acct, "buckets": ["%s-%d" % (job["s3JobDefinition"]["bucketCriteria"]["includes"]["and"][0]
                                                   ["simpleCriterion"]["values"][0], n) for n in range(8)]}]
    pairs = [(d["accountId"], b) for d in defs for b in d["buckets"]]
    events = []
    t = start
    for k in range(count):
        t += int(step * (0.5 + rnd())) if k else int(rnd() * 900)
        if k == 0 and count > 1:
            kind = "ONE_TIME_JOB_STARTED" if job["jobType"] == "ONE_TIME" else "SCHEDULED_RUN_STARTED"
        else:
            x = rnd()
            kind = ("BUCKET_ACCESS_DENIED" if x < 0.6 else
                    LOG_BUCKET_ERRORS[int(rnd() * len(LOG_BUCKET_ERRORS))] if x < 0.85 else
                    LOG_ACCOUNT_ERRORS[int(rnd() * len(LOG_ACCOUNT_ERRORS))] if x < 0.99 else
                    "BUCKET_KMS_KEY_DISABLED")
        m = {"adminAccountId": acct, "jobId": job_id, "eventType": kind,
             "occurredAt": micro_text(t, int(rnd() * 1000)), "description": LOG_DESCRIPTIONS[kind],
             "jobName": job["name"]}
        if kind.startswith("BUCKET_"):
            a, b = pairs[int(rnd() * len(pairs))]
            if rnd() < 0.3:  # a bucket the job no longer lists, say one since deleted
                b = "%s-%d" % (b, k)
            m["operation"] = BUCKET_OPERATIONS[int(rnd() * len(BUCKET_OPERATIONS))]
            m["runDate"] = run_date
            m["affectedAccount"] = a
            m["affectedResource"] = {"type": "S3_BUCKET_NAME", "value": b}
        else:
            m["runDate"] = run_date
            if kind.startswith("ACCOUNT_"):
                m["affectedAccount"] = pairs[int(rnd() * len(pairs))][0]
        events.append({
            "eventId": "%056d" % rng.getrandbits(186),
            "ingestionTime": t + 200 + int(rnd() * 1800),
            "logStreamName": job_id,
            "message": json.dumps(m, ensure_ascii=False, separators=(",", ":")),
            "timestamp": t,
        })
    return True, events


def parse_anchor(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


class Gen:
    def __init__(self, seed, regions, anchor):
        self.seed = seed
        self.rng = random.Random("macie-report-gen:%s" % seed)
        self.regions = regions
        self.anchor_epoch = int(anchor.timestamp())
        r = self.rng
        # a fixed pool of accounts (org name, 12-digit id) for this seed
        self.accounts = []
        for org in ORGS:
            self.accounts.append((org, "%012d" % r.randrange(10**11, 10**12)))
        self.fmt_cache = {}

    # ISO-8601 from epoch seconds; ms=None -> whole seconds
    @staticmethod
    def ts(epoch, ms=None):
        dt = datetime.fromtimestamp(epoch, timezone.utc)
        if ms is None:
            return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % ms

    def uuid(self):
        x = "%032x" % self.rng.getrandbits(128)
        return "%s-%s-4%s-%s%s-%s" % (x[0:8], x[8:12], x[13:16], "89ab"[int(x[16], 16) & 3],
                                      x[17:20], x[20:32])

    def job(self, i):
        r = self.rng
        rnd = r.random
        region = self.regions[int(rnd() * len(self.regions))]
        org, acct = self.accounts[int(rnd() * len(self.accounts))]
        status, types = STATUS_TABLE[int(rnd() * len(STATUS_TABLE))]
        jtype = types[int(rnd() * len(types))]
        if jtype == "SCHEDULED":
            x = rnd()
            sched = "D" if x < 0.4 else ("W" if x < 0.75 else "M")
        else:
            sched = None
        topic = TOPICS[int(rnd() * len(TOPICS))]
        team = TEAMS[int(rnd() * len(TEAMS))]
        job_id = hashlib.md5(("%s:%d" % (self.seed, i)).encode()).hexdigest()
        use_ms = rnd() < 0.1

        def T(epoch):
            return self.ts(epoch, int(rnd() * 1000) if use_ms else None)

        # name / description
        name = "%s-%s-%s" % (PREFIXES[int(rnd() * len(PREFIXES))], topic, FREQ_WORD[sched])
        if rnd() < 0.3:
            name += "-%d" % (i % 1000)
        desc = DESC_TEMPLATES[int(rnd() * len(DESC_TEMPLATES))].format(
            F=FREQ_TEXT[sched], t=TOPIC_TEXT[topic], org=org, team=team)
        hostile = rnd()
        if hostile < 0.01:
            name = HOSTILE[int(rnd() * len(HOSTILE))] + " " + name
        elif hostile < 0.02:
            desc = HOSTILE[int(rnd() * len(HOSTILE))]
        elif hostile < 0.025:
            desc = ""

        # timeline (epoch seconds)
        now = self.anchor_epoch
        period = {"D": 86400, "W": 7 * 86400, "M": 30 * 86400, None: 0}[sched]
        never_run = False
        paused_at = None
        if status == "USER_PAUSED":
            paused_at = now - int(rnd() * 32 * 86400)
            horizon = paused_at
        elif status == "CANCELLED":
            horizon = now - int((5 + rnd() * 200) * 86400)
        else:
            horizon = now
        initial_run = jtype == "SCHEDULED" and rnd() < 0.7
        if jtype == "ONE_TIME":
            if status in ("RUNNING", "PAUSED", "USER_PAUSED"):
                created = horizon - int(3600 + rnd() * 3 * 86400)
            else:
                created = horizon - int(3600 + rnd() * 400 * 86400)
            never_run = status == "CANCELLED" and rnd() < 0.05
            last_run = None if never_run else created + 30 + int(rnd() * 300)
            runs = 0 if never_run else 1
        else:
            if status == "IDLE" and rnd() < 0.04:
                never_run = True
                initial_run = False
                created = horizon - int(rnd() * period * 0.9) - 60
                last_run = None
                runs = 0
            else:
                created = horizon - int(period * (1 + rnd() * 80)) - int(rnd() * 86400)
                n = (horizon - created) // period
                runs = n + (1 if initial_run else 0)
                last_run = horizon - int(rnd() * min(period, horizon - created))
                if last_run < created:
                    last_run = created

        job = {}
        if rnd() < 0.2:
            job["allowListIds"] = ["%022x" % r.getrandbits(88)
                                   for _ in range(1 + int(rnd() * 2))]
        if rnd() < 0.95:
            job["clientToken"] = self.uuid()
        job["createdAt"] = T(created)
        selector = SELECTORS[int(rnd() * len(SELECTORS))]
        if selector == "NONE" or rnd() < 0.25:
            job["customDataIdentifierIds"] = [self.uuid() for _ in range(1 + int(rnd() * 3))]
        job["description"] = desc
        job["initialRun"] = initial_run
        job["jobArn"] = "arn:aws:macie2:%s:%s:classification-job/%s" % (region, acct, job_id)
        job["jobId"] = job_id
        job["jobStatus"] = status
        job["jobType"] = jtype
        e = rnd()
        if not (never_run or e < 0.03):
            job["lastRunErrorStatus"] = {"code": "ERROR" if e < 0.11 else "NONE"}
        if last_run is not None:
            job["lastRunTime"] = T(last_run)
        if selector in ("INCLUDE", "EXCLUDE"):
            k = int(rnd() * len(MANAGED_IDS))
            job["managedDataIdentifierIds"] = [MANAGED_IDS[(k + j) % len(MANAGED_IDS)]
                                               for j in range(2 + int(rnd() * 3))]
        if selector is not None:
            job["managedDataIdentifierSelector"] = selector
        job["name"] = name

        s3 = {}
        if rnd() < 0.85:
            defs = []
            n_acct = 1 if rnd() < 0.85 else 2 + int(rnd() * 3)
            for a in range(n_acct):
                borg, bacct = (org, acct) if a == 0 else \
                    self.accounts[int(rnd() * len(self.accounts))]
                buckets = []
                for b in range(1 + int(rnd() * 6)):
                    buckets.append("%s-%s-%s-%d" % (
                        borg, TOPICS[int(rnd() * len(TOPICS))], region, b))
                defs.append({"accountId": bacct, "buckets": buckets})
            s3["bucketDefinitions"] = defs
        else:
            inc = [{"simpleCriterion": {"comparator": "STARTS_WITH", "key": "S3_BUCKET_NAME",
                                        "values": ["%s-%s" % (org, topic)]}},
                   {"tagCriterion": {"comparator": "EQ",
                                     "tagValues": [{"key": "data-classification",
                                                    "value": "confidential"}]}}]
            exc = [{"simpleCriterion": {"comparator": "EQ",
                                        "key": "S3_BUCKET_EFFECTIVE_PERMISSION",
                                        "values": ["PUBLIC"]}}]
            if rnd() < 0.5:
                exc.append({"simpleCriterion": {"comparator": "NE",
                                                "key": "S3_BUCKET_SHARED_ACCESS",
                                                "values": ["NOT_SHARED", "INTERNAL"]}})
            s3["bucketCriteria"] = {"excludes": {"and": exc}, "includes": {"and": inc}}
        if rnd() < 0.3:
            s3["scoping"] = SCOPINGS[int(rnd() * len(SCOPINGS))]
        job["s3JobDefinition"] = s3
        if rnd() < 0.9:
            x = rnd()
            job["samplingPercentage"] = 100 if x < 0.6 else (50 if x < 0.75 else
                                                             (25 if x < 0.9 else 10))
        if sched == "D":
            job["scheduleFrequency"] = {"dailySchedule": {}}
        elif sched == "W":
            job["scheduleFrequency"] = {"weeklySchedule": {
                "dayOfWeek": DAYS_OF_WEEK[int(rnd() * 7)]}}
        elif sched == "M":
            job["scheduleFrequency"] = {"monthlySchedule": {"dayOfMonth": 1 + int(rnd() * 31)}}
        if status in ("RUNNING", "PAUSED", "USER_PAUSED"):
            approx = int(rnd() * 2000000)
            if rnd() < 0.05:
                approx += 0.5
        else:
            approx = 0
        if rnd() < 0.3:
            job["statistics"] = {"approximateNumberOfObjectsToProcess": float(approx),
                                 "numberOfRuns": float(runs)}
        else:
            job["statistics"] = {"approximateNumberOfObjectsToProcess": approx,
                                 "numberOfRuns": runs}
        tags = {}
        if rnd() < 0.85:
            tags["owner"] = team
            tags["env"] = "prod" if rnd() < 0.6 else ("staging" if rnd() < 0.5 else "dev")
            if rnd() < 0.5:
                tags["cost-center"] = "cc-%04d" % int(rnd() * 10000)
            if rnd() < 0.3:
                tags["ticket"] = "SEC-%d" % (1000 + int(rnd() * 9000))
            if rnd() < 0.01:
                tags[HOSTILE[int(rnd() * len(HOSTILE))]] = HOSTILE[int(rnd() * len(HOSTILE))]
        job["tags"] = tags
        if status == "USER_PAUSED":
            ms = int(rnd() * 1000) if use_ms else None
            upd = {"jobExpiresAt": self.ts(paused_at + 30 * 86400, ms)}
            if now - paused_at >= 23 * 86400:
                upd["jobImminentExpirationHealthEventArn"] = (
                    "arn:aws:health:%s::event/MACIE/AWS_MACIE_CLASSIFICATION_JOB_EXPIRING/"
                    "AWS_MACIE_CLASSIFICATION_JOB_EXPIRING_%s" % (region, self.uuid()))
            upd["jobPausedAt"] = self.ts(paused_at, ms)
            job["userPausedDetails"] = upd
        return region, job


def main():
    ap = argparse.ArgumentParser(description="Generate a synthetic Macie job dataset.")
    ap.add_argument("--jobs", type=int, required=True, help="number of jobs (N)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--regions", type=int, default=4,
                    help="number of regions / files (1-%d, default 4)" % len(ALL_REGIONS))
    ap.add_argument("--seed", default="1", help="seed (any string, default 1)")
    ap.add_argument("--anchor", default="2026-11-24T06:00:00Z",
                    help="fixed 'now' for relative dates (default 2026-11-24T06:00:00Z)")
    ap.add_argument("--error-events", action="store_true",
                    help="make about 10%% of the jobs that ran ERROR, each with 1-200 log events "
                         "in DIR/logs/<region>.json")
    ap.add_argument("--findings", action="store_true",
                    help="give about 60%% of the jobs that ran finding counts in DIR/findings/<region>.json")
    args = ap.parse_args()
    if args.jobs < 0:
        ap.error("--jobs must be >= 0")
    if not 1 <= args.regions <= len(ALL_REGIONS):
        ap.error("--regions must be between 1 and %d" % len(ALL_REGIONS))

    started = time.perf_counter()
    regions = ALL_REGIONS[:args.regions]
    gen = Gen(args.seed, regions, parse_anchor(args.anchor))
    os.makedirs(args.out, exist_ok=True)
    files = {r: open(os.path.join(args.out, r + ".json"), "wb", buffering=1 << 20)
             for r in regions}
    counts = dict.fromkeys(regions, 0)
    total = 0
    dumps = json.dumps
    logs, log_counts, log_events = {}, dict.fromkeys(regions, 0), 0
    if args.error_events:
        os.makedirs(os.path.join(args.out, "logs"), exist_ok=True)
        logs = {r: open(os.path.join(args.out, "logs", r + ".json"), "wb", buffering=1 << 20)
                for r in regions}
    findings, finding_counts, finding_groups_total = {}, dict.fromkeys(regions, 0), 0
    if args.findings:
        os.makedirs(os.path.join(args.out, "findings"), exist_ok=True)
        findings = {r: open(os.path.join(args.out, "findings", r + ".json"), "wb", buffering=1 << 20)
                    for r in regions}
    try:
        for i in range(args.jobs):
            region, job = gen.job(i)
            if args.findings:
                for group in finding_groups(args.seed, i, job):
                    data = ("[\n" if finding_counts[region] == 0 else ",\n") + dumps(
                        group, sort_keys=True, separators=(",", ":"))
                    findings[region].write(data.encode("utf-8"))
                    total += len(data)
                    finding_counts[region] += 1
                    finding_groups_total += 1
            if args.error_events:
                failed, events = error_events(args.seed, i, job, gen.anchor_epoch)
                if "lastRunErrorStatus" in job:  # absent stays absent (jobs from before the member)
                    job["lastRunErrorStatus"] = {"code": "ERROR" if failed else "NONE"}
                if events:
                    line = dumps({"events": events, "jobId": job["jobId"]}, sort_keys=True,
                                 ensure_ascii=False, separators=(",", ":"))
                    data = ("[\n" if log_counts[region] == 0 else ",\n") + line
                    logs[region].write(data.encode("utf-8"))
                    total += len(data.encode("utf-8"))
                    log_counts[region] += 1
                    log_events += len(events)
            # same bytes as json.dumps(list_of_jobs, indent=2): each element
            # is indented one level inside the array
            body = dumps(job, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            data = (("[\n  " if counts[region] == 0 else ",\n  ") + body).encode("utf-8")
            files[region].write(data)
            total += len(data)
            counts[region] += 1
        for r in regions:
            data = b"\n]\n" if counts[r] else b"[]\n"
            files[r].write(data)
            total += len(data)
            if r in logs:
                data = b"\n]\n" if log_counts[r] else b"[]\n"
                logs[r].write(data)
                total += len(data)
            if r in findings:
                data = b"\n]\n" if finding_counts[r] else b"[]\n"
                findings[r].write(data)
                total += len(data)
    finally:
        for f in list(files.values()) + list(logs.values()) + list(findings.values()):
            f.close()
    elapsed = time.perf_counter() - started
    for r in regions:
        print("%-16s %8d jobs  %12d bytes" % (r, counts[r],
                                               os.path.getsize(os.path.join(args.out, r + ".json"))))
    if args.error_events:
        print("log events: %d ERROR jobs, %d events in %s/logs/"
              % (sum(log_counts.values()), log_events, args.out))
    if args.findings:
        print("findings: %d groups in %s/findings/" % (finding_groups_total, args.out))
    print("total: %d jobs, %d bytes written (%.0f bytes/job) in %.2fs"
          % (args.jobs, total, total / args.jobs if args.jobs else 0, elapsed))


if __name__ == "__main__":
    sys.exit(main())
