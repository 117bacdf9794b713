"""The reports as a person sees them: report.html in headless Chromium at a desktop and a
phone width, report.xlsx in LibreOffice. If either program is missing the tests fail (run
scripts/setup.sh), never pass silently."""
import csv
import html.parser
import json
import shutil
import subprocess

import pytest

from conftest import COVERAGE_ACCOUNTS, COVERAGE_STATES, DEMO, demo_finding_counts, top_findings

DESKTOP, PHONE = (1280, 2000), (390, 2000)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("Chromium is not installed: run scripts/setup.sh (apt-get install chromium)")


def libreoffice():
    path = shutil.which("libreoffice") or shutil.which("soffice")
    if not path:
        pytest.fail("LibreOffice is not installed: run scripts/setup.sh (apt-get install libreoffice-calc)")
    return path


def headless(*args, timeout=120):
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=timeout)


class DOM(html.parser.HTMLParser):
    """What the browser's serialised DOM holds: tags, links, chart titles, scripts."""

    def __init__(self):
        super().__init__()
        self.tags, self.links, self.svg_titles, self.text = [], [], [], []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "title" and "svg" in self.tags:
            self._in_title = True

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.svg_titles.append(data)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_chromium_sees_every_job_and_every_chart(demo_reports, tmp_path, size):
    page = (demo_reports / "report.html").as_uri()
    dumped = headless(f"--window-size={size[0]},{size[1]}", "--dump-dom", page)
    assert dumped.returncode == 0, dumped.stderr
    dom = DOM()
    dom.feed(dumped.stdout)
    text = "".join(dom.text)
    for path in sorted(DEMO.glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")):
            assert job["jobId"] in text
    assert "script" not in dom.tags and "iframe" not in dom.tags and "img" not in dom.tags
    assert dom.tags.count("svg") == 4
    assert dom.svg_titles == ["Jobs by status", "Jobs by type", "Jobs by last-run error", "Jobs by region"]
    assert all(".console.aws.amazon.com/macie/home?region=" in link for link in dom.links) and len(dom.links) >= 76
    check_findings_as_shown(dumped.stdout)
    shot = tmp_path / f"report-{size[0]}.png"
    taken = headless(f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}", page)
    assert taken.returncode == 0 and shot.stat().st_size > 20_000, taken.stderr


class Findings(html.parser.HTMLParser):
    """The "Findings by job" table as the browser's DOM holds it: each row's <bdi> job name and
    its count line (<small> in the bar cell)."""

    def __init__(self):
        super().__init__()
        self.names, self.counts, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("bdi", "small"):
            self._in = tag
            (self.names if tag == "bdi" else self.counts).append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            (self.names if self._in == "bdi" else self.counts)[-1] += data


def check_findings_as_shown(dom):
    """The headline tile and the chart, against samples/demo/findings recomputed here."""
    counts = demo_finding_counts()
    high_jobs = sum(1 for c in counts.values() if c[0] > 0)
    assert f'>{high_jobs}</div>\n<div style="font-size:12px;color:#4a5058;">jobs with High findings</div>' in dom
    start = dom.index('<h2 id="findings"')
    chart = Findings()
    chart.feed(dom[start:dom.index("</table>\n</div>", start)])  # the chart's table, not a bar's
    names = {}
    for path in sorted(DEMO.glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")):
            names[job["jobId"]] = job.get("name", "")
    top = top_findings(names)
    # The HTML parser reads CR LF and a lone CR in text as LF.
    assert chart.names == [names[j].replace("\r\n", "\n").replace("\r", "\n") for j in top]
    smalls = [c for c in chart.counts if "findings:" in c]
    assert smalls == [f"{sum(counts[j])} findings: High {counts[j][0]}, Medium {counts[j][1]}, Low {counts[j][2]}"
                      for j in top]


def test_libreoffice_reads_back_every_value(demo_reports, tmp_path):
    workbook = demo_reports / "report.xlsx"
    # Sheet 2 (Jobs) as UTF-8 CSV: separator 44, quote 34, charset 76 (UTF-8), from line 1,
    # formatted as shown, quoted text; then a PDF for a look.
    result = subprocess.run(
        [libreoffice(), "--headless", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2',
         "--outdir", str(tmp_path), str(workbook)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    produced = list(tmp_path.glob("*.csv"))
    assert produced, result.stdout + result.stderr
    with open(produced[0], newline="", encoding="utf-8") as handle:
        seen = list(csv.reader(handle))
    with open(demo_reports / "jobs.csv", newline="", encoding="utf-8") as handle:
        ours = list(csv.reader(handle))
    assert len(seen) == len(ours) == 77
    assert seen[0] == ours[0]
    for seen_row, our_row in zip(seen[1:], ours[1:]):
        for name, shown, value in zip(ours[0], seen_row, our_row):
            if len(value) == 20 and value[10] == "T" and value.endswith("Z"):
                value = value[:10] + " " + value[11:19]  # the date format the cell displays
            # LibreOffice keeps a line break in a cell as LF only: CR LF reads back as LF.
            assert shown == value.replace("\r\n", "\n"), (our_row[2], name)
    pdf = subprocess.run([libreoffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook)],
                         capture_output=True, text=True, timeout=180)
    assert pdf.returncode == 0 and (tmp_path / "report.pdf").stat().st_size > 10_000


class Matrix(html.parser.HTMLParser):
    """The coverage matrix as the browser's DOM holds it: the region headers, then per row the
    account's text and each cell's data-state and visible text."""

    def __init__(self):
        super().__init__()
        self.regions, self.rows, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "th" and attrs.get("scope") == "col":
            self._cell = ("region", "")
        elif tag == "th" and attrs.get("scope") == "row":
            self.rows.append({"account": "", "cells": []})
            self._cell = ("account", "")
        elif tag == "td":
            self._cell = ("cell", attrs.get("data-state", ""))
            self.rows[-1]["cells"].append([self._cell[1], ""])

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if not self._cell:
            return
        kind = self._cell[0]
        if kind == "region":
            self.regions.append(data)
        elif kind == "account":
            self.rows[-1]["account"] += data
        else:
            self.rows[-1]["cells"][-1][1] += data


def test_chromium_on_a_phone_sees_the_coverage_matrix(coverage_reports, tmp_path):
    """At 390 px: every account-region's state in words (not colour alone), names escaped
    and shown, and the matrix's box no wider than the phone (the matrix scrolls inside it)."""
    page = coverage_reports / "report.html"
    dumped = headless(f"--window-size={PHONE[0]},{PHONE[1]}", "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr
    dom = dumped.stdout
    start = dom.index('<h2 id="coverage"')
    matrix = Matrix()
    matrix.feed(dom[start:dom.index("</table>", start)])
    assert matrix.regions == ["Account", "eu-west-1", "us-east-1"]
    words = {"ok": "ok", "macie-off": "Macie off", "denied": "denied", "role-denied": "role denied"}
    accounts = sorted(COVERAGE_ACCOUNTS)
    assert [row["account"] for row in matrix.rows] == [a + COVERAGE_ACCOUNTS[a] for a in accounts]
    for account, row in zip(accounts, matrix.rows):
        for region, (state, text) in zip(["eu-west-1", "us-east-1"], row["cells"]):
            expected = words[COVERAGE_STATES[account, region]]
            assert state == expected and expected in text, (account, region, text)
    assert "account-regions with Macie off" in dom and "accounts not reached" in dom
    # The layout at phone width, measured by the browser: a page that frames the report and
    # writes into its title the right edge of the matrix's box and its visible and full widths.
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="r" src="{page.as_uri()}" style="width:{PHONE[0]}px;height:800px;border:0"></iframe>'
        "<script>document.getElementById('r').onload = () => { const d = document.getElementById('r').contentDocument;"
        " const box = d.getElementById('coverage').nextElementSibling;"
        " document.title = [Math.ceil(box.getBoundingClientRect().right), box.clientWidth, box.scrollWidth].join(' '); };</script>",
        encoding="utf-8")
    measured = headless(f"--window-size={PHONE[0]},{PHONE[1]}", "--allow-file-access-from-files",
                        "--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    assert measured.returncode == 0, measured.stderr
    title = measured.stdout.split("<title>", 1)[1].split("</title>", 1)[0]
    right, box_width, _ = (int(x) for x in title.split())
    assert right <= PHONE[0] and box_width <= PHONE[0], title
    shot = tmp_path / "coverage-390.png"
    taken = headless(f"--window-size={PHONE[0]},{PHONE[1]}", f"--screenshot={shot}", page.as_uri())
    assert taken.returncode == 0 and shot.stat().st_size > 10_000, taken.stderr


def test_libreoffice_reads_the_coverage_sheet_as_coverage_csv(coverage_reports, tmp_path):
    # Sheet 5 (Coverage) as UTF-8 CSV, as the Jobs sheet is read above.
    result = subprocess.run(
        [libreoffice(), "--headless", "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,5',
         "--outdir", str(tmp_path), str(coverage_reports / "report.xlsx")], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    produced = list(tmp_path.glob("*.csv"))
    assert produced, result.stdout + result.stderr
    with open(produced[0], newline="", encoding="utf-8") as handle:
        seen = list(csv.reader(handle))
    with open(coverage_reports / "coverage.csv", newline="", encoding="utf-8") as handle:
        ours = list(csv.reader(handle))
    assert seen == ours and len(ours) == 7
