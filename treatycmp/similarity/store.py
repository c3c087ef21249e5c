"""The nearest-clause index, kept on disk between runs for as long as the corpus is unchanged.

Building a ``ClauseIndex`` means loading every treaty and normalising every clause:
seconds on ToTA, for a query that then takes a fraction of one. The index is saved
once per corpus state, next to the parse cache (``cache.cache_dir()``, under
``nearest/KEY/``), as flat numpy arrays (``similarity.columns.ClauseColumns``; no pickles),
and a later run memory-maps it without loading the corpus.

The state is the list of files the corpus is read from (bundled, then
``TREATYCMP_CORPUS``, then ``--corpus``), each with its resolved path, size,
modification time, status-change time and inode, plus the level and a digest of the
code that builds the index. Editing a file changes its status-change time even when
its size and modification time are put back, so any edit, a new file or a deleted
one is a new state and a new index; the few most recent states are kept.

Also stored, per treaty: its id, aliases and file, so ``TREATY:CLAUSE`` resolves by
the same rules as ``Corpus.get`` and only that one treaty is loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from treatycmp.corpus import resolve_name, resolve_paths
from treatycmp.model import Level, Treaty
from treatycmp.similarity.stored_query import StoredQuery, read_array
from treatycmp.stamps import blake2b, code_stamp, hex_digest

if TYPE_CHECKING:
    from treatycmp.arrays import StoredArray
    from treatycmp.similarity.nearest import ClauseIndex

# numpy, the columns and the index are imported where an index is opened with numpy or
# saved: ``load_light`` answers most queries without them (start-up, issue 22).

T = TypeVar("T")
Meta = dict[str, Any]
"""A stored entry's ``meta.json``."""

FORMAT = 6  # 2: word-code postings (the inverted shortlist); 3: SHA-256 of every file;
# 4: every file's identity (size, times, inode) instead of its SHA-256; 5: bitmaps
# of the frequent words' postings (``bit_key``, ``bits``); 6: BLAKE2b digests (meta, key)
KEEP = 4  # stored states kept per cache folder


# The code whose output is stored (index, normaliser, model, loader).
LOADER_STAMP = (
    "text.py",
    "model.py",
    "formats/checker.py",
    "formats/treaty_yaml.py",
    "formats/treaty_meta.py",
    "formats/treaty_body.py",
    "corpus.py",
)
"""The code that reads treaties: a stored result built from them depends on it too."""
CODE_STAMP = (
    "similarity/forms.py",
    "similarity/codes.py",
    "similarity/columns.py",
    "similarity/nearest.py",
    *LOADER_STAMP,
)


def state_key(
    files: Sequence[Path],
    user_files: set[Path] | frozenset[Path],
    level: Level,
    *,
    stamp: tuple[str, ...] = CODE_STAMP,
    seed: str = str(FORMAT),
    reals: Sequence[Path] | None = None,
) -> str:
    """The key of one corpus state: every file's identity and version, the level, the
    code (``stamp``: the files whose output is stored; ``seed``: the stored format).
    ``reals``: ``resolve_paths(files)`` when the caller has it already."""
    digest = blake2b(f"{code_stamp(stamp, seed)}\0{level}".encode(), digest_size=16)
    reals = resolve_paths(files) if reals is None else reals
    for path, real in zip(files, reals, strict=True):
        stat = path.stat()
        digest.update(
            f"\0{real}\0{path in user_files}\0{stat.st_size}\0{stat.st_mtime_ns}"
            f"\0{stat.st_ctime_ns}\0{stat.st_ino}".encode("utf-8", "surrogateescape")
        )
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredTreaty:
    """What a stored index knows of a treaty without loading it."""

    id: str
    aliases: tuple[str, ...]
    path: str | None
    user: bool


def _resolve(treaties: tuple[StoredTreaty, ...], name: str) -> StoredTreaty:
    """The treaty ``name`` means, by the rules of ``Corpus.get`` (not for paths)."""
    return treaties[resolve_name(name, [(t.id, t.aliases) for t in treaties])]


@dataclass(frozen=True)
class StoredIndex:
    """An index and the treaties it covers."""

    index: ClauseIndex
    treaties: tuple[StoredTreaty, ...]

    def resolve(self, name: str) -> StoredTreaty:
        """The treaty ``name`` means, by the rules of ``Corpus.get`` (not for paths)."""
        return _resolve(self.treaties, name)


@dataclass(frozen=True)
class StoredLight:
    """A stored index opened without numpy (``StoredQuery``) and the treaties it covers."""

    query: StoredQuery
    treaties: tuple[StoredTreaty, ...]

    def resolve(self, name: str) -> StoredTreaty:
        """The treaty ``name`` means, by the rules of ``Corpus.get`` (not for paths)."""
        return _resolve(self.treaties, name)


def index_folder(cache: Path) -> Path:
    return cache / "nearest"


def load(folder: Path, key: str) -> StoredIndex | None:
    """The stored index for ``key``, or None (missing, unreadable, from other code, or
    not what was stored).

    Every file is checked before it is used: ``meta.json`` carries the identity of each
    array file (``file_stamp``) and a BLAKE2b digest of itself, and only regular files are
    opened (a FIFO, a device or a
    link in the folder is not an index). An entry that does not verify is removed, so
    the caller's rebuild can take its place. The arrays are then memory-mapped: a query
    reads the pages it touches.
    """
    return load_entry(index_folder(folder) / key, lambda where: _verified(where, key))


def load_entry(where: Path, verified: Callable[[Path], T | None]) -> T | None:
    """What ``verified`` reads from the stored entry ``where``, or None; an entry that
    does not verify (or cannot be read) is removed, so the caller's rebuild takes its
    place. Shared by every stored result (the index, ``sets_store``)."""
    try:
        stored = verified(where)
    except Exception:  # any unreadable or foreign entry is rebuilt, never fatal
        stored = None
    if stored is None:
        _discard(where)
    return stored


def read_meta(where: Path, key: str, fmt: int) -> Meta | None:
    """The ``meta.json`` of the entry ``where`` if it exists, is a regular file, carries
    its own digest and was written in format ``fmt`` for ``key``; else None."""
    if not os.path.lexists(where):
        return None
    meta = json.loads(_regular_bytes(where / "meta.json").decode("utf-8"))
    claimed = meta.pop("digest", None)
    if not isinstance(meta, dict) or claimed != _meta_digest(meta):
        return None
    if meta.get("format") != fmt or meta.get("key") != key:
        return None
    return meta


def load_light(folder: Path, key: str) -> StoredLight | None:
    """The stored index for ``key`` opened with the standard library only, or None
    (missing, unreadable, not checked the same as ``load`` checks it, without
    postings, or in a layout read only by numpy); the caller then takes ``load``,
    which also removes an entry that does not verify."""
    try:
        return _verified_light(index_folder(folder) / key, key)
    except Exception:  # any doubt: ``load`` decides, and rebuilds what is wrong
        return None


def _verified_light(where: Path, key: str) -> StoredLight | None:
    meta = read_meta(where, key, FORMAT)
    if meta is None or not _complete(meta) or not set(meta["arrays"]) >= _POSTINGS:
        return None
    arrays = {}
    for name in meta["arrays"]:
        array = read_array(where / f"{name}.npy", meta["stamps"][name])
        if array is None:
            return None
        arrays[name] = array
    return StoredLight(StoredQuery(arrays), _stored_treaties(meta))


def _complete(meta: Meta) -> bool:
    """Whether ``meta`` stamps every array it lists, and lists every array needed."""
    stamps = meta["stamps"]
    return sorted(stamps) == sorted(meta["arrays"]) and set(meta["arrays"]) >= _NEEDED


def _stored_treaties(meta: Meta) -> tuple[StoredTreaty, ...]:
    return tuple(
        StoredTreaty(str(t["id"]), tuple(map(str, t["aliases"])), t["path"], bool(t["user"]))
        for t in meta["treaties"]
    )


def _verified(where: Path, key: str) -> StoredIndex | None:
    import numpy as np

    from treatycmp.similarity.columns import ClauseColumns
    from treatycmp.similarity.nearest import ClauseIndex

    meta = read_meta(where, key, FORMAT)
    if meta is None or not _complete(meta):
        return None
    stamps = meta["stamps"]
    arrays = {}
    for name in meta["arrays"]:
        path = where / f"{name}.npy"
        if file_stamp(path) != stamps[name]:
            return None
        arrays[name] = np.load(path, mmap_mode="r", allow_pickle=False)
        if arrays[name].ndim != 1:
            return None
    return StoredIndex(ClauseIndex.from_columns(ClauseColumns(arrays)), _stored_treaties(meta))


# The arrays every index has (``ClauseColumns.from_index``); postings are checked by stamp.
_NEEDED = {"treaty_ids", "owner", "line", "flags", "codes", "text", "text_at", "form", "form_at"}
_POSTINGS = {"code_at", "post_at", "post_clause", "post_count", "id", "id_at"}
_POSTINGS |= {"article", "article_at", "bit_key", "bits"}


def _open_regular(path: Path) -> int:
    """A descriptor of ``path`` if it is a regular file (not a link, FIFO or device)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a regular file")
    return fd


def _regular_bytes(path: Path, limit: int = 64 * 1024 * 1024) -> bytes:
    with os.fdopen(_open_regular(path), "rb") as handle:
        return handle.read(limit)


def file_stamp(path: Path) -> str:
    """A regular file's identity and version: size, modification and status-change
    times, inode (refusing anything but a regular file).

    What the state key trusts for the corpus files, and enough here: any write to a
    stored file, a truncation or a file put in its place changes it (the status-change
    time cannot be set back). Hashing the bytes instead cost a read of the whole index
    (~150 MB on ToTA) on every query, most of a query's time.
    """
    fd = _open_regular(path)
    try:
        st = os.fstat(fd)
    finally:
        os.close(fd)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _meta_digest(meta: Meta) -> str:
    return hex_digest(json.dumps(meta, sort_keys=True).encode("utf-8"))


def _discard(where: Path) -> None:
    """Remove an entry that did not verify (a folder, or whatever stands in its place)."""
    with contextlib.suppress(OSError):
        if where.is_symlink() or not where.is_dir():
            where.unlink()
        else:
            import shutil  # with zlib, bz2 and lzma: on a rebuild only (start-up)

            shutil.rmtree(where)


def save(
    folder: Path,
    key: str,
    index: ClauseIndex,
    treaties: Sequence[Treaty],
    user_files: set[Path] | frozenset[Path],
) -> None:
    """Store ``index`` under ``key``; a folder that cannot be written is not an error."""
    target = index_folder(folder)
    meta: Meta = {
        "format": FORMAT,
        "key": key,
        "treaties": [
            {
                "id": t.id,
                "aliases": list(t.aliases),
                "path": t.path,
                "user": t.path is not None and Path(t.path) in user_files,
            }
            for t in treaties
        ],
    }
    arrays = dict(index.columns().arrays)
    meta["arrays"] = sorted(arrays)
    save_entry(target, key, meta, arrays)


def save_entry(target: Path, key: str, meta: Meta, arrays: Mapping[str, StoredArray]) -> None:
    """Store ``arrays`` and ``meta`` (with each array file's stamp and its own digest)
    as the entry ``target / key``, whole or not at all, keeping the ``KEEP`` newest
    entries; a folder that cannot be written is not an error."""

    import numpy as np

    def fill(tmp: Path) -> None:
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        meta["stamps"] = {name: file_stamp(tmp / f"{name}.npy") for name in arrays}
        meta["digest"] = _meta_digest(meta)
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    try:
        _write_folder(target, key, fill)
        _prune(target)
    except OSError:
        pass


def _write_folder(parent: Path, name: str, fill: Callable[[Path], None]) -> None:
    """Write the folder ``parent / name`` whole or not at all.

    ``fill`` writes the files into a new temporary folder beside it (a dot name ending
    ``.treatycmp.tmp``, which ``_prune`` never counts; one a killed process left is
    removed by the next write), renamed into place once complete. The temporary folder
    is removed on every way out: a failed write, a refused rename, an interrupt.
    """
    import shutil

    from treatycmp.formats.writing import cache_temp, remove_stale_cache_temps

    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_cache_temps(parent)
    tmp = cache_temp(parent, name)
    tmp.mkdir(mode=0o700)
    try:
        fill(tmp)
        os.replace(tmp, parent / name)  # another process may have stored it first
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _prune(target: Path) -> None:
    """Keep the ``KEEP`` most recently written states."""
    import shutil

    with contextlib.suppress(OSError):
        stored = [p for p in target.iterdir() if p.is_dir() and not p.name.endswith(".tmp")]
        stored = [p for p in stored if not p.is_symlink()]
        stored.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in stored[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
