#!/usr/bin/env bash
# The test suite: Swift tests (every module, the CLI binary end to end), then the Python
# interoperability tests that read our reports with independent tools (csv, openpyxl).
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests only ever talk to loopback: never let a credential chain reach for EC2 instance metadata.
export AWS_EC2_METADATA_DISABLED=true

scripts/setup.sh
# Every module imports only what Package.swift declares for it.
python3 scripts/check_imports.py
# Every DocC link in a doc comment names a declaration of its own module.
python3 scripts/check_doc_links.py
swift build --build-tests
swift test --skip-build
# The whole suite: the IAM policy test fails (rather than skips) if any test was left out.
MACIE_REPORT_FULL_SUITE=1 MACIE_REPORT_BIN="$(swift build --show-bin-path)/macie-report" python3 -m pytest -q Tests/interop
