"""macie-report --macie-members against the emulator playing a Macie administrator (issue 13):
the accounts walked are the caller's and its Enabled Macie members (Macie ListMembers), each
member through --role-name with --external-id; a member without the role is role-denied. The
organization is scripts/gen_org.py's, read back here from its files."""
import csv
import json
import subprocess
import sys

from conftest import ROOT, binary
from emulator import AKID, SECRET, running

ROLE = "MacieReport"
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]


def test_the_macie_administrators_members_are_walked_through_their_roles(tmp_path):
    org = tmp_path / "org"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_org.py"), "--accounts", "8", "--regions", "3", "--macie-on", "0.5",
         "--jobs", "4", "--without-role", "0.25", "--not-member", "0.2", "--outside", "0.15", "--external-id", "nightly",
         "--seed", "g", "--out", str(org)],
        check=True, capture_output=True)
    accounts = json.loads((org / "accounts.json").read_text(encoding="utf-8"))
    home = accounts["homeAccountId"]
    members = {a["id"]: a for a in accounts["accounts"] if a.get("macieMember") == "Enabled" and a["id"] != home}
    others = [a["id"] for a in accounts["accounts"] if a["id"] != home and a["id"] not in members]
    assert members and others, "the organization must have members and accounts that are not"

    out, night = tmp_path / "out", tmp_path / "night"
    with running("--credentials", f"{AKID}:{SECRET}", samples=org) as url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": SECRET}
        result = subprocess.run(
            [binary(), "run", "--macie-members", "--role-name", ROLE, "--external-id", "nightly",
             *[a for r in REGIONS for a in ("--region", r)], "--endpoint-url", url, "--output-dir", str(out),
             "--format", "csv", "--save-samples", str(night), "--quiet"],
            capture_output=True, text=True, env=env, check=False)
    without_role = sorted(a for a, entry in members.items() if not entry.get("roles"))
    assert without_role, "the dataset must have a member without the role"
    assert result.returncode == 3, result.stderr
    for account in without_role:
        assert f"arn:aws:iam::{account}:role/{ROLE}" in result.stderr, result.stderr

    # The caller and exactly its Enabled members, each in every region, in the state the dataset gives.
    manifest = json.loads((night / "scopes.json").read_text(encoding="utf-8"))
    states = {(s["accountId"], s["region"]): s.get("state", "ok") for s in manifest["scopes"]}
    expected = {}
    for account in [home, *members]:
        entry = next(a for a in accounts["accounts"] if a["id"] == account)
        for region in REGIONS:
            expected[(account, region)] = ("role-denied" if account in without_role
                                           else "macie-off" if region in entry.get("macieOff", []) else "ok")
    assert states == expected

    # Each scope read has the jobs the dataset holds for it, and no other account's.
    with open(out / "jobs.csv", newline="", encoding="utf-8") as f:
        walked = {}
        for row in csv.DictReader(f):
            walked.setdefault((row["accountId"], row["region"]), []).append(row["jobId"])
    held = {}
    for (account, region), state in expected.items():
        path = org / account / f"{region}.json"
        jobs = json.loads(path.read_text(encoding="utf-8")) if path.exists() and state == "ok" else []
        if jobs:
            held[(account, region)] = sorted(job["jobId"] for job in jobs)
    assert held, "the dataset must have jobs in a member's scope"
    assert {k: sorted(v) for k, v in walked.items()} == held
