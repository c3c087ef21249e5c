"""The one way treatycmp reads YAML: treaties, rules and expectations alike.

A file is read through ``inputs.read_input`` (bounded, regular files only),
decoded by ``inputs.decode_text`` (UTF-8, BOM dropped, UTF-16/32 named, control
characters located), composed with PyYAML's safe composer (libyaml's when
present) and checked as a graph before anyone walks it: tags other than YAML's
plain types, aliases that refer to themselves or expand to far more nodes than
the file holds, nesting deeper than ``MAX_DEPTH`` and more than ``MAX_NODES``
nodes are refused. Every problem is a ``Problem`` with the file and the 1-based
line (PyYAML marks are 0-based).
"""

from __future__ import annotations

import os
from typing import cast

import yaml

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import decode_text, read_input, shown

NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
MAX_DEPTH = 64
MAX_NODES = 2_000_000
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def yaml_loader() -> type[yaml.SafeLoader]:
    """libyaml's C composer when present (much faster), else the pure-Python one."""
    return cast(type[yaml.SafeLoader], getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


def kind_of(node: yaml.Node) -> str:
    """What a node is, in words, for messages ("a list", "a mapping", "'x'")."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else "something else"


def is_null(node: yaml.Node | None) -> bool:
    """Whether a node is YAML's null (``~``, ``null`` or nothing at all)."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _plain_tree(root: yaml.Node) -> bool:
    """Whether the document is a tree of plain nodes within the bounds: no node reached
    twice (no alias), plain tags, at most ``MAX_DEPTH`` deep and ``MAX_NODES`` nodes.

    What almost every file is, checked a level at a time with no per-node bookkeeping
    in Python; anything else takes ``graph_problem``'s full walk, which names it.
    """
    seen: set[int] = set()
    level, depth = [root], 1
    while level:
        before = len(seen)
        seen.update(map(id, level))
        if len(seen) != before + len(level):
            return False  # a node reached twice: an alias
        tags = {node.tag for node in level}
        if depth > MAX_DEPTH or len(seen) > MAX_NODES or not PLAIN_TAGS.issuperset(tags):
            return False
        below: list[yaml.Node] = []
        for node in level:
            if isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    below.extend(pair)
            elif isinstance(node, yaml.SequenceNode):
                below.extend(node.value)
        level, depth = below, depth + 1
    return True


def graph_problem(root: yaml.Node, name: str) -> Problem | None:
    """A composed document's shape problem, found without expanding aliases.

    Rejects tags other than YAML's plain types (``!!python/...``), aliases that
    refer to themselves, aliases that expand to far more nodes than the file
    holds (the "billion laughs"), nesting deeper than ``MAX_DEPTH`` and more than
    ``MAX_NODES`` nodes, before any walk over the data could hang.
    """
    if _plain_tree(root):
        return None
    unique: dict[int, yaml.Node] = {}
    expanded: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 1)]
    while stack:
        node, done, depth = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            expanded[key] = 1 + sum(expanded[id(c)] for c in _children(node))
            continue
        if key in expanded:
            continue
        if key in in_progress:
            return Problem(
                name, line_of(node), "holds an alias that refers to itself", "remove the alias"
            )
        if node.tag not in PLAIN_TAGS:
            return Problem(
                name,
                line_of(node),
                f"uses the YAML tag {shown(node.tag)[:80]}, which treatycmp files may not use",
                "remove the tag; write plain text",
            )
        if depth > MAX_DEPTH:
            return Problem(
                name,
                line_of(node),
                f"nests lists and mappings more than {MAX_DEPTH} levels deep",
                "treatycmp files need a few levels; check the indentation",
            )
        unique[key] = node
        if len(unique) > MAX_NODES:
            return Problem(
                name,
                None,
                f"holds more than {MAX_NODES:,} YAML nodes",
                "split it into several files",
            )
        in_progress.add(key)
        stack.append((node, True, depth))
        stack.extend((c, False, depth + 1) for c in _children(node) if id(c) not in expanded)
    if expanded[id(root)] > 10 * len(unique) + 10_000:
        return Problem(
            name,
            None,
            f"expands to {expanded[id(root)]:,} YAML nodes through aliases",
            "write the data out instead of repeating it with anchors and aliases",
        )
    return None


def _syntax_problem(exc: yaml.YAMLError, name: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        return Problem(
            name,
            None,
            f"holds a character YAML does not allow (U+{int(exc.character):04X})"
            if isinstance(exc.character, int)
            else "holds a character YAML does not allow",
            "remove it; YAML files hold printable text only",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark else None
        what = (exc.problem or exc.context or "syntax error").strip()
        opened = exc.context_mark
        if exc.problem and exc.context and opened and line and opened.line + 1 < line:
            # An unclosed bracket or quote is found where the file ends or the next key
            # starts: the line to fix is the one that opened it.
            what = f"{what} at line {line}, {exc.context.strip()} opened here"
            line = int(opened.line) + 1
        return Problem(
            name, line, f"is not valid YAML ({what})", "fix the YAML syntax at that line"
        )
    return Problem(name, None, "is not valid YAML", "fix the YAML syntax")


def compose_text(text: str, name: str) -> yaml.Node | None:
    """The one YAML document in ``text`` (None when the text holds none), graph-checked.

    Raises:
        TreatyFileError: not YAML, more than one document, or a shape problem.
    """
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml_loader()))
    except yaml.YAMLError as exc:
        raise TreatyFileError(_syntax_problem(exc, name)) from None
    except RecursionError:
        raise TreatyFileError(
            Problem(name, None, "nests too deeply to be read", "check the indentation")
        ) from None
    docs = [n for n in nodes if n is not None and not (is_null(n) and not n.value)]
    if not docs:
        return None
    if len(docs) > 1:
        raise TreatyFileError(
            Problem(
                name,
                line_of(docs[1]),
                "holds more than one YAML document",
                "put one document in each file",
            )
        )
    shape = graph_problem(docs[0], name)
    if shape is not None:
        raise TreatyFileError(shape)
    return docs[0]


def compose_file(path: str | os.PathLike[str], *, what: str = "file") -> yaml.Node | None:
    """``compose_text`` over a file read through the input layer."""
    name = shown(path)
    return compose_text(decode_text(read_input(path, what=what), name), name)
