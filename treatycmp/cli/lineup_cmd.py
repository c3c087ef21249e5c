"""``treatycmp lineup``: one clause lined up across many treaties."""

from __future__ import annotations

import os
from pathlib import Path

import click

from treatycmp.cli.common import (
    View,
    corpus_option,
    level_option,
    load_corpus,
    max_clauses_option,
    register_inputs,
    view_options,
)
from treatycmp.cli.completion import complete_clause_or_treaty, complete_treaty
from treatycmp.cli.named import clause_named, treaty_named
from treatycmp.cli.params import FRACTION
from treatycmp.cli.progress import quiet_option
from treatycmp.cli.rules_cmds import get_rules, rules_option, warn, within_budget
from treatycmp.defaults import DEFAULT_THRESHOLD
from treatycmp.model import Level
from treatycmp.render.outputs import OUTPUTS


@click.command("lineup")
@click.argument("clause", metavar="TREATY:CLAUSE", shell_complete=complete_clause_or_treaty)
@click.argument("treaties", nargs=-1, required=True, shell_complete=complete_treaty)
@level_option(
    "article", "Look for whole articles (a buffer in a later paragraph counts) or paragraphs."
)
@click.option(
    "--threshold",
    type=FRACTION,
    default=None,
    help="Minimum text similarity (0-1) for a clause to correspond by its words; "
    f"below it, clauses correspond by function [default: {DEFAULT_THRESHOLD}].",
)
@rules_option
@corpus_option
@view_options(OUTPUTS["lineup"])
@max_clauses_option
@quiet_option
def lineup_cmd(
    clause: str,
    treaties: tuple[str, ...],
    level: Level,
    threshold: float | None,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
    max_clauses: int,
) -> int:
    """Line one clause up against its counterparts in other treaties, a row per treaty.

    In each TREATY the clause(s) corresponding to TREATY:CLAUSE are found by their
    words, or else by what they do (obligation type, trigger, response), with the
    score and the reason; a weak word match (below 0.6) that does another job yields
    to a clause that does the same job. Columns: obligation type, triggers, response and its
    strength, and each buffer (UN Charter Article 51, Security Council primacy,
    domestic law / constitutional processes, discretion over the response,
    consultation first, geographic scope, political decision) with the words that
    carry it. Where a text breaks off, a buffer it lacks is a gap (unknown), never a
    "no", and the cell names the other renderings of that treaty that carry it.

    A treaty may also be a document file (text, Markdown, PDF, Word, web page) or
    '-' (standard input), read as 'import' reads it; its clause as draft.txt:4.

    \b
    Example:
      treatycmp lineup dprk-russia-2024:4 ussr-dprk-1961 nato us-rok-1953 us-japan-1960
      treatycmp lineup dprk-russia-2024@ko:4 north-atlantic-1949 us-rok-1953 -f csv -o lineup.csv
    """
    from treatycmp.cli.diff_cmd import is_clause_ref
    from treatycmp.formats.inputs import shown
    from treatycmp.lineup import line_up
    from treatycmp.rules.findings import missing_warning

    corpus = load_corpus(corpus_dirs)
    rules = get_rules(rule_files)
    if treaties.count("-") > 1:  # a second read of the stream finds it empty
        raise click.UsageError("standard input ('-') can be read once: name it once")
    reference, ref_clause = clause_named(corpus, clause, level)
    for name in treaties:
        if is_clause_ref(name) and not os.path.exists(name):
            # It was 'no treaty named nato:4 ... did you mean nato or seato or seato-1954?'.
            whole = name.rpartition(":")[0]
            raise click.UsageError(
                f"'{shown(name)}' names a clause, but lineup finds each treaty's counterpart "
                f"of {shown(clause)} itself: name the treaty alone ({shown(whole)})"
            )
    others = [treaty_named(corpus, name) for name in treaties]
    within_budget(others, max_clauses)
    register_inputs(reference.path, *(t.path for t in others))
    for language in dict.fromkeys(t.language for t in (reference, *others)):
        warn(missing_warning(language, rules.languages_missing(language)))
    result = line_up(
        reference,
        ref_clause,
        others,
        rules,
        level=level,
        threshold=threshold,
        renderings=corpus.treaties,
    )
    return view.show(OUTPUTS["lineup"], result)


COMMANDS = [lineup_cmd]
