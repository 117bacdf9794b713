#!/usr/bin/env bash
# Regenerates the README's pictures of the demo report: report.html in headless Chromium at
# a desktop and a phone width, and the XLSX Summary sheet as LibreOffice prints it.
# Needs chromium, libreoffice-calc and poppler-utils (pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
swift build -c release --product macie-report >/dev/null
.build/release/macie-report run --samples samples/demo --output-dir "$out" --as-of 2026-11-24T06:00:00Z --quiet
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$1" --screenshot="$2" "file://$out/report.html" 2>/dev/null; }
shot 1280,1500 docs/report-desktop.png
shot 390,1300 docs/report-phone.png
libreoffice --headless --convert-to pdf --outdir "$out" "$out/report.xlsx" >/dev/null 2>&1
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$out/report.pdf" docs/workbook-summary
# The changes section: a second night of the demo with a few jobs edited, compared through --history.
cp -r samples/demo "$out/night"
.build/release/macie-report run --samples "$out/night" --output-dir "$out/changes" --history "$out/history.sqlite" \
  --as-of 2026-11-23T06:00:00Z --quiet
python3 - "$out/night" <<'PY'
import json, pathlib, sys
night = pathlib.Path(sys.argv[1])
path = night / "us-east-1.json"
jobs = json.loads(path.read_text(encoding="utf-8"))
running = next(j for j in jobs if j.get("jobStatus") == "RUNNING")
running["jobStatus"] = "PAUSED"
fine = next(j for j in jobs if (j.get("lastRunErrorStatus") or {}).get("code") == "NONE" and j is not running)
fine["lastRunErrorStatus"] = {"code": "ERROR"}
jobs.remove(next(j for j in jobs if j.get("jobStatus") == "COMPLETE" and j is not fine))
path.write_text(json.dumps(jobs, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
PY
.build/release/macie-report run --samples "$out/night" --output-dir "$out/changes" --history "$out/history.sqlite" \
  --as-of 2026-11-24T06:00:00Z --quiet
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
  --screenshot=docs/report-changes.png "file://$out/changes/report.html" 2>/dev/null
rm -rf "$out"
ls -l docs/
