"""Commands over the corpus itself: list, show, validate, import."""

from __future__ import annotations

import os
from pathlib import Path

import click

from treatycmp.cli.common import (
    ExitStatus,
    View,
    corpus_option,
    load_corpus,
    max_clauses_option,
    register_inputs,
    say,
    view_options,
)
from treatycmp.cli.completion import complete_article_or_treaty
from treatycmp.cli.named import is_document, treaty_named
from treatycmp.cli.progress import progress, quiet_option, tick
from treatycmp.errors import LookupProblem, Problem, TreatyFileError
from treatycmp.model import Treaty
from treatycmp.render.outputs import OUTPUTS


@click.command("list")
@corpus_option
@view_options(OUTPUTS["list"])
@quiet_option
def list_cmd(
    corpus_dirs: tuple[str, ...],
    view: View,
) -> int:
    """List the treaties in the corpus.

    \b
    Example:
      treatycmp list
      treatycmp list --corpus my-treaties/ -f json
    """
    return view.show(OUTPUTS["list"], load_corpus(corpus_dirs).treaties)


@click.command("show")
@click.argument("treaty", shell_complete=complete_article_or_treaty)
@click.option(
    "--article",
    "article_number",
    metavar="N",
    help="Show only article N (as numbered in the text).",
)
@corpus_option
@view_options(OUTPUTS["show"])
@max_clauses_option
@quiet_option
def show_cmd(
    treaty: str,
    article_number: str | None,
    corpus_dirs: tuple[str, ...],
    view: View,
    max_clauses: int,
) -> int:
    """Show a treaty, or one article, with its clause ids, gaps and caveats.

    A treaty may also be a document file (text, Markdown, PDF, Word, web page) or '-'
    (standard input), read as 'import' reads it.

    The terminal table lays out every paragraph (about 0.7 ms each): a text of more
    than --max-clauses paragraphs is refused there; the other formats stream it.

    \b
    Example:
      treatycmp show dprk-russia-2024
      treatycmp show nato --article 5   (or: treatycmp show nato:5)
    """
    from treatycmp.corpus import is_path_name, split_clause_ref

    corpus = load_corpus(corpus_dirs)
    # The argument that named the article: the user's to fix, not the treaty's file.
    shown_name = treaty
    asked = treaty if article_number is None else f"--article {article_number}"
    if ":" in treaty and not is_path_name(treaty):
        # TREATY:N as everywhere else: here, article N.
        treaty, in_ref = split_clause_ref(treaty)
        if article_number is not None and article_number != in_ref:
            raise click.UsageError(
                f"'{shown_name}' and '--article {article_number}' name two articles: "
                "give one (TREATY:N or --article N)"
            )
        article_number = in_ref
    t = treaty_named(corpus, treaty)
    register_inputs(t.path)
    article = None
    if article_number is not None:
        article = t.article(article_number)
        if article is None:
            numbers = ", ".join(a.number for a in t.article_list) or "none"
            raise LookupProblem(
                Problem(
                    asked,
                    None,
                    f"{t.id} has no article {article_number}",
                    f"choose one of its articles: {numbers}",
                )
            )
    if view.fmt == "table":
        from treatycmp.formats.budget import check_clauses

        shown = article.paragraphs if article is not None else t.clauses("paragraph")
        fix = "choose one with --article N, write it -f markdown, json or csv, or "
        check_clauses([(t.id, len(shown))], "paragraph", max_clauses, "laying out", fix)
    return view.show(OUTPUTS["show"], (t, article))


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@view_options(OUTPUTS["validate"], pager=False, width=False)
@quiet_option
def validate_cmd(paths: tuple[Path, ...], view: View) -> int:
    """Check treaty files (or folders of them) and print every problem found.

    One line per problem (-f text), or a document (-f json) or a row per problem
    (-f csv, -f tsv); warnings and the count go to stderr.
    Exit status 0 when every file is valid, 2 otherwise.

    \b
    Example:
      treatycmp validate data/treaties/
      treatycmp validate my-treaty.yaml
      treatycmp validate my-treaties/ -f csv -o problems.csv
    """
    from treatycmp.formats.treaty_yaml import check_file
    from treatycmp.render.problems import Validation, summary_line

    files = _treaty_files(paths)
    errors: list[Problem] = []
    invalid = 0
    loaded = []
    with progress("validating") as update:
        for path in tick(update, files):
            if is_document(str(path)):
                # Read as YAML, a text was 'not valid YAML ... fix the YAML syntax'.
                problems = [_document_problem(path)]
                errors.extend(problems)
                invalid += 1
                continue
            treaty, problems = check_file(path)
            errors.extend(problems)
            invalid += bool(problems)
            if treaty is not None:
                loaded.append(treaty)
    duplicates = _duplicate_ids(loaded)
    errors.extend(duplicates)
    invalid += len(duplicates)
    warnings = tuple(dangling_references(loaded))
    if view.fmt == "text":
        for warning in warnings:
            say(f"treatycmp: warning: {warning}")
    result = Validation(len(files), invalid, tuple(errors), warnings)
    view.show(OUTPUTS["validate"], result)
    say(summary_line(result))
    return ExitStatus.ERROR if errors else ExitStatus.OK


def _duplicate_ids(treaties: list[Treaty]) -> list[Problem]:
    """A problem for each file whose id an earlier file has: each was valid alone, but as
    a corpus folder the set was refused ('id ... is also used by')."""
    first: dict[str, str | None] = {}
    out: list[Problem] = []
    for t in treaties:
        if t.id in first:
            out.append(
                Problem(
                    str(t.path),
                    None,
                    f"id '{t.id}' is also used by {first[t.id]}",
                    "give each treaty file its own id",
                )
            )
        else:
            first[t.id] = t.path
    return out


def _document_problem(path: Path) -> Problem:
    from treatycmp.formats.inputs import shown

    return Problem(
        shown(path),
        None,
        "is a document, not a treaty YAML file",
        f"turn it into one with 'treatycmp import {shown(path)} --id ID -o ID.yaml' "
        "and validate that",
    )


def _treaty_files(paths: tuple[Path, ...]) -> list[Path]:
    """The treaty files under ``paths``; a path that is missing or holds none is an error."""
    from treatycmp.corpus import iter_treaty_files
    from treatycmp.formats.inputs import os_problem, shown

    files: list[Path] = []
    for path in paths:
        try:
            os.stat(path)
        except OSError as exc:
            problem = os_problem(shown(path), exc, "file")
            if isinstance(exc, FileNotFoundError):
                problem = Problem(shown(path), None, "no such file or folder", "check the path")
            raise TreatyFileError(problem) from None
        found = list(iter_treaty_files(path))
        if path.is_dir() and not found:
            raise TreatyFileError(
                Problem(str(path), None, "holds no .yaml files", "name a folder of treaty files")
            )
        files.extend(found)
    return list(dict.fromkeys(files))  # a file named twice is one file (not '2 valid')


def dangling_references(treaties: list[Treaty]) -> list[Problem]:
    """``rendering_of`` and ``supersedes`` ids found neither in these files nor bundled."""
    from treatycmp.corpus import bundled_paths

    known = {t.id for t in treaties} | {p.stem.replace("_at_", "@") for p in bundled_paths()}
    out: list[Problem] = []
    for t in treaties:
        refs = [("rendering_of", t.rendering_of)] + [("supersedes", r) for r in t.supersedes]
        out.extend(
            Problem(
                str(t.path),
                None,
                f"{field} names '{ref}', which is neither bundled nor in these files",
            )
            for field, ref in refs
            if ref and ref not in known
        )
    return out


COMMANDS = [list_cmd, show_cmd, validate_cmd]
