"""A child process's stderr read on a thread of its own, so a test waits for a line (or for
the end) with a deadline instead of blocking forever on a child that hangs, and never
sleeps to let something happen."""
import queue
import threading
import time


class StderrLines:
    """Lines of `process.stderr` (opened in text mode) as they come."""

    def __init__(self, process):
        self._lines = queue.Queue()
        self.seen = []
        self._ended = False
        threading.Thread(target=self._read, args=(process.stderr,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    def _next(self, deadline, waiting_for):
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise queue.Empty
            return self._lines.get(timeout=remaining)
        except queue.Empty:
            raise AssertionError(f"no {waiting_for} on stderr before the deadline; so far: {''.join(self.seen)!r}")

    def until(self, prefix, deadline):
        """Reads up to the first line starting with `prefix` and returns it, or None when stderr
        ends first (the child exited). Fails at the deadline."""
        while not self._ended:
            line = self._next(deadline, f"line starting {prefix!r}")
            if line is None:
                self._ended = True
                return None
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        return None

    def rest(self, deadline):
        """Everything after what was read so far, up to the end of stderr. Fails at the deadline."""
        start = len(self.seen)
        while not self._ended:
            line = self._next(deadline, "end")
            if line is None:
                self._ended = True
            else:
                self.seen.append(line)
        return "".join(self.seen[start:])
