"""The one output registry: for every command, its formats and the renderer of each.

The CLI reads it twice: ``-f/--format``'s choices (the first format is the default)
and, once the command has its result, the renderer to call. A renderer takes the
command's result and returns text, or ``lambda console: renderable`` for the
terminal (what ``cli.common.Output`` prints at the chosen width and colour).

Render modules are imported only when a renderer runs: ``--help`` and JSON output
never pay for rich or for another command's renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, TypeAlias

from treatycmp.render.tables import table_formats

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from treatycmp.analysis import Comparison
    from treatycmp.render import corpus, corpus_scale, findings, lineup, problems
    from treatycmp.render.diff import html as diff_html
    from treatycmp.render.diff import json as diff_json
    from treatycmp.render.diff import markdown as diff_markdown
    from treatycmp.render.diff import pairs as diff_pairs
    from treatycmp.render.diff import terminal as diff_terminal
    from treatycmp.search import GrepHit
else:

    class _Lazy:
        """A render module, imported on its first use."""

        def __init__(self, name: str) -> None:
            self._name = f"treatycmp.render.{name}"

        def __getattr__(self, attr: str) -> Any:
            return getattr(import_module(self._name), attr)

    corpus, corpus_scale, findings, lineup, problems = (
        _Lazy(m) for m in ("corpus", "corpus_scale", "findings", "lineup", "problems")
    )
    diff_html, diff_json, diff_markdown, diff_pairs, diff_terminal = (
        _Lazy(f"diff.{m}") for m in ("html", "json", "markdown", "pairs", "terminal")
    )

Content: TypeAlias = "str | Callable[[Console], RenderableType]"
Renderer: TypeAlias = Callable[[Any], Content]
Formats: TypeAlias = Mapping[str, Renderer]

# Below this many columns, ``diff``'s table puts both sides in one column.
INLINE_BELOW = 100


def is_plain(console: Console) -> bool:
    """Whether changes must be marked in the text because colour will not show."""
    return bool(console.no_color or not console.is_terminal or console.color_system is None)


@dataclass(frozen=True)
class DiffResult:
    """A comparison and how to present it: what ``diff``'s renderers take."""

    comparison: Comparison
    article: str | None = None
    only_changed: bool = False
    labels: bool = True
    layout: str = "auto"


def _diff_table(r: DiffResult) -> Callable[[Console], RenderableType]:
    def build(console: Console) -> RenderableType:
        layout = r.layout
        if layout == "auto":
            layout = "inline" if console.width < INLINE_BELOW else "side-by-side"
        return diff_terminal.table_group(
            r.comparison,
            color=not is_plain(console),
            only_changed=r.only_changed,
            article=r.article,
            labels=r.labels,
            layout=layout,
        )

    return build


@dataclass(frozen=True)
class GrepResult:
    """What ``grep``'s renderers take: the phrase, the hits, the words of context."""

    phrase: str
    hits: tuple[GrepHit, ...]
    context: int


def _matrix(m: Any, name: str) -> Any:
    """The renderer ``matrix_NAME``, or ``top_k_NAME`` for a --top-k result."""
    return getattr(corpus_scale, ("top_k_" if hasattr(m, "similar") else "matrix_") + name)


OUTPUTS: dict[str, Formats] = {
    "list": {
        "table": lambda ts: lambda console: corpus.listing_table(ts, console.width),
        "markdown": lambda ts: corpus.render_listing_markdown(ts),
        "json": lambda ts: corpus.render_listing_json(ts),
        **table_formats(lambda ts: corpus.listing_csv_table(ts)),
    },
    "show": {
        "table": lambda r: corpus.show_group(*r),
        "markdown": lambda r: corpus.render_show_markdown(*r),
        "json": lambda r: corpus.render_show_json(*r),
        **table_formats(lambda r: corpus.show_rows(*r)),
    },
    "validate": {
        "text": lambda v: problems.validate_text(v),
        "json": lambda v: problems.validate_json(v),
        **table_formats(lambda v: problems.validate_rows(v)),
    },
    "diff": {
        "table": _diff_table,
        "markdown": lambda r: diff_markdown.render_markdown(r.comparison, article=r.article),
        "html": lambda r: diff_html.render_html(
            r.comparison, only_changed=r.only_changed, article=r.article
        ),
        "json": lambda r: diff_json.render_json(r.comparison),
        **table_formats(lambda r: diff_pairs.diff_rows(r.comparison, r.article, r.only_changed)),
    },
    "buffers": {
        "table": lambda r: lambda _console: findings.buffers_table(*r),
        "markdown": lambda r: findings.buffers_markdown(*r),
        "json": lambda r: findings.buffers_json(*r),
        **table_formats(lambda r: findings.buffers_rows(*r)),
    },
    "profile": {
        "table": lambda ps: lambda console: findings.profile_table(ps, console.width),
        "markdown": lambda ps: findings.profile_markdown(ps),
        "json": lambda ps: findings.profile_json(ps),
        **table_formats(lambda ps: findings.profile_rows(ps)),
    },
    "grep": {
        "table": lambda r: (
            lambda console: findings.grep_table(r.hits, plain=is_plain(console), context=r.context)
        ),
        "markdown": lambda r: findings.grep_markdown(r.phrase, r.hits, r.context),
        "json": lambda r: findings.grep_json(r.phrase, r.hits, r.context),
        "ndjson": lambda r: findings.grep_ndjson(r.phrase, r.hits, r.context),
        **table_formats(lambda r: findings.grep_rows(r.hits, r.context)),
    },
    "lineup": {
        "table": lambda r: lambda _console: lineup.lineup_table(r),
        "markdown": lambda r: lineup.lineup_markdown(r),
        "html": lambda r: lineup.lineup_html(r),
        "json": lambda r: lineup.lineup_json(r),
        **table_formats(lambda r: lineup.lineup_rows(r)),
    },
    "matrix": {
        "table": lambda m: (
            lambda console: (
                corpus_scale.top_k_table(m, plain=is_plain(console))
                if hasattr(m, "similar")
                else corpus_scale.matrix_table(m, plain=is_plain(console), width=console.width)
            )
        ),
        **table_formats(lambda m: _matrix(m, "rows")(m)),
        "json": lambda m: _matrix(m, "json")(m),
        "markdown": lambda m: _matrix(m, "markdown")(m),
    },
    "nearest": {
        "table": lambda r: lambda _console: corpus_scale.nearest_table(r[1]),
        "markdown": lambda r: corpus_scale.nearest_markdown(*r),
        "json": lambda r: corpus_scale.nearest_json(*r),
        "ndjson": lambda r: corpus_scale.nearest_ndjson(*r),
        **table_formats(lambda r: corpus_scale.nearest_rows(r[1])),
    },
    "check": {
        "text": lambda r: lambda _console: corpus_scale.check_report(*r),
        "json": lambda r: corpus_scale.check_json(*r),
    },
}
