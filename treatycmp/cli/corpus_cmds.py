"""Commands over the corpus itself: list, show, validate, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import Problem, TreatyFileError
from ..model import Treaty
from ..render.tables import table_formats
from .common import (
    ExitStatus,
    Renderer,
    View,
    corpus_option,
    load_corpus,
    register_inputs,
    say,
    view_options,
    write_output,
)
from .completion import complete_treaty


def _render() -> Any:
    from ..render import corpus

    return corpus


LIST_FORMATS: dict[str, Renderer] = {
    "table": lambda ts: lambda _console: _render().listing_table(ts),
    "markdown": lambda ts: _render().render_listing_markdown(ts),
    "json": lambda ts: _render().render_listing_json(ts),
    **table_formats(lambda ts: _render().listing_csv_table(ts)),
}


@click.command("list")
@corpus_option
@view_options(LIST_FORMATS)
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
    return view.show(LIST_FORMATS, load_corpus(corpus_dirs).treaties)


SHOW_FORMATS: dict[str, Renderer] = {
    "table": lambda r: _render().show_group(*r),
    "markdown": lambda r: _render().render_show_markdown(*r),
    "json": lambda r: _render().render_show_json(*r),
}


@click.command("show")
@click.argument("treaty", shell_complete=complete_treaty)
@click.option(
    "--article",
    "article_number",
    metavar="N",
    help="Show only article N (as numbered in the text).",
)
@corpus_option
@view_options(SHOW_FORMATS)
def show_cmd(
    treaty: str,
    article_number: str | None,
    corpus_dirs: tuple[str, ...],
    view: View,
) -> int:
    """Show a treaty, or one article, with its clause ids, gaps and caveats.

    \b
    Example:
      treatycmp show dprk-russia-2024
      treatycmp show nato --article 5
    """
    t = load_corpus(corpus_dirs).get(treaty)
    register_inputs(t.path)
    article = None
    if article_number is not None:
        article = t.article(article_number)
        if article is None:
            numbers = ", ".join(a.number for a in t.article_list) or "none"
            raise TreatyFileError(
                Problem(
                    t.path or t.id,
                    None,
                    f"{t.id} has no article {article_number}",
                    f"choose one of its articles: {numbers}",
                )
            )
    return view.show(SHOW_FORMATS, (t, article))


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_cmd(paths: tuple[Path, ...]) -> int:
    """Check treaty files (or folders of them) and print every problem found.

    Exit status 0 when every file is valid, 2 otherwise.

    \b
    Example:
      treatycmp validate data/treaties/
      treatycmp validate my-treaty.yaml
    """
    from ..loading import check_file, iter_treaty_files

    files: list[Path] = []
    for path in paths:
        if not path.exists():
            click.echo(str(Problem(str(path), None, "no such file or folder", "check the path")))
            return ExitStatus.ERROR
        found = list(iter_treaty_files(path))
        if path.is_dir() and not found:
            click.echo(
                str(
                    Problem(
                        str(path), None, "holds no .yaml files", "name a folder of treaty files"
                    )
                )
            )
            return ExitStatus.ERROR
        files.extend(found)
    bad = 0
    total = 0
    loaded = []
    for path in files:
        treaty, problems = check_file(path)
        total += len(problems)
        bad += bool(problems)
        for problem in problems:
            click.echo(str(problem))
        if treaty is not None:
            loaded.append(treaty)
    for warning in dangling_references(loaded):
        say(f"treatycmp: warning: {warning}")
    if bad:
        say(f"{total} problem(s) in {bad} of {len(files)} file(s).")
        return ExitStatus.ERROR
    say(f"{len(files)} file(s) valid.")
    return ExitStatus.OK


def dangling_references(treaties: list[Treaty]) -> list[str]:
    """``rendering_of`` and ``supersedes`` ids found neither in these files nor bundled."""
    from ..loading import bundled_paths

    known = {t.id for t in treaties} | {p.stem.replace("_at_", "@") for p in bundled_paths()}
    out: list[str] = []
    for t in treaties:
        refs = [("rendering_of", t.rendering_of)] + [("supersedes", r) for r in t.supersedes]
        out.extend(
            f"{t.path}: {field} names '{ref}', which is neither bundled nor in these files"
            for field, ref in refs
            if ref and ref not in known
        )
    return out


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["text", "tota"]),
    default="text",
    show_default=True,
    help="What SOURCE is: a plain-text treaty, or ToTA XML (a file or a folder).",
)
@click.option(
    "--id",
    "treaty_id",
    metavar="ID",
    help="The new treaty's id (a slug such as us-rok-1953). Required for text.",
)
@click.option("--title", help="Its title (default: the '# Title:' header line, or the id).")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="ISO 639-1 code of the text's language (en, ko, ru).",
)
@click.option(
    "-o",
    "--output",
    "output_name",
    type=click.Path(),
    metavar="PATH",
    help="Write to this file (text, one ToTA file) or folder (ToTA; FOLDER/ID.yaml each) "
    "instead of standard output. Atomic; never overwrites without --force.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite existing output. Without it a ToTA folder import skips the files "
    "already written, so an interrupted import resumes where it stopped.",
)
def import_cmd(
    source: Path,
    source_format: str,
    treaty_id: str | None,
    title: str | None,
    language: str,
    output_name: str | None,
    force: bool,
) -> int:
    """Turn a plain-text treaty (or ToTA XML) into a treaty YAML file.

    The text: an optional '# Key: value' header ('# Title:', '# Parties: A; B',
    '# Signed: Moscow, 6 July 1961' or '1961-07-06'), the preamble, then headings
    such as 'Article 1', 'ARTICLE I', 'Art. 1.', '제1조' or 'Статья 1', each
    followed by its paragraphs, one per line; '[GAP: reason]' marks missing text.
    The result is validated before it is written: nothing is written if
    'treatycmp validate' would reject it.

    ToTA: a folder of pta_N.xml files becomes a folder of tota-pta-N.yaml files.
    Files already there are skipped (reported on stderr) unless --force, so an
    interrupted import can be run again to finish it.

    \b
    Example:
      treatycmp import treaty.txt --id my-treaty-2025 -o my-treaty-2025.yaml
      treatycmp import --from tota pta_1.xml -o out/
      treatycmp import --from tota tota/xml/ -o out/
    """
    from ..dump import treaty_to_yaml
    from ..errors import OutputError
    from .tota_import import import_tota, names_folder

    # The source is an input like any other: -o (even with --force) never overwrites it.
    register_inputs(source)
    # A str, not a Path: Path("out/") drops the slash that says "a folder".
    output = Path(output_name) if output_name is not None else None
    to_folder = output_name is not None and names_folder(output_name)
    if source_format == "tota":
        import_tota(source, output, force, to_folder=to_folder)
        return ExitStatus.OK
    if treaty_id is None:
        raise click.UsageError("--id is required when importing text (e.g. --id my-treaty-2025)")
    from ..importing import import_text
    from ..loading import ID_PATTERN, LANG_PATTERN, utf16_or_32

    if not ID_PATTERN.match(treaty_id):
        raise click.BadParameter(
            "use lowercase letters, digits and '-' (e.g. us-rok-1953)", param_hint="--id"
        )
    if not LANG_PATTERN.match(language):
        raise TreatyFileError(
            Problem(
                "--language",
                None,
                f"'{language}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        )
    if output is not None and to_folder:
        raise OutputError(
            Problem(
                str(output),
                None,
                "is a folder, but a text import writes one file",
                f"give a file name, e.g. -o {output / (treaty_id + '.yaml')}",
            )
        )
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise TreatyFileError(
            Problem(str(source), None, f"cannot be read ({exc.strerror})", "check the path")
        ) from exc
    try:
        # A byte-order mark (Notepad writes one) is not part of the text.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        wide = utf16_or_32(raw)
        if wide:
            raise TreatyFileError(
                Problem(str(source), None, f"is {wide} text, not UTF-8", "save it as UTF-8")
            ) from exc
        line = raw[: exc.start].count(b"\n") + 1
        raise TreatyFileError(
            Problem(str(source), line, "is not UTF-8 text", "save it as UTF-8")
        ) from exc
    treaty = import_text(
        text, treaty_id=treaty_id, path=str(source), title=title, language=language
    )
    write_output(treaty_to_yaml(treaty), output, force=force, exact=True)
    if output is not None and str(output) != "-":
        say(f"wrote {output} ({len(treaty.article_list)} articles)")
    return ExitStatus.OK


COMMANDS = [list_cmd, show_cmd, validate_cmd, import_cmd]
