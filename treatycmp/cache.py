"""A cache of parsed treaty files, so a research corpus is parsed once, not per command.

Parsing and validating 450 ToTA treaties takes seconds; unpickling them takes a
fraction of that. An entry is keyed by the file's absolute path and a digest of its
bytes and by the source of the model it was built with, so an edited file
(even one whose size and modification time did not change) or a new treatycmp
never sees a stale entry. Only files that
loaded without a problem are cached; ``validate`` never reads the cache.

The cache lives in ``$TREATYCMP_CACHE`` (a folder, or ``off``), else
``$XDG_CACHE_HOME/treatycmp``, else ``~/.cache/treatycmp``. It holds pickles:
keep it a folder only you can write to, as with any cache of Python objects.
"""

from __future__ import annotations

import os
from pathlib import Path

from treatycmp.formats.inputs import read_input
from treatycmp.model import Treaty
from treatycmp.stamps import code_stamp, hex_digest

ENV_CACHE = "TREATYCMP_CACHE"


def cache_dir() -> Path | None:
    """Where parsed treaties are kept, or None when caching is off."""
    setting = os.environ.get(ENV_CACHE, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treatycmp"


# The code that defines the cached objects (model and loader).
CODE_STAMP = (
    "model.py",
    "formats/checker.py",
    "formats/treaty_yaml.py",
    "formats/treaty_meta.py",
    "formats/treaty_body.py",
)


def _key(path: Path) -> str:
    """The entry's name: the model's code, the file's path and a digest of its bytes.

    Size and modification time are not enough: an edit that keeps both (a same-length
    change within the clock's resolution, or a restored mtime) would be served stale.
    Hashing the bytes costs a small fraction of parsing them.
    """
    content = hex_digest(path.read_bytes(), size=20)
    raw = f"{code_stamp(CODE_STAMP)}\0{path.resolve()}\0{content}"
    return hex_digest(raw.encode("utf-8", "surrogateescape"))


def load_treaty(path: str | Path) -> Treaty:
    """The YAML reader, imported on a miss only: a run served from the cache never
    imports it (nor PyYAML)."""
    from treatycmp.formats.treaty_yaml import load_treaty as read

    return read(path)


def load_treaty_cached(path: Path, folder: Path | None) -> Treaty:
    """``load_treaty``, through the cache in ``folder`` (no cache when None).

    A missing, unreadable or corrupt entry is simply rebuilt; a cache that
    cannot be written is not an error: the treaty is returned all the same.
    """
    if folder is None:
        return load_treaty(path)
    import pickle  # here: ``nearest`` imports this module for ``cache_dir`` only

    try:
        entry = folder / f"{_key(path)}.pickle"
    except OSError:
        return load_treaty(path)
    try:
        treaty = pickle.loads(read_input(entry, what="cache entry"))
        if isinstance(treaty, Treaty):
            return treaty
    except Exception:  # any unreadable entry is rebuilt, never fatal
        pass
    treaty = load_treaty(path)
    from treatycmp.formats.writing import write_cache_entry  # on a miss only (start-up)

    write_cache_entry(entry, pickle.dumps(treaty, protocol=pickle.HIGHEST_PROTOCOL))
    return treaty
