"""What every terminal renderer builds with rich: treaty text as data, and the one
``Console`` treatycmp prints with.

``escape.visible`` is the policy; this is where it meets rich, so that the ground layer
never imports rich (and rich is imported only when used: JSON output needs none).
Every console (a command's output, a test's fixed-width buffer, progress on stderr)
comes from ``make_console``: markup, highlighting and emoji codes off, so a ``[`` or
``:smile:`` in a treaty is printed as written.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Literal, cast

from treatycmp.escape import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderHook
    from rich.segment import Segment
    from rich.text import Text

ColorSystem = Literal["standard", "256", "truecolor"]


def data_text(text: str, style: str = "") -> Text:
    """A rich ``Text`` holding treaty text as data: control characters spelled out."""
    from rich.text import Text  # here: JSON output of a module that uses this needs no rich

    return Text(visible(text), style=style)


def make_console(
    file: IO[str] | None = None,
    *,
    width: int | None = None,
    color: bool = False,
    color_system: ColorSystem = "standard",
    detect_terminal: bool = False,
) -> Console:
    """A Console that treats text as data, writing to ``file`` (default: a buffer).

    ``color`` decides colour and, unless ``detect_terminal`` (stderr: rich asks the
    stream), whether rich behaves as on a terminal.
    """
    from rich.console import Console

    console = Console(
        file=io.StringIO() if file is None else file,
        width=width,
        markup=False,
        highlight=False,
        emoji=False,
        force_terminal=None if detect_terminal else color,
        no_color=not color,
        color_system=color_system if color else None,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.push_render_hook(cast("RenderHook", _DataHook()))  # duck-typed: rich stays lazy
    return console


class _DataHook:
    """Every renderable printed passes through ``_AsData``: whatever a renderer forgot to
    spell out (an ESC in an article number) is spelled out before rich adds its colour,
    so only rich's own codes reach a terminal, in every command (a ``RenderHook``)."""

    def process_renderables(self, renderables: list[RenderableType]) -> list[RenderableType]:
        return [_AsData(r) for r in renderables]


class _AsData:
    """A renderable whose text segments are spelled out (``visible``); rich's control
    segments (cursor moves of a progress bar) are its own and pass."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            text = segment.text if segment.control else visible(segment.text)
            yield segment if text == segment.text else Segment(text, segment.style)
