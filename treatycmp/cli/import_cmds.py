"""``treatycmp import`` (any document -> treaty YAML) and ``treatycmp export`` (-> Akoma Ntoso)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from treatycmp.cli.common import (
    ExitStatus,
    corpus_option,
    load_corpus,
    register_inputs,
    say,
    say_written,
    write_output,
)
from treatycmp.cli.completion import complete_treaty
from treatycmp.cli.params import MEGABYTES, LazyChoice, OutputPath
from treatycmp.errors import Problem, TreatycmpError, TreatyFileError
from treatycmp.formats.budget import ReadLimits

if TYPE_CHECKING:
    from types import ModuleType

    from treatycmp.formats import registry
    from treatycmp.formats.segment import Meta
    from treatycmp.model import Treaty


# The registry is read when a command's help or parsing needs the names, not when the
# CLI is built: a diff never imports it.
def _registry() -> ModuleType:
    from treatycmp.formats import registry

    return registry


SOURCE_FORMATS = LazyChoice(lambda: ["auto", *_registry().readable()])
IMPORT_FORMATS = LazyChoice(lambda: _registry().writable(first="yaml"))
EXPORT_FORMATS = LazyChoice(lambda: _registry().writable(first="akn"))


def _progress(label: str) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """The one progress bar (``cli.progress``): its update callback or None, and its closer."""
    from treatycmp.cli.progress import start

    return start(label)


def _parties(value: str | None) -> tuple[str, ...]:
    parties = tuple(p.strip() for p in (value or "").split(";") if p.strip())
    if value is not None and not parties:
        # Given but empty: not the same as not given (the document's header would win).
        raise click.BadParameter(
            f"'{value}' names no party; write them separated by ';': 'A; B'",
            param_hint="--parties",
        )
    return parties


def _budget_options(command: Callable[..., int]) -> Callable[..., int]:
    """``--max-pages``, ``--max-paragraphs``, ``--max-articles``: the reading budget,
    handed to the command as one ``limits: ReadLimits``."""
    defaults = ReadLimits()

    @functools.wraps(command)
    def with_limits(
        *args: object, max_pages: int, max_paragraphs: int, max_articles: int, **kwargs: object
    ) -> int:
        limits = ReadLimits(max_pages, max_paragraphs, max_articles)
        return command(*args, limits=limits, **kwargs)

    for name, default, what in (
        ("articles", defaults.articles, "articles (Akoma Ntoso)"),
        ("paragraphs", defaults.paragraphs, "paragraphs or lines (Word, web page, text)"),
        ("pages", defaults.pages, "pages (PDF)"),
    ):
        with_limits = click.option(
            f"--max-{name}",
            type=click.IntRange(1),
            default=default,
            show_default=True,
            metavar="N",
            help=f"Refuse a document of more than N {what}: the budget that keeps an "
            "import linear and finite.",
        )(with_limits)
    return with_limits


@click.command("import")
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@click.option(
    "--from",
    "source_format",
    type=SOURCE_FORMATS,
    default="auto",
    show_default=True,
    help="What SOURCE is. auto: recognised from its bytes (PDF, Word .docx, HTML, "
    "Akoma Ntoso, ToTA or TEI XML, else plain text). A named format must match the bytes.",
)
@click.option(
    "--id",
    "treaty_id",
    metavar="ID",
    help="The new treaty's id (a slug such as us-rok-1953). Required except for "
    "ToTA and Akoma Ntoso files that carry one.",
)
@click.option("--title", help="Its title (default: the document's title or heading, or the id).")
@click.option("--parties", metavar="'A; B'", help="Its parties, separated by ';'.")
@click.option(
    "--signed", metavar="DATE", help="Where and when it was signed: 'Moscow, 6 July 1961'."
)
@click.option(
    "--language",
    default=None,
    help="ISO 639-1 code of the language to import (en, fr, zh): from a bilingual "
    "document, that language's text. Default: detected (the first language met that "
    "holds a fifth of the words).",
)
@click.option(
    "--allow-partial",
    is_flag=True,
    help="Import a text whose structure lost words, or a long text without article "
    "headings that shows headings not read, with a warning instead of exit 2.",
)
@click.option(
    "--official/--unofficial",
    default=None,
    help="Whether the text is an official text or translation. Default: not given "
    "(outputs say so, and do not call the text unofficial).",
)
@click.option(
    "--complete",
    is_flag=True,
    help="Say the text is whole even without article headings (else it is marked partial).",
)
@click.option(
    "--column",
    type=click.IntRange(1, 2),
    help="PDF pages in two columns, or a Word table with two texts side by side "
    "(e.g. English beside French): read this one.",
)
@click.option(
    "--html-extractor",
    type=click.Choice(["readability", "trafilatura"]),
    default="readability",
    show_default=True,
    help="Main-content extractor for web pages (see docs/format.md).",
)
@click.option(
    "-f",
    "--format",
    "out_format",
    type=IMPORT_FORMATS,
    default="yaml",
    show_default=True,
    help="Write treaty YAML, or Akoma Ntoso XML.",
)
@click.option(
    "--max-input",
    type=MEGABYTES,
    metavar="MB",
    help="Refuse inputs larger than this (default 50 MB, or $TREATYCMP_MAX_INPUT_MB).",
)
@click.option(
    "-o",
    "--output",
    "output_name",
    type=OutputPath(),
    metavar="PATH",
    help="Write to this file (or, for a ToTA folder, this folder) instead of standard "
    "output. Atomic; never overwrites without --force.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite existing output. Without it a ToTA folder import skips the files "
    "already written, so an interrupted import resumes where it stopped.",
)
@_budget_options
def import_cmd(  # long: its docstring is the --help screen, which the user reads whole
    sources: tuple[str, ...],
    source_format: str,
    treaty_id: str | None,
    title: str | None,
    parties: str | None,
    signed: str | None,
    language: str | None,
    allow_partial: bool,
    official: bool | None,
    complete: bool,
    column: int | None,
    html_extractor: str,
    out_format: str,
    max_input: float | None,
    output_name: str | None,
    force: bool,
    limits: ReadLimits,
) -> int:
    """Turn a PDF, Word file, web page, text or XML into treaty YAML.

    The format is recognised from the file's bytes. Plain text: an optional
    '# Key: value' header ('# Title:', '# Parties: A; B', '# Signed: Moscow,
    6 July 1961'), the preamble, then headings such as 'Article 1', 'ARTICLE I',
    'Art. 1.', '제1조' or 'Статья 1', each followed by its paragraphs, one per
    line; '[GAP: reason]' marks missing text. PDF, Word and web pages are read
    into the same paragraphs and headings. What the document does not state is
    given with --parties, --signed, --title, or left unknown with a warning. The
    result is validated before it is written. SOURCE '-' reads standard input.

    Several SOURCEs, or a folder of .txt/.md/.docx/.pdf/.html: each to -o
    FOLDER/<id>.yaml, the id from its file name (so no --id), one error per bad
    file (exit 2 if any); files that would share an id (pact.txt, pact.md) are
    all refused, in one error naming them. The words read and kept are said on
    stderr: under 99% kept, or a long text without articles that shows headings
    not read (lines shaped like headings), stops with exit 2 unless
    --allow-partial; one that shows none is a preamble, with a warning.

    ToTA: a folder of pta_N.xml files becomes a folder of tota-pta-N.yaml files;
    files already there are skipped unless --force. Each file's shingle set is
    stored in .treatycmp-sets/ beside it: a first matrix reads it instead of the file.

    \b
    Example:
      treatycmp import treaty.pdf --id my-treaty-2025 --parties 'A; B' -o my-treaty-2025.yaml
      treatycmp import page.html --id my-treaty-2025 -o my-treaty-2025.yaml
      cat treaty.txt | treatycmp import - --id my-treaty-2025
      treatycmp import a.txt b.pdf c.html -o out/
      treatycmp import tota/xml/ -o out/
    """
    from dataclasses import replace

    from treatycmp.cli.tota_import import import_tota, names_folder
    from treatycmp.formats.inputs import max_input_bytes, read_input, shown
    from treatycmp.formats.segment import Meta
    from treatycmp.formats.sniff import sniff

    _check_options(treaty_id, language or "en", signed)
    limit = max_input_bytes(max_input)
    # A str, not a Path: Path("out/") drops the slash that says "a folder".
    output = Path(output_name) if output_name is not None else None
    to_folder = output_name is not None and names_folder(output_name)
    tota = partial(import_tota, output=output, force=force, to_folder=to_folder, limit=limit)
    meta = replace(
        Meta(title, _parties(parties), signed, language or "en", official, complete or None),
        language_given=language is not None,
        allow_partial=allow_partial,
    )
    from treatycmp.formats import registry  # on use: start-up

    options = registry.ReadOptions(source_format, column, html_extractor, limits=limits)
    source = sources[0]
    many = len(sources) > 1 or _is_document_folder(source, source_format)
    tota_source = source != "-" and _is_tota_source(source, source_format)
    if treaty_id is not None and (many or tota_source):
        raise TreatyFileError(
            Problem(
                "--id",
                None,
                "names one treaty, but this import writes a treaty per document, each "
                "with its own id (from its file name)",
                "drop --id, or import one file with it",
            )
        )
    if many:
        return _import_many(list(sources), output, force, meta, options, limit)
    if tota_source:
        tota(Path(source), progress=_progress)
        return ExitStatus.OK
    name = "<stdin>" if source == "-" else shown(source)
    data = read_input(source, limit=limit, what="document")
    if source != "-" and source_format == "auto" and sniff(data) == "tota":
        tota(Path(source))
        return ExitStatus.OK
    if output is not None and to_folder:
        raise _folder_output(output, treaty_id)
    treaty = _read(data, name, treaty_id, meta, options)
    from treatycmp.formats import registry  # on use: start-up

    text = registry.write_text(out_format, treaty)
    # Data, not a report: the writers escape what they must, exactly (see xml_safe).
    write_output(text, output, force=force, exact=True)
    _say_written(output, treaty)
    return ExitStatus.OK


def _say_written(output: Path | None, treaty: Treaty) -> None:
    if output is not None and str(output) != "-":
        say_written(output, len(treaty.article_list))


def _check_options(treaty_id: str | None, language: str, signed: str | None) -> None:
    """Refuse an --id, --language or --signed the treaty could not hold, before reading."""
    from treatycmp.formats.inputs import shown
    from treatycmp.formats.segment import read_date
    from treatycmp.formats.treaty_yaml import ID_PATTERN, LANG_PATTERN

    if treaty_id is not None and not ID_PATTERN.match(treaty_id):
        raise click.BadParameter(
            "use lowercase letters, digits and '-' (e.g. us-rok-1953)", param_hint="--id"
        )
    if not LANG_PATTERN.match(language):
        raise TreatyFileError(
            Problem(
                "--language",
                None,
                f"'{shown(language)}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        )
    if signed is not None and read_date(signed) is None:
        raise TreatyFileError(
            Problem(
                "--signed",
                None,
                f"'{shown(signed)[:60]}' holds no date that can be read",
                "write 'Moscow, 6 July 1961' or 1961-07-06",
            )
        )


def _folder_output(output: Path, treaty_id: str | None) -> TreatycmpError:
    """The error for ``-o FOLDER/`` when the import writes one file."""
    from treatycmp.errors import OutputError

    return OutputError(
        Problem(
            str(output),
            None,
            "is a folder, but an import writes one file",
            f"give a file name, e.g. -o {output / ((treaty_id or 'treaty') + '.yaml')}",
        )
    )


def _is_tota_source(source: str, source_format: str) -> bool:
    """Whether SOURCE goes to the ToTA import by its kind alone: a folder, or --from tota."""
    from treatycmp.formats.inputs import os_problem, shown

    register_inputs(source)
    try:
        is_folder = Path(source).is_dir()
    except OSError as exc:
        raise TreatyFileError(os_problem(shown(source), exc)) from None
    return is_folder or source_format == "tota"


def _read(
    data: bytes, name: str, treaty_id: str | None, meta: Meta, options: registry.ReadOptions
) -> Treaty:
    """The document read (a progress bar on a terminal), its warnings said on stderr."""
    from dataclasses import replace

    from treatycmp.formats.documents import read_document

    progress, done = _progress("reading")
    warnings: list[str] = []
    report: list[str] = []
    try:
        treaty = read_document(
            data,
            name,
            treaty_id=treaty_id,
            meta=meta,
            options=replace(options, progress=progress),
            warnings=warnings,
            report=report,
        )
    finally:
        done()
        for line in report:
            say(f"treatycmp: {line}")
        for warning in warnings:
            say(f"treatycmp: warning: {warning}")
    return treaty


def _is_document_folder(source: str, source_format: str) -> bool:
    """Whether SOURCE is a folder of documents (not of ToTA's pta_N.xml files)."""
    path = Path(source)
    try:
        if source == "-" or source_format == "tota" or not path.is_dir():
            return False
        return not any(path.glob("*.xml"))
    except OSError:  # a name the system rejects: said when the file is read
        return False


def _import_many(
    sources: list[str],
    output: Path | None,
    force: bool,
    meta: Meta,
    options: registry.ReadOptions,
    limit: int,
) -> int:
    """Several documents (or a folder of them), each to its own file in ``output``."""
    from treatycmp.cli.import_many import document_paths, import_documents
    from treatycmp.formats.inputs import read_input

    register_inputs(*sources)

    def read_one(data: bytes, name: str, treaty_id: str) -> tuple[Treaty, str]:
        treaty = _read(data, name, treaty_id, meta, options)
        from treatycmp.formats import registry  # on use: start-up

        return treaty, registry.write_text("yaml", treaty)

    import_documents(
        document_paths(sources),
        output,
        force=force,
        read_one=read_one,
        read_bytes=lambda p: read_input(p, limit=limit, what="document"),
    )
    return ExitStatus.OK


@click.command("export")
@click.argument("treaty", shell_complete=complete_treaty)
@click.option(
    "-f",
    "--format",
    "out_format",
    type=EXPORT_FORMATS,
    default="akn",
    show_default=True,
    help="Akoma Ntoso 3.0 XML, or treaty YAML.",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE instead of standard output (atomically; never overwrites without --force).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option(
    "--schema",
    "xsd",
    metavar="XSD",
    help="Check the Akoma Ntoso against this copy of the OASIS schema (akomantoso30.xsd) "
    "before writing; needs the akn extra (lxml).",
)
@corpus_option
def export_cmd(
    treaty: str,
    out_format: str,
    output: Path | None,
    force: bool,
    xsd: str | None,
    corpus_dirs: tuple[str, ...],
) -> int:
    """Write a treaty of the corpus as Akoma Ntoso XML (or YAML).

    Our metadata goes in the FRBR block (and <proprietary>); articles become
    <article eId="art_N">; gaps become <omissis>. 'treatycmp import' reads it back.
    A treaty may also be a document file (text, Markdown, PDF, Word, web page) or '-'
    (standard input), read as 'import' reads it.

    \b
    Example:
      treatycmp export nato -o north-atlantic-1949.akn.xml
      treatycmp export nato --schema akomantoso30.xsd -o north-atlantic-1949.akn.xml
    """
    from treatycmp.cli.named import treaty_named

    t = treaty_named(load_corpus(corpus_dirs), treaty)
    register_inputs(t.path)
    from treatycmp.formats import registry  # on use: start-up

    text = registry.write_text(out_format, t)
    if out_format == "akn" and xsd is not None:
        from treatycmp.formats.akn import schema_problems

        problems = schema_problems(text, xsd, f"{t.id} as Akoma Ntoso")
        if problems:
            raise TreatyFileError(problems)
    write_output(text, output, force=force, exact=True)
    _say_written(output, t)  # as import says it
    return ExitStatus.OK


COMMANDS = [import_cmd, export_cmd]
