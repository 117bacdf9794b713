#!/usr/bin/env python3
"""Generate a synthetic AWS organization for macie2-emulator: many accounts, each its own dataset.

    python3 scripts/gen_org.py --accounts N --out DIR [--regions K] [--macie-on SHARE]
                               [--jobs J] [--seed S] [--role-name NAME] [--external-id ID]
                               [--without-role SHARE] [--suspended SHARE] [--outside SHARE]
                               [--not-member SHARE] [--error-events] [--findings]

Writes, as the samples format and the emulator define them (README, "The local Macie2
endpoint"):

- DIR/accounts.json: the home (management) account first, then N-1 member accounts, each with
  a name, an email, its status, whether it is in the organization, its Macie relationship with
  the home account, the role the home account may assume there (--role-name, trusting the home
  account, with --external-id if given), and the regions where Macie is off;
- DIR/<account>/<region>.json: J jobs (default 10) for each account-region where Macie is on,
  a share --macie-on (default 0.2) of the member accounts' N-1 x K account-regions, chosen by
  the seed; the home account, the Macie administrator, has Macie on in every region;
- with --error-events / --findings, DIR/<account>/logs/<region>.json and
  DIR/<account>/findings/<region>.json as scripts/gen_samples.py writes them.

Gaps on request, each a share of the member accounts chosen by the seed: --without-role (no role
to assume: AccessDenied), --suspended (status SUSPENDED: AccessDenied too), --outside (not in
the organization: ListAccounts leaves it out), --not-member (not a Macie member: ListMembers
leaves it out). The home account is never one of them.

Job bodies come from gen_samples.Gen (same realism: schedules, statistics, hostile names), with
each job's region and account those of its file.  About 1 % of account names are hostile too.
Deterministic: the output depends only on the arguments.  Streams: accounts.json and each
region file are written as they are generated, so memory stays flat at 10 000 accounts.
Standard library only.  Prints a summary line.

The issue 13 benchmark: --accounts 1000 --regions 17 --macie-on 0.2 --jobs 10 (34 000 jobs),
and --accounts 10000.
"""

import argparse
import json
import os
import random
import sys
import time

from gen_samples import ALL_REGIONS, HOSTILE, Gen, error_events, finding_groups, parse_anchor

REGIONS = ALL_REGIONS + ["ap-northeast-3"]
UNITS = ["payments", "identity", "analytics", "data-lake", "billing", "search", "mobile", "crm", "hr", "ml",
         "logistics", "support", "security", "platform", "marketing", "research"]
STAGES = ["prod", "staging", "dev", "sandbox", "shared"]


def share(value):
    x = float(value)
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return x


def account_ids(rng, count):
    """`count` distinct 12-digit ids, in the order drawn."""
    seen, ids = set(), []
    while len(ids) < count:
        candidate = "%012d" % rng.randrange(10**11, 10**12)
        if candidate not in seen:
            seen.add(candidate)
            ids.append(candidate)
    return ids


def account_name(rng, n):
    if n == 0:
        return "management"
    if rng.random() < 0.01:
        return HOSTILE[int(rng.random() * len(HOSTILE))].strip() or "unnamed"
    return "%s-%s-%d" % (UNITS[int(rng.random() * len(UNITS))], STAGES[int(rng.random() * len(STAGES))], n)


class JSONList:
    """A JSON array written one element at a time, as gen_samples writes its files."""

    def __init__(self, path, pretty):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.file = open(path, "wb", buffering=1 << 20)
        self.pretty = pretty
        self.count = 0
        self.bytes = 0

    def add(self, value):
        if self.pretty:  # json.dumps(list, indent=2), one element at a time
            body = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            data = ("[\n  " if self.count == 0 else ",\n  ") + body
        else:
            data = ("[\n" if self.count == 0 else ",\n") + json.dumps(
                value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        raw = data.encode("utf-8")
        self.file.write(raw)
        self.bytes += len(raw)
        self.count += 1

    def close(self):
        raw = b"\n]\n" if self.count else b"[]\n"
        self.file.write(raw)
        self.file.close()
        return self.bytes + len(raw)


def main():
    ap = argparse.ArgumentParser(description="Generate a synthetic multi-account Macie dataset.")
    ap.add_argument("--accounts", type=int, required=True, help="accounts, the home (management) account included")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--regions", type=int, default=17, help="regions per account (1-%d, default 17)" % len(REGIONS))
    ap.add_argument("--macie-on", type=share, default=0.2, help="share of account-regions with Macie on (default 0.2)")
    ap.add_argument("--jobs", type=int, default=10, help="jobs per account-region with Macie on (default 10)")
    ap.add_argument("--seed", default="1", help="seed (any string, default 1)")
    ap.add_argument("--anchor", default="2026-11-24T06:00:00Z", help="fixed 'now' for relative dates")
    ap.add_argument("--organization-id", default="o-exampleorg1", help="the organization's id (default o-exampleorg1)")
    ap.add_argument("--role-name", default="MacieReport", help="the role in each member account (default MacieReport)")
    ap.add_argument("--external-id", help="the external id every role requires (default: none)")
    ap.add_argument("--without-role", type=share, default=0.0, help="share of member accounts with no role")
    ap.add_argument("--suspended", type=share, default=0.0, help="share of member accounts SUSPENDED")
    ap.add_argument("--outside", type=share, default=0.0, help="share of member accounts outside the organization")
    ap.add_argument("--not-member", type=share, default=0.0, help="share of member accounts not Macie members")
    ap.add_argument("--error-events", action="store_true", help="ERROR jobs with log events, as gen_samples.py")
    ap.add_argument("--findings", action="store_true", help="finding counts, as gen_samples.py")
    args = ap.parse_args()
    if args.accounts < 1:
        ap.error("--accounts must be 1 or more")
    if not 1 <= args.regions <= len(REGIONS):
        ap.error("--regions must be between 1 and %d" % len(REGIONS))
    if args.jobs < 0:
        ap.error("--jobs must be 0 or more")

    started = time.perf_counter()
    regions = REGIONS[:args.regions]
    rng = random.Random("macie-report-gen-org:%s" % args.seed)
    ids = account_ids(rng, args.accounts)
    home = ids[0]
    gen = Gen(args.seed, regions, parse_anchor(args.anchor))
    os.makedirs(args.out, exist_ok=True)
    job_number = 0
    totals = {"jobs": 0, "bytes": 0, "on": 0, "logs": 0, "findings": 0}

    with open(os.path.join(args.out, "accounts.json"), "w", encoding="utf-8", buffering=1 << 20) as out:
        out.write('{"format": "macie-report accounts", "version": 1,\n "homeAccountId": %s, "organizationId": %s,\n'
                  ' "accounts": [' % (json.dumps(home), json.dumps(args.organization_id)))
        for n, account in enumerate(ids):
            name = account_name(rng, n)
            draws = [rng.random() for _ in range(4)]
            member = n > 0
            entry = {"id": account, "name": name, "email": "aws+%s@example.com" % account,
                     "status": "SUSPENDED" if member and draws[0] < args.suspended else "ACTIVE",
                     "inOrganization": not (member and draws[1] < args.outside)}
            if member and draws[2] >= args.not_member:
                entry["macieMember"] = "Enabled"
            if member and draws[3] >= args.without_role:
                role = {"name": args.role_name}
                if args.external_id:
                    role["externalId"] = args.external_id
                entry["roles"] = [role]
            on = [r for r in regions if rng.random() < args.macie_on or n == 0]
            off = [r for r in regions if r not in on]
            if off:
                entry["macieOff"] = sorted(off)
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(entry, ensure_ascii=False, sort_keys=True))
            totals["on"] += len(on)
            org = name if name.isascii() and name.replace("-", "").isalnum() else "acct%s" % account[-4:]
            gen.accounts = [(org, account)]
            for region in on:
                gen.regions = [region]
                jobs = JSONList(os.path.join(args.out, account, region + ".json"), pretty=True)
                logs = JSONList(os.path.join(args.out, account, "logs", region + ".json"), False) \
                    if args.error_events else None
                findings = JSONList(os.path.join(args.out, account, "findings", region + ".json"), False) \
                    if args.findings else None
                for _ in range(args.jobs):
                    _, job = gen.job(job_number)
                    if findings:
                        for group in finding_groups(args.seed, job_number, job):
                            findings.add(group)
                    if logs:
                        failed, events = error_events(args.seed, job_number, job, gen.anchor_epoch)
                        if "lastRunErrorStatus" in job:
                            job["lastRunErrorStatus"] = {"code": "ERROR" if failed else "NONE"}
                        if events:
                            logs.add({"events": events, "jobId": job["jobId"]})
                    jobs.add(job)
                    job_number += 1
                totals["jobs"] += jobs.count
                totals["bytes"] += jobs.close()
                if logs:
                    totals["logs"] += logs.count
                    totals["bytes"] += logs.close()
                if findings:
                    totals["findings"] += findings.count
                    totals["bytes"] += findings.close()
        out.write("\n]}\n")
    print("%d accounts (home %s), %d of %d account-regions with Macie on, %d jobs, %d log entries, "
          "%d finding groups, %d bytes of job files in %.2fs"
          % (args.accounts, home, totals["on"], args.accounts * len(regions), totals["jobs"], totals["logs"],
             totals["findings"], totals["bytes"], time.perf_counter() - started))


if __name__ == "__main__":
    sys.exit(main())
