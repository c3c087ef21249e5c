"""What a cache key must change with: the source of the code that shapes what is cached.

The parse cache, the rules cache and the stored nearest index each keep objects built by
some modules; when any of those modules changes, the stored objects may no longer be
what the code would build, so their keys include a digest of those files' bytes.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def code_stamp(names: tuple[str, ...], seed: str = "") -> str:
    """A 16-hex digest of ``seed`` and the package files ``names`` (paths relative to the
    package, e.g. ``"formats/treaty_yaml.py"``)."""
    digest = hashlib.sha256(seed.encode())
    for name in names:
        digest.update((PACKAGE / name).read_bytes())
    return digest.hexdigest()[:16]
