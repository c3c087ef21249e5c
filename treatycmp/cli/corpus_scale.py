"""Corpus-scale commands: matrix, nearest, check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from treatycmp.arrays import UInt64Array
    from treatycmp.corpus import Corpus
    from treatycmp.model import Clause, Level, Treaty
    from treatycmp.similarity.nearest import ClauseIndex
    from treatycmp.similarity.store import StoredTreaty
    from treatycmp.similarity.stored_query import Neighbour, StoredQuery

from treatycmp.cli.common import (
    ExitStatus,
    View,
    corpus_option,
    level_option,
    load_corpus,
    max_clauses_option,
    register_inputs,
    register_resolved,
    say,
    view_options,
    write_output,
)
from treatycmp.cli.completion import complete_clause_or_treaty, complete_treaty
from treatycmp.cli.named import clause_named, is_document, treaty_named
from treatycmp.cli.params import OutputPath
from treatycmp.cli.progress import progress, quiet_option
from treatycmp.cli.rules_cmds import get_rules, rules_option
from treatycmp.render.outputs import OUTPUTS

scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this Dask cluster (e.g. tcp://10.0.0.5:8786; default: "
    "$DASK_SCHEDULER_ADDRESS if set); needs the dask extra (dask[distributed]).",
)


def _treaties(corpus: Corpus, names: tuple[str, ...], renderings: bool) -> list[str]:
    if names:
        return [corpus.get(n).id for n in names]
    return [t.id for t in corpus.treaties if renderings or t.rendering_of is None]


@click.command("matrix")
@click.argument("treaties", nargs=-1, shell_complete=complete_treaty)
@corpus_option
@click.option(
    "--renderings/--no-renderings",
    default=False,
    show_default=True,
    help="Without TREATY arguments: include renderings and other-language texts.",
)
@level_option("paragraph", "Which clauses make up each treaty's text.")
@click.option(
    "--top-k",
    "top_k",
    type=click.IntRange(1, 1000),
    metavar="K",
    help="List each treaty's K most similar treaties instead of the full matrix "
    "(scales to corpora whose matrix would not fit in memory).",
)
@scheduler_option
@view_options(OUTPUTS["matrix"])
@quiet_option
def matrix_cmd(
    treaties: tuple[str, ...],
    corpus_dirs: tuple[str, ...],
    renderings: bool,
    level: Level,
    top_k: int | None,
    scheduler: str | None,
    view: View,
) -> int:
    """Pairwise similarity of whole treaties, as a heat map, CSV, JSON or markdown.

    Scores are the Jaccard similarity of the treaties' 5-character shingle sets
    (docs/performance.md); without TREATY arguments, every main text in the corpus.
    A TREATY may also be a document file (text, Markdown, PDF, Word, web page) or '-'
    (standard input), read as 'import' reads it. A heat map wider than the terminal
    comes in blocks of columns, each titled.

    \b
    Example:
      treatycmp matrix
      treatycmp matrix --corpus tota-yaml/ -f csv -o matrix.csv
    """
    from treatycmp.similarity.matrix import matrix_of_sets, treaty_matrix
    from treatycmp.similarity.top_k import top_k_of_sets, treaty_top_k

    address = _scheduler(scheduler)
    if address is not None and top_k is None:
        if scheduler is not None:
            raise click.UsageError("on a Dask cluster, matrix lists the top K: add --top-k K")
        address = None  # the full matrix runs here; the environment's scheduler is for top-k
    if address is not None:  # a wrong address is said before the corpus is read
        from treatycmp.similarity.dask import probe_scheduler

        probe_scheduler(address)
    stored = None if address is not None else _stored_sets(corpus_dirs, treaties, renderings, level)
    if stored is not None:  # the shingle sets of this corpus state, kept from a run before
        ids, sets = stored
        with progress("matrix") as update:
            if top_k is None:
                m: Any = matrix_of_sets(ids, sets, progress=update)
            else:
                m = top_k_of_sets(ids, sets, top_k, progress=update)
        return view.show(OUTPUTS["matrix"], m)
    corpus = load_corpus(corpus_dirs)
    if treaties.count("-") > 1:  # a second read of the stream finds it empty
        raise click.UsageError("standard input ('-') can be read once: name it once")
    if treaties:  # a document is read as import reads it, as show and diff do
        chosen = [treaty_named(corpus, name) for name in treaties]
    else:
        chosen = [corpus.get(i) for i in _treaties(corpus, treaties, renderings)]
    with progress("matrix") as update:
        if top_k is None:
            m = treaty_matrix(chosen, level=level, progress=update)
        elif address is None:
            m = treaty_top_k(chosen, top_k, level=level, progress=update)
        else:
            from treatycmp.similarity import dask as dask_backend

            with dask_backend.connect(address) as client:
                m = dask_backend.top_k(client, chosen, top_k, level=level, progress=update)
    return view.show(OUTPUTS["matrix"], m)


def _stored_sets(
    corpus_dirs: tuple[str, ...], names: tuple[str, ...], renderings: bool, level: Level
) -> tuple[list[str], list[UInt64Array]] | None:
    """The chosen treaties' ids and shingle sets from the sets stored for this corpus
    state (made and stored first when there are none), or None when nothing can be
    stored (caching off, a treaty named by its path, an unreadable state).

    The same sets ``treaty_matrix`` makes (``similarity.sets_store``); a later run
    reads them instead of loading, normalising and hashing every treaty.
    """
    from treatycmp.cache import cache_dir
    from treatycmp.corpus import corpus_files, is_path_name
    from treatycmp.similarity import sets_store

    folder = cache_dir()
    if folder is None or any(is_path_name(n) or n == "-" or is_document(n) for n in names):
        return None
    files, user_files = corpus_files(corpus_dirs)
    try:
        key = sets_store.state_key(files, user_files, level)
    except OSError:
        return None
    stored = sets_store.load(folder, key)
    if stored is None:  # sets ``import`` stored beside the files are read, others made
        with progress("loading and shingling") as update:
            stored = sets_store.build_from_files(files, user_files, level, progress=update)
        sets_store.save(folder, key, stored)
    register_inputs(*files)
    if names:
        chosen = [stored.position(n) for n in names]
    else:
        chosen = [i for i, main in enumerate(stored.main) if renderings or main]
    return [stored.ids[i] for i in chosen], [stored.set_of(i) for i in chosen]


def _scheduler(option: str | None) -> str | None:
    from treatycmp.similarity.scheduler import scheduler_address

    return scheduler_address(option)


@click.command("nearest")
@click.argument("query", shell_complete=complete_clause_or_treaty)
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
@scheduler_option
@view_options(OUTPUTS["nearest"])
@quiet_option
def nearest_cmd(
    query: str,
    k: int,
    other_treaties: bool,
    level: Level,
    corpus_dirs: tuple[str, ...],
    scheduler: str | None,
    view: View,
) -> int:
    """The clauses most similar to a clause (TREATY:CLAUSE) or to quoted text.

    It compares the whole query with each whole clause (the Indel ratio of their
    normalised texts: 1.0 when the same), so a short phrase finds short clauses,
    not the clauses that contain it: to find a phrase, use treatycmp grep PHRASE.

    \b
    Example:
      treatycmp nearest dprk-russia-2024:4
      treatycmp nearest "The Parties will consult whenever the security of any Party is threatened."
      treatycmp grep "in accordance with its constitutional processes"
    """
    from treatycmp.similarity.stored_query import LIGHT_LIMIT

    address = _scheduler(scheduler)
    client = None
    if address is not None:  # first: a wrong address is said before the corpus is read
        from treatycmp.similarity import dask as dask_backend

        client = dask_backend.connect(address)
    light, full, lookup, named = _clause_index(corpus_dirs, level, light=client is None)

    def search(
        text: str, count: int, exclude_treaties: tuple[str, ...] = ()
    ) -> tuple[Neighbour, ...]:
        if light is not None and light.postings_read(text) <= LIGHT_LIMIT:
            return light.nearest(text, count, exclude_treaties=exclude_treaties)
        if client is None:
            return full().nearest(text, count, exclude_treaties=exclude_treaties)
        from treatycmp.similarity import dask as dask_backend

        return dask_backend.nearest(client, full(), text, count, exclude_treaties=exclude_treaties)

    try:
        found = _nearest_found(
            query, k, other_treaties, _with_documents(lookup, corpus_dirs, level), search
        )
    finally:
        if client is not None:
            client.close()
    _say_treaty_named(query, named)
    return view.show(OUTPUTS["nearest"], (query, found))


def _say_treaty_named(query: str, named: Named) -> None:
    """A note when free text is exactly a treaty's id or alias (``nearest nato``): it was
    read as the word alone, with nothing to say the corpus has a treaty of that name."""
    if ":" in query or any(ch.isspace() for ch in query.strip()):
        return
    treaty = named(query)
    if treaty is None:
        return
    name = query.strip()
    first = next((a.number for a in treaty.article_list if a.number), "1")
    say(
        f"treatycmp: note: '{name}' was compared as text; it also names the treaty "
        f"{treaty.id}: to compare one of its clauses, write TREATY:CLAUSE, e.g. "
        f"'treatycmp nearest {name}:{first}' ('treatycmp show {name}' lists them)"
    )


def _with_documents(lookup: Lookup, corpus_dirs: tuple[str, ...], level: Level) -> Lookup:
    """``lookup``, and a clause of a document file (``draft.txt:2``) read as 'import'
    reads it: as treaty YAML it was refused as invalid YAML at some line of the draft."""

    def either(ref: str) -> tuple[str, Clause, int]:
        name, sep, clause_id = ref.rpartition(":")
        if not (sep and clause_id and is_document(name)):
            return lookup(ref)
        treaty, clause = clause_named(load_corpus(corpus_dirs), ref, level)
        return treaty.id, clause, 0  # none of its clauses is in the index

    return either


def _nearest_found(
    query: str,
    k: int,
    other_treaties: bool,
    lookup: Lookup,
    search: Callable[..., tuple[Neighbour, ...]],
) -> tuple[Neighbour, ...]:
    if ":" in query and not any(ch.isspace() for ch in query):
        treaty_id, clause, extra = lookup(query)

        # By text, so a whole article ("nato:5") is a query at paragraph level too;
        # the query's own paragraphs are left out of the answer.
        def own(n: Neighbour) -> bool:
            return n.treaty == treaty_id and clause.id in (n.clause.id, n.clause.article)

        # Ask for k more than the query's own clauses (``extra``), which may fill the
        # first places.
        shortlist = search(
            clause.text, k + extra, exclude_treaties=(treaty_id,) if other_treaties else ()
        )
        return tuple(n for n in shortlist if not own(n))[:k]
    return search(query, k)


Lookup = Callable[[str], tuple[str, "Clause", int]]
"""``TREATY:CLAUSE`` as (treaty id, clause, how many of the treaty's clauses at the
level are that clause or lie in it)."""
Named = Callable[[str], "Treaty | None"]
"""The treaty whose id or alias a name is, exactly (``corpus.exact_name``), or None."""


def _own_clauses(treaty: Treaty, clause: Clause, level: Level) -> tuple[str, Clause, int]:
    mine = treaty.clauses(level)
    return treaty.id, clause, sum(c.id == clause.id or c.article == clause.id for c in mine)


def _clause_index(
    corpus_dirs: tuple[str, ...], level: Level, *, light: bool
) -> tuple[StoredQuery | None, Callable[[], ClauseIndex], Lookup, Named]:
    """The nearest index of the corpus: opened without numpy (``light``, when asked for
    and stored), a getter of the numpy ``ClauseIndex`` (stored, or built and stored), a
    clause lookup and a treaty lookup by exact name.

    A stored index for this exact corpus state (``index_store``) is opened without
    loading the corpus; ``TREATY:CLAUSE`` then loads only the treaty it names.
    """
    from treatycmp.cache import cache_dir
    from treatycmp.corpus import corpus_files, resolve_paths
    from treatycmp.similarity import store as index_store

    files, user_files = corpus_files(corpus_dirs)
    folder = cache_dir()
    key: str | None = None
    reals: list[Path] = []
    if folder is not None:
        try:
            reals = resolve_paths(files)
            key = index_store.state_key(files, user_files, level, reals=reals)
        except OSError:
            key = None
    if folder is None or key is None:
        index, lookup, named = _built_index(corpus_dirs, level, None, None, user_files)
        return None, lambda: index, lookup, named
    where, state = folder, key
    quick = index_store.load_light(where, state) if light else None
    stored = None if quick is not None else index_store.load(where, state)
    if quick is not None:
        resolve, listed = quick.resolve, quick.treaties
    elif stored is not None:
        resolve, listed = stored.resolve, stored.treaties
    else:
        index, lookup, named = _built_index(corpus_dirs, level, where, state, user_files)
        return None, lambda: index, lookup, named
    register_resolved(reals)

    def full() -> ClauseIndex:
        """The numpy index, for a query too heavy for ``quick`` (or for Dask)."""
        found = stored or index_store.load(where, state)
        if found is not None:
            return found.index
        return _built_index(corpus_dirs, level, where, state, user_files)[0]

    def stored_named(name: str) -> Treaty | None:
        from treatycmp.cache import load_treaty_cached
        from treatycmp.corpus import exact_name

        found = exact_name(name, [(t.id, t.aliases) for t in listed])
        if found is None:
            return None
        entry = listed[found]
        return load_treaty_cached(Path(entry.path or ""), where if entry.user else None)

    query = quick.query if quick is not None else None
    return query, full, _stored_lookup(where, level, resolve, query), stored_named


def _built_index(
    corpus_dirs: tuple[str, ...],
    level: Level,
    folder: Path | None,
    key: str | None,
    user_files: set[Path],
) -> tuple[ClauseIndex, Lookup, Named]:
    """The index built from the loaded corpus (and stored under ``key``)."""
    from treatycmp.similarity import store as index_store
    from treatycmp.similarity.nearest import ClauseIndex

    corpus = load_corpus(corpus_dirs)
    with progress("indexing") as update:
        index = ClauseIndex.build(corpus.treaties, level=level, progress=update)
    if folder is not None and key:
        index_store.save(folder, key, index, corpus.treaties, user_files)
    from treatycmp.corpus import exact_name

    def named(name: str) -> Treaty | None:
        found = exact_name(name, [(t.id, t.aliases) for t in corpus.treaties])
        return None if found is None else corpus.treaties[found]

    return index, lambda ref: _own_clauses(*corpus.clause(ref, level), level), named


def _stored_lookup(
    folder: Path,
    level: Level,
    resolve: Callable[[str], StoredTreaty],
    indexed: StoredQuery | None,
) -> Lookup:
    """``TREATY:CLAUSE`` found by the stored index's treaty list: read from the index
    (``indexed``, opened without numpy) when it holds a clause of that id, else from
    that one treaty, loaded."""
    from treatycmp.cache import load_treaty, load_treaty_cached
    from treatycmp.corpus import find_clause, is_path_name, split_clause_ref

    def lookup(ref: str) -> tuple[str, Clause, int]:
        name, clause_id = split_clause_ref(ref)
        if is_path_name(name):
            treaty = load_treaty(name)
        else:
            entry = resolve(name)
            found = indexed.clause_of(entry.id, clause_id.strip()) if indexed else None
            if found is not None:
                return entry.id, *found
            path = Path(entry.path or "")
            treaty = load_treaty_cached(path, folder if entry.user else None)
        return _own_clauses(treaty, find_clause(treaty, clause_id, level), level)

    return lookup


@click.command("check")
@click.argument("expectations", type=click.Path(dir_okay=False, path_type=Path))
@corpus_option
@rules_option
@click.option(
    "--junit",
    type=OutputPath(path_type=Path),
    metavar="FILE",
    help="Also write JUnit XML for CI systems to FILE (atomically; never overwrites "
    "without --force).",
)
@view_options(OUTPUTS["check"], pager=False, width=False)
@max_clauses_option
@quiet_option
def check_cmd(
    expectations: Path,
    corpus_dirs: tuple[str, ...],
    rule_files: tuple[Path, ...],
    junit: Path | None,
    view: View,
    max_clauses: int,
) -> int:
    """Check what a research repository expects of its treaties (see docs/ci.md).

    Exit status 0 when every expectation holds, 1 when any fails, 2 when the file
    is invalid or names a treaty, clause or rule that does not exist.

    \b
    Example:
      treatycmp check expectations.yaml
      treatycmp check expectations.yaml --junit treatycmp-junit.xml
    """
    from treatycmp.expectations import check_junit_path, junit_xml, load_expectations, run_checks

    register_inputs(expectations)
    if junit is not None:
        # Both written to one file, the JUnit XML replaced the report -o asked for (exit 0);
        # over the expectations file, it was refused only after every check had run.
        for other, what in ((view.output if view.to_file else None, "-o"), (expectations, "")):
            if other is not None and junit.resolve() == Path(other).resolve():
                raise click.UsageError(
                    f"--junit and {what} name the same file '{junit}': give --junit another name"
                    if what
                    else f"--junit names the expectations file '{junit}': give it another name"
                )
        check_junit_path(junit, force=view.force)
    spec = load_expectations(expectations)
    # The expectations and rules files themselves are not treaties, even in a corpus folder.
    named = (Path(expectations), *map(Path, spec.rules), *map(Path, rule_files))
    corpus = load_corpus((*map(str, spec.corpus), *corpus_dirs), besides=named)
    rules = get_rules((*spec.rules, *rule_files))
    with progress("checking") as update:
        # Each pair of treaties compared has the clause budget of diff (its refusal names
        # --max-clauses, which check must therefore take).
        outcomes = run_checks(spec, corpus, rules, progress=update, max_clauses=max_clauses)
    view.show(OUTPUTS["check"], (spec.path, outcomes))
    if junit is not None:
        write_output(junit_xml(spec.path, outcomes), junit, force=view.force)
    return ExitStatus.OK if all(o.passed for o in outcomes) else ExitStatus.DIFFERENCES


COMMANDS = [matrix_cmd, nearest_cmd, check_cmd]
