"""Commands over rule findings: buffers, profile, grep."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..rules import RuleSet

from .common import (
    F,
    View,
    corpus_option,
    is_plain,
    level_option,
    load_corpus,
    register_inputs,
    say,
    view_options,
)


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
    from ..rules import load_rules

    register_inputs(*rule_files)
    return load_rules(rule_files)


def warn(message: str | None) -> None:
    if message:
        say(f"treatycmp: warning: {message}")


@click.command("buffers")
@click.argument("treaty")
@level_option("paragraph", "Report findings per paragraph or per article.")
@rules_option
@corpus_option
@view_options(["table", "markdown", "json"])
def buffers_cmd(
    treaty: str,
    level: str,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
) -> None:
    """Every buffer, intensifier, trigger, condition and modality finding in one treaty.

    \b
    Example:
      treatycmp buffers dprk-russia-2024@meduza
      treatycmp buffers nato -f json
    """
    from ..render import findings as render
    from ..rules import scan_treaty

    t = load_corpus(corpus_dirs).get(treaty)
    register_inputs(t.path)
    found = scan_treaty(t, get_rules(rule_files), level)  # type: ignore[arg-type]
    warn(found.warning)
    if view.fmt == "json":
        view.emit(render.buffers_json(found, t))
    elif view.fmt == "markdown":
        view.emit(render.buffers_markdown(found, t))
    else:
        view.emit(lambda console: render.buffers_table(found, t))


@click.command("profile")
@click.argument("treaties", nargs=-1, required=True)
@level_option("article", "One row per article or per paragraph.")
@rules_option
@corpus_option
@view_options(["table", "markdown", "json"])
def profile_cmd(
    treaties: tuple[str, ...],
    level: str,
    rule_files: tuple[Path, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
) -> None:
    """The commitment profile of each clause that obliges the parties to assist or consult.

    Columns: obligation type (defence, consultation, non-aggression, neutrality),
    trigger, conditions, modality, intensifiers, buffers. Several treaties are
    shown side by side.

    \b
    Example:
      treatycmp profile ussr-dprk-1961 dprk-russia-2024@meduza us-rok-1953 nato
      treatycmp profile nato -f markdown -o nato-profile.md
    """
    from ..profile import profile_treaty
    from ..render import findings as render

    corpus = load_corpus(corpus_dirs)
    rules = get_rules(rule_files)
    profiles = [profile_treaty(corpus.get(name), rules, level) for name in treaties]  # type: ignore[arg-type]
    for p in profiles:
        warn(p.warning)
    if view.fmt == "json":
        view.emit(render.profile_json(profiles))
    elif view.fmt == "markdown":
        view.emit(render.profile_markdown(profiles))
    else:
        view.emit(lambda console: render.profile_table(profiles, console.width))


@click.command("grep")
@click.argument("phrase")
@click.option(
    "--exact", is_flag=True, help="Match the phrase exactly (after normalisation), not fuzzily."
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=90.0,
    show_default=True,
    help="Minimum fuzzy score (0-100) for a clause to be listed.",
)
@click.option(
    "--treaty",
    "only",
    multiple=True,
    metavar="TREATY",
    help="Search only these treaties (repeatable); default: the whole corpus.",
)
@corpus_option
@view_options(["table", "markdown", "json"])
def grep_cmd(
    phrase: str,
    exact: bool,
    min_score: float,
    only: tuple[str, ...],
    corpus_dirs: tuple[str, ...],
    view: View,
) -> None:
    """Find every clause in the corpus that contains a phrase (fuzzy by default).

    Exit status 0 when something matched, 1 when nothing did.

    \b
    Example:
      treatycmp grep "constitutional processes"
      treatycmp grep "유엔헌장 제51조" --exact
    """
    from ..render import findings as render
    from ..search import grep_clauses

    corpus = load_corpus(corpus_dirs)
    treaties = [corpus.get(name) for name in only] if only else list(corpus.treaties)
    hits = grep_clauses(phrase, treaties, exact=exact, min_score=min_score)
    if view.fmt == "json":
        view.emit(render.grep_json(phrase, hits))
    elif view.fmt == "markdown":
        view.emit(render.grep_markdown(phrase, hits))
    else:
        view.emit(lambda console: render.grep_table(hits, plain=is_plain(console)))
    raise SystemExit(0 if hits else 1)


COMMANDS = [buffers_cmd, profile_cmd, grep_cmd]
