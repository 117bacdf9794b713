"""AWS's own SDK against macie2-emulator: boto3's paginator, describe calls, retries and
signatures, and filter/sort results computed here from the dataset."""
import botocore
import pytest

from emulator import AKID, SECRET, as_boto3, client, counters, dataset, running, timestamp

DATA = dataset()


def members_known_to_boto3(c):
    shapes = c.meta.service_model
    known = set()
    for name in ("DescribeClassificationJobResponse", "JobSummary"):
        stack = [shapes.shape_for(name)]
        while stack:
            shape = stack.pop()
            for member_name, member in getattr(shape, "members", {}).items():
                if member_name not in known or member.type_name in ("structure", "list", "map"):
                    known.add(member_name)
                    if member.type_name == "structure":
                        stack.append(member)
                    elif member.type_name == "list" and member.member.type_name == "structure":
                        stack.append(member.member)
    return known


def walk(c, **kwargs):
    return [item for page in c.get_paginator("list_classification_jobs").paginate(**kwargs) for item in page["items"]]


def test_paginator_and_describe_return_the_whole_dataset():
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        for region, jobs in DATA.items():
            c = client(url, region)
            known = members_known_to_boto3(c)
            for page_size in (None, 7):
                config = {"PaginationConfig": {"PageSize": page_size}} if page_size else {}
                items = walk(c, **config)
                assert [i["jobId"] for i in items] == [j["jobId"] for j in jobs]
            for item, job in zip(items, jobs):
                assert item["name"] == job["name"] and item["jobStatus"] == job["jobStatus"]
                assert item["createdAt"] == timestamp(job["createdAt"])
                described = c.describe_classification_job(jobId=job["jobId"])
                described.pop("ResponseMetadata")
                assert described == as_boto3(job, known)
        assert counters(url)["signatureFailures"] == 0


def test_retries_get_everything_through_throttling_server_errors_and_drops():
    args = ["--credentials", f"{AKID}:{SECRET}", "--throttle-rate", "0.25", "--server-error-rate", "0.15",
            "--drop-rate", "0.05", "--short-page-rate", "0.5", "--empty-page-rate", "0.2", "--seed", "7"]
    with running(*args) as url:
        c = client(url, "us-east-1", attempts=12)
        items = walk(c, PaginationConfig={"PageSize": 3})
        assert sorted(i["jobId"] for i in items) == sorted(j["jobId"] for j in DATA["us-east-1"])
        for job in DATA["us-east-1"]:
            assert c.describe_classification_job(jobId=job["jobId"])["jobId"] == job["jobId"]
        faults = counters(url)["faults"]
        assert faults.get("throttle", 0) > 0 and faults.get("serverError", 0) > 0 and faults.get("drop", 0) > 0
        assert faults.get("shortPage", 0) > 0 and faults.get("emptyPage", 0) > 0


def test_rate_limit_is_survived_by_retries():
    with running("--credentials", f"{AKID}:{SECRET}", "--rate-limit", "20") as url:
        c = client(url, "eu-west-1", attempts=20)
        for job in DATA["eu-west-1"] * 2:
            c.describe_classification_job(jobId=job["jobId"])
        assert counters(url)["faults"].get("rateLimit", 0) > 0


def test_signatures_are_checked():
    with running("--credentials", f"{AKID}:{SECRET}", "--credentials", "TEMPKEY:tempsecret:session-token-1") as url:
        with pytest.raises(botocore.exceptions.ClientError) as wrong:
            client(url, secret="not-the-secret").list_classification_jobs()
        assert wrong.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert wrong.value.response["Error"]["Code"] == "InvalidSignatureException"
        ok = client(url, key="TEMPKEY", secret="tempsecret", token="session-token-1").list_classification_jobs()
        assert len(ok["items"]) == 30
        with pytest.raises(botocore.exceptions.ClientError) as no_token:
            client(url, key="TEMPKEY", secret="tempsecret").list_classification_jobs()
        assert no_token.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert counters(url)["signatureFailures"] >= 2


def test_denied_region_and_vanished_job():
    gone = DATA["us-east-1"][5]["jobId"]
    with running("--credentials", f"{AKID}:{SECRET}", "--deny-region", "eu-west-1", "--vanish-job", gone) as url:
        with pytest.raises(botocore.exceptions.ClientError) as denied:
            client(url, "eu-west-1").list_classification_jobs()
        assert denied.value.response["Error"]["Code"] == "AccessDeniedException"
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        c = client(url, "us-east-1")
        assert gone in [i["jobId"] for i in walk(c)]
        with pytest.raises(c.exceptions.ResourceNotFoundException):
            c.describe_classification_job(jobId=gone)


def code_point_key(text):
    return text.encode("utf-8")


def expected(jobs, includes=(), excludes=(), sort=None):
    def value(job, key):
        return timestamp(job[key]) if key == "createdAt" else job.get(key)

    def matches(job, term):
        v, values, op = value(job, term["key"]), term["values"], term["comparator"]
        if term["key"] == "createdAt":
            values = [timestamp(x) for x in values]
        if op == "EQ":
            return v in values
        if op == "NE":
            return v not in values
        if op == "CONTAINS":
            return any(x in v for x in values)
        if op == "STARTS_WITH":
            return any(v.startswith(x) for x in values)
        return {"GT": v > values[0], "GTE": v >= values[0], "LT": v < values[0], "LTE": v <= values[0]}[op]

    kept = [j for j in jobs if all(matches(j, t) for t in includes) and not any(matches(j, t) for t in excludes)]
    if sort:
        attribute, descending = sort
        # Stable: ties keep jobId order, as the emulator breaks them.
        kept.sort(key=lambda j: code_point_key(j["jobId"]))
        key = (lambda j: timestamp(j[attribute])) if attribute == "createdAt" else (lambda j: code_point_key(j[attribute]))
        kept.sort(key=key, reverse=descending)  # reverse=True keeps ties in jobId order too
    return [j["jobId"] for j in kept]


FILTERS = [
    ([{"key": "jobStatus", "comparator": "EQ", "values": ["RUNNING", "IDLE"]}], []),
    ([{"key": "jobType", "comparator": "NE", "values": ["ONE_TIME"]}], []),
    ([{"key": "createdAt", "comparator": "GT", "values": ["2026-06-01T00:00:00Z"]}], []),
    ([{"key": "createdAt", "comparator": "LTE", "values": ["2026-03-01T12:00:00Z"]}], []),
    ([{"key": "name", "comparator": "CONTAINS", "values": ["daily"]}], []),
    ([{"key": "name", "comparator": "STARTS_WITH", "values": ["eu-", "au-"]}], []),
    ([], [{"key": "jobStatus", "comparator": "EQ", "values": ["COMPLETE", "CANCELLED"]}]),
    ([{"key": "jobType", "comparator": "EQ", "values": ["SCHEDULED"]}],
     [{"key": "name", "comparator": "CONTAINS", "values": ["weekly"]}]),
]


@pytest.mark.parametrize("includes,excludes", FILTERS)
def test_filter_criteria_follow_the_models_semantics(includes, excludes):
    with running("--credentials", f"{AKID}:{SECRET}") as url:
        for region, jobs in DATA.items():
            criteria = {"includes": includes, "excludes": excludes}
            items = walk(client(url, region), filterCriteria=criteria, PaginationConfig={"PageSize": 5})
            assert [i["jobId"] for i in items] == expected(jobs, includes, excludes), region


@pytest.mark.parametrize("attribute", ["createdAt", "jobStatus", "name", "jobType"])
@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_sort_criteria_follow_the_models_semantics(attribute, order):
    with running("--accept-any-credentials") as url:
        jobs = DATA["ap-southeast-2"]
        items = walk(client(url, "ap-southeast-2"), sortCriteria={"attributeName": attribute, "orderBy": order})
        # Equal keys come out in jobId order, in both directions.
        assert [i["jobId"] for i in items] == expected(jobs, sort=(attribute, order == "DESC"))
