"""boto3 against the emulator playing an organization (issue 13): STS AssumeRole and the
temporary credentials it issues, Organizations ListAccounts, Macie2 ListMembers, and "Macie is
not enabled", on a small organization made by scripts/gen_org.py and read back here from its
files."""
import json
import subprocess
import sys

import boto3
import botocore
import pytest

from conftest import ROOT
from emulator import AKID, SECRET, as_boto3, client, counters, running
from test_emulator_boto3 import members_known_to_boto3, walk

ROLE = "MacieReport"


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    """Eight accounts in three regions, Macie on in half the account-regions, four jobs each;
    a quarter of the member accounts without the role, every role wanting an external id."""
    out = tmp_path_factory.mktemp("org")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_org.py"), "--accounts", "8", "--regions", "3", "--macie-on", "0.5",
         "--jobs", "4", "--without-role", "0.25", "--not-member", "0.2", "--outside", "0.15", "--external-id", "nightly",
         "--seed", "g", "--out", str(out)],
        check=True, capture_output=True)
    accounts = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    return out, accounts


def jobs_of(out, account, region):
    path = out / account / f"{region}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def sts(url, key=AKID, secret=SECRET, token=None):
    return boto3.client("sts", region_name="us-east-1", endpoint_url=url, aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token)


def assume(url, account, role=ROLE, external_id="nightly"):
    extra = {"ExternalId": external_id} if external_id else {}
    return sts(url).assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="macie-report", **extra)


def as_role(url, credentials, region):
    return client(url, region, key=credentials["AccessKeyId"], secret=credentials["SecretAccessKey"],
                  token=credentials["SessionToken"])


def reachable(accounts):
    return [a for a in accounts["accounts"] if a.get("roles") and a["status"] == "ACTIVE"]


def test_assume_role_then_macie2_lists_and_describes_that_accounts_jobs(org):
    out, accounts = org
    regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]
    with running("--credentials", f"{AKID}:{SECRET}", samples=out) as url:
        walked = 0
        for account in reachable(accounts):
            answer = assume(url, account["id"])
            credentials = answer["Credentials"]
            assert credentials["AccessKeyId"].startswith("ASIA")
            assert answer["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{account['id']}:assumed-role/{ROLE}/macie-report"
            for region in regions:
                if region in account.get("macieOff", []):
                    continue
                c = as_role(url, credentials, region)
                recorded = jobs_of(out, account["id"], region)
                assert [i["jobId"] for i in walk(c, PaginationConfig={"PageSize": 3})] == [j["jobId"] for j in recorded]
                known = members_known_to_boto3(c)
                for job in recorded[:2]:
                    described = c.describe_classification_job(jobId=job["jobId"])
                    described.pop("ResponseMetadata")
                    assert described == as_boto3(job, known)
                walked += 1
        assert walked > 0
        assert counters(url)["signatureFailures"] == 0


def test_get_caller_identity_answers_the_role_and_the_home_account(org):
    out, accounts = org
    account = reachable(accounts)[0]["id"]
    with running("--credentials", f"{AKID}:{SECRET}", samples=out) as url:
        credentials = assume(url, account)["Credentials"]
        identity = sts(url, credentials["AccessKeyId"], credentials["SecretAccessKey"],
                       credentials["SessionToken"]).get_caller_identity()
        assert identity["Account"] == account
        assert identity["Arn"] == f"arn:aws:sts::{account}:assumed-role/{ROLE}/macie-report"
        assert identity["UserId"].startswith("AROA") and identity["UserId"].endswith(":macie-report")
        assert sts(url).get_caller_identity()["Account"] == accounts["homeAccountId"]


def test_access_denied_is_parsed_by_botocore(org):
    out, accounts = org
    without_role = [a for a in accounts["accounts"][1:] if not a.get("roles")]
    assert without_role, "the seed should leave some account without the role"
    account = reachable(accounts)[0]["id"]
    with running("--credentials", f"{AKID}:{SECRET}", "--deny-assume-role", account, samples=out) as url:
        for target, external_id in [(without_role[0]["id"], "nightly"), (reachable(accounts)[1]["id"], "wrong"),
                                    (reachable(accounts)[1]["id"], None), (account, "nightly")]:
            with pytest.raises(botocore.exceptions.ClientError) as denied:
                assume(url, target, external_id=external_id)
            error = denied.value.response["Error"]
            assert error["Code"] == "AccessDenied" and error["Type"] == "Sender"
            assert error["Message"] == (f"User: arn:aws:iam::{accounts['homeAccountId']}:user/macie-report is not "
                                        f"authorized to perform: sts:AssumeRole on resource: "
                                        f"arn:aws:iam::{target}:role/{ROLE}")
            assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        seen = counters(url)
        assert seen["refusals"]["assumeRoleDenied"] == 3 and seen["faults"]["deniedAssumeRole"] == 1


def test_organizations_list_accounts_paginator(org):
    out, accounts = org
    expected = [a for a in accounts["accounts"] if a.get("inOrganization")]
    with running("--credentials", f"{AKID}:{SECRET}", samples=out) as url:
        organizations = boto3.client("organizations", region_name="us-east-1", endpoint_url=url,
                                     aws_access_key_id=AKID, aws_secret_access_key=SECRET)
        pages = list(organizations.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 2}))
        listed = [a for page in pages for a in page["Accounts"]]
        assert len(pages) == (len(expected) + 1) // 2
        assert [(a["Id"], a["Name"], a["Email"], a["Status"]) for a in listed] == [
            (a["id"], a["name"], a["email"], a["status"]) for a in expected]
        assert all(a["Arn"] == f"arn:aws:organizations::{accounts['homeAccountId']}:account/"
                               f"{accounts['organizationId']}/{a['Id']}" for a in listed)
        member = next(a for a in reachable(accounts) if a["inOrganization"])
        credentials = assume(url, member["id"])["Credentials"]
        as_member = boto3.client("organizations", region_name="us-east-1", endpoint_url=url,
                                 aws_access_key_id=credentials["AccessKeyId"],
                                 aws_secret_access_key=credentials["SecretAccessKey"],
                                 aws_session_token=credentials["SessionToken"])
        with pytest.raises(as_member.exceptions.AccessDeniedException):
            as_member.list_accounts()
        assert counters(url)["requests"]["ListAccounts"] == len(pages) + 1


def test_macie2_list_members_paginator(org):
    out, accounts = org
    home = accounts["homeAccountId"]
    region = next(r for r in ["us-east-1", "eu-west-1", "ap-southeast-2"]
                  if r not in accounts["accounts"][0].get("macieOff", []))
    expected = [a["id"] for a in accounts["accounts"] if a.get("macieMember") and a["id"] != home]
    with running("--credentials", f"{AKID}:{SECRET}", samples=out) as url:
        macie = client(url, region)
        members = [m for page in macie.get_paginator("list_members").paginate(
            onlyAssociated="true", PaginationConfig={"PageSize": 2}) for m in page["members"]]
        assert [m["accountId"] for m in members] == expected
        assert all(m["relationshipStatus"] == "Enabled" and m["administratorAccountId"] == home for m in members)
        assert all(m["arn"] == f"arn:aws:macie2:{region}:{home}:member/{m['accountId']}" for m in members)
        assert counters(url)["requests"]["ListMembers"] == (len(expected) + 1) // 2


def test_a_region_with_macie_off_answers_macie_is_not_enabled(org):
    out, accounts = org
    account, region = next((a, r) for a in reachable(accounts) for r in a.get("macieOff", []))
    with running("--credentials", f"{AKID}:{SECRET}", samples=out) as url:
        c = as_role(url, assume(url, account["id"])["Credentials"], region)
        for call in (lambda: c.list_classification_jobs(), lambda: c.describe_classification_job(jobId="0" * 32),
                     lambda: c.get_finding_statistics(groupBy="severity.description")):
            with pytest.raises(c.exceptions.AccessDeniedException) as off:
                call()
            assert off.value.response["Error"]["Message"] == "Macie is not enabled."
            assert off.value.response["ResponseMetadata"]["HTTPStatusCode"] == 401
            assert off.value.response["ResponseMetadata"]["RetryAttempts"] == 0
        assert counters(url)["refusals"]["macieNotEnabled"] == 3
    with running("--credentials", f"{AKID}:{SECRET}", "--macie-off-status", "403", samples=out) as url:
        c = as_role(url, assume(url, account["id"])["Credentials"], region)
        with pytest.raises(c.exceptions.AccessDeniedException) as off:
            c.list_classification_jobs()
        assert off.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
