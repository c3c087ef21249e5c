"""The set of treaties a command can see, and how a user's name finds one of them.

The bundled corpus comes first; folders from ``TREATYCMP_CORPUS`` and
``--corpus`` are added on top (a user's file with a bundled id replaces the
bundled text, so corrections need no fork). A name resolves by exact id, alias,
unique prefix, or a dash-separated part of an id (``2024``), preferring main
texts over their renderings; anything else is an error listing candidates.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from treatycmp.cache import cache_dir, load_treaty, load_treaty_cached
from treatycmp.errors import LookupProblem, Problem, TreatyFileError
from treatycmp.formats.folders import DOCUMENT_SUFFIXES, IMPORT_SUFFIXES, walk_files
from treatycmp.formats.inputs import check_folder, os_problem, shown
from treatycmp.model import Clause, Level, Treaty

ENV_CORPUS = "TREATYCMP_CORPUS"
T = TypeVar("T")


def iter_treaty_files(path: str | Path) -> Iterator[Path]:
    """The .yaml/.yml files at ``path`` (a file, or a folder searched recursively)."""
    path = Path(path)
    if path.is_dir():
        yield from walk_files(path, (".yaml", ".yml"))
    else:
        yield path


def data_dir() -> Path:
    """The folder of the package's bundled data (``treatycmp.data``: treaties, rules).

    Found by the import system's spec, as ``importlib.resources.files`` finds it for a
    package on disk, without importing ``importlib.resources`` (start-up). Run from a
    source checkout (``python -m treatycmp`` in the repository, where the source folder
    shadows the installed package), it is the repository's own ``data/``.
    """
    import importlib.util

    spec = importlib.util.find_spec("treatycmp.data")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "treaties").is_dir():
        return checkout
    from importlib.resources import files

    return Path(str(files("treatycmp.data")))


def bundled_dir() -> Path:
    """The folder of the corpus shipped with the package."""
    return data_dir() / "treaties"


def bundled_paths() -> list[Path]:
    """Every bundled treaty file, sorted by name."""
    return sorted(bundled_dir().glob("*.yaml"))


def corpus_paths(
    extra: Sequence[str | Path] = (), *, env: Mapping[str, str] | None = None
) -> list[Path]:
    """The user's corpus folders or files: ``TREATYCMP_CORPUS`` first, then ``extra``."""
    environ = os.environ if env is None else env
    found = [Path(p) for p in environ.get(ENV_CORPUS, "").split(os.pathsep) if p]
    found.extend(Path(p) for p in extra)
    for path in found:
        source = f"${ENV_CORPUS}" if str(path) in environ.get(ENV_CORPUS, "") else "--corpus"
        try:
            os.stat(path)
        except FileNotFoundError:
            raise LookupProblem(
                Problem(
                    shown(path),
                    None,
                    f"corpus folder from {source} does not exist",
                    "check the path",
                )
            ) from None
        except OSError as exc:
            raise LookupProblem(os_problem(shown(path), exc, "corpus folder")) from None
        check_folder(path, f"corpus folder (from {source})")
        if path.name.casefold().endswith(IMPORT_SUFFIXES) and not path.is_dir():
            # Read as YAML, its text was 'not valid YAML ... fix the YAML syntax at that line'.
            from treatycmp.formats.documents import id_from_name  # on this error only

            new_id = id_from_name(path)
            raise LookupProblem(
                Problem(
                    shown(path),
                    None,
                    f"is a document, not a treaty YAML file ({source} reads treaty YAML)",
                    f"import it first ('treatycmp import {shown(path)} --id {new_id} -o "
                    f"{new_id}.yaml') and give that file",
                )
            )
    return found


def resolve_paths(paths: Iterable[str | Path]) -> list[Path]:
    """``Path(p).resolve()`` of each path, resolving each folder once.

    A corpus is thousands of files in a few folders: one ``realpath`` per folder and
    one ``lstat`` per file instead of one ``lstat`` per path component per file
    (a symlinked file, or a name such as ``..``, is resolved in full; tested equal).
    """
    folders: dict[str, Path] = {}
    out: list[Path] = []
    for p in paths:
        path = p if isinstance(p, Path) else Path(p)
        try:
            whole = path.name in ("", ".", "..") or path.is_symlink()
        except OSError:  # e.g. a name too long: resolve() says nothing of it either
            whole = True
        if whole:
            out.append(path.resolve())
            continue
        # Folders keyed by their text: a ``parent`` Path made and hashed per file cost
        # more than the ``lstat`` (issue 22).
        head = os.path.dirname(str(path))
        real = folders.get(head)
        if real is None:
            real = folders[head] = path.parent.resolve()
        out.append(real / path.name)
    return out


def corpus_files(
    extra: Sequence[str | Path] = (),
    *,
    env: Mapping[str, str] | None = None,
    bundled: bool = True,
    besides: Sequence[Path] = (),
) -> tuple[list[Path], set[Path]]:
    """The files a corpus is read from, in load order, and which of them are the user's.

    ``besides`` are files the command reads as something else (an expectations or rules
    file in the corpus folder, ``corpus: [.]``): a folder's walk leaves them out.
    """
    files = list(bundled_paths()) if bundled else []
    user_files: set[Path] = set()
    other = {p.resolve() for p in besides}
    for path in corpus_paths(extra, env=env):
        found = list(iter_treaty_files(path))
        if not found and path.is_dir():
            _refuse_documents_only(path)
        if other and Path(path).is_dir():  # each folder resolved once, not each file
            found = [f for f, r in zip(found, resolve_paths(found), strict=True) if r not in other]
        files.extend(found)
        user_files.update(found)
    return files, user_files


def _refuse_documents_only(folder: Path) -> None:
    """A corpus folder with no treaty YAML but documents (a folder of .txt) was read as
    empty, without a word: its texts were simply not there."""
    documents = walk_files(folder, DOCUMENT_SUFFIXES, "corpus folder")
    if documents:
        raise LookupProblem(
            Problem(
                shown(folder),
                None,
                f"holds no treaty YAML but {len(documents)} document(s) such as "
                f"{shown(documents[0])}",
                f"import them first ('treatycmp import {shown(folder)} -o treaties/') and "
                "give that folder instead",
            )
        )


def gather(
    files: Sequence[Path],
    user_files: set[Path] | frozenset[Path],
    read: Callable[[Path], T],
    name: Callable[[T], tuple[str, str | None]],
    progress: Callable[[int, int], None] | None = None,
) -> list[T]:
    """What ``read`` makes of each file, one per id, in load order; every problem reported.

    ``name(item)`` is its id and where it came from. A user's file may replace a bundled
    text of the same id (in its place); any other id given twice is a problem.

    Raises:
        TreatyFileError: every problem of every file, after all were read.
    """
    by_id: dict[str, tuple[T, str | None]] = {}
    # Ids still held by a bundled text: one user file may replace each of them.
    replaceable: set[str] = set()
    problems: list[Problem] = []
    for done, path in enumerate(files, 1):
        if progress is not None:
            progress(done, len(files))
        try:
            item = read(path)
        except TreatyFileError as exc:
            problems.extend(exc.problems)
            continue
        item_id, where = name(item)
        previous = by_id.get(item_id)
        if previous is not None and item_id not in replaceable:
            problems.append(
                Problem(
                    str(path),
                    None,
                    f"id '{item_id}' is also used by {previous[1]}",
                    "give each treaty file its own id",
                )
            )
            continue
        replaceable.discard(item_id)
        if path not in user_files:
            replaceable.add(item_id)
        by_id[item_id] = (item, where)
    if problems:
        raise TreatyFileError(problems)
    return [item for item, _ in by_id.values()]


@dataclass(frozen=True)
class Corpus:
    """Treaties by id, in a stable order: bundled first, then the user's."""

    treaties: tuple[Treaty, ...]

    @classmethod
    def load(
        cls,
        extra: Sequence[str | Path] = (),
        *,
        env: Mapping[str, str] | None = None,
        bundled: bool = True,
        progress: Callable[[int, int], None] | None = None,
        besides: Sequence[Path] = (),
    ) -> Corpus:
        """The bundled corpus plus the user's folders; every invalid file is reported.

        Every file goes through the parse cache (``cache.py``): parsing the 28
        bundled treaties took 0.13 s of a 0.16 s cold ``diff``, unpickling them a
        few milliseconds. ``progress(done, total)`` is called after each file.
        """
        files, user_files = corpus_files(extra, env=env, bundled=bundled, besides=besides)
        folder = cache_dir()
        treaties = gather(
            files,
            user_files,
            lambda path: load_treaty_cached(path, folder),
            lambda treaty: (treaty.id, treaty.path),
            progress,
        )
        return cls(tuple(treaties))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.treaties)

    def get(self, name: str) -> Treaty:
        """The treaty that ``name`` means: a path, an id, an alias, or a unique part of an id."""
        if is_path_name(name):
            return load_treaty(name)
        return self.treaties[resolve_name(name, [(t.id, t.aliases) for t in self.treaties])]

    def clause(self, ref: str, level: Level = "paragraph") -> tuple[Treaty, Clause]:
        """A clause named ``TREATY:CLAUSE`` (``dprk-russia-2024:4``, ``ussr-dprk-1961:1.2``)."""
        name, clause_id = split_clause_ref(ref)
        treaty = self.get(name)
        return treaty, find_clause(treaty, clause_id, level)

    def _aliases(self) -> Iterable[str]:
        for treaty in self.treaties:
            yield from treaty.aliases


def split_clause_ref(ref: str) -> tuple[str, str]:
    """``TREATY:CLAUSE`` as (treaty name, clause id).

    The error quotes the argument inside its message and says which part is missing
    (in the path slot of ``PATH: message``, ``nato::`` printed as ``nato::: ...``).

    Raises:
        LookupProblem: ``ref`` is not of that form.
    """
    name, sep, clause_id = ref.rpartition(":")
    treaty = name.strip(":")
    if sep and name and clause_id and not name.endswith(":"):
        return name, clause_id
    if not sep or not treaty:
        what = "names no treaty before its ':'" if sep else "has no ':'"
        # With no ':', the name is the treaty's (lineup nato ... said 'dprk-russia-2024:nato').
        example = f"dprk-russia-2024:{clause_id}" if sep and clause_id else f"{ref or 'nato'}:4"
    elif not clause_id:
        what = "names no clause after its last ':'"
        kept = ref.rstrip(":")
        example = kept if ":" in kept else f"{kept}:4, or the treaty alone ({kept})"
    else:
        what = "has two ':' in a row"
        example = f"{treaty}:{clause_id}"
    raise LookupProblem(
        Problem(
            "",
            None,
            f"'{ref}' is not a clause reference: it {what}",
            f"write TREATY:CLAUSE, e.g. {example}",
        )
    )


def is_path_name(name: str) -> bool:
    """Whether a treaty name is a file path rather than an id (``Corpus.get``)."""
    return name.casefold().endswith((".yaml", ".yml")) or os.sep in name


def resolve_name(name: str, names: Sequence[tuple[str, tuple[str, ...]]]) -> int:
    """Which of ``names`` (id, aliases) ``name`` means: exact id, alias, unique part of an id.

    What ``Corpus.get`` does for a name that is not a path, on ids and aliases
    alone, so a stored index can resolve names without loading the corpus.

    Raises:
        LookupProblem: no treaty, or more than one, answers to ``name``.
    """
    wanted = name.strip().casefold()
    for i, (treaty_id, _) in enumerate(names):
        if treaty_id == wanted:
            return i
    aliased = [i for i, (_, aliases) in enumerate(names) if wanted in aliases]
    if len(aliased) == 1:
        return aliased[0]
    candidates = aliased or [i for i, (tid, _) in enumerate(names) if _matches(tid, wanted)]
    if "@" not in wanted:
        main = [i for i in candidates if "@" not in names[i][0]]
        candidates = main or candidates
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(names[i][0] for i in candidates)
        raise LookupProblem(
            Problem(
                name,
                None,
                f"'{name}' is ambiguous: it matches {listed}",
                "name one of them in full",
            )
        )
    every = [tid for tid, _ in names] + [a for _, aliases in names for a in aliases]
    close = difflib.get_close_matches(wanted, every, n=3, cutoff=0.5)
    hint = (
        "did you mean " + " or ".join(close) + "?"
        if close
        else "run 'treatycmp list' to see the ids"
    )
    if os.path.exists(name):  # a file or folder of that name here: say how to read it
        kind = "folder" if os.path.isdir(name) else "file"
        hint = f"a {kind} '{name}' is here: write ./{name} to name it as a path"
    raise LookupProblem(Problem(name, None, f"no treaty named '{name}' in the corpus", hint))


def exact_name(name: str, names: Sequence[tuple[str, tuple[str, ...]]]) -> int | None:
    """Which of ``names`` (id, aliases) has ``name`` as its id or an alias, exactly (case
    and outer spaces aside): a free-text query that is a treaty's name (``nearest nato``)."""
    wanted = name.strip().casefold()
    return next((i for i, (tid, al) in enumerate(names) if wanted == tid or wanted in al), None)


def find_clause(treaty: Treaty, clause_id: str, level: Level = "paragraph") -> Clause:
    """The clause ``clause_id`` of ``treaty``: a paragraph, or a whole article by its number."""
    wanted = clause_id.strip()
    para_level = {c.id: c for c in treaty.clauses("paragraph")}
    art_level = {c.id: c for c in treaty.clauses("article")}
    first, second = (para_level, art_level) if level == "paragraph" else (art_level, para_level)
    for table in (first, second):
        if wanted in table:
            return table[wanted]
    number, _, index = wanted.partition(".")
    if index == "1" and number in para_level:
        return para_level[number]
    paragraph = treaty.paragraph(wanted)
    if paragraph is not None and paragraph.is_gap:
        raise LookupProblem(
            Problem(
                f"{treaty.id}:{wanted}",
                None,
                f"is a gap in the text ({paragraph.gap})",
                "choose a clause whose text is present",
            )
        )
    # In the text's order, a whole article's id before its paragraphs' (1, 1.1, 1.2, 2).
    ordered = [x for p in para_level for x in (p.partition(".")[0], p) if x in art_level or x == p]
    ids = ", ".join(dict.fromkeys([*ordered, *art_level]))
    raise LookupProblem(
        Problem(f"{treaty.id}:{wanted}", None, "no such clause", f"use one of: {ids}")
    )


def _matches(treaty_id: str, wanted: str) -> bool:
    if treaty_id.startswith(wanted):
        return True
    base, _, tag = treaty_id.partition("@")
    want_base, _, want_tag = wanted.partition("@")
    if want_tag and want_tag != tag:
        return False
    parts = base.split("-")
    want_parts = want_base.split("-")
    return any(
        parts[i : i + len(want_parts)] == want_parts
        for i in range(len(parts) - len(want_parts) + 1)
    )
