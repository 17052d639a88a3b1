"""Progress display for long ingests (rich), silent when stderr is not a terminal.

The bar appears only once a run has lasted a second, so quick runs and
pipelines (`detente extract ... | jq`) print nothing extra.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["Tracker"]

DELAY = 1.0  # seconds before the bar is shown
REFRESH = 0.1  # seconds between updates pushed to rich


class Tracker:
    """Counts bytes read and articles made; draws them when it is worth it."""

    def __init__(self, enabled: bool = True, total_bytes: int | None = None,
                 console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.total_bytes = total_bytes
        self.bytes_read = 0
        self.articles = 0
        self.skipped = 0
        self._started = time.monotonic()
        self._last = 0.0
        self._progress: Progress | None = None
        self._task = None

    def read(self, n: int) -> None:
        """Bytes consumed from local files."""
        self.bytes_read += n
        self._maybe_refresh()

    def article(self) -> None:
        self.articles += 1
        self._maybe_refresh()

    def skip(self) -> None:
        self.skipped += 1
        self._maybe_refresh()

    def _maybe_refresh(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < REFRESH or now - self._started < DELAY:
            return
        self._last = now
        if self._progress is None:
            columns = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.total_bytes:
                columns += [BarColumn(), DownloadColumn(), TimeRemainingColumn()]
            columns.append(TimeElapsedColumn())
            self._progress = Progress(*columns, console=self.console, transient=True)
            self._task = self._progress.add_task("reading", total=self.total_bytes or None)
            self._progress.start()
        description = f"{self.articles} articles"
        if self.skipped:
            description += f", {self.skipped} skipped"
        self._progress.update(
            self._task, completed=min(self.bytes_read, self.total_bytes or self.bytes_read),
            description=description,
        )

    def close(self) -> None:
        """Remove the bar (it is transient) so the summary line prints cleanly."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
