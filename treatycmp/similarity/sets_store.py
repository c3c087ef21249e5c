"""Whole-treaty shingle sets kept on disk between runs, for as long as the corpus is unchanged.

``matrix`` compares whole treaties by their sets of 5-character shingles. Making them
means loading every treaty and normalising and hashing its whole text: most of a
``matrix`` run on a large corpus, repeated on every run though the texts did not
change. The sets of every treaty of one corpus state are stored once, beside the
nearest index (``store``: the same state key, the same checked, atomic folder), as two
flat arrays (every set's hashes, and where each set starts); a later run reads them
and the treaties' ids, aliases and kind without loading the corpus. The answers are
the same: the sets are the ones ``shingle_texts`` makes (tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.corpus import resolve_name
from treatycmp.model import Level, Treaty
from treatycmp.similarity import sidecar, store
from treatycmp.similarity.forms import Progress, treaty_text
from treatycmp.similarity.shingles import SHINGLE_SIZE, shingle_texts

if TYPE_CHECKING:
    from treatycmp.arrays import Int64Array, UInt64Array

FORMAT = 1
# The code whose output is stored: the loader and model (which text a treaty has), the
# normaliser and the shingles.
CODE_STAMP = (
    "similarity/forms.py",
    "similarity/shingles.py",
    "similarity/sets_store.py",
    *store.LOADER_STAMP,
)


@dataclass(frozen=True)
class StoredSets:
    """The shingle set of every treaty of a corpus, and what names and kinds they have."""

    ids: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...]
    main: tuple[bool, ...]
    hashes: UInt64Array
    starts: Int64Array

    def set_of(self, position: int) -> UInt64Array:
        """The sorted distinct shingle hashes of the treaty at ``position``."""
        out: UInt64Array = self.hashes[int(self.starts[position]) : int(self.starts[position + 1])]
        return out

    def position(self, name: str) -> int:
        """Where the treaty ``name`` means is, by the rules of ``Corpus.get`` (not paths)."""
        return resolve_name(name, list(zip(self.ids, self.aliases, strict=True)))


def state_key(files: Sequence[Path], user_files: set[Path] | frozenset[Path], level: Level) -> str:
    """The key of one corpus state, level and shingle code (``store.state_key``)."""
    return store.state_key(
        files, user_files, level, stamp=CODE_STAMP, seed=f"sets {FORMAT} {SHINGLE_SIZE}"
    )


def sets_folder(cache: Path) -> Path:
    return cache / "shingles"


def build(treaties: Sequence[Treaty], level: Level, progress: Progress | None = None) -> StoredSets:
    """The shingle sets of every treaty (what a run without a stored state computes)."""
    sets = []
    for done, treaty in enumerate(treaties, start=1):
        sets.append(shingle_texts([treaty_text(treaty, level)])[0])
        if progress is not None:
            progress(done, len(treaties))
    starts = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([s.size for s in sets], out=starts[1:])
    return StoredSets(
        ids=tuple(t.id for t in treaties),
        aliases=tuple(tuple(t.aliases) for t in treaties),
        main=tuple(t.rendering_of is None for t in treaties),
        hashes=np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64),
        starts=starts,
    )


def build_from_files(
    files: Sequence[Path],
    user_files: set[Path] | frozenset[Path],
    level: Level,
    progress: Progress | None = None,
) -> StoredSets:
    """``build`` of the corpus these files make (``Corpus.load``'s rules and problems),
    reading the sets ``import`` stored beside a file (``sidecar``) instead of loading
    and shingling it; any other file is loaded through the parse cache as before."""
    from treatycmp.cache import cache_dir, load_treaty_cached
    from treatycmp.corpus import gather
    from treatycmp.errors import TreatyFileError
    from treatycmp.formats.inputs import read_input, shown

    folder = cache_dir()
    expected = sidecar.stamp() if level == "paragraph" else None

    holds_sets: dict[Path, bool] = {}  # per folder: whether ``import`` stored sets there

    def read(path: Path) -> tuple[sidecar.Entry, str | None]:
        folder_sets = holds_sets.get(path.parent)
        if folder_sets is None:
            folder_sets = holds_sets[path.parent] = (path.parent / sidecar.FOLDER).is_dir()
        # Without stored sets beside it, a file's bytes are read once, by its loading.
        if expected is not None and folder_sets:
            try:  # a file that cannot be read is loaded below, which says why
                data = read_input(path, what="treaty file")
            except TreatyFileError:
                data = None
            entry = None if data is None else sidecar.read(path, data, expected)
            if entry is not None:
                return entry, shown(path)
        treaty = load_treaty_cached(path, folder)
        hashes = shingle_texts([treaty_text(treaty, level)])[0]
        return sidecar.Entry(treaty.id, treaty.aliases, treaty.rendering_of is None, hashes), (
            treaty.path
        )

    entries = [e for e, _ in gather(files, user_files, read, lambda e: (e[0].id, e[1]), progress)]
    starts = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum([e.hashes.size for e in entries], out=starts[1:])
    return StoredSets(
        ids=tuple(e.id for e in entries),
        aliases=tuple(e.aliases for e in entries),
        main=tuple(e.main for e in entries),
        hashes=(
            np.concatenate([e.hashes for e in entries]) if entries else np.zeros(0, dtype=np.uint64)
        ),
        starts=starts,
    )


def load(folder: Path, key: str) -> StoredSets | None:
    """The stored sets for ``key``, or None (missing, unreadable, from other code or not
    what was stored: every file is checked as the nearest index's are; a bad entry is
    removed so the caller's rebuild takes its place)."""
    return store.load_entry(sets_folder(folder) / key, lambda where: _verified(where, key))


def _verified(where: Path, key: str) -> StoredSets | None:
    meta = store.read_meta(where, key, FORMAT)
    if meta is None:
        return None
    arrays = {}
    for name in ("hashes", "starts"):
        path = where / f"{name}.npy"
        if store.file_stamp(path) != meta["stamps"][name]:
            return None
        arrays[name] = np.load(path, allow_pickle=False)
    treaties = meta["treaties"]
    starts = arrays["starts"]
    if starts.size != len(treaties) + 1 or int(starts[-1]) != arrays["hashes"].size:
        return None
    return StoredSets(
        ids=tuple(str(t["id"]) for t in treaties),
        aliases=tuple(tuple(map(str, t["aliases"])) for t in treaties),
        main=tuple(bool(t["main"]) for t in treaties),
        hashes=arrays["hashes"],
        starts=starts,
    )


def save(folder: Path, key: str, sets: StoredSets) -> None:
    """Store ``sets`` under ``key``; a folder that cannot be written is not an error."""
    meta: store.Meta = {
        "format": FORMAT,
        "key": key,
        "treaties": [
            {"id": i, "aliases": list(a), "main": m}
            for i, a, m in zip(sets.ids, sets.aliases, sets.main, strict=True)
        ],
    }
    store.save_entry(sets_folder(folder), key, meta, {"hashes": sets.hashes, "starts": sets.starts})
