"""A child process's pipes read on threads of their own, line by line, so a test waits for a
line (or for the end) with a deadline instead of blocking forever on a child that hangs, a
child never blocks on a pipe nobody reads, and nothing sleeps to let something happen."""
import queue
import threading
import time


class PipeLines:
    """Lines of a text-mode pipe as they come, read to the end whether or not anyone asks."""

    def __init__(self, stream):
        self._lines = queue.Queue()
        self.seen = []
        self._ended = False
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)

    def _take(self, line):
        if line is None:
            self._ended = True
        else:
            self.seen.append(line)
        return line

    def _next(self, deadline, waiting_for):
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise queue.Empty
            return self._take(self._lines.get(timeout=remaining))
        except queue.Empty:
            raise AssertionError(f"no {waiting_for} before the deadline; so far: {self.so_far()!r}") from None

    def until(self, prefix, deadline):
        """Reads up to the first line starting with `prefix` and returns it, or None when the
        pipe ends first (the child exited). Fails at the deadline."""
        while not self._ended:
            line = self._next(deadline, f"line starting {prefix!r}")
            if line is not None and line.startswith(prefix):
                return line
        return None

    def rest(self, deadline):
        """Everything after what was read so far, up to the end of the pipe. Fails at the deadline."""
        start = len(self.seen)
        while not self._ended:
            self._next(deadline, "end of the output")
        return "".join(self.seen[start:])

    def so_far(self):
        """Everything the child has written so far, without waiting."""
        while not self._ended:
            try:
                self._take(self._lines.get_nowait())
            except queue.Empty:
                break
        return "".join(self.seen)


def StderrLines(process):
    """The lines of `process.stderr` (opened in text mode)."""
    return PipeLines(process.stderr)
