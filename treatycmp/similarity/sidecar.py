"""Shingle sets written by ``import`` beside the treaty files it makes, keyed by content.

A first ``matrix`` over a corpus parses every YAML file (about 0.7 ms per 100 kB) and
shingles every text: most of its run, though the import that wrote the files had each
treaty's model in hand. So ``import`` stores each file's shingle set (and its id,
aliases and kind) in ``.treatycmp-sets/`` in the file's folder, named by a digest of
the file's bytes; ``matrix`` reads the set of a file whose bytes hash to a stored name,
and loads (and shingles) any other file as before. An edited file has another digest,
so an entry is never served for other bytes; an entry from other shingle or loader code
(its stamp), unreadable, whose payload fails its checksum or that is not as ``write``
writes it (a field of another type, hashes not sorted and distinct) is passed over. Nothing but
``import`` writes here: ``matrix`` and ``nearest`` leave no state in the corpus folder.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.errors import TreatyFileError
from treatycmp.formats.inputs import read_input
from treatycmp.formats.writing import write_cache_entry
from treatycmp.model import Treaty
from treatycmp.similarity import store
from treatycmp.similarity.forms import treaty_text
from treatycmp.similarity.shingles import SHINGLE_SIZE, shingle_texts
from treatycmp.stamps import code_stamp, hex_digest

if TYPE_CHECKING:
    from treatycmp.arrays import UInt64Array

FOLDER = ".treatycmp-sets"
FORMAT = 1
# The code whose output an entry holds: the loader and model (which text a file has),
# the normaliser and the shingles (as ``sets_store.CODE_STAMP``).
STAMP = (
    "similarity/forms.py",
    "similarity/shingles.py",
    "similarity/sidecar.py",
    *store.LOADER_STAMP,
)
# The header is padded to a multiple of 8 bytes, so the payload reads as aligned uint64.
_ALIGN = 8


@dataclass(frozen=True)
class Entry:
    """What ``matrix`` needs of one treaty file: its names, kind and shingle set."""

    id: str
    aliases: tuple[str, ...]
    main: bool
    hashes: UInt64Array


def stamp() -> str:
    """The digest of the code an entry's content depends on (read once per run)."""
    return code_stamp(STAMP, f"sidecar {FORMAT} {SHINGLE_SIZE} paragraph")


def entry_path(path: Path, data: bytes) -> Path:
    """Where the entry for the treaty file ``path`` holding ``data`` is kept."""
    return path.parent / FOLDER / f"{hex_digest(data, size=20)}.sets"


def write(path: Path, loaded: Treaty) -> bool:
    """Store the entry of the file ``path`` just written, ``loaded`` being the model the
    loader reads from it. False when it cannot be written or ``path`` is not a regular
    file (the import is done all the same: ``matrix`` then loads the file)."""
    hashes = shingle_texts([treaty_text(loaded, "paragraph")])[0]
    header = {
        "format": FORMAT,
        "stamp": stamp(),
        "id": loaded.id,
        "aliases": list(loaded.aliases),
        "main": loaded.rendering_of is None,
        "count": int(hashes.size),
        "crc": zlib.crc32(hashes.tobytes()),
    }
    head = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n"
    head += b" " * (-len(head) % _ALIGN)
    try:  # a regular file only: a FIFO written to (-o FIFO) would be waited on for good
        target = entry_path(path, read_input(path, what="treaty file"))
    except TreatyFileError:
        return False
    # Whole or not at all; a temporary left by a killed import is swept by the next.
    return write_cache_entry(target, head + hashes.astype("<u8").tobytes())


def read(path: Path, data: bytes, expected_stamp: str) -> Entry | None:
    """The entry stored for the file ``path`` holding ``data``, or None (none stored,
    unreadable, from other code, or not what ``write`` writes: every field of the type
    written, the hashes sorted and distinct as a set's are)."""
    try:  # a regular file, and no longer than a set of this file's text can be
        raw = read_input(entry_path(path, data), limit=8 * len(data) + 4096, what="shingle set")
    except TreatyFileError:
        return None
    end = raw.find(b"\n")
    try:
        fields = _fields(json.loads(raw[:end]), expected_stamp)
    except (ValueError, RecursionError):
        return None
    if fields is None:
        return None
    entry_id, aliases, main, count, crc = fields
    payload = raw[end + 1 + (-(end + 1) % _ALIGN) :]
    if len(payload) != 8 * count or zlib.crc32(payload) != crc:
        return None
    hashes = _hashes(payload)
    if hashes.size > 1 and not bool(np.all(hashes[1:] > hashes[:-1])):
        return None
    return Entry(entry_id, aliases, main, hashes)


def _fields(
    header: object, expected_stamp: str
) -> tuple[str, tuple[str, ...], bool, int, int] | None:
    """The id, aliases, kind, hash count and checksum of a header as ``write`` writes
    it (each of its type, this code's stamp), or None."""
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    entry_id, aliases, main = header.get("id"), header.get("aliases"), header.get("main")
    count, crc = header.get("count"), header.get("crc")
    if (
        header.get("stamp") != expected_stamp
        or not isinstance(entry_id, str)
        or not isinstance(aliases, list)
        or not all(isinstance(a, str) for a in aliases)
        or not isinstance(main, bool)
        or type(count) is not int
        or count < 0
        or type(crc) is not int
    ):
        return None
    return entry_id, tuple(aliases), main, count, crc


def _hashes(payload: bytes) -> UInt64Array:
    out: UInt64Array = np.frombuffer(payload, dtype="<u8").astype(np.uint64, copy=False)
    return out
