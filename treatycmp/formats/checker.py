"""The one base for checkers that walk a composed YAML document node by node.

Treaty files, rule files and expectations files are each composed by ``yamlkit``
and then walked by a checker that builds its model and collects every problem
with its file and 1-based line, so a file reports all its mistakes at once. The
walking that does not depend on what the file holds lives here, once: located
problems, mappings with unknown and duplicate keys (and a did-you-mean hint),
text, list and boolean getters, the words for a node's kind.

A subclass adds the walk of its own document and, when its messages differ,
sets the class attributes below; the defaults are the treaty file's wording.
Every template is filled with ``str.format``: ``{what}`` (the thing being read,
e.g. "the treaty file"), ``{kind}`` (``kind`` of the node), ``{key}`` (a key
through ``shown_key``) and ``{allowed}`` (the allowed keys, comma-separated).

API:
    ``problem(node, message, hint)``      record a problem at ``node``'s line (or none)
    ``line(node)``, ``kind(node)``        the 1-based line; the node's kind in words
    ``is_null(node)``                     YAML's null (``~``, ``null``, nothing)
    ``entries(node, what, allowed)``      key -> (key node, value node), or None
    ``mapping(node, what, allowed)``      key -> value node, or None
    ``require(fields, node, what, keys)`` each key present and not empty
    ``string``, ``optional_string``       NFC text of a scalar
    ``boolean(node, what, default)``      true/yes/on, false/no/off
    ``null_list``, ``string_list``        lists of text, a bare scalar as one item
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping

import yaml

from treatycmp.errors import Problem
from treatycmp.escape import shown as shown_value
from treatycmp.formats.yamlkit import NULL_TAG, kind_of, line_of

__all__ = ["BOOL_FALSE", "BOOL_TRUE", "NULL_TAG", "YamlChecker"]

#: The words YAML 1.1 reads as booleans, accepted case-insensitively.
BOOL_TRUE = frozenset({"true", "yes", "on"})
BOOL_FALSE = frozenset({"false", "no", "off"})


class YamlChecker:
    """Walks a composed YAML document, collecting problems located by line.

    Args:
        path: the file's name as shown in every problem.
    """

    #: A node that should be a mapping is not.
    MAPPING_MESSAGE = "{what} must be a mapping of keys to values, not {kind}"
    MAPPING_HINT = "write {what} as 'key: value' lines"
    #: A key written twice, and a key the mapping does not allow.
    DUPLICATE_MESSAGE = "duplicate key '{key}' in {what}"
    DUPLICATE_HINT = "keep only one"
    UNKNOWN_MESSAGE = "unknown key '{key}' in {what}"
    #: The hint for an unknown key with no close match (a close one gets "did you mean").
    ALLOWED_HINT = "allowed keys: {allowed}"
    #: A value that should be text is not, or is blank.
    TEXT_HINT = "write {what} as a string"
    EMPTY_HINT = "give {what} a value or remove it"

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    # --- problems and nodes ----------------------------------------------------

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        """Record a problem at ``node``'s line (no line when ``node`` is None)."""
        self.problems.append(Problem(self.path, line_of(node) if node else None, message, hint))

    @staticmethod
    def line(node: yaml.Node) -> int:
        """The 1-based line ``node`` starts on (PyYAML's marks are 0-based)."""
        return line_of(node)

    def kind(self, node: yaml.Node) -> str:
        """What ``node`` is, in words for a message ("a list", "a mapping", "'x'")."""
        return kind_of(node)

    @staticmethod
    def is_null(node: yaml.Node | None) -> bool:
        """Whether ``node`` is YAML's null (``~``, ``null`` or nothing at all)."""
        return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG

    def shown_key(self, key: str) -> str:
        """A key as messages show it (escaped: keys are data from the file)."""
        return shown_value(key)

    # --- mappings ------------------------------------------------------------

    def unknown_hint(self, key: str, allowed: tuple[str, ...]) -> str:
        """The hint for an unknown key: the close allowed key, else all of them."""
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
        return self.ALLOWED_HINT.format(allowed=", ".join(allowed))

    def entries(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The key and value nodes of a mapping by key, or None when ``node`` is none.

        A duplicate key and (unless ``allowed`` is None) a key not in ``allowed``
        are reported and left out; a key that is not a scalar reads as "?".
        """
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                self.MAPPING_MESSAGE.format(what=what, kind=self.kind(node)),
                self.MAPPING_HINT.format(what=what),
            )
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in out:
                message = self.DUPLICATE_MESSAGE.format(key=self.shown_key(key), what=what)
                self.problem(key_node, message, self.DUPLICATE_HINT)
                continue
            if allowed is not None and key not in allowed:
                message = self.UNKNOWN_MESSAGE.format(key=self.shown_key(key), what=what)
                self.problem(key_node, message, self.unknown_hint(key, allowed))
                continue
            out[key] = (key_node, value_node)
        return out

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None
    ) -> dict[str, yaml.Node] | None:
        """``entries`` without the key nodes: key -> value node."""
        pairs = self.entries(node, what, allowed)
        if pairs is None:
            return None
        return {key: value for key, (_, value) in pairs.items()}

    def require(
        self, fields: Mapping[str, yaml.Node], node: yaml.Node, what: str, keys: tuple[str, ...]
    ) -> None:
        """Report each of ``keys`` missing from ``fields``, or present but null or empty."""
        for key in keys:
            value = fields.get(key)
            if value is None:
                self.problem(node, f"{what} has no '{key}'", f"add '{key}:' to {what}")
            elif self.is_null(value) or (
                isinstance(value, (yaml.SequenceNode, yaml.MappingNode)) and not value.value
            ):
                self.problem(value, f"'{key}' in {what} is empty", f"give '{key}' a value")

    # --- scalars -------------------------------------------------------------

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        """The NFC text of a scalar; None (reported) for null, a collection or blank text."""
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            kind = "nothing" if self.is_null(node) else self.kind(node)
            self.problem(node, f"{what} must be text, not {kind}", self.TEXT_HINT.format(what=what))
            return None
        value = unicodedata.normalize("NFC", str(node.value))
        if not value.strip() and not allow_empty:
            self.problem(node, f"{what} is empty", self.EMPTY_HINT.format(what=what))
            return None
        return value

    def optional_string(self, node: yaml.Node | None, what: str) -> str | None:
        """``string``, with an absent or null node read as None without a problem."""
        if node is None or self.is_null(node):
            return None
        return self.string(node, what)

    def boolean(self, node: yaml.Node | None, what: str, default: bool) -> bool:
        """true/yes/on or false/no/off; ``default`` when absent, null or (reported) other."""
        if node is None or self.is_null(node):
            return default
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value).lower()
            if value in BOOL_TRUE:
                return True
            if value in BOOL_FALSE:
                return False
        self.problem(node, f"{what} must be true or false", f"write {what}: true or {what}: false")
        return default

    def null_list(self, node: yaml.Node | None, what: str) -> bool:
        """A key written with nothing after it where a list belongs: an error, since a
        silent empty list would drop whatever the writer meant to put there."""
        if node is None or not self.is_null(node):
            return False
        self.problem(
            node,
            f"{what} is null where a list belongs",
            f"write the list under {what}:, write {what}: [] for none, or remove the key",
        )
        return True

    def string_list(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        """A list of texts; a single scalar is a list of one, absent is empty."""
        if node is None or self.null_list(node, what):
            return ()
        if isinstance(node, yaml.ScalarNode):
            value = self.string(node, what)
            return (value,) if value else ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list", f"write {what} as a YAML list: [a, b]")
            return ()
        items = (self.string(item, f"an entry of {what}") for item in node.value)
        return tuple(v for v in items if v is not None)
