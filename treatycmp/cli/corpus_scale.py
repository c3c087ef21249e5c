"""Corpus-scale commands: matrix, nearest, check."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..corpus import Corpus

from .common import (
    ExitStatus,
    View,
    color_option,
    corpus_option,
    is_plain,
    level_option,
    load_corpus,
    make_console,
    register_inputs,
    view_options,
    write_output,
)
from .rules_cmds import get_rules, rules_option


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=make_console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _treaties(corpus: Corpus, names: tuple[str, ...], renderings: bool) -> list[str]:
    if names:
        return [corpus.get(n).id for n in names]
    return [t.id for t in corpus.treaties if renderings or t.rendering_of is None]


@click.command("matrix")
@click.argument("treaties", nargs=-1)
@corpus_option
@click.option(
    "--renderings/--no-renderings",
    default=False,
    show_default=True,
    help="Without TREATY arguments: include renderings and other-language texts.",
)
@level_option("paragraph", "Which clauses make up each treaty's text.")
@view_options(["table", "csv", "json", "markdown"])
def matrix_cmd(
    treaties: tuple[str, ...],
    corpus_dirs: tuple[str, ...],
    renderings: bool,
    level: str,
    view: View,
) -> None:
    """Pairwise similarity of whole treaties, as a heat map, CSV, JSON or markdown.

    Scores are the Jaccard similarity of the treaties' 5-character shingle sets
    (docs/performance.md); without TREATY arguments, every main text in the corpus.

    \b
    Example:
      treatycmp matrix
      treatycmp matrix --corpus tota-yaml/ -f csv -o matrix.csv
    """
    from ..render import corpus_scale as render
    from ..similarity import treaty_matrix

    corpus = load_corpus(corpus_dirs)
    ids = _treaties(corpus, treaties, renderings)
    chosen = [corpus.get(i) for i in ids]
    with progress_bar("matrix") as progress:
        m = treaty_matrix(chosen, level=level, progress=progress)  # type: ignore[arg-type]
    if view.fmt == "table":
        view.emit(lambda console: render.matrix_table(m, plain=is_plain(console)))
        return
    text = {
        "csv": render.matrix_csv,
        "json": render.matrix_json,
        "markdown": render.matrix_markdown,
    }
    view.emit(text[view.fmt](m))


@click.command("nearest")
@click.argument("query")
@click.option(
    "-k",
    "--top",
    "k",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many clauses to list.",
)
@click.option(
    "--other-treaties/--any-treaty",
    default=False,
    show_default=True,
    help="For a clause id: leave out the clause's own treaty.",
)
@level_option("paragraph", "Compare paragraphs or whole articles.")
@corpus_option
@view_options(["table", "markdown", "json"])
def nearest_cmd(
    query: str,
    k: int,
    other_treaties: bool,
    level: str,
    corpus_dirs: tuple[str, ...],
    view: View,
) -> None:
    """The clauses most similar to a clause (TREATY:CLAUSE) or to quoted text.

    \b
    Example:
      treatycmp nearest dprk-russia-2024:4
      treatycmp nearest "in accordance with its constitutional processes" -k 5
    """
    from ..render import corpus_scale as render
    from ..similarity import ClauseIndex, Neighbour

    corpus = load_corpus(corpus_dirs)
    with progress_bar("indexing") as progress:
        index = ClauseIndex.build(corpus.treaties, level=level, progress=progress)  # type: ignore[arg-type]
    if ":" in query and not any(ch.isspace() for ch in query):
        treaty, clause = corpus.clause(query, level)  # type: ignore[arg-type]

        # By text, so a whole article ("nato:5") is a query at paragraph level too;
        # the query's own paragraphs are left out of the answer.
        def own(n: Neighbour) -> bool:
            return n.treaty == treaty.id and clause.id in (n.clause.id, n.clause.article)

        extra = len(treaty.clauses(level))  # type: ignore[arg-type]
        shortlist = index.nearest(
            clause.text, k + extra, exclude_treaties=(treaty.id,) if other_treaties else ()
        )
        found = tuple(n for n in shortlist if not own(n))[:k]
    else:
        found = index.nearest(query, k)
    if view.fmt == "json":
        view.emit(render.nearest_json(query, found))
    elif view.fmt == "markdown":
        view.emit(render.nearest_markdown(query, found))
    else:
        view.emit(lambda console: render.nearest_table(found))


@click.command("check")
@click.argument("expectations", type=click.Path(dir_okay=False, path_type=Path))
@corpus_option
@rules_option
@click.option(
    "--junit",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Also write JUnit XML for CI systems to FILE (overwritten).",
)
@color_option
def check_cmd(
    expectations: Path,
    corpus_dirs: tuple[str, ...],
    rule_files: tuple[Path, ...],
    junit: Path | None,
    color: str,
) -> None:
    """Check what a research repository expects of its treaties (see docs/ci.md).

    Exit status 0 when every expectation holds, 1 when any fails, 2 when the file
    is invalid or names a treaty, clause or rule that does not exist.

    \b
    Example:
      treatycmp check expectations.yaml
      treatycmp check expectations.yaml --junit treatycmp-junit.xml
    """
    from ..expectations import check_junit_path, junit_xml, load_expectations, run_checks
    from ..render import corpus_scale as render
    from ..render.escape import safe_output

    register_inputs(expectations)
    if junit is not None:
        check_junit_path(junit)
    spec = load_expectations(expectations)
    corpus = load_corpus((*map(str, spec.corpus), *corpus_dirs))
    rules = get_rules((*spec.rules, *rule_files))
    outcomes = run_checks(spec, corpus, rules)
    console = make_console(color)
    with console.capture() as captured:
        console.print(render.check_report(spec.path, outcomes), end="", soft_wrap=True)
    click.echo(safe_output(captured.get(), colour=True), nl=False, color=True)
    if junit is not None:
        write_output(junit_xml(spec.path, outcomes), junit, force=True)
    raise SystemExit(ExitStatus.OK if all(o.passed for o in outcomes) else ExitStatus.DIFFERENCES)


COMMANDS = [matrix_cmd, nearest_cmd, check_cmd]
