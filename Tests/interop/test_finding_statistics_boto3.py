"""boto3's macie2 get_finding_statistics against macie2-emulator: the counts the demo's
findings/<region>.json records, grouped by job under a severity criterion, cut at `size`
(the operation has no nextToken), with archived findings counted unless excluded."""
import csv
import json
import subprocess
from collections import Counter

import botocore
import pytest

from conftest import AS_OF, DEMO, binary
from emulator import AKID, SECRET, client, counters, running


def recorded_findings():
    """region → findings groups, straight from samples/demo/findings."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO / "findings").glob("*.json"))}


FINDINGS = recorded_findings()


def expected(region, severity=None, archived=None):
    """jobId → count, computed here from the file."""
    totals = Counter()
    for group in FINDINGS[region]:
        if (severity is None or group["severity"] == severity) and (archived is None or group["archived"] == archived):
            totals[group["jobId"]] += group["count"]
    return {job: n for job, n in totals.items() if n > 0}


def by_job(c, **kwargs):
    answer = c.get_finding_statistics(groupBy="classificationDetails.jobId", **kwargs)
    assert "nextToken" not in answer
    return [(g["groupKey"], g["count"]) for g in answer["countsByGroup"]]


def test_counts_per_job_under_a_severity_criterion_match_the_demo_file():
    assert set(FINDINGS) == {"us-east-1", "eu-west-1", "ap-southeast-2"}
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        for region in FINDINGS:
            c = client(url, region)
            for severity in ("High", "Medium", "Low"):
                criteria = {"criterion": {"severity.description": {"eq": [severity]},
                                          "archived": {"eq": ["false"]}}}
                got = by_job(c, findingCriteria=criteria, size=1000)
                assert dict(got) == expected(region, severity, archived=False)
                assert [job for job, _ in got] == sorted(job for job, _ in got)
            # Without an archived condition both are counted, as the API does.
            assert dict(by_job(c, size=1000)) == expected(region)
            severities = c.get_finding_statistics(groupBy="severity.description")["countsByGroup"]
            assert {g["groupKey"]: g["count"] for g in severities} == {
                s: sum(g["count"] for g in FINDINGS[region] if g["severity"] == s) for s in ("High", "Medium", "Low")}
        assert counters(url)["signatureFailures"] == 0


def test_size_cuts_the_list_in_the_requested_order():
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        c = client(url, "us-east-1")
        full = expected("us-east-1")
        assert len(full) > 5
        top = by_job(c, size=5, sortCriteria={"attributeName": "count", "orderBy": "DESC"})
        assert len(top) == 5
        assert [n for _, n in top] == sorted(full.values(), reverse=True)[:5]
        assert all(full[job] == n for job, n in top)
        assert by_job(c, size=3) == sorted(full.items())[:3]


def test_unserved_queries_are_validation_errors():
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        c = client(url, "us-east-1")
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            c.get_finding_statistics(groupBy="type")
        assert raised.value.response["Error"]["Code"] == "ValidationException"
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            c.get_finding_statistics(groupBy="severity.description", size=0)
        assert raised.value.response["Error"]["Code"] == "ValidationException"


def test_a_denied_region_is_access_denied_as_botocore_parses_it():
    with running("--credentials", f"{AKID}:{SECRET}", "--deny-findings", "eu-west-1") as url:
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            client(url, "eu-west-1").get_finding_statistics(groupBy="classificationDetails.jobId")
        assert raised.value.response["Error"]["Code"] == "AccessDeniedException"
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert "macie2:GetFindingStatistics" in raised.value.response["Error"]["Message"]
        assert dict(by_job(client(url, "us-east-1"))) == expected("us-east-1")
        assert counters(url)["faults"] == {"deniedFindings": 1}


def live_run(url, out, *extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": SECRET}
    regions = [arg for region in FINDINGS for arg in ("--region", region)]
    return subprocess.run(
        [binary(), "run", *regions, "--endpoint-url", url, "--output-dir", str(out), "--as-of", AS_OF,
         "--format", "csv", "--quiet", "--no-job-logs", *extra],
        capture_output=True, text=True, env=env, check=False)


def test_macie_reports_counts_are_the_files_with_one_call_per_severity_and_region(tmp_path):
    """macie-report's jobs.csv against counts computed here from the raw files; the calls it
    made, counted by the emulator: three a region (no answer of the demo fills size 100),
    none with --no-findings."""
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        result = live_run(url, tmp_path / "on")
        assert result.returncode == 0, result.stderr
        assert counters(url)["requests"]["GetFindingStatistics"] == 3 * len(FINDINGS)
        with open(tmp_path / "on" / "jobs.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == 76
        for row in rows:
            counts = [expected(row["region"], s, archived=False).get(row["jobId"], 0) for s in ("High", "Medium", "Low")]
            assert [row["findings"], row["findingsHigh"], row["findingsMedium"], row["findingsLow"]] == [
                str(sum(counts)), *map(str, counts)], row["jobId"]
        assert sum(int(row["findingsHigh"]) for row in rows) == 59
        result = live_run(url, tmp_path / "off", "--no-findings")
        assert result.returncode == 0, result.stderr
        assert counters(url)["requests"]["GetFindingStatistics"] == 3 * len(FINDINGS)
        with open(tmp_path / "off" / "jobs.csv", newline="", encoding="utf-8") as f:
            assert all(row["findings"] == row["findingsHigh"] == "" for row in csv.DictReader(f))
