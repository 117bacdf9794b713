"""Stopping a run with SIGTERM or SIGINT: whatever the run is doing, it says how far it got,
and that line is the last one on stderr."""
import signal
import subprocess
import time

from child import StderrLines
from conftest import binary
from test_history import big_dataset

STAGING = ".macie-report.tmp-"


def test_a_stop_while_the_workbook_is_assembled_is_said(tmp_path):
    """libxlsxwriter creates report.xlsx's (temporary) zip only when it assembles the workbook,
    at the end of the XLSX render; the run is stopped as soon as that file appears. The stop
    message once went to /dev/null there: fd 2 pointed at it, for the whole process, while
    libxlsxwriter wrote the zip."""
    samples = big_dataset(tmp_path, 20_000)
    out = tmp_path / "out"
    out.mkdir()
    for sig in (signal.SIGTERM, signal.SIGINT):
        process = subprocess.Popen(
            [binary(), "run", "--samples", str(samples), "--output-dir", str(out), "--format", "xlsx",
             "--as-of", "2026-11-24T06:00:00Z", "--quiet"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        stderr = StderrLines(process)
        deadline = time.monotonic() + 300
        stopped = False
        try:
            # Wait for the zip to appear: an event on disk, checked every millisecond.
            while process.poll() is None and time.monotonic() < deadline:
                if any(path.name == "report.xlsx" for path in out.glob(f"{STAGING}*/*")):
                    process.send_signal(sig)
                    stopped = True
                    break
                time.sleep(0.001)
            said = stderr.rest(deadline)
            process.wait(timeout=max(deadline - time.monotonic(), 1))
        finally:
            if process.poll() is None:
                process.kill()
        assert stopped, f"the run ended before its workbook was assembled: {said!r}"
        assert process.returncode == 128 + sig
        lines = said.strip().splitlines()
        assert lines, "the stop was not said"
        assert lines[-1].startswith(f"macie-report: error: stopped by {sig.name}"), said
        assert not [path for path in out.iterdir() if path.name.startswith(".")], "the stop removes its temp files"
