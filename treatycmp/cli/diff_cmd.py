"""``treatycmp diff``: compare two treaties clause by clause."""

from __future__ import annotations

from pathlib import Path

import click

from ..align import DEFAULT_SCORER, DEFAULT_THRESHOLD, SCORERS
from ..analysis import CompareOptions, Comparison, compare
from .common import ExitStatus, F, corpus_option, load_corpus, output_options, write_output

FORMATS = ["table", "markdown", "html", "json"]


def compare_options(f: F) -> F:
    """``--level``, ``--threshold`` and ``--scorer``: how clauses are aligned."""
    f = click.option(
        "--scorer",
        type=click.Choice(sorted(SCORERS)),
        default=DEFAULT_SCORER,
        show_default=True,
        help="Similarity measure used to align clauses (see docs/alignment.md).",
    )(f)
    f = click.option(
        "--threshold",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_THRESHOLD,
        show_default=True,
        help="Minimum similarity (0-1) for two clauses to be paired.",
    )(f)
    return click.option(
        "--level",
        type=click.Choice(["paragraph", "article"]),
        default="paragraph",
        show_default=True,
        help="Unit of alignment.",
    )(f)


def has_differences(c: Comparison) -> bool:
    return any(p.kind != "same" for p in c.pairs)


@click.command("diff")
@click.argument("left")
@click.argument("right")
@compare_options
@corpus_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@output_options
def diff_cmd(
    left: str,
    right: str,
    level: str,
    threshold: float,
    scorer: str,
    corpus_dirs: tuple[str, ...],
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Compare two treaties clause by clause.

    Exit status: 0 no differences, 1 differences, 2 error.

    \b
    Example:
      treatycmp diff ussr-dprk-1961@ko dprk-russia-2024@ko
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 -f json -o diff.json
    """
    corpus = load_corpus(corpus_dirs)
    opts = CompareOptions(level=level, threshold=threshold, scorer=scorer)  # type: ignore[arg-type]
    comparison = compare(corpus.get(left), corpus.get(right), opts)
    if fmt == "json":
        from ..render.json import render_json

        text = render_json(comparison)
    else:
        from ..render.plain import render_plain

        text = render_plain(comparison)
    write_output(text, output, force=force)
    raise SystemExit(ExitStatus.DIFFERENCES if has_differences(comparison) else ExitStatus.OK)


COMMANDS = [diff_cmd]
