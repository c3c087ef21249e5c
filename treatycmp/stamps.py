"""What a cache key must change with: the source of the code that shapes what is cached.

The parse cache, the rules cache and the stored nearest index each keep objects built by
some modules; when any of those modules changes, the stored objects may no longer be
what the code would build, so their keys include a digest of those files' bytes.

Every key and stored digest is BLAKE2b taken from ``_blake2``, the module ``hashlib``
itself takes it from: importing ``hashlib`` loads OpenSSL (``_hashlib``), ~4 ms of a
cold ``diff`` or ``nearest`` whose whole budget over the import floor is ~50 ms
(issue 22). An interpreter built without ``_blake2`` gets the same function from
``hashlib``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds it
    from hashlib import blake2b

PACKAGE = Path(__file__).resolve().parent

__all__ = ["PACKAGE", "blake2b", "code_stamp", "hex_digest"]


def hex_digest(*parts: bytes, size: int = 32) -> str:
    """The hex BLAKE2b digest (``size`` bytes) of ``parts`` in order."""
    digest = blake2b(digest_size=size)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


@cache
def code_stamp(names: tuple[str, ...], seed: str = "") -> str:
    """A 16-hex digest of ``seed`` and the package files ``names`` (paths relative to the
    package, e.g. ``"formats/treaty_yaml.py"``)."""
    digest = blake2b(seed.encode(), digest_size=8)
    for name in names:
        digest.update((PACKAGE / name).read_bytes())
    return digest.hexdigest()
