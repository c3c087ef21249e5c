"""Progress on stderr: the one bar every command with long work shows.

A bar appears only when stderr is a terminal, never with ``-q/--quiet``, and only
once the work has run for ``DELAY`` seconds (a quick command never flickers). It is
transient: when the work ends the line is cleared, so stderr keeps only warnings.
The library reports progress through a plain ``progress(done, total)`` callback and
knows nothing of bars; ``None`` (no bar) costs the work nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

Update = Callable[[int, int], None]
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

QUIET_KEY = "treatycmp.quiet"
# Seconds of work before a bar is drawn.
DELAY = 0.5


def set_quiet(ctx: click.Context | None = None) -> None:
    """Mark this command quiet: no progress bar, whatever stderr is."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[QUIET_KEY] = True


def quiet_option(f: F) -> F:
    """``-q/--quiet``: no progress bar on stderr (stdout is unchanged)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            set_quiet(ctx)

    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help="No progress bar on stderr (it shows only on a terminal, after half a second).",
    )(f)


def stderr_is_terminal() -> bool:
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


def wanted() -> bool:
    """Whether a bar may be drawn: stderr is a terminal and the command is not quiet."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(QUIET_KEY):
        return False
    return stderr_is_terminal()


def _colour() -> bool:
    ctx = click.get_current_context(silent=True)
    choice = ctx.params.get("color", "auto") if ctx is not None else "auto"
    if choice in ("always", "never"):
        return choice == "always"
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class Bar:
    """A rich progress bar on stderr, started by the first update after ``DELAY``."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started_at = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        from treatycmp.render.console import make_console

        self._bar = Progress(
            TextColumn(self.label),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=make_console(sys.stderr, color=_colour(), detect_terminal=True),
            transient=True,
        )
        self._task = self._bar.add_task(self.label, total=None)
        self._bar.start()

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            if time.monotonic() - self.started_at < DELAY:
                return
            self._start()
        assert self._bar is not None
        assert self._task is not None
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def start(label: str) -> tuple[Update | None, Callable[[], None]]:
    """A bar's update callback (None when no bar is wanted) and its closer."""
    if not wanted():
        return None, lambda: None
    bar = Bar(label)
    return bar.update, bar.close


@contextmanager
def progress(label: str) -> Iterator[Update | None]:
    """``with progress("grep") as update:`` hand ``update`` (or None) to the work."""
    update, close = start(label)
    try:
        yield update
    finally:
        close()


def tick(update: Update | None, items: list[T]) -> Iterator[T]:
    """The items, reporting each one done to ``update`` (a loop in a command)."""
    for done, item in enumerate(items, 1):
        yield item
        if update is not None:
            update(done, len(items))
