"""Which of a rule set's literals stand in a paragraph, found by one compiled scan.

The prefilter asks, for each paragraph, which of a few hundred literals ("shall ", "the
Parties", "armed attack") it holds. ``literal in text`` reads the paragraph once per
literal; one regex built from the literals' trie reads it once (issue 22). At each
position a lookahead reports the longest literal starting there; every literal starting
there is a prefix of that one, so the literals present are exactly the prefixes (in the
set) of what the scan reports: the same answer as ``literal in text`` for each literal.
The pattern is derived from the rule file, so a new rule needs no code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class LiteralScan:
    """The literals of a fixed set that stand in a text, in one regex pass."""

    def __init__(self, literals: Iterable[str]) -> None:
        wanted = set(literals)
        # The empty literal stands in every text; the trie holds the others.
        self._always = frozenset(wanted & {""})
        words = sorted(wanted - {""})
        self._prefixes = {
            w: frozenset(w[:i] for i in range(1, len(w) + 1) if w[:i] in wanted) for w in words
        }
        self._rx = re.compile(f"(?=({_trie_pattern(words)}))") if words else None

    def present(self, text: str) -> set[str]:
        """Every literal of the set that is a substring of ``text``."""
        found = set(self._always)
        if self._rx is not None:
            prefixes = self._prefixes
            for longest in set(self._rx.findall(text)):
                found.update(prefixes[longest])
        return found


def _trie_pattern(words: list[str]) -> str:
    """A regex matching, at a position, the longest of ``words`` starting there
    (greedy optional tails; branches differ in their first character, so at most one
    can go on)."""
    root = _Node()
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, _Node())
        node[""] = _Node()  # a word ends here
    return _emit(root)


class _Node(dict[str, "_Node"]):
    """A trie node: next character -> node; the key "" marks the end of a word."""


def _emit(node: _Node) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
