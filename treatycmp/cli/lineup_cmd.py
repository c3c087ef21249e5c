"""``treatycmp lineup``: one clause lined up across many treaties."""

from __future__ import annotations

from pathlib import Path

import click

from ..defaults import DEFAULT_THRESHOLD
from .common import View, corpus_option, level_option, load_corpus, register_inputs, view_options
from .rules_cmds import get_rules, rules_option, warn

FORMATS = ["table", "markdown", "html", "json", "csv"]


@click.command("lineup")
@click.argument("clause", metavar="TREATY:CLAUSE")
@click.argument("treaties", nargs=-1, required=True)
@level_option(
    "article", "Look for whole articles (buffers in a later paragraph count) or paragraphs."
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Minimum text similarity (0-1) for a clause to correspond by its words; "
    "below it, clauses correspond by function.",
)
@rules_option
@corpus_option
@view_options(FORMATS)
def lineup_cmd(
    clause: str,
    treaties: tuple[str, ...],
    level: str,
    threshold: float,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
) -> None:
    """Line one clause up against its counterparts in other treaties, a row per treaty.

    In each TREATY the clause(s) corresponding to TREATY:CLAUSE are found by their
    words, or else by what they do (obligation type, trigger, response), with the
    score and the reason. Columns: obligation type, triggers, response and its
    strength, and each buffer (UN Charter Article 51, Security Council primacy,
    domestic law / constitutional processes, discretion over the response,
    consultation first, geographic scope) with the words that carry it. Where a
    text breaks off, a buffer it lacks is a gap (unknown), never a "no".

    \b
    Example:
      treatycmp lineup dprk-russia-2024:4 ussr-dprk-1961 nato us-rok-1953 us-japan-1960
      treatycmp lineup dprk-russia-2024@ko:4 north-atlantic-1949 us-rok-1953 -f csv -o lineup.csv
    """
    from ..lineup import line_up
    from ..render import lineup as render
    from ..rules import missing_warning

    corpus = load_corpus(corpus_dirs)
    rules = get_rules(rule_files)
    reference, ref_clause = corpus.clause(clause, level)  # type: ignore[arg-type]
    others = [corpus.get(name) for name in treaties]
    register_inputs(reference.path, *(t.path for t in others))
    for language in dict.fromkeys(t.language for t in (reference, *others)):
        warn(missing_warning(language, rules.languages_missing(language)))
    result = line_up(reference, ref_clause, others, rules, level=level, threshold=threshold)  # type: ignore[arg-type]
    if view.fmt == "json":
        view.emit(render.lineup_json(result))
    elif view.fmt == "csv":
        view.emit(render.lineup_csv(result))
    elif view.fmt == "markdown":
        view.emit(render.lineup_markdown(result))
    elif view.fmt == "html":
        view.emit(render.lineup_html(result))
    else:
        view.emit(lambda console: render.lineup_table(result))


COMMANDS = [lineup_cmd]
