#!/usr/bin/env bash
# Installs what macie-report needs beyond Swift, on Debian/Ubuntu: libxlsxwriter (the XLSX
# writer, linked by the build), libsqlite3-dev (SQLite for the run history, through GRDB) and
# sqlite3 (tests read history files with it),
# unzip (tests read .xlsx parts), and the Python packages the
# interoperability tests use (pytest, openpyxl, boto3 as the AWS SDK that proves the
# emulator's wire format, aiosmtpd as the SMTP server that receives the report email, and
# cryptography for that server's test certificates). Idempotent: installs only what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
# chromium and libreoffice-calc are for the tests that open the reports as a person would.
for pkg in libxlsxwriter-dev libsqlite3-dev sqlite3 pkg-config unzip python3-pip chromium libreoffice-calc; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! python3 -c 'import pytest, openpyxl, boto3, aiosmtpd, cryptography, moto.server, flask' 2>/dev/null; then
  echo "setup: installing pytest, openpyxl, boto3, aiosmtpd, cryptography and moto[server] from PyPI" >&2
  python3 -m pip install -q pytest openpyxl boto3 aiosmtpd cryptography 'moto[server]' 2>/dev/null \
    || python3 -m pip install -q --break-system-packages pytest openpyxl boto3 aiosmtpd cryptography 'moto[server]'
fi
