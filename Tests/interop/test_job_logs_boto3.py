"""boto3's CloudWatch Logs client against macie2-emulator's FilterLogEvents: its paginator
reads each demo job's events exactly as samples/demo/logs records them, through empty pages
and small pages; a denied region is AccessDeniedException; over --logs-rate, boto3's standard
retries get everything through the throttling."""
import botocore
import pytest

from conftest import DEMO
from emulator import AKID, SECRET, counters, dataset, logs_client, recorded_logs, running, timestamp

GROUP = "/aws/macie/classificationjobs"
JOBS = dataset()
LOGS = recorded_logs()


def wanted(job):
    """The jobs whose events explain something, as macie-report looks them up."""
    return (job.get("lastRunErrorStatus", {}).get("code") == "ERROR"
            or job["jobStatus"] in ("PAUSED", "CANCELLED"))


def start_time(job):
    """The last run's start, else the creation, in milliseconds (FilterLogEvents' startTime)."""
    return int(timestamp(job.get("lastRunTime") or job["createdAt"]).timestamp() * 1000)


def read(c, job, **config):
    paginator = c.get_paginator("filter_log_events")
    pages = list(paginator.paginate(logGroupName=GROUP, logStreamNames=[job["jobId"]], startTime=start_time(job),
                                    **config))
    return [event for page in pages for event in page.get("events", [])], pages


def test_the_paginator_reads_every_jobs_recorded_events_through_empty_and_small_pages():
    assert LOGS, f"no log events recorded under {DEMO / 'logs'}"
    read_jobs = 0
    with running("--credentials", f"{AKID}:{SECRET}", "--logs-empty-pages", "2", "--logs-page-size", "3") as url:
        for region, jobs in JOBS.items():
            c = logs_client(url, region)
            for job in filter(wanted, jobs):
                events, pages = read(c, job)
                read_jobs += 1
                assert events == LOGS[region].get(job["jobId"], []), job["name"]
                # Two empty pages, each with a token, then pages of at most three events.
                assert [len(p.get("events", [])) for p in pages[:2]] == [0, 0]
                assert all(p.get("nextToken") for p in pages[:2])
                assert all(len(p.get("events", [])) <= 3 for p in pages)
                assert len(pages) == 2 + max(1, -(-len(events) // 3))
        seen = counters(url)
    assert read_jobs == sum(1 for jobs in JOBS.values() for job in jobs if wanted(job)) == 19
    assert seen["faults"]["logsEmptyPage"] == 2 * read_jobs
    assert seen["signatureFailures"] == 0
    # The one wanted job without an entry reads as no events, not an error.
    missing = [j for r, jobs in JOBS.items() for j in jobs if wanted(j) and j["jobId"] not in LOGS[r]]
    assert [j["name"] for j in missing] == ["au-tmp-daily"]


def test_a_denied_region_and_an_unknown_group_are_client_errors():
    with running("--credentials", f"{AKID}:{SECRET}", "--deny-logs", "eu-west-1") as url:
        job = next(j for j in JOBS["eu-west-1"] if wanted(j))
        with pytest.raises(botocore.exceptions.ClientError) as denied:
            read(logs_client(url, "eu-west-1"), job)
        assert denied.value.response["Error"]["Code"] == "AccessDeniedException"
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        job = next(j for j in JOBS["us-east-1"] if wanted(j))
        assert read(logs_client(url, "us-east-1"), job)[0] == LOGS["us-east-1"][job["jobId"]]
        with pytest.raises(botocore.exceptions.ClientError) as unknown:
            logs_client(url).filter_log_events(logGroupName="/aws/lambda/other")
        assert unknown.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert unknown.value.response["Error"]["Message"] == "The specified log group does not exist."
        assert counters(url)["faults"]["deniedLogs"] == 1


def test_standard_retries_get_through_the_logs_rate_limit():
    with running("--credentials", f"{AKID}:{SECRET}", "--logs-rate", "1") as url:
        c = logs_client(url, "us-east-1", attempts=10)
        for job in filter(wanted, JOBS["us-east-1"]):
            assert read(c, job)[0] == LOGS["us-east-1"].get(job["jobId"], []), job["name"]
        seen = counters(url)
    assert seen["faults"].get("logsRateLimit", 0) > 0
    assert seen["requests"]["FilterLogEvents"] > sum(1 for job in JOBS["us-east-1"] if wanted(job))
