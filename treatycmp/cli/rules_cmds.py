"""Commands over rule findings: buffers, profile, grep."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from treatycmp.model import Level, Treaty
    from treatycmp.rule_model import RuleSet

from treatycmp.cli.common import (
    ExitStatus,
    F,
    View,
    corpus_option,
    level_option,
    load_corpus,
    max_clauses_option,
    register_inputs,
    say,
    view_options,
)
from treatycmp.cli.completion import complete_treaty
from treatycmp.cli.named import treaty_named
from treatycmp.cli.params import FRACTION
from treatycmp.cli.progress import progress, quiet_option, set_quiet, tick
from treatycmp.render.outputs import OUTPUTS, GrepResult


def rules_option(f: F) -> F:
    """``--rules FILE`` (repeatable): add or override rules; also $TREATYCMP_RULES."""
    return click.option(
        "--rules",
        "rule_files",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Rule file (YAML) adding or overriding bundled rules by id; repeatable. "
        "Also read from $TREATYCMP_RULES.",
    )(f)


def get_rules(rule_files: tuple[Path, ...]) -> RuleSet:
    from treatycmp.rules.load import load_rules

    register_inputs(*rule_files)
    return load_rules(rule_files)


def within_budget(treaties: list[Treaty], limit: int) -> None:
    """Refuse at once more paragraphs than ``--max-clauses``: every one is read for rules
    (about a millisecond each, minutes for a 50 MB treaty), whatever the level."""
    from treatycmp.formats.budget import check_clauses

    counts = [(t.id, len(t.clauses("paragraph"))) for t in treaties]
    fix = "save the part you need as a treaty of its own (YAML), or "
    check_clauses(counts, "paragraph", limit, "reading", fix)


def warn(message: str | None) -> None:
    if message:
        say(f"treatycmp: warning: {message}")


@click.command("buffers")
@click.argument("treaty", shell_complete=complete_treaty)
@level_option("paragraph", "Report findings per paragraph or per article.")
@rules_option
@corpus_option
@view_options(OUTPUTS["buffers"])
@max_clauses_option
@quiet_option
def buffers_cmd(
    treaty: str,
    level: Level,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
    max_clauses: int,
) -> int:
    """Every buffer, intensifier, trigger, condition and modality finding in one treaty.

    A treaty may also be a document file (text, Markdown, PDF, Word, web page) or '-'
    (standard input), read as 'import' reads it.

    \b
    Example:
      treatycmp buffers dprk-russia-2024@meduza
      treatycmp buffers nato -f json
    """
    from treatycmp.rules.match import scan_treaty

    t = treaty_named(load_corpus(corpus_dirs), treaty)
    register_inputs(t.path)
    within_budget([t], max_clauses)
    found = scan_treaty(t, get_rules(rule_files), level)
    warn(found.warning)
    return view.show(OUTPUTS["buffers"], (found, t))


@click.command("profile")
@click.argument("treaties", nargs=-1, required=True, shell_complete=complete_treaty)
@level_option("article", "One row per article or per paragraph.")
@rules_option
@corpus_option
@view_options(OUTPUTS["profile"])
@max_clauses_option
@quiet_option
def profile_cmd(
    treaties: tuple[str, ...],
    level: Level,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
    max_clauses: int,
) -> int:
    """The commitment profile of each clause that obliges the parties to assist or consult.

    A treaty may also be a document file (text, Markdown, PDF, Word, web page) or '-'
    (standard input), read as 'import' reads it.

    Columns: obligation type (defence, consultation in a crisis, non-aggression,
    neutrality, offence; general consultation kept apart), trigger, conditions,
    modality, intensifiers, buffers; -f json adds the words each type rests on.
    Several treaties are shown side by side.

    \b
    Example:
      treatycmp profile ussr-dprk-1961 dprk-russia-2024@meduza us-rok-1953 nato
      treatycmp profile nato -f markdown -o nato-profile.md
    """
    from treatycmp.profile import profile_treaty

    if treaties.count("-") > 1:  # a second read of the stream finds it empty
        raise click.UsageError("standard input ('-') can be read once: name it once")
    corpus = load_corpus(corpus_dirs)
    named = [treaty_named(corpus, name) for name in treaties]  # a document is read once
    within_budget(named, max_clauses)
    rules = get_rules(rule_files)
    with progress("profiling") as update:
        profiles = [profile_treaty(t, rules, level) for t in tick(update, named)]
    for p in profiles:
        warn(p.warning)
    return view.show(OUTPUTS["profile"], profiles)


@click.command("grep")
@click.argument("phrase")
@click.option(
    "--exact", is_flag=True, help="Match the phrase exactly (after normalisation), not fuzzily."
)
@click.option(
    "--min-score",
    type=FRACTION,
    default=0.9,
    show_default=True,
    help="Minimum fuzzy score (0-1, as printed) for a clause to be listed.",
)
@click.option(
    "-C",
    "--context",
    type=click.IntRange(0, 10_000),
    default=8,
    show_default=True,
    metavar="N",
    help="Words shown either side of each match.",
)
@click.option(
    "--treaty",
    "only",
    multiple=True,
    metavar="TREATY",
    shell_complete=complete_treaty,
    help="Search only these treaties (repeatable; a document file or '-' is read as "
    "'import' reads it); default: the whole corpus.",
)
@corpus_option
@view_options(OUTPUTS["grep"])
@click.option(
    "-q", "--quiet", is_flag=True, help="Print nothing (no progress either); only the exit status."
)
def grep_cmd(
    phrase: str,
    exact: bool,
    min_score: float,
    context: int,
    only: tuple[str, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
    quiet: bool,
) -> int:
    """Find every clause in the corpus that contains a phrase (fuzzy by default).

    Each hit shows the matched words in context (-C N words either side); the
    JSON, NDJSON, CSV and TSV outputs carry the spans and the whole clause text.

    Exit status 0 when something matched, 1 when nothing did (stderr then says
    "no clause matches ...").

    \b
    Example:
      treatycmp grep "constitutional processes"
      treatycmp grep "유엔헌장 제51조" --exact
      treatycmp grep "armed attack" -f ndjson | jq .clause
    """
    from treatycmp.search import grep_clauses

    if quiet:
        set_quiet()
    if only.count("-") > 1:  # a second read of the stream finds it empty
        raise click.UsageError("standard input ('-') can be read once: name it once")
    corpus = load_corpus(corpus_dirs)
    treaties = [treaty_named(corpus, name) for name in only] if only else list(corpus.treaties)
    with progress("grep") as update:
        hits = grep_clauses(phrase, treaties, exact=exact, min_score=min_score, progress=update)
    if not quiet:
        view.show(OUTPUTS["grep"], GrepResult(phrase, hits, context))
        if not hits:
            how = "exactly" if exact else f"at --min-score {min_score:g}"
            searched = f"{len(treaties)} treat{'y' if len(treaties) == 1 else 'ies'}"
            say(f"treatycmp: no clause matches '{phrase}' {how} ({searched} searched)")
    return ExitStatus.OK if hits else ExitStatus.DIFFERENCES


COMMANDS = [buffers_cmd, profile_cmd, grep_cmd]
