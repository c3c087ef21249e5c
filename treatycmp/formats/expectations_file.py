"""Expectations files, read and checked: the sentences a research repository states.

An expectations file is YAML: optional ``corpus`` and ``rules`` (paths relative to
the file), optional ``level`` and ``threshold`` for comparisons, and a list of
``expectations``, each a sentence::

    dprk-russia-2024@meduza:4 has un-charter-51
    ussr-dprk-1961:1.2 lacks domestic-law
    ussr-dprk-1961:1.2 aligns with dprk-russia-2024:4
    ussr-dprk-1961:1.2 aligns with dprk-russia-2024:4 as moved
    similarity(us-rok-1953, us-japan-1960) >= 0.4
    no buffer removed between ussr-dprk-1961@meduza and dprk-russia-2024@meduza
    no un-charter-51 added between A and B

Every problem in the file is reported with its line before anything is checked.
Resolving the references against a corpus and checking the sentences is the
analysis layer's job (``treatycmp.expectations``); this module only reads.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.checker import YamlChecker
from treatycmp.formats.inputs import check_folder, os_problem, shown
from treatycmp.formats.yamlkit import compose_file, line_of
from treatycmp.model import Level

TOP_KEYS = ("corpus", "rules", "level", "threshold", "expectations")
ITEM_KEYS = ("expect", "name")
FORMS = (
    "CLAUSE has RULE",
    "CLAUSE lacks RULE",
    "CLAUSE aligns with CLAUSE [as KIND]",
    "similarity(A, B) >= NUMBER",
    "no RULE-OR-CATEGORY removed|added between A and B",
)

_CLAUSE = r"(?P<{0}>[^\s:]+:[^\s:]+)"
_HAS = re.compile(_CLAUSE.format("clause") + r"\s+(?P<verb>has|lacks)\s+(?P<rule>[\w\-]+)$")
_ALIGNS = re.compile(
    _CLAUSE.format("left")
    + r"\s+aligns\s+with\s+"
    + _CLAUSE.format("right")
    + r"(?:\s+as\s+(?P<kind>[a-z]+))?$"
)
_SIMILARITY = re.compile(
    r"similarity\(\s*(?P<a>[^\s,()]+)\s*,\s*(?P<b>[^\s,()]+)\s*\)\s*"
    r"(?P<op>>=|<=|>|<)\s*(?P<value>[01](?:\.\d+)?|\.\d+)$"
)
_NO_CHANGE = re.compile(
    r"no\s+(?P<what>[\w\-]+)\s+(?P<verb>removed|added)\s+between\s+(?P<a>\S+)\s+and\s+(?P<b>\S+)$"
)
Verb = Literal["has", "lacks", "aligns", "similarity", "no-removed", "no-added"]


@dataclass(frozen=True)
class Expectation:
    """One parsed expectation, with where it stands in its file."""

    text: str
    verb: Verb
    args: tuple[str, ...]
    line: int
    name: str | None = None


@dataclass(frozen=True)
class Expectations:
    """A parsed expectations file."""

    path: str
    items: tuple[Expectation, ...]
    corpus: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    level: Level = "paragraph"
    threshold: float | None = None


def parse_expectation(text: str) -> tuple[Verb, tuple[str, ...]] | None:
    """The verb and arguments of one sentence, or None when it has no known form.

    >>> parse_expectation("nato:5 has un-charter-51")
    ('has', ('nato:5', 'un-charter-51'))
    >>> parse_expectation("similarity(a, b) >= 0.4")
    ('similarity', ('a', 'b', '>=', '0.4'))
    """
    text = " ".join(text.split())
    if m := _HAS.match(text):
        verb: Verb = "has" if m["verb"] == "has" else "lacks"
        return verb, (m["clause"], m["rule"])
    if m := _ALIGNS.match(text):
        return "aligns", (m["left"], m["right"], m["kind"] or "")
    if m := _SIMILARITY.match(text):
        return "similarity", (m["a"], m["b"], m["op"], m["value"])
    if m := _NO_CHANGE.match(text):
        verb = "no-removed" if m["verb"] == "removed" else "no-added"
        return verb, (m["what"], m["a"], m["b"])
    return None


class _FileChecker(YamlChecker):
    """Walks a composed expectations file; its messages are its own, older wording."""

    DUPLICATE_MESSAGE = "duplicate key '{key}'"
    UNKNOWN_MESSAGE = "unknown key '{key}'"
    KEEP_UNKNOWN = True

    def shown_key(self, key: str) -> str:
        return key

    def key_text(self, key_node: yaml.Node) -> str:
        return str(key_node.value)

    def unknown_hint(self, key: str, allowed: tuple[str, ...]) -> str:
        return "use " + ", ".join(allowed)

    def top(self, root: yaml.Node | None) -> dict[str, yaml.Node]:
        """The top-level fields (a bare list is the expectations); raises on a wrong shape."""
        if root is None:
            raise TreatyFileError(
                Problem(self.path, None, "is empty", "add 'expectations:' with a list")
            )
        if isinstance(root, yaml.SequenceNode):
            return {"expectations": root}
        if not isinstance(root, yaml.MappingNode):
            raise TreatyFileError(
                Problem(
                    self.path,
                    line_of(root),
                    "is not a mapping",
                    "start with 'expectations:' and a list",
                )
            )
        fields = self.mapping(root, "the expectations file", TOP_KEYS) or {}
        if self.problems:
            raise TreatyFileError(self.problems)
        return fields

    def paths(self, node: yaml.Node, base: Path, key: str) -> tuple[Path, ...]:
        """The paths listed under ``key``, relative to the file; each must exist, checked here
        so that a wrong one is reported at its line in this file."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        what = "corpus folder" if key == "corpus" else "rules file"
        out: list[Path] = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode):
                self.problem(item, f"{key} must list paths", f"write {key}: [folder/]")
                continue
            if self.path_problem(item, base, key, what):
                continue
            out.append(base / str(item.value))
        return tuple(out)

    def path_problem(self, item: yaml.ScalarNode, base: Path, key: str, what: str) -> bool:
        """Report (and say whether) the path in ``item`` is missing or unreadable."""
        value = str(item.value)
        try:
            os.stat(base / value)
        except FileNotFoundError:
            self.problem(
                item,
                f"{what} '{shown(value)[:200]}' does not exist",
                f"give a path relative to the expectations file's folder ({base})",
            )
            return True
        except (OSError, ValueError) as exc:
            problem = (
                os_problem(shown(value)[:200], exc, what)
                if isinstance(exc, OSError)
                else Problem("", None, "the path holds a NUL byte", "check the path")
            )
            self.problem(item, f"{what} '{problem.path}': {problem.message}", problem.hint)
            return True
        if key == "corpus":
            try:
                check_folder(base / value)
            except TreatyFileError as exc:
                self.problems.extend(
                    Problem(self.path, line_of(item), p.message, p.hint) for p in exc.problems
                )
                return True
        return False

    def level(self, node: yaml.Node | None) -> Level:
        """``paragraph`` (the default) or ``article``."""
        if node is None:
            return "paragraph"
        value = str(node.value)
        if value not in ("paragraph", "article"):
            self.problem(node, f"level '{value}' is not allowed", "write paragraph or article")
            return "paragraph"
        return "article" if value == "article" else "paragraph"

    def threshold(self, node: yaml.Node | None) -> float | None:
        """A number from 0 to 1, or None when not given."""
        if node is None:
            return None
        threshold: float | None = None
        try:
            threshold = float(node.value)
            if not 0 <= threshold <= 1:
                raise ValueError
        except (TypeError, ValueError):
            self.problem(node, "threshold must be a number from 0 to 1", "e.g. threshold: 0.6")
        return threshold

    def items(self, node: yaml.Node | None) -> tuple[Expectation, ...]:
        """Every sentence of the list; raises at once when there is no list."""
        if node is None:
            self.problem(None, "has no 'expectations'", "add 'expectations:' with a list")
            raise TreatyFileError(self.problems)
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(
                node,
                "expectations must be a non-empty list",
                "write one '- ...' per expectation",
            )
            raise TreatyFileError(self.problems)
        found = (self.item(item) for item in node.value)
        return tuple(e for e in found if e is not None)

    def item(self, item: yaml.Node) -> Expectation | None:
        """One sentence, bare or as ``{expect: SENTENCE, name: LABEL}``."""
        sentence_node = item
        label: str | None = None
        if isinstance(item, yaml.MappingNode):
            parts = {str(k.value): v for k, v in item.value}
            unknown = [k for k in parts if k not in ITEM_KEYS]
            if unknown or "expect" not in parts:
                self.problem(
                    item,
                    "an expectation mapping has 'expect' and optional 'name'",
                    "write {expect: SENTENCE, name: LABEL}",
                )
                return None
            sentence_node = parts["expect"]
            if "name" in parts:
                label = self.string(parts["name"], "an expectation's name")
                if label is None:
                    return None
        if not isinstance(sentence_node, yaml.ScalarNode):
            self.problem(item, "an expectation must be a sentence", "forms: " + "; ".join(FORMS))
            return None
        sentence = " ".join(str(sentence_node.value).split())
        parsed = parse_expectation(sentence)
        if parsed is None:
            self.problem(
                sentence_node, f"cannot read '{sentence}'", "write one of: " + "; ".join(FORMS)
            )
            return None
        return Expectation(sentence, parsed[0], parsed[1], line_of(sentence_node), label)


def load_expectations(path: str | Path) -> Expectations:
    """Parse and validate an expectations file; raise with every problem located."""
    path = Path(path)
    name = shown(path)
    checker = _FileChecker(name)
    fields = checker.top(compose_file(path, what="expectations file"))
    base = path.parent
    corpus = checker.paths(fields["corpus"], base, "corpus") if "corpus" in fields else ()
    rules = checker.paths(fields["rules"], base, "rules") if "rules" in fields else ()
    level = checker.level(fields.get("level"))
    threshold = checker.threshold(fields.get("threshold"))
    items = checker.items(fields.get("expectations"))
    if checker.problems:
        raise TreatyFileError(checker.problems)
    return Expectations(name, items, corpus, rules, level, threshold)
