"""macie-report walking an organization that moto's server (conftest's moto_url: loopback, port 0)
holds, as STS and Organizations, while Macie2 answers from macie2-emulator (issue 13, item 7).

boto3 creates the organization and its accounts in moto, and a MacieReport role in each member
(acting as the member through moto's OrganizationAccountAccessRole). macie-report then runs with
AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_ORGANIZATIONS on moto and AWS_ENDPOINT_URL_MACIE2 (and
CLOUDWATCH_LOGS) on the emulator, no --endpoint-url: it lists moto's ACTIVE accounts (names
included), assumes MacieReport in each member through moto, and signs Macie2 calls with the
temporary keys moto issued. The emulator (--accept-any-credentials) cannot verify those keys; it
reads the account from the key id, as AWS encodes it and as moto issues it, so each member's
requests see that member's dataset only.

What moto does not do (so this test does not pretend it does): its AssumeRole succeeds for a role
that does not exist, and it checks a role's trust policy only for a role in the caller's own
account. A refusal is made truthfully with moto's IAM authorization switched on: the caller is an
IAM user whose policy allows sts:AssumeRole on every MacieReport role but explicitly denies the
one in the "denied" account, and moto answers that AssumeRole with AccessDenied.
"""
import csv
import json
import subprocess
import urllib.request

import boto3

from conftest import DEMO, binary, moto_post
from emulator import running

ROLE = "MacieReport"
HOME = "123456789012"  # moto's default account: the management account of its organization
REGIONS = ["us-east-1", "eu-west-1"]


def moto_state(url):
    with urllib.request.urlopen(url + "/moto-api/data.json") as response:
        return json.load(response)


def aws(service, url, key="AKIDSETUP", secret="setup", token=None):
    return boto3.client(service, region_name="us-east-1", endpoint_url=url, aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token)


def build_organization(url):
    """The organization in moto: name → account id for the members, one of them closed."""
    org = aws("organizations", url)
    org.create_organization(FeatureSet="ALL")
    ids = {}
    for name in ["payments-prod", "hr-dev", "denied-sandbox", "closed-legacy"]:
        status = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        assert status["State"] == "SUCCEEDED"
        ids[name] = status["AccountId"]
    org.close_account(AccountId=ids["closed-legacy"])
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"AWS": f"arn:aws:iam::{HOME}:root"}}]}
    for name in ["payments-prod", "hr-dev", "denied-sandbox"]:
        # Act as the member, as an organization's management account does.
        credentials = aws("sts", url).assume_role(
            RoleArn=f"arn:aws:iam::{ids[name]}:role/OrganizationAccountAccessRole", RoleSessionName="setup")["Credentials"]
        iam = aws("iam", url, credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"])
        iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))
        assert iam.get_role(RoleName=ROLE)["Role"]["Arn"] == f"arn:aws:iam::{ids[name]}:role/{ROLE}"
    return ids


def caller_keys(url, denied):
    """An IAM user of the management account whose policy lets it list the organization and
    assume every MacieReport role except the one in `denied`; its access key."""
    iam = aws("iam", url)
    iam.create_user(UserName="macie-report")
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["organizations:ListAccounts", "sts:GetCallerIdentity"], "Resource": "*"},
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::*:role/{ROLE}"},
        {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{denied}:role/{ROLE}"}]}
    iam.put_user_policy(UserName="macie-report", PolicyName="macie-report", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="macie-report")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def with_account(jobs, account):
    """The demo's jobs as `account`'s: their ARNs name it."""
    out = []
    for job in jobs:
        job = dict(job)
        parts = job["jobArn"].split(":")
        parts[4] = account
        job["jobArn"] = ":".join(parts)
        out.append(job)
    return out


def demo(region):
    return json.loads((DEMO / f"{region}.json").read_text(encoding="utf-8"))


def test_org_in_moto_is_walked_with_roles_moto_issued(tmp_path, moto_url):
    ids = build_organization(moto_url)
    key, secret = caller_keys(moto_url, ids["denied-sandbox"])
    members = {ids["payments-prod"]: "payments-prod", ids["hr-dev"]: "hr-dev"}

    # The emulator's dataset: a different demo file in each account-region, so which file
    # answered shows which account the emulator took the caller for.
    served = {(HOME, "us-east-1"): "us-east-1", (HOME, "eu-west-1"): "eu-west-1",
              (ids["payments-prod"], "us-east-1"): "ap-southeast-2", (ids["payments-prod"], "eu-west-1"): "us-east-1",
              (ids["hr-dev"], "us-east-1"): "eu-west-1"}
    samples = tmp_path / "samples"
    for (account, region), source in served.items():
        (samples / account).mkdir(parents=True, exist_ok=True)
        (samples / account / f"{region}.json").write_text(json.dumps(with_account(demo(source), account)))
    # The denied account has files too: were its role granted, its jobs would show.
    (samples / ids["denied-sandbox"]).mkdir()
    (samples / ids["denied-sandbox"] / "us-east-1.json").write_text(
        json.dumps(with_account(demo("us-east-1"), ids["denied-sandbox"])))

    # From here on moto checks every request's signature and the caller's IAM policy.
    # (conftest's moto_url switches it off again at the end.)
    moto_post(moto_url + "/moto-api/reset-auth", b"0")
    with running("--accept-any-credentials", "--account-id", HOME, "--macie-off", f"{ids['hr-dev']}/eu-west-1",
                 samples=samples) as macie_url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
               "AWS_ENDPOINT_URL_STS": moto_url, "AWS_ENDPOINT_URL_ORGANIZATIONS": moto_url,
               "AWS_ENDPOINT_URL_MACIE2": macie_url, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": macie_url}
        out, night = tmp_path / "out", tmp_path / "night"
        result = subprocess.run(
            [binary(), "run", "--org", "--role-name", ROLE, *[a for r in REGIONS for a in ("--region", r)],
             "--output-dir", str(out), "--format", "csv", "--save-samples", str(night)],
            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 3, result.stderr

    # The role moto refused is named on stderr, with moto's own refusal; the closed account was never tried.
    denied = ids["denied-sandbox"]
    assert any(f"AssumeRole on arn:aws:iam::{denied}:role/{ROLE} was denied" in line
               and f"User: arn:aws:iam::{HOME}:user/macie-report is not authorized to perform: sts:AssumeRole" in line
               for line in result.stderr.splitlines()), result.stderr
    assert ids["closed-legacy"] not in result.stderr

    # moto issued a MacieReport session named macie-report for each reachable member, and none for the others.
    assumed = [r for r in moto_state(moto_url)["sts"]["AssumedRole"] if r["role_arn"].endswith(f":role/{ROLE}")]
    assert sorted(r["role_arn"] for r in assumed) == sorted(f"arn:aws:iam::{a}:role/{ROLE}" for a in members)
    assert {r["session_name"] for r in assumed} == {"macie-report"}
    assert all(r["access_key_id"].startswith("ASIA") for r in assumed)

    # Every ACTIVE account of moto's organization, with moto's names, in every region: the walk's record.
    manifest = json.loads((night / "scopes.json").read_text(encoding="utf-8"))
    # (A scope read whole is written without a state or a gap.)
    states = {(s["accountId"], s["region"]): (s.get("state", "ok" if "gap" not in s else "gap"), s.get("accountName"))
              for s in manifest["scopes"]}
    names = {HOME: "master", **members, denied: "denied-sandbox"}
    expected = {}
    for account, name in names.items():
        for region in REGIONS:
            state = "role-denied" if account == denied else "macie-off" if (account, region) == (ids["hr-dev"], "eu-west-1") else "ok"
            expected[(account, region)] = (state, name)
    assert states == expected

    # Each account-region's jobs are the file the emulator holds for that account: it took each
    # moto-issued key for the account moto issued it in.
    with open(out / "jobs.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    walked = {}
    for row in rows:
        walked.setdefault((row["accountId"], row["region"]), []).append(row["jobId"])
    assert {k: sorted(v) for k, v in walked.items()} == {
        k: sorted(j["jobId"] for j in demo(source)) for k, source in served.items()}
    assert denied not in {row["accountId"] for row in rows}
