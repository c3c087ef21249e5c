"""Regular expressions compiled on first use, not at import or load.

``re.compile`` runs the pattern compiler in Python: a few tenths of a millisecond a
pattern, more for a character class beyond Latin-1. A cold ``diff`` imports modules
holding dozens of patterns it never runs (the Chinese subject patterns for an English
pair; the escaping of human output for ``-f json``), and its whole budget over the
import floor is ~50 ms (issue 22). A ``LazyPattern`` answers the ``re.Pattern``
methods the package uses with the same results. The bundled rule library's patterns
are such patterns too (``rule_model.LazyRegex``): a comparison in one language compiles
only that language's, and the rules cache pickles them uncompiled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first used."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(string, pos)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(string)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(string, pos)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(string, maxsplit)

    def __getstate__(self) -> tuple[str, int]:
        """Pickled uncompiled (a compiled pattern unpickles by compiling it again)."""
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)
