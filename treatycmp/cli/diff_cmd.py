"""``treatycmp diff`` and ``treatycmp report``: compare two treaties clause by clause."""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from treatycmp.defaults import (
    DEFAULT_SCORER,
    DEFAULT_THRESHOLD,
    MAX_PAIRS,
    SCORER_NAMES,
)
from treatycmp.kinds import FAIL_KINDS

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from treatycmp.analysis import CompareOptions, Comparison
    from treatycmp.model import Level

from treatycmp.cli.common import (
    Command,
    ExitStatus,
    F,
    View,
    corpus_option,
    level_option,
    load_corpus,
    max_clauses_option,
    output_options,
    register_inputs,
    say,
    view_options,
)
from treatycmp.cli.completion import complete_clause_or_treaty
from treatycmp.cli.named import clause_named, treaty_named
from treatycmp.cli.params import FRACTION
from treatycmp.cli.progress import set_quiet
from treatycmp.render.outputs import INLINE_BELOW, OUTPUTS, DiffResult


class KindList(click.ParamType[frozenset[str]]):
    """A comma-separated list of ``--fail-on`` kinds."""

    name = "KINDS"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> frozenset[str]:
        if isinstance(value, frozenset):
            return frozenset(str(k) for k in value)
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

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        """The kinds that start the last item of the list, each after the items before it
        (``added-buffer,rem`` -> ``added-buffer,removed-buffer``, ...); none twice."""
        from click.shell_completion import CompletionItem

        if "," in incomplete and os.environ.get("_TREATYCMP_COMPLETE", "").startswith("fish"):
            return []  # click's fish script cuts each completion at its first comma
        before, _, last = incomplete.rpartition(",")
        head = before + "," if before else ""
        chosen = {k.strip() for k in before.split(",")}
        return [
            CompletionItem(head + k) for k in FAIL_KINDS if k.startswith(last) and k not in chosen
        ]


def compare_options(command: Command) -> Command:
    """``--level``, ``--threshold``, ``--scorer``, ``--max-pairs``, ``--max-clauses`` and
    the folds (``-i``, ``--ignore-punctuation``): how clauses are aligned and what counts
    as same, handed to the command as one ``compare: CompareOptions``."""

    @functools.wraps(command)
    def with_compare(
        *args: object,
        level: Level,
        threshold: float | None,
        scorer: str,
        max_pairs: int,
        max_clauses: int,
        functional: bool,
        ignore_case: bool,
        ignore_punctuation: bool,
        **kwargs: object,
    ) -> object:
        from treatycmp.analysis import CompareOptions

        compare = CompareOptions(
            level=level,
            threshold=math.nan if threshold is None else threshold,
            scorer=scorer,
            max_pairs=max_pairs,
            max_clauses=max_clauses,
            functional=functional,
            ignore_case=ignore_case,
            ignore_punctuation=ignore_punctuation,
        )
        return command(*args, compare=compare, **kwargs)

    f: Command = with_compare
    f = max_clauses_option(f)
    f = click.option(
        "--max-pairs",
        type=click.IntRange(1),
        default=MAX_PAIRS,
        show_default=True,
        envvar="TREATYCMP_MAX_PAIRS",
        help="Refuse to align texts whose alignment scores more clause pairs than this: "
        "every pair up to 2,000,000, then a bound linear in the clauses for the default "
        "scorer (every pair for the others; also $TREATYCMP_MAX_PAIRS).",
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
        type=FRACTION,
        default=None,
        help="Minimum similarity (0-1) for two clauses to be paired "
        f"[default: {DEFAULT_THRESHOLD} for tfidf, 0.6 for the other scorers].",
    )(f)
    f = click.option(
        "--ignore-punctuation",
        is_flag=True,
        help="Count a pair whose texts differ only in punctuation (quote style, "
        "restoration brackets) as the same; it is 'changed (punctuation)' otherwise.",
    )(f)
    f = click.option(
        "-i",
        "--ignore-case",
        is_flag=True,
        help="Count a pair whose texts differ only in case as the same; it is "
        "'changed (case)' otherwise (white space and Unicode forms are always folded).",
    )(f)
    f = click.option(
        "--functional/--no-functional",
        default=True,
        show_default=True,
        help="Pair clauses the text leaves unpaired when they do the same job (same "
        "obligation type, trigger and response): 'corresponds' pairs, each with its "
        "reason (see docs/alignment.md).",
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


def exit_status(c: Comparison, article: str | None, fail_on: frozenset[str] | None) -> ExitStatus:
    """1 when the selected pairs hold a difference (of a ``--fail-on`` kind), else 0."""
    from treatycmp.analysis import differs

    return ExitStatus.DIFFERENCES if differs(c, article=article, fail_on=fail_on) else ExitStatus.OK


def is_clause_ref(name: str) -> bool:
    """``TREATY:CLAUSE`` (``nato:5.1``), as opposed to a treaty name or a .yaml path."""
    return ":" in name and not name.casefold().endswith((".yaml", ".yml"))


def _compared(
    left: str,
    right: str,
    opts: CompareOptions,
    corpus_dirs: tuple[str, ...],
    article: str | None,
    *,
    warn: bool = True,
) -> Comparison:
    """The comparison both commands show: ``--article`` checked against both texts, and
    its warnings on stderr unless ``warn`` is off (``diff -q`` prints nothing)."""
    comparison = _load(left, right, opts, corpus_dirs)
    _check_article(comparison, article)
    if warn:
        _warn(comparison)
    return comparison


def _load(left: str, right: str, opts: CompareOptions, corpus_dirs: tuple[str, ...]) -> Comparison:
    from treatycmp.analysis import compare, compare_clauses
    from treatycmp.renderings import with_renderings

    corpus = load_corpus(corpus_dirs)
    clause_refs = (is_clause_ref(left), is_clause_ref(right))
    if any(clause_refs):
        if not all(clause_refs):
            if "-" in (left, right):
                raise click.UsageError(
                    "'-' (standard input) is a whole treaty: compare it with a whole "
                    "treaty, or save it and name one of its clauses (FILE.yaml:CLAUSE)"
                )
            from treatycmp.formats.inputs import shown

            ref, other = (left, right) if clause_refs[0] else (right, left)
            clause_named(corpus, ref, opts.level)  # a clause that does not exist: said, with ids
            raise click.UsageError(
                f"'{shown(ref)}' is one clause but '{shown(other)}' a whole treaty: give two "
                "clauses as TREATY:CLAUSE (e.g. nato:5.1 2024@meduza:4), or two treaties"
            )
        left_treaty, left_clause = clause_named(corpus, left, opts.level)
        right_treaty, right_clause = clause_named(corpus, right, opts.level)
        register_inputs(left_treaty.path, right_treaty.path)
        return with_renderings(
            compare_clauses(left_treaty, left_clause, right_treaty, right_clause, opts),
            corpus.treaties,
        )
    if left == "-" and right == "-":
        raise click.UsageError("only one side can be read from standard input ('-')")
    left_treaty = treaty_named(corpus, left)
    # A file against itself is read once: a 49 MB file's second load doubled the time
    # to refuse it.
    right_treaty = left_treaty if right == left else treaty_named(corpus, right)
    register_inputs(left_treaty.path, right_treaty.path)
    return with_renderings(compare(left_treaty, right_treaty, opts), corpus.treaties)


def _check_article(c: Comparison, article: str | None) -> None:
    if article is None:
        return
    if c.left.article(article) is None and c.right.article(article) is None:
        # In the texts' order (1, 2, ... 10), not the strings' (1, 10, 11, 2).
        numbers = list(dict.fromkeys(a.number for t in (c.left, c.right) for a in t.article_list))
        named = f"'{article}'" if article.strip() != article or not article else article
        raise click.BadParameter(
            f"neither text has article {named}; articles: {', '.join(numbers) or 'none'}",
            param_hint="--article",
        )


def _warn(c: Comparison) -> None:
    for warning in c.warnings:
        say(f"treatycmp: warning: {warning}")
    if c.hint:
        from treatycmp.escape import visible

        say(f"treatycmp: note: {visible(c.hint)}")


@click.command("diff")
@click.argument("left", shell_complete=complete_clause_or_treaty)
@click.argument("right", shell_complete=complete_clause_or_treaty)
@compare_options
@selection_options
@corpus_option
@view_options(OUTPUTS["diff"])
@click.option(
    "--labels/--no-labels",
    default=True,
    show_default=True,
    help="Write each rule phrase's label after it (⟨trigger: armed attack⟩).",
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "inline", "side-by-side"]),
    default="auto",
    show_default=True,
    help=f"Table layout: side by side, or inline (one column, deletions and insertions "
    f"in the text); auto is inline below {INLINE_BELOW} columns.",
)
@click.option(
    "--fail-on",
    type=KindList(),
    default=None,
    help="Comma-separated kinds that count as a difference for the exit status "
    "(default: any pair that is not the same). Kinds: " + ", ".join(FAIL_KINDS) + ". "
    "A clause or rule a gap of the other text may hold (added?, removed?) is 'unknown', "
    "not 'added' or 'removed'.",
)
@click.option(
    "--stat",
    is_flag=True,
    help="A line per pair (clause ids, kind, words deleted and inserted, as git diff "
    "--stat), then the totals.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit 1 when there are differences (what diff always does; for git's habit).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only set the exit status.")
def diff_cmd(
    left: str,
    right: str,
    compare: CompareOptions,
    article: str | None,
    only_changed: bool,
    corpus_dirs: tuple[str, ...],
    view: View,
    labels: bool,
    layout: str,
    fail_on: frozenset[str] | None,
    stat: bool,
    exit_code: bool,
    quiet: bool,
) -> int:
    """Compare two treaties clause by clause, side by side (or two chosen clauses).

    LEFT and RIGHT are treaties, or clauses as TREATY:CLAUSE to put two clauses
    side by side whatever their alignment score (nato:5.1 dprk-russia-2024@meduza:4).
    One side may be '-': treaty YAML or any document 'import' reads, from
    standard input; a document file (PDF, Word, HTML, text, Markdown) is read the same way.

    Deleted words are red and struck through, inserted words green and
    underlined, rule phrases (buffers first) marked with their label. Without
    colour the marks are written in the text: [-deleted-] {+inserted+}
    «phrase» ⟨category: rule⟩.

    Exit status: 0 no differences, 1 differences (of a --fail-on kind), 2 error
    (--exit-code asks for just that, as git diff --exit-code).

    \b
    Example:
      treatycmp diff ussr-dprk-1961@meduza dprk-russia-2024@meduza
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 --article 4 --width 160
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 -f json -o diff.json
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 -f csv -o pairs.csv
      treatycmp diff ussr-dprk-1961 dprk-russia-2024 --stat
      treatycmp diff north-atlantic-1949:5.1 dprk-russia-2024@meduza:4
      treatycmp diff us-rok-1953 dprk-russia-2024 -q --fail-on added-buffer,removed-buffer
      treatycmp import draft.pdf --id draft | treatycmp diff - north-atlantic-1949
    """
    if quiet and view.to_file:
        raise click.UsageError("--quiet writes nothing; leave out -o/--output")
    if stat and view.fmt != "table":
        raise click.UsageError(f"--stat is a text summary; leave out -f {view.fmt}")
    if quiet:
        set_quiet()
    comparison = _compared(left, right, compare, corpus_dirs, article, warn=not quiet)
    status = exit_status(comparison, article, fail_on)
    if quiet:
        return status
    if stat:
        from treatycmp.render.diff.pairs import diff_stat

        view.emit(diff_stat(comparison, article, only_changed))
    else:
        view.show(OUTPUTS["diff"], DiffResult(comparison, article, only_changed, labels, layout))
    if view.to_file:
        say(f"wrote {view.output}")  # as report and import say it
    return status


@click.command("report")
@click.argument("left", shell_complete=complete_clause_or_treaty)
@click.argument("right", shell_complete=complete_clause_or_treaty)
@compare_options
@click.option("--article", metavar="N", help="Report only pairs that touch article N.")
@corpus_option
@output_options
def report_cmd(
    left: str,
    right: str,
    compare: CompareOptions,
    article: str | None,
    corpus_dirs: tuple[str, ...],
    output: Path | None,
    force: bool,
) -> int:
    """Write a markdown report of a comparison (diff -f markdown, exit status 0).

    Title, provenance of both texts, summary, buffer changes, then one section
    per changed pair with a side-by-side table: ready to paste into a paper or
    a README.

    \b
    Example:
      treatycmp report ussr-dprk-1961 dprk-russia-2024 -o report.md
      treatycmp report ussr-dprk-1961@ko dprk-russia-2024@ko --article 4
    """
    from treatycmp.render.diff.markdown import render_markdown

    comparison = _compared(left, right, compare, corpus_dirs, article)
    View("markdown", output, force).emit(render_markdown(comparison, article=article))
    if output is not None and str(output) != "-":
        say(f"wrote {output}")
    return ExitStatus.OK


COMMANDS = [diff_cmd, report_cmd]
