"""Reads macie-report's outputs with tools that share no code with it: Python's csv module
and json for the truth, openpyxl for the workbook. The expected values are computed here
from the samples themselves."""
import collections
import csv
import datetime
import json
import re

import openpyxl
import pytest

from conftest import COVERAGE_ACCOUNTS, COVERAGE_STATES, DEMO, demo_finding_counts, top_findings

HEADER_CONTRACT = [
    "accountId", "region", "jobId", "name", "jobType", "jobStatus", "lastRunErrorStatus",
    "createdAt", "lastRunTime", "numberOfRuns", "jobArn",
]
DATE_COLUMNS = {"createdAt", "lastRunTime", "jobPausedAt", "jobExpiresAt"}
NUMBER_COLUMNS = {
    "numberOfRuns", "samplingPercentage", "bucketCount", "approximateNumberOfObjectsToProcess",
    "lastRunAffectedAccounts", "lastRunAffectedBuckets",
    "findings", "findingsHigh", "findingsMedium", "findingsLow",
}
FINDINGS_COLUMNS = ["findings", "findingsHigh", "findingsMedium", "findingsLow"]


def samples():
    """(region, job) for every job in samples/demo, straight from the JSON."""
    for path in sorted(DEMO.glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")):
            yield path.stem, job


def iso(text):
    """The report's timestamp form: UTC, whole seconds, Z."""
    if text is None:
        return ""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def number(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_jobs_csv_equals_the_samples(demo_reports):
    rows = read_csv(demo_reports / "jobs.csv")
    assert rows[0][:11] == HEADER_CONTRACT
    by_id = {row[2]: dict(zip(rows[0], row)) for row in rows[1:]}
    jobs = list(samples())
    assert len(by_id) == len(jobs) == 76
    for region, job in jobs:
        row = by_id[job["jobId"]]
        expected = {
            "accountId": job["jobArn"].split(":")[4],
            "region": region,
            "jobId": job["jobId"],
            "name": job.get("name", ""),
            "jobType": job.get("jobType", ""),
            "jobStatus": job.get("jobStatus", ""),
            "lastRunErrorStatus": (job.get("lastRunErrorStatus") or {}).get("code", ""),
            "createdAt": iso(job.get("createdAt")),
            "lastRunTime": iso(job.get("lastRunTime")),
            "numberOfRuns": number((job.get("statistics") or {}).get("numberOfRuns")),
            "jobArn": job["jobArn"],
            "description": job.get("description", ""),
            "jobExpiresAt": iso((job.get("userPausedDetails") or {}).get("jobExpiresAt")),
            "samplingPercentage": number(job.get("samplingPercentage")),
        }
        for column, value in expected.items():
            assert row[column] == value, (job["jobId"], column)
        assert json.loads(row["tags"] or "{}") == job.get("tags", {})


def test_guarded_csv_neutralises_formulas_and_nothing_else(guarded_reports, demo_reports):
    guarded = read_csv(guarded_reports / "jobs.csv")
    raw = read_csv(demo_reports / "jobs.csv")
    assert len(guarded) == len(raw)
    changed = 0
    for g_row, r_row in zip(guarded, raw):
        for g, r in zip(g_row, r_row):
            if r[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+(\.\d+)?", r):
                assert g == "'" + r
                changed += 1
            else:
                assert g == r
    assert changed == 4


STATUS_CHANGES = {"JOB_CREATED", "ONE_TIME_JOB_STARTED", "SCHEDULED_RUN_STARTED", "BUCKET_MATCHED_THE_CRITERIA",
                  "NO_BUCKETS_MATCHED_THE_CRITERIA", "SCHEDULED_RUN_COMPLETED", "JOB_PAUSED_BY_USER",
                  "JOB_RESUMED_BY_USER", "JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED", "JOB_COMPLETED"}
STATUS_REASONS = {"PAUSED": "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", "CANCELLED": "JOB_CANCELLED"}


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def last_run_error_types(region, job):
    """The event types of a job's last run, read here from samples/demo/logs by Macie's
    documented rules: events from the run's start on, errors of that run (runDate), the status
    event that explains a paused or cancelled job; ordinary status changes are not errors."""
    path = DEMO / "logs" / f"{region}.json"
    entries = {e["jobId"]: e for e in json.loads(path.read_text(encoding="utf-8"))} if path.exists() else {}
    start = parse_time(job["lastRunTime"]) if job.get("lastRunTime") else None
    types = set()
    for event in entries.get(job["jobId"], {}).get("events", []):
        if start and event["timestamp"] < int(start.timestamp() * 1000):
            continue
        try:
            message = json.loads(event["message"])
        except ValueError:
            continue
        if not isinstance(message, dict) or "eventType" not in message:
            continue
        event_type = message["eventType"]
        if event_type in STATUS_CHANGES:
            continue
        if event_type in STATUS_REASONS.values():
            if STATUS_REASONS.get(job.get("jobStatus")) == event_type:
                types.add(event_type)
            continue
        if start and message.get("runDate") and parse_time(message["runDate"]) < start - datetime.timedelta(seconds=1):
            continue
        types.add(event_type)
    return types


def test_summary_csv_counts_what_the_samples_hold(demo_reports):
    rows = read_csv(demo_reports / "summary.csv")
    assert rows[0] == ["dimension", "value", "jobs"]
    got = {(d, v): int(n) for d, v, n in rows[1:]}
    jobs = list(samples())
    expect = collections.Counter()
    for region, job in jobs:
        expect["jobStatus", job.get("jobStatus", "(none)")] += 1
        expect["jobType", job.get("jobType", "(none)")] += 1
        expect["lastRunErrorStatus", (job.get("lastRunErrorStatus") or {}).get("code", "(none)")] += 1
        expect["region", region] += 1
        expect["accountId", job["jobArn"].split(":")[4]] += 1
        for event_type in last_run_error_types(region, job):
            expect["lastRunErrorType", event_type] += 1
    assert {k: v for k, v in got.items() if v} == dict(expect)
    assert got[("lastRunErrorStatus", "ERROR")] == 9


def unescape_ooxml(text):
    """Excel's reading of _xHHHH_ escapes in a string cell."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def test_workbook_matches_jobs_csv_with_real_types(demo_reports):
    book = openpyxl.load_workbook(demo_reports / "report.xlsx")
    assert book.sheetnames == ["Summary", "Jobs", "Attention", "Errors", "Coverage"]
    sheet = book["Jobs"]
    assert sheet.freeze_panes == "A2"
    # An Excel table (with its own autofilter), landscape, one page wide, header on every page.
    assert [t.ref for t in sheet.tables.values()] == ["A1:AD77"]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert book.properties.title == "Macie classification jobs"
    assert len(book["Summary"]._charts) == 5  # by status, type, last-run error, error type; findings
    rows = read_csv(demo_reports / "jobs.csv")
    header = [cell.value for cell in sheet[1]]
    assert header == rows[0]
    for csv_row, cells in zip(rows[1:], sheet.iter_rows(min_row=2)):
        for name, text, cell in zip(header, csv_row, cells):
            assert cell.data_type != "f", f"formula in {cell.coordinate}"
            if text == "":
                assert cell.value is None
            elif name == "name":
                assert cell.data_type == "s"
                assert unescape_ooxml(cell.value) == text
                if text and len(text) <= 255:
                    assert cell.hyperlink is not None and ".console.aws.amazon.com/macie/home" in cell.hyperlink.target
            elif name in DATE_COLUMNS:
                assert cell.is_date, cell.coordinate
                assert cell.value.strftime("%Y-%m-%dT%H:%M:%SZ") == text
            elif name in NUMBER_COLUMNS:
                assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                assert float(cell.value) == float(text)
            else:
                assert cell.data_type == "s"
                assert unescape_ooxml(cell.value) == text, cell.coordinate


def expected_finding_cells(job_id):
    """findings, findingsHigh, findingsMedium, findingsLow of a job, from the samples: a job
    without findings in a region whose findings were read has 0 of each."""
    high, medium, low = demo_finding_counts().get(job_id, (0, 0, 0))
    return [high + medium + low, high, medium, low]


def test_finding_columns_are_appended_and_equal_the_samples(demo_reports):
    rows = read_csv(demo_reports / "jobs.csv")
    header = rows[0]
    # Appended at the end: the last-run error columns keep their places.
    assert header[23:26] == ["lastRunErrorTypes", "lastRunAffectedAccounts", "lastRunAffectedBuckets"]
    assert header[26:] == FINDINGS_COLUMNS
    counts = demo_finding_counts()
    assert len(counts) == 51 and sum(1 for c in counts.values() if c[0] > 0) == 18
    for row in rows[1:]:
        assert [int(cell) for cell in row[26:]] == expected_finding_cells(row[2]), row[2]
    sheet = openpyxl.load_workbook(demo_reports / "report.xlsx")["Jobs"]
    assert [cell.value for cell in sheet[1]][26:] == FINDINGS_COLUMNS
    for cells in sheet.iter_rows(min_row=2):
        values = [cell.value for cell in cells[26:30]]
        assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values), cells[2].value
        assert values == expected_finding_cells(cells[2].value), cells[2].value


def test_summary_sheet_lists_the_jobs_with_the_most_findings(demo_reports):
    sheet = openpyxl.load_workbook(demo_reports / "report.xlsx")["Summary"]
    rows = [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]
    assert ("Jobs with High findings", 18) in [r[:2] for r in rows]
    start = [r[:5] for r in rows].index(("job", "region", "High", "Medium", "Low"))
    regions = {job["jobId"]: region for region, job in samples()}
    counts = demo_finding_counts()
    top = top_findings(regions)
    assert len(top) == 10
    assert [r[1:5] for r in rows[start + 1:start + 11]] == [(regions[j], *counts[j]) for j in top]


def test_attention_sheet_lists_the_urgent_jobs_first(demo_reports):
    sheet = openpyxl.load_workbook(demo_reports / "report.xlsx")["Attention"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("reason", "daysUntilExpiry", "jobExpiresAt")
    assert len(rows) == 19
    assert [r[1] for r in rows[1:6]] == [-2, 1, 3, 5, 6]
    assert all("ERROR" in r[0] or "paused" in r[0] for r in rows[1:])


COVERAGE_HEADER = ["accountId", "accountName", "region", "state", "jobs", "errorJobs", "note"]


def test_coverage_csv_has_a_row_per_account_region(coverage_reports):
    rows = read_csv(coverage_reports / "coverage.csv")
    assert rows[0] == COVERAGE_HEADER
    assert {(r[0], r[2]): r[3] for r in rows[1:]} == COVERAGE_STATES
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])  # by account, then region
    assert all(r[1] == COVERAGE_ACCOUNTS[r[0]] for r in rows[1:])
    counts = {(r[0], r[2]): (r[4], r[5]) for r in rows[1:]}
    assert counts[("111122223333", "us-east-1")] == ("2", "1") and counts[("777788889999", "us-east-1")] == ("1", "0")
    notes = {(r[0], r[2]): r[6] for r in rows[1:]}
    assert notes[("111122223333", "eu-west-1")] == "Macie is not enabled in this account and region"
    assert notes[("111122223333", "us-east-1")] == ""


def test_coverage_sheet_is_last_and_equals_coverage_csv(coverage_reports):
    book = openpyxl.load_workbook(coverage_reports / "report.xlsx")
    assert book.sheetnames == ["Summary", "Jobs", "Attention", "Errors", "Coverage"]
    sheet = book["Coverage"]
    assert [t.ref for t in sheet.tables.values()] == ["A1:G7"] and sheet.freeze_panes == "A2"
    rows = read_csv(coverage_reports / "coverage.csv")
    assert [cell.value for cell in sheet[1]] == rows[0]
    for csv_row, cells in zip(rows[1:], sheet.iter_rows(min_row=2)):
        for name, text, cell in zip(rows[0], csv_row, cells):
            assert cell.data_type != "f", f"formula in {cell.coordinate}"
            if name in ("jobs", "errorJobs"):
                assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                assert float(cell.value) == float(text)
            elif text == "":
                assert cell.value is None
            else:
                assert cell.data_type == "s" and cell.value == text, cell.coordinate
