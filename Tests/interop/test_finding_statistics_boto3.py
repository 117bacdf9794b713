"""boto3's macie2 get_finding_statistics against macie2-emulator: the counts the demo's
findings/<region>.json records, grouped by job under a severity criterion, cut at `size`
(the operation has no nextToken), with archived findings counted unless excluded."""
import json
from collections import Counter

import botocore
import pytest

from conftest import DEMO
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
