"""Three nights of a changing estate with --history: each report says what changed, partial
runs are compared only where both runs have data, and a run killed at any point leaves the
reports and the history as they were. Expected changes are computed here from the JSON edits
themselves; the history is read with Python's own sqlite3."""
import csv
import datetime
import json
import os
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import openpyxl

import emulator
from child import StderrLines
from conftest import DEMO, ROOT, binary

EXPIRY_WINDOW = datetime.timedelta(days=7)


def run(samples, out, history, as_of, *extra):
    return subprocess.run(
        [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--history", str(history),
         "--as-of", as_of, *extra],
        capture_output=True, text=True, check=False)


def load(samples):
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(samples.glob("*.json"))}


def save(samples, data):
    for region, jobs in data.items():
        (samples / f"{region}.json").write_text(json.dumps(jobs, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def moment(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def expiring(data, as_of):
    """(region, jobId) of user-paused jobs Macie cancels within the window, from the JSON."""
    now = moment(as_of)
    found = set()
    for region, jobs in data.items():
        for job in jobs:
            expires = (job.get("userPausedDetails") or {}).get("jobExpiresAt")
            if job.get("jobStatus") == "USER_PAUSED" and expires and moment(expires) - now <= EXPIRY_WINDOW:
                found.add((region, job["jobId"]))
    return found


def changes(out):
    with open(out / "changes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows


def transitions(rows):
    return {(r["change"], r["region"], r["jobId"], r["before"], r["after"]) for r in rows if r["change"] != "expiring"}


def error_code(job):
    return (job.get("lastRunErrorStatus") or {}).get("code")


def pick(data, region, predicate, taken):
    job = next(j for j in data[region] if predicate(j) and j["jobId"] not in taken)
    taken.add(job["jobId"])
    return job


def test_three_nights_of_changes(tmp_path):
    samples, out, history = tmp_path / "samples", tmp_path / "out", tmp_path / "history.sqlite"
    shutil.copytree(DEMO, samples)

    # Night 1: nothing to compare with; only the deadlines are listed.
    night1 = "2026-11-22T06:00:00Z"
    first = run(samples, out, history, night1)
    assert first.returncode == 0, first.stderr
    assert "First run in the history: nothing to compare with yet." in first.stdout
    rows = changes(out)
    assert {r["change"] for r in rows} <= {"expiring"}
    assert {(r["region"], r["jobId"]) for r in rows} == expiring(load(samples), night1)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "This is the first run recorded in the history: there is nothing to compare with yet." in html

    # Between nights: a job paused by Macie, one starts failing, one recovers, one goes, one is new.
    data = load(samples)
    taken = set()
    paused = pick(data, "us-east-1", lambda j: j.get("jobStatus") == "RUNNING", taken)
    failing = pick(data, "us-east-1", lambda j: error_code(j) == "NONE" and j.get("jobStatus") != "RUNNING", taken)
    healed = pick(data, "eu-west-1", lambda j: error_code(j) == "ERROR", taken)
    gone = pick(data, "ap-southeast-2", lambda j: True, taken)
    paused["jobStatus"] = "PAUSED"
    failing["lastRunErrorStatus"] = {"code": "ERROR"}
    healed["lastRunErrorStatus"] = {"code": "NONE"}
    data["ap-southeast-2"].remove(gone)
    fresh = json.loads(json.dumps(data["eu-west-1"][0]))
    fresh["jobId"] = "f" * 32
    fresh["jobArn"] = fresh["jobArn"].rsplit("/", 1)[0] + "/" + fresh["jobId"]
    fresh["name"] = "new <img src=x onerror=alert(1)> \u202eevil"
    fresh["jobStatus"] = "RUNNING"
    fresh["lastRunErrorStatus"] = {"code": "NONE"}
    data["eu-west-1"].append(fresh)
    save(samples, data)

    night2 = "2026-11-23T06:00:00Z"
    second = run(samples, out, history, night2)
    assert second.returncode == 0, second.stderr
    assert f"Since {night1}: 1 newError" in second.stdout
    rows = changes(out)
    assert transitions(rows) == {
        ("statusChanged", "us-east-1", paused["jobId"], "RUNNING", "PAUSED"),
        ("newError", "us-east-1", failing["jobId"], "NONE", "ERROR"),
        ("recovered", "eu-west-1", healed["jobId"], "ERROR", "NONE"),
        ("removed", "ap-southeast-2", gone["jobId"], gone.get("jobStatus", ""), ""),
        ("new", "eu-west-1", fresh["jobId"], "", "RUNNING"),
    }
    assert {(r["region"], r["jobId"]) for r in rows if r["change"] == "expiring"} == expiring(data, night2)
    for row in rows:
        if row["change"] == "expiring":
            assert row["daysLeft"] != "" and row["field"] == "jobExpiresAt"
    # Most urgent first: the newly failing job leads.
    assert rows[0]["change"] == "newError"

    html = (out / "report.html").read_text(encoding="utf-8")
    section = html.index('id="changes"')
    assert section < html.index("Needs attention"), "the changes must open the report"
    assert f"Since the previous run ({night1[:10]} 06:00 UTC)" in html
    for job in (paused, failing, healed, gone, fresh):
        assert html.index(job["jobId"]) > section
    assert "<img src=x" not in html and "new &lt;img src=x onerror=alert(1)&gt;" in html

    book = openpyxl.load_workbook(out / "report.xlsx")
    assert book.sheetnames == ["Summary", "Changes", "Jobs", "Attention", "Trend", "Errors", "Coverage"]
    sheet = [[("" if c is None else str(c)) for c in row] for row in book["Changes"].iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(sheet) if row[0] == "change")
    assert sheet[0][0].startswith("Changes since the previous run")
    with open(out / "changes.csv", newline="", encoding="utf-8") as f:
        csv_rows = list(csv.reader(f))
    assert sheet[header:] == csv_rows
    trend = list(book["Trend"].iter_rows(values_only=True))
    assert len(trend) == 3 and trend[0][:2] == ("run (UTC)", "complete")

    # Night 3, live through the emulator, with eu-west-1 denied: a partial run. A job there
    # is deleted from the data; it must not be reported as removed. One status changes elsewhere.
    data = load(samples)
    eu_gone = data["eu-west-1"].pop(1)
    eu_paused = next(j for j in data["eu-west-1"] if j.get("jobStatus") == "RUNNING")
    eu_paused["jobStatus"] = "PAUSED"
    eu_fresh = json.loads(json.dumps(fresh))
    eu_fresh["jobId"] = "e" * 32
    eu_fresh["jobArn"] = eu_fresh["jobArn"].rsplit("/", 1)[0] + "/" + eu_fresh["jobId"]
    data["eu-west-1"].append(eu_fresh)
    woke = next(j for j in data["us-east-1"] if j.get("jobStatus") == "IDLE")
    woke["jobStatus"] = "RUNNING"
    save(samples, data)
    night3 = "2026-11-24T06:00:00Z"
    with emulator.running("--credentials", f"{emulator.AKID}:{emulator.SECRET}", "--deny-region", "eu-west-1",
                          samples=samples) as url:
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
               "AWS_ACCESS_KEY_ID": emulator.AKID, "AWS_SECRET_ACCESS_KEY": emulator.SECRET}
        third = subprocess.run(
            [binary(), "run", "--region", "us-east-1", "--region", "eu-west-1", "--region", "ap-southeast-2",
             "--endpoint-url", url, "--output-dir", str(out), "--history", str(history), "--as-of", night3],
            capture_output=True, text=True, check=False, env=env)
    assert third.returncode == 3, third.stderr
    rows = changes(out)
    assert transitions(rows) == {("statusChanged", "us-east-1", woke["jobId"], "IDLE", "RUNNING")}
    assert eu_gone["jobId"] not in (out / "changes.csv").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Compared only where both runs have data" in html
    assert "eu-west-1 could not be read completely in this run: jobs missing there are not counted as removed" in html

    with zipfile.ZipFile(out / "report.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    trend_chart = [c for c in charts if "Trend!" in c and "Jobs by status" in c]
    assert len(trend_chart) == 1 and '<c:grouping val="stacked"/>' in trend_chart[0]
    # The demo's finding counts make the second chart, findings over time.
    assert len([c for c in charts if "Trend!" in c and "Findings over time" in c]) == 1
    trend = list(openpyxl.load_workbook(out / "report.xlsx")["Trend"].iter_rows(values_only=True))
    assert [row[1] for row in trend[1:]] == ["yes", "yes", "no (partial)"]

    # Night 4 reads every region again: what changed in eu-west-1 while it was denied is
    # reported now (the history carried its jobs forward), and us-east-1's change is not repeated.
    night4 = "2026-11-25T06:00:00Z"
    fourth = run(samples, out, history, night4)
    assert fourth.returncode == 0, fourth.stderr
    assert transitions(changes(out)) == {
        ("statusChanged", "eu-west-1", eu_paused["jobId"], "RUNNING", "PAUSED"),
        ("new", "eu-west-1", eu_fresh["jobId"], "", "RUNNING"),
        ("removed", "eu-west-1", eu_gone["jobId"], eu_gone.get("jobStatus", ""), ""),
    }

    db = sqlite3.connect(history)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("SELECT asOf, complete FROM run ORDER BY id").fetchall() == [
        (night1, 1), (night2, 1), (night3, 0), (night4, 1)]
    carried = db.execute(
        "SELECT count(*) FROM job_snapshot WHERE runId = 3 AND region = 'eu-west-1' AND caveats LIKE 'not seen in this run%'")
    assert carried.fetchone()[0] == len(load(DEMO)["eu-west-1"]) + 1, "night 3 carried eu-west-1's jobs forward"
    assert db.execute("SELECT region FROM run_gap").fetchall() == [("eu-west-1",)]
    counted = db.execute(
        "SELECT jobs FROM run_count WHERE runId = 3 AND dimension = 'jobStatus' AND value = 'RUNNING'").fetchone()[0]
    running_now = sum(1 for region in ("us-east-1", "ap-southeast-2") for j in data[region] if j.get("jobStatus") == "RUNNING")
    assert counted == running_now


def test_a_second_run_on_the_same_history_waits_then_gives_up(tmp_path):
    history = tmp_path / "history.sqlite"
    assert run(DEMO, tmp_path / "a", history, "2026-11-24T06:00:00Z").returncode == 0
    before = history.read_bytes()
    import fcntl
    with open(history, "rb+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run(DEMO, tmp_path / "b", history, "2026-11-25T06:00:00Z", "--lock-timeout", "1")
    assert result.returncode == 1
    assert f"another macie-report run is using the history {history}" in result.stderr
    assert not (tmp_path / "b" / "report.html").exists()
    assert history.read_bytes() == before


def test_a_history_that_is_not_one_stops_the_run_before_any_report(tmp_path):
    history = tmp_path / "notes.txt"
    history.write_text("not a database\n" * 400)
    result = run(DEMO, tmp_path / "out", history, "2026-11-24T06:00:00Z")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "is not a macie-report history" in result.stderr
    assert not any((tmp_path / "out").iterdir())


def big_dataset(tmp_path, jobs):
    samples = tmp_path / "big"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_samples.py"), "--jobs", str(jobs), "--out", str(samples)],
                   check=True, capture_output=True)
    return samples


def test_killing_a_run_at_any_point_leaves_reports_and_history_intact(tmp_path):
    """SIGKILL and SIGTERM at points through fetch, render and the history write of a
    20 000-job run. After each: the reports are the previous run's, byte for byte, or the
    complete new ones; the history passes integrity_check and holds the previous runs, plus
    this one only if its transaction committed; the next run succeeds.

    Nothing here waits on time: each signal follows a line on stderr, every wait has a
    generous deadline that can only fail the test, and a run that finishes before its signal
    arrives (the history write is short) is simply recorded and the same kill tried again."""
    samples = big_dataset(tmp_path, 20_000)
    out, history = tmp_path / "out", tmp_path / "history.sqlite"
    assert run(samples, out, history, "2026-11-01T06:00:00Z", "--quiet").returncode == 0
    env = dict(os.environ, MACIE_REPORT_TIMINGS="1")
    recorded_runs = 1
    phases_hit = set()
    for attempt, (sig, phase) in enumerate([
        (signal.SIGKILL, "fetch"), (signal.SIGKILL, "render"), (signal.SIGKILL, "history"),
        (signal.SIGTERM, "render"), (signal.SIGTERM, "history"),
    ]):
        for tries in range(5):
            before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
            process = subprocess.Popen(
                [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--history", str(history),
                 "--as-of", f"2026-11-{2 + attempt:02d}T{6 + tries:02d}:00:00Z", "--quiet"],
                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
            stderr = StderrLines(process)
            deadline = time.monotonic() + 600
            try:
                # The timing lines say which phase has just ended; kill as the next one starts.
                trigger = {"fetch": "timing: fetch", "render": "timing: history: compare",
                           "history": "timing: render"}[phase]
                if stderr.until(trigger, deadline) is not None:
                    process.send_signal(sig)
                    phases_hit.add(phase)
                rest = stderr.rest(deadline)
                process.wait(timeout=max(deadline - time.monotonic(), 1))
            finally:
                if process.poll() is None:
                    process.kill()
            if process.returncode != 0:
                break
            # It finished before the signal arrived: a whole, recorded run. Try again.
            recorded_runs += 1
        assert process.returncode != 0, f"attempt {attempt}: every run finished before it was killed"
        db = sqlite3.connect(history)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        runs = db.execute("SELECT count(*) FROM run").fetchone()[0]
        snapshots = db.execute("SELECT count(*) FROM job_snapshot WHERE runId = (SELECT max(id) FROM run)").fetchone()[0]
        db.close()
        assert runs in (recorded_runs, recorded_runs + 1)
        recorded_runs_before = recorded_runs
        assert snapshots == 20_000, "a run is recorded whole or not at all"
        recorded_runs = runs
        after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
        if phase != "history":
            assert after == before, f"attempt {attempt}: killed before the reports were replaced"
        else:
            # Killed after the renames: every report is the new run's (its as-of time is in them).
            assert set(after) == set(before)
            assert after["report.html"] != before["report.html"] and after["report.xlsx"] != before["report.xlsx"]
            assert after["jobs.csv"].count(b"\r\n") == before["jobs.csv"].count(b"\r\n")
        if sig == signal.SIGTERM:
            assert process.returncode == 128 + signal.SIGTERM
            assert not [p for p in out.iterdir() if p.name.startswith(".")], "SIGTERM removes its temp files"
            said = rest.strip().splitlines()[-1]
            if phase == "render":
                assert said.endswith("stopped by SIGTERM; the reports in the output directory (and the history) are the previous run's, unchanged")
            elif runs == recorded_runs_before + 1:
                assert said.endswith("stopped by SIGTERM after the reports were written and the run recorded; any email was not sent")
            else:
                assert "stopped by SIGTERM after the reports were written; with --history, the run is not recorded" in said
    assert phases_hit == {"fetch", "render", "history"}
    final = run(samples, out, history, "2026-11-20T06:00:00Z")
    assert final.returncode == 0, final.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "leftovers of killed runs are cleaned up"
    assert sqlite3.connect(history).execute("SELECT count(*) FROM run").fetchone()[0] == recorded_runs + 1


def finding_counts(samples):
    """{(region, jobId): {severity: count}} from findings/<region>.json, archived left out as
    the report does by default; a job of a region with a findings file and no groups has 0s.
    Regions without a findings file are absent: their counts are unknown."""
    counts = {}
    for region, jobs in load(samples).items():
        path = samples / "findings" / f"{region}.json"
        if not path.exists():
            continue
        for job in jobs:
            counts[(region, job["jobId"])] = {"High": 0, "Medium": 0, "Low": 0}
        for group in json.loads(path.read_text(encoding="utf-8")):
            key = (region, group["jobId"])
            if not group["archived"] and key in counts and group["severity"] in counts[key]:
                counts[key][group["severity"]] += group["count"]
    return counts


def test_new_findings_night_over_night(tmp_path):
    """Two nights on the demo with finding counts edited between them: changes.csv has one
    newFindings row per job and severity whose count grew, worked out here from the JSON
    (for a new job, every severity it has, with no count before); nothing for a count that
    fell, for archived findings, or for a region whose counts the first night did not know."""
    samples, out, history = tmp_path / "samples", tmp_path / "out", tmp_path / "history.sqlite"
    shutil.copytree(DEMO, samples)
    unknown = samples / "findings" / "ap-southeast-2.json"
    saved = unknown.read_text(encoding="utf-8")
    unknown.unlink()
    night1 = "2026-11-22T06:00:00Z"
    first = run(samples, out, history, night1)
    # A region without recorded findings has unknown counts; whether that is also a gap
    # (exit 3) is the fetch stage's call, not this test's.
    assert first.returncode in (0, 3), first.stderr
    before = finding_counts(samples)

    us = json.loads((samples / "findings" / "us-east-1.json").read_text(encoding="utf-8"))
    live = [g for g in us if not g["archived"]]
    raised = next(g for g in live if g["severity"] == "High")
    raised["count"] += 4
    with_high = {g["jobId"] for g in live if g["severity"] == "High"}
    first_high = next(j["jobId"] for j in load(samples)["us-east-1"] if j["jobId"] not in with_high)
    us.append({"jobId": first_high, "severity": "High", "archived": False, "count": 2})
    fell = next(g for g in live if g["severity"] == "Medium" and g["count"] > 1 and g["jobId"] != raised["jobId"])
    fell["count"] -= 1
    archived_job = next(g["jobId"] for g in live if g["jobId"] not in (raised["jobId"], first_high, fell["jobId"]))
    us.append({"jobId": archived_job, "severity": "High", "archived": True, "count": 9})
    (samples / "findings" / "us-east-1.json").write_text(json.dumps(us), encoding="utf-8")

    data = load(samples)
    fresh = json.loads(json.dumps(data["eu-west-1"][0]))
    fresh["jobId"] = "a" * 32
    fresh["jobArn"] = fresh["jobArn"].rsplit("/", 1)[0] + "/" + fresh["jobId"]
    fresh["name"] = "fresh job with findings"
    data["eu-west-1"].append(fresh)
    save(samples, data)
    eu = json.loads((samples / "findings" / "eu-west-1.json").read_text(encoding="utf-8"))
    eu += [{"jobId": fresh["jobId"], "severity": "High", "archived": False, "count": 3},
           {"jobId": fresh["jobId"], "severity": "Low", "archived": False, "count": 1}]
    (samples / "findings" / "eu-west-1.json").write_text(json.dumps(eu), encoding="utf-8")

    au = json.loads(saved)
    next(g for g in au if not g["archived"])["count"] += 5
    unknown.write_text(json.dumps(au), encoding="utf-8")

    second = run(samples, out, history, "2026-11-23T06:00:00Z")
    assert second.returncode == 0, second.stderr
    after = finding_counts(samples)
    expected = set()
    for key, now in after.items():
        if key[0] == "ap-southeast-2":
            continue  # unknown the night before: nothing can be told
        was = before.get(key)
        for severity, count in now.items():
            grown = count - (was[severity] if was else 0)
            if grown > 0:
                expected.add((key[0], key[1], severity, "" if was is None else str(was[severity]), str(count), str(grown)))
    rows = [r for r in changes(out) if r["change"] == "newFindings"]
    got = {(r["region"], r["jobId"], r["severity"], r["before"], r["after"], r["newFindings"]) for r in rows}
    assert got == expected
    # The edits, spelled out: +4 High, a first High finding (0 -> 2), and the new job's two.
    assert len(expected) == 4
    assert ("us-east-1", first_high, "High", "0", "2", "2") in got
    assert {r["severity"] for r in rows if r["jobId"] == fresh["jobId"]} == {"High", "Low"}
    assert all(r["field"] == "findings" + r["severity"] for r in rows)
    assert [r["severity"] for r in rows] == sorted((r["severity"] for r in rows), key=["High", "Medium", "Low"].index)
    assert all(r["severity"] == "" and r["newFindings"] == "" for r in changes(out) if r["change"] != "newFindings")
    assert "4 newFindings." in second.stdout

    html = (out / "report.html").read_text(encoding="utf-8")
    assert ">New findings (by job and severity) (4)</th>" in html
    assert "21 jobs seen in both runs have their finding counts in only one run or neither" in html
    assert "Findings over time, last 2 runs" in html
    book = openpyxl.load_workbook(out / "report.xlsx")
    trend = list(book["Trend"].iter_rows(values_only=True))
    high = trend[0].index("High findings")
    assert [row[high] for row in trend[1:]] == [
        sum(c["High"] for k, c in before.items()), sum(c["High"] for c in after.values())]

    db = sqlite3.connect(history)
    assert db.execute(
        "SELECT count(*), count(findingsHigh) FROM job_snapshot WHERE runId = 1 AND region = 'ap-southeast-2'"
    ).fetchone() == (21, 0)
    assert db.execute("SELECT count(findingsHigh) FROM job_snapshot WHERE runId = 2").fetchone() == (len(after),)
