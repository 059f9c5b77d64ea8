"""Progress lines for long operations commands (publishing, backups, imports)."""

import sys
import time


class Progress:
    """A progress line for long commands: redrawn in place on a terminal, a line per
    tenth otherwise (logs, CI)."""

    def __init__(self, label: str, total: int, per_step: int, stream=None) -> None:
        self.label, self.total, self.per_step = label, total, per_step
        self.done = 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.last_tenth = -1
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def __call__(self, steps: int) -> None:
        self.done = min(self.total, self.done + steps * self.per_step)
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0
        line = (
            f"{self.label}: {self.done}/{self.total} ({100 * self.done // max(1, self.total)}%), {rate:.0f}/s"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if self.done >= self.total else ""))
            self.stream.flush()
        elif (tenth := 10 * self.done // max(1, self.total)) != self.last_tenth:
            self.last_tenth = tenth
            self.stream.write(line + "\n")
