"""``treatycmp diff`` and ``treatycmp report``: compare two treaties clause by clause."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..defaults import DEFAULT_SCORER, DEFAULT_THRESHOLD, FAIL_KINDS, MAX_PAIRS, SCORER_NAMES

if TYPE_CHECKING:
    from ..analysis import Comparison

from .common import (
    ExitStatus,
    F,
    color_option,
    corpus_option,
    level_option,
    load_corpus,
    output_options,
    register_inputs,
    say,
    width_option,
    write_output,
)

FORMATS = ["table", "markdown", "html", "json"]
DEFAULT_WIDTH = 100


class KindList(click.ParamType):  # type: ignore[type-arg]
    """A comma-separated list of ``--fail-on`` kinds."""

    name = "KINDS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, frozenset):
            return value
        kinds = frozenset(k.strip() for k in str(value).split(",") if k.strip())
        unknown = sorted(kinds - set(FAIL_KINDS))
        if unknown or not kinds:
            self.fail(
                f"unknown kind(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(FAIL_KINDS)}",
                param,
                ctx,
            )
        return kinds


def compare_options(f: F) -> F:
    """``--level``, ``--threshold``, ``--scorer`` and ``--max-pairs``: how clauses are aligned."""
    f = click.option(
        "--max-pairs",
        type=click.IntRange(1),
        default=MAX_PAIRS,
        show_default=True,
        envvar="TREATYCMP_MAX_PAIRS",
        help="Refuse to align texts whose clause counts multiply to more than this "
        "(time and memory grow with the product; also $TREATYCMP_MAX_PAIRS).",
    )(f)
    f = click.option(
        "--scorer",
        type=click.Choice(SCORER_NAMES),
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
    return level_option("paragraph", "Unit of alignment.")(f)


def selection_options(f: F) -> F:
    """``--article N`` and ``--only-changed``: which pairs to show."""
    f = click.option(
        "--only-changed",
        is_flag=True,
        help="Leave out pairs whose text is the same (markdown always does).",
    )(f)
    return click.option(
        "--article",
        metavar="N",
        help="Show only pairs that touch article N, on either side.",
    )(f)


def exit_status(c: Comparison, article: str | None, fail_on: frozenset[str] | None) -> int:
    """1 when the selected pairs hold a difference (of a ``--fail-on`` kind), else 0."""
    from ..render.view import failing_kinds, selected_pairs

    found = failing_kinds(c, selected_pairs(c, article))
    if fail_on is not None:
        found &= fail_on
    return ExitStatus.DIFFERENCES if found else ExitStatus.OK


def is_clause_ref(name: str) -> bool:
    """``TREATY:CLAUSE`` (``nato:5.1``), as opposed to a treaty name or a .yaml path."""
    return ":" in name and not name.endswith((".yaml", ".yml"))


def _load(
    left: str,
    right: str,
    level: str,
    threshold: float,
    scorer: str,
    corpus_dirs: tuple[str, ...],
    max_pairs: int,
) -> Comparison:
    from ..analysis import CompareOptions, compare, compare_clauses

    corpus = load_corpus(corpus_dirs)
    opts = CompareOptions(
        level=level,  # type: ignore[arg-type]
        threshold=threshold,
        scorer=scorer,
        max_pairs=max_pairs,
    )
    clause_refs = (is_clause_ref(left), is_clause_ref(right))
    if any(clause_refs):
        if not all(clause_refs):
            raise click.UsageError(
                "give two treaties, or two clauses as TREATY:CLAUSE (e.g. nato:5.1 2024@meduza:4)"
            )
        left_treaty, left_clause = corpus.clause(left, opts.level)
        right_treaty, right_clause = corpus.clause(right, opts.level)
        register_inputs(left_treaty.path, right_treaty.path)
        return compare_clauses(left_treaty, left_clause, right_treaty, right_clause, opts)
    left_treaty, right_treaty = corpus.get(left), corpus.get(right)
    register_inputs(left_treaty.path, right_treaty.path)
    return compare(left_treaty, right_treaty, opts)


def _check_article(c: Comparison, article: str | None) -> None:
    if article is None:
        return
    if c.left.article(article) is None and c.right.article(article) is None:
        numbers = sorted({a.number for t in (c.left, c.right) for a in t.article_list})
        raise click.BadParameter(
            f"neither text has article {article}; articles: {', '.join(numbers) or 'none'}",
            param_hint="--article",
        )


def _warn(c: Comparison) -> None:
    for warning in c.warnings:
        say(f"treatycmp: warning: {warning}")


def use_color(color: str, to_terminal: bool) -> bool:
    """``always``; ``never``; ``auto``: a terminal without NO_COLOR."""
    if color == "always":
        return True
    if color == "never":
        return False
    return to_terminal and not os.environ.get("NO_COLOR")


def _color_system() -> str:
    from rich.console import Console

    detected = Console(file=sys.stdout, force_terminal=True).color_system
    return detected or "standard"


@click.command("diff")
@click.argument("left")
@click.argument("right")
@compare_options
@selection_options
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
@width_option
@color_option
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page long table output (default: when the output is a terminal and taller than it).",
)
@click.option(
    "--fail-on",
    type=KindList(),
    default=None,
    help="Comma-separated kinds that count as a difference for the exit status "
    "(default: any pair that is not the same). Kinds: " + ", ".join(FAIL_KINDS) + ".",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only set the exit status.")
def diff_cmd(
    left: str,
    right: str,
    level: str,
    threshold: float,
    scorer: str,
    max_pairs: int,
    article: str | None,
    only_changed: bool,
    corpus_dirs: tuple[str, ...],
    fmt: str,
    output: Path | None,
    force: bool,
    width: int | None,
    color: str,
    pager: bool | None,
    fail_on: frozenset[str] | None,
    quiet: bool,
) -> None:
    """Compare two treaties clause by clause, side by side (or two chosen clauses).

    LEFT and RIGHT are treaties, or clauses as TREATY:CLAUSE to put two clauses
    side by side whatever their alignment score (nato:5.1 dprk-russia-2024@meduza:4).

    Deleted words are red and struck through, inserted words green and
    underlined, rule phrases (buffers first) marked with their label. Without
    colour the marks are written in the text: [-deleted-] {+inserted+}
    «phrase» ⟨category: rule⟩.

    Exit status: 0 no differences, 1 differences (of a --fail-on kind), 2 error.

    \b
    Example:
      treatycmp diff ussr-dprk-1961@meduza dprk-russia-2024@meduza
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 --article 4 --width 160
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 -f json -o diff.json
      treatycmp diff north-atlantic-1949:5.1 dprk-russia-2024@meduza:4
      treatycmp diff us-rok-1953 dprk-russia-2024 -q --fail-on added-buffer,removed-buffer
    """
    if quiet and output is not None:
        raise click.UsageError("--quiet writes nothing; leave out -o/--output")
    comparison = _load(left, right, level, threshold, scorer, corpus_dirs, max_pairs)
    _check_article(comparison, article)
    status = exit_status(comparison, article, fail_on)
    if quiet:
        raise SystemExit(status)
    _warn(comparison)
    to_file = output is not None and str(output) != "-"
    if fmt == "json":
        from ..render.json import render_json

        text = render_json(comparison)
    elif fmt == "markdown":
        from ..render.markdown import render_markdown

        text = render_markdown(comparison, article=article)
    elif fmt == "html":
        from ..render.html import render_html

        text = render_html(comparison, only_changed=only_changed, article=article)
    else:
        from ..render.escape import safe_output
        from ..render.terminal import render_table

        tty = not to_file and sys.stdout.isatty()
        colored = use_color(color, tty) and not to_file  # files never hold escape codes
        cols = width or (shutil.get_terminal_size().columns if tty else DEFAULT_WIDTH)
        text = render_table(
            comparison,
            width=max(cols, 40),
            color=colored,
            color_system=_color_system() if colored else "standard",
            only_changed=only_changed,
            article=article,
        )
        rows = shutil.get_terminal_size().lines
        if tty and (pager or (pager is None and text.count("\n") > rows)):
            # less shows ANSI styles only with -R; git sets LESS the same way.
            os.environ.setdefault("LESS", "-R")
            click.echo_via_pager(safe_output(text, colour=colored), color=colored)
            raise SystemExit(status)
        if not to_file:
            # click.echo would strip the styles of --color always on a pipe.
            click.echo(safe_output(text, colour=colored), nl=False, color=colored)
            raise SystemExit(status)
    write_output(text, output, force=force)
    raise SystemExit(status)


@click.command("report")
@click.argument("left")
@click.argument("right")
@compare_options
@click.option("--article", metavar="N", help="Report only pairs that touch article N.")
@corpus_option
@output_options
def report_cmd(
    left: str,
    right: str,
    level: str,
    threshold: float,
    scorer: str,
    max_pairs: int,
    article: str | None,
    corpus_dirs: tuple[str, ...],
    output: Path | None,
    force: bool,
) -> None:
    """Write a markdown report of a comparison (diff -f markdown, exit status 0).

    Title, provenance of both texts, summary, buffer changes, then one section
    per changed pair with a side-by-side table: ready to paste into a paper or
    a README.

    \b
    Example:
      treatycmp report ussr-dprk-1961 dprk-russia-2024 -o report.md
      treatycmp report ussr-dprk-1961@ko dprk-russia-2024@ko --article 4
    """
    from ..render.markdown import render_markdown

    comparison = _load(left, right, level, threshold, scorer, corpus_dirs, max_pairs)
    _check_article(comparison, article)
    _warn(comparison)
    write_output(render_markdown(comparison, article=article), output, force=force)
    if output is not None and str(output) != "-":
        say(f"wrote {output}")


COMMANDS = [diff_cmd, report_cmd]
