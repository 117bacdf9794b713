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
rm -rf "$out"
ls -l docs/
