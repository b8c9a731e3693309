"""A progress bar for long imports, drawn on a terminal and silent anywhere else."""

from __future__ import annotations

import time
from typing import TextIO

WIDTH = 30
# Redrawing more often than this costs more than it tells anyone.
REDRAW_SECONDS = 0.1


class Progress:
    """Counts work done in named phases ("Checking", "Writing").

    When ``stream`` is None nothing is drawn, so callers report progress unconditionally.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.phase = ""
        self.total = 0
        self.done = 0
        self._drawn_at = 0.0

    @classmethod
    def for_terminal(cls, stream: TextIO) -> Progress:
        """Draws on ``stream`` only when it is a terminal: logs and pipes stay clean."""
        is_terminal = getattr(stream, "isatty", None)
        return cls(stream if is_terminal is not None and is_terminal() else None)

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done >= self.total)

    def finish(self) -> None:
        if self.stream is not None and self.phase:
            self.stream.write("\n")
            self.stream.flush()
        self.phase = ""

    def _draw(self, *, force: bool) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        share = self.done / self.total if self.total else 1.0
        filled = round(WIDTH * share)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(
            f"\r{self.phase:<9} [{bar}] {self.done:,} of {self.total:,} rows ({share:.0%})"
        )
        self.stream.flush()
