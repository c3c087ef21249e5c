"""YAML treaty files -> model, with every problem located by file and line.

Files are parsed with PyYAML's safe composer only and validated node by node, so
each problem knows its line (PyYAML marks are 0-based: we add 1), all problems
in a file are collected before failing, and YAML's surprises (``no`` as False,
``1961-07-06`` as a date) never reach the model: every scalar is read as text.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import gc
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import cast

import yaml

from .errors import Problem, TreatyFileError
from .model import (
    Article,
    Completeness,
    Gap,
    Paragraph,
    Source,
    Status,
    StatusState,
    Treaty,
    paragraph_id,
)
from .render.escape import shown

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:@[a-z0-9]+(?:-[a-z0-9]+)*)?$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TOP_KEYS = (
    "id",
    "title",
    "short_title",
    "aliases",
    "parties",
    "signed",
    "place",
    "in_force",
    "status",
    "supersedes",
    "language",
    "authentic_languages",
    "rendering_of",
    "source",
    "completeness",
    "numbering",
    "preface",
    "preamble",
    "articles",
    "closing",
)
REQUIRED_KEYS = ("id", "title", "short_title", "parties", "language", "source", "completeness")
SOURCE_KEYS = ("text", "authentic", "official", "translator", "citation", "urls", "notes")
STATUS_KEYS = ("state", "date", "by", "note")
STATUS_STATES: tuple[StatusState, ...] = ("in force", "terminated", "superseded", "not in force")
ARTICLE_KEYS = ("number", "unnumbered", "label", "heading", "chapter", "paragraphs")
PARAGRAPH_KEYS = ("text", "gap", "gap_before", "gap_after")
NUMBERING_KEYS = ("inferred", "reason")

_BOOL_TRUE = {"true", "yes", "on"}
_BOOL_FALSE = {"false", "no", "off"}
_NULL_TAG = "tag:yaml.org,2002:null"


def is_calendar_date(value: str) -> bool:
    """Whether ``value`` is a real YYYY-MM-DD day (not 1961-02-30, 2024-13-01 or 0000-00-00).

    >>> [is_calendar_date(d) for d in ("1961-07-06", "1961-02-30", "0000-01-01")]
    [True, False, False]
    """
    if not DATE_PATTERN.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def yaml_loader() -> type[yaml.SafeLoader]:
    """libyaml's C composer when present (much faster), else the pure-Python one."""
    return cast(type[yaml.SafeLoader], getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_error_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    """A YAML parser error as one located problem, for treaty, rule and expectation files."""
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML forbids (a control character, NUL): say where, on one line.
        return Problem(
            name,
            text[: exc.position].count("\n") + 1,
            f"holds the control character U+{exc.character:04X}, which YAML does not allow",
            "remove it (or write it as an escape inside a double-quoted string)",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark else None
        what = (exc.problem or exc.context or "syntax error").strip()
        return Problem(
            name, line, f"is not valid YAML ({what})", "fix the YAML syntax at that line"
        )
    return Problem(name, None, f"is not valid YAML ({exc})", "fix the YAML syntax")


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


#: Problems reported per file: a file of 750,000 broken entries is not 750,000 lines
#: (which took half a minute to print), but these and a count of the rest.
MAX_PROBLEMS = 100


def capped(problems: list[Problem], name: str) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems, and one line counting the others."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [
        *problems[:MAX_PROBLEMS],
        Problem(
            name, None, f"and {rest:,} more problems", "fix the ones above, then validate again"
        ),
    ]


class _Checker:
    """Walks a composed YAML document, building the model and collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, _line(node) if node else None, message, hint))

    # --- scalars -------------------------------------------------------------

    def is_null(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            kind = "nothing" if self.is_null(node) else _kind(node)
            self.problem(node, f"{what} must be text, not {kind}", f"write {what} as a string")
            return None
        value = unicodedata.normalize("NFC", str(node.value))
        if not value.strip() and not allow_empty:
            self.problem(node, f"{what} is empty", f"give {what} a value or remove it")
            return None
        return value

    def optional_string(self, node: yaml.Node | None, what: str) -> str | None:
        if node is None or self.is_null(node):
            return None
        return self.string(node, what)

    def boolean(self, node: yaml.Node | None, what: str, default: bool) -> bool:
        if node is None or self.is_null(node):
            return default
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value).lower()
            if value in _BOOL_TRUE:
                return True
            if value in _BOOL_FALSE:
                return False
        self.problem(node, f"{what} must be true or false", f"write {what}: true or {what}: false")
        return default

    def date(self, node: yaml.Node | None, what: str, *, free_text: bool = False) -> str | None:
        value = self.optional_string(node, what)
        if value is None or node is None:
            return None
        if is_calendar_date(value):
            return value
        if DATE_PATTERN.match(value):
            self.problem(
                node,
                f"{what} '{shown(value)}' is not a day of the calendar",
                "check the day and month; write it as YYYY-MM-DD, e.g. 1961-07-06",
            )
            return None
        if free_text and not re.fullmatch(r"[\d\-/.]+", value):
            return value
        self.problem(
            node,
            f"{what} '{shown(value)}' is not a date",
            "write it as YYYY-MM-DD, e.g. 1961-07-06",
        )
        return None

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

    # --- mappings ------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"{what} must be a mapping of keys to values, not {_kind(node)}",
                f"write {what} as 'key: value' lines (see docs/format.md)",
            )
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in out:
                self.problem(key_node, f"duplicate key '{shown(key)}' in {what}", "keep only one")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "allowed keys: " + ", ".join(allowed)
                )
                self.problem(key_node, f"unknown key '{shown(key)}' in {what}", hint)
                continue
            out[key] = value_node
        return out

    def require(
        self, fields: Mapping[str, yaml.Node], node: yaml.Node, what: str, keys: tuple[str, ...]
    ) -> None:
        for key in keys:
            value = fields.get(key)
            if value is None:
                self.problem(node, f"{what} has no '{key}'", f"add '{key}:' to {what}")
            elif self.is_null(value) or (
                isinstance(value, (yaml.SequenceNode, yaml.MappingNode)) and not value.value
            ):
                self.problem(value, f"'{key}' in {what} is empty", f"give '{key}' a value")

    # --- the document ----------------------------------------------------------

    def treaty(self, root: yaml.Node) -> Treaty | None:
        fields = self.mapping(root, "the treaty file", TOP_KEYS)
        if fields is None:
            return None
        self.require(fields, root, "the treaty file", REQUIRED_KEYS)
        get = fields.get

        treaty_id = self.optional_string(get("id"), "id")
        if treaty_id is not None and not ID_PATTERN.match(treaty_id):
            self.problem(
                get("id"),
                f"id '{shown(treaty_id)}' is not a slug",
                "use lowercase letters, digits and '-', and an optional '@tag' (us-rok-1953@ko)",
            )
        language = self.optional_string(get("language"), "language")
        if language is not None and not LANG_PATTERN.match(language):
            self.problem(
                get("language"),
                f"language '{shown(language)}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        authentic = self.string_list(get("authentic_languages"), "authentic_languages")
        for code in authentic:
            if not LANG_PATTERN.match(code):
                self.problem(
                    get("authentic_languages"),
                    f"'{shown(code)}' is not a language code",
                    "use ISO 639-1 codes such as en, ko, ru",
                )

        completeness = self.optional_string(get("completeness"), "completeness")
        if completeness is not None and completeness not in ("complete", "partial"):
            self.problem(
                get("completeness"),
                f"completeness '{shown(completeness)}' is not allowed",
                "write complete or partial",
            )
            completeness = None

        numbering_reason = self.numbering(get("numbering"))
        preface = self.paragraphs(get("preface"), "preface", "preface")
        preamble = self.paragraphs(get("preamble"), "preamble", "preamble")
        articles = self.articles(get("articles"), numbering_reason)
        closing = self.paragraphs(get("closing"), "closing", "closing")
        source = self.source(get("source"))
        status = self.status(get("status"))

        has_gap = any(p.is_gap or p.is_partial for p in (*preface, *preamble, *closing))
        has_gap = has_gap or any(isinstance(a, Gap) or a.has_gap for a in articles)
        if completeness == "complete" and has_gap:
            self.problem(
                get("completeness"),
                "completeness is 'complete' but the text has gaps",
                "write completeness: partial",
            )
        if completeness == "partial" and not has_gap:
            self.problem(
                get("completeness"),
                "completeness is 'partial' but no gap says what is missing",
                "add {gap: reason} where text is missing, or write completeness: complete",
            )
        self.clause_ids(preface, preamble, articles, closing)

        title = self.optional_string(get("title"), "title") or ""
        short_title = self.optional_string(get("short_title"), "short_title") or title
        parties = self.string_list(get("parties"), "parties")
        signed = self.date(get("signed"), "signed")
        place = self.optional_string(get("place"), "place")
        in_force = self.date(get("in_force"), "in_force", free_text=True)
        supersedes = self.string_list(get("supersedes"), "supersedes")
        rendering_of = self.optional_string(get("rendering_of"), "rendering_of")
        aliases = tuple(a.casefold() for a in self.string_list(get("aliases"), "aliases"))
        if self.problems or treaty_id is None or language is None or source is None:
            return None
        return Treaty(
            id=treaty_id,
            title=title,
            language=language,
            source=source,
            completeness=cast(Completeness, completeness or "partial"),
            status=status,
            authentic_languages=authentic,
            numbering_inferred=numbering_reason,
            preface=preface,
            preamble=preamble,
            articles=articles,
            closing=closing,
            path=self.path,
            short_title=short_title,
            parties=parties,
            signed=signed,
            place=place,
            in_force=in_force,
            supersedes=supersedes,
            rendering_of=rendering_of,
            aliases=aliases,
        )

    def clause_ids(
        self,
        preface: tuple[Paragraph, ...],
        preamble: tuple[Paragraph, ...],
        articles: tuple[Article | Gap, ...],
        closing: tuple[Paragraph, ...],
    ) -> None:
        """Every clause id names one thing: article "5.1" must not shadow paragraph 5.1."""
        seen: dict[str, str] = {p.id: "a paragraph" for p in (*preface, *preamble, *closing)}
        for a in articles:
            if not isinstance(a, Article):
                continue
            named = [(a.id, f"article {a.number}")]
            named += [
                (p.id, f"paragraph {p.id} of article {a.number}")
                for p in a.paragraphs
                if p.id != a.id
            ]
            for clause_id, what in named:
                if clause_id in seen:
                    self.problems.append(
                        Problem(
                            self.path,
                            a.line,
                            f"clause id '{clause_id}' would name both {seen[clause_id]} and {what}",
                            "renumber the article so its id is not a paragraph id (e.g. 5bis)",
                        )
                    )
                seen.setdefault(clause_id, what)

    def numbering(self, node: yaml.Node | None) -> str | None:
        if node is None or self.is_null(node):
            return None
        fields = self.mapping(node, "numbering", NUMBERING_KEYS)
        if fields is None:
            return None
        if not self.boolean(fields.get("inferred"), "numbering.inferred", False):
            return None
        reason = self.optional_string(fields.get("reason"), "numbering.reason")
        if reason is None:
            self.problem(
                node,
                "inferred numbering needs a reason",
                "add 'reason:' saying where the numbers come from",
            )
            return None
        return reason

    def source(self, node: yaml.Node | None) -> Source | None:
        if node is None:
            return None
        fields = self.mapping(node, "source", SOURCE_KEYS)
        if fields is None:
            return None
        self.require(fields, node, "source", ("text",))
        text = self.optional_string(fields.get("text"), "source.text")
        if text is None:
            return None
        return Source(
            text=text,
            authentic=self.boolean(fields.get("authentic"), "source.authentic", False),
            official=self.boolean(fields.get("official"), "source.official", True),
            translator=self.optional_string(fields.get("translator"), "source.translator"),
            citation=self.optional_string(fields.get("citation"), "source.citation"),
            urls=self.string_list(fields.get("urls"), "source.urls"),
            notes=self.string_list(fields.get("notes"), "source.notes"),
        )

    def status(self, node: yaml.Node | None) -> Status | None:
        if node is None or self.is_null(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            fields: dict[str, yaml.Node] | None = {"state": node}
        else:
            fields = self.mapping(node, "status", STATUS_KEYS)
        if fields is None:
            return None
        self.require(fields, node, "status", ("state",))
        state = self.optional_string(fields.get("state"), "status.state")
        if state is None:
            return None
        if state not in STATUS_STATES:
            self.problem(
                fields["state"],
                f"status '{shown(state)}' is not allowed",
                "write one of: " + ", ".join(STATUS_STATES),
            )
            return None
        return Status(
            state=state,
            date=self.date(fields.get("date"), "status.date"),
            by=self.optional_string(fields.get("by"), "status.by"),
            note=self.optional_string(fields.get("note"), "status.note"),
        )

    def paragraphs(
        self, node: yaml.Node | None, what: str, prefix: str, *, article: bool = False
    ) -> tuple[Paragraph, ...]:
        """A list of paragraphs; ``prefix`` makes ids ("preamble.3", or "4.2" in an article)."""
        if node is None or self.null_list(node, what):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, f"{what} must be a list of paragraphs", "write one '- ' entry per paragraph"
            )
            return ()
        count = len(node.value)
        out: list[Paragraph] = []
        for index, item in enumerate(node.value, start=1):
            pid = paragraph_id(prefix, index, count) if article else f"{prefix}.{index}"
            para = self.paragraph(item, f"{what}, paragraph {index}", pid)
            if para is not None:
                out.append(para)
        return tuple(out)

    def paragraph(self, node: yaml.Node, what: str, pid: str) -> Paragraph | None:
        line = _line(node)
        if isinstance(node, yaml.ScalarNode) and not self.is_null(node):
            text = self.string(node, what)
            return Paragraph(pid, text, line) if text is not None else None
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"{what} must be text or a mapping with 'text' or 'gap'",
                "write the paragraph's words, or {gap: reason}",
            )
            return None
        fields = self.mapping(node, what, PARAGRAPH_KEYS)
        if fields is None:
            return None
        gap = self.optional_string(fields.get("gap"), f"{what}: gap")
        if "gap" in fields and self.is_null(fields["gap"]):
            self.problem(
                fields["gap"], f"{what}: the gap has no reason", "say what is missing and why"
            )
        if "gap" in fields:
            if len(fields) > 1:
                self.problem(
                    node,
                    f"{what} is a gap and also has {', '.join(k for k in fields if k != 'gap')}",
                    "a whole-paragraph gap has only 'gap'; use text with gap_before/gap_after",
                )
            return Paragraph(pid, "", line, gap=gap) if gap else None
        if "text" not in fields:
            self.problem(
                node,
                f"{what} has neither 'text' nor 'gap'",
                "add 'text:' (the words) or 'gap:' (why they are missing)",
            )
            return None
        text = self.string(fields["text"], f"{what}: text")
        if text is None:
            return None
        return Paragraph(
            pid,
            text,
            line,
            gap_before=self.optional_string(fields.get("gap_before"), f"{what}: gap_before"),
            gap_after=self.optional_string(fields.get("gap_after"), f"{what}: gap_after"),
        )

    def articles(self, node: yaml.Node | None, inferred: str | None) -> tuple[Article | Gap, ...]:
        if node is None or self.null_list(node, "articles"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, "articles must be a list", "write one '- number: ...' entry per article"
            )
            return ()
        out: list[Article | Gap] = []
        seen: dict[str, int] = {}
        unnumbered = 0
        for index, item in enumerate(node.value, start=1):
            what = f"article entry {index}"
            fields = self.mapping(item, what, (*ARTICLE_KEYS, "gap"))
            if fields is None:
                continue
            if "gap" in fields:
                extra = [k for k in fields if k != "gap"]
                if extra:
                    self.problem(
                        item,
                        f"{what} is a gap and also has {', '.join(extra)}",
                        "an article gap has only 'gap: reason'",
                    )
                reason = self.optional_string(fields["gap"], f"{what}: gap")
                if self.is_null(fields["gap"]):
                    self.problem(
                        fields["gap"],
                        f"{what}: the gap has no reason",
                        "say what is missing and why",
                    )
                if reason:
                    out.append(Gap(reason, _line(item)))
                continue
            number: str | None
            unnumbered_reason: str | None = None
            if "unnumbered" in fields:
                if "number" in fields:
                    self.problem(item, f"{what} has both 'number' and 'unnumbered'", "keep one")
                unnumbered_reason = self.string(fields["unnumbered"], f"{what}: unnumbered")
                if unnumbered_reason is None:
                    continue
                unnumbered += 1
                number = f"u{unnumbered}"
            elif "number" not in fields:
                self.problem(
                    item,
                    f"{what} has no 'number'",
                    'add number: "1" (as written in the source), or unnumbered: <reason>',
                )
                continue
            else:
                number = self.string(fields["number"], f"{what}: number")
                if number is None:
                    continue
                number = number.strip()
                what = f"article {shown(number)}"
                key = number.casefold()
                if key in seen:
                    self.problem(
                        fields["number"],
                        f"duplicate article number '{shown(number)}' (first at line {seen[key]})",
                        "give each article its own number",
                    )
                    continue
                seen[key] = _line(item)
            if "paragraphs" not in fields:
                self.problem(
                    item,
                    f"{what} has no 'paragraphs'",
                    "add paragraphs: with at least one paragraph",
                )
                continue
            para_node = fields["paragraphs"]
            if self.is_null(para_node) or (
                isinstance(para_node, yaml.SequenceNode) and not para_node.value
            ):
                self.problem(
                    para_node,
                    f"{what} has an empty list of paragraphs",
                    "add its paragraphs, or make it {gap: reason}",
                )
                continue
            paragraphs = self.paragraphs(para_node, what, number, article=True)
            out.append(
                Article(
                    number=number,
                    paragraphs=paragraphs,
                    line=_line(item),
                    label=self.optional_string(fields.get("label"), f"{what}: label"),
                    heading=self.optional_string(fields.get("heading"), f"{what}: heading"),
                    chapter=self.optional_string(fields.get("chapter"), f"{what}: chapter"),
                    inferred=inferred,
                    unnumbered=unnumbered_reason,
                )
            )
        return tuple(out)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{shown(node.value)}'" if isinstance(node, yaml.ScalarNode) else "something else"


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def yaml_graph_problem(root: yaml.Node, name: str) -> Problem | None:
    """A composed document's shape problem, found without expanding aliases.

    Rejects tags other than YAML's plain types (``!!python/...``), aliases that
    refer to themselves, and aliases that expand to far more nodes than the file
    holds (the "billion laughs"), before any walk over the data could hang.
    """
    unique: dict[int, yaml.Node] = {}
    expanded: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            in_progress.discard(key)
            expanded[key] = 1 + sum(expanded[id(c)] for c in _children(node))
            continue
        if key in expanded:
            continue
        if key in in_progress:
            return Problem(
                name, _line(node), "holds an alias that refers to itself", "remove the alias"
            )
        if node.tag not in _PLAIN_TAGS:
            return Problem(
                name,
                _line(node),
                f"uses the YAML tag {node.tag}, which treatycmp files may not use",
                "remove the tag; write plain text",
            )
        unique[key] = node
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in expanded)
    if expanded[id(root)] > 10 * len(unique) + 10_000:
        return Problem(
            name,
            None,
            f"expands to {expanded[id(root)]:,} YAML nodes through aliases",
            "write the data out instead of repeating it with anchors and aliases",
        )
    return None


def utf16_or_32(data: bytes) -> str | None:
    """Which wide encoding ``data`` is in, if any: ``UTF-32`` or ``UTF-16`` by its
    byte-order mark, or ``UTF-16`` without one (every other byte NUL at the start)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:200]
    if len(head) >= 8 and (
        head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == (len(head) + 1) // 2
    ):
        return "UTF-16"
    return None


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, None, "no such file", "check the path"))
        return None
    except IsADirectoryError:
        problems.append(Problem(name, None, "is a folder, not a treaty file", "name a .yaml file"))
        return None
    except OSError as exc:
        problems.append(
            Problem(name, None, f"cannot be read ({exc.strerror})", "check its permissions")
        )
        return None
    wide = utf16_or_32(data)
    if wide:
        problems.append(Problem(name, None, f"is {wide} text, not UTF-8", "save the file as UTF-8"))
        return None
    if b"\x00" in data:
        problems.append(
            Problem(name, None, "is a binary file, not YAML text", "name a UTF-8 .yaml treaty file")
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, "is not UTF-8 text", "save the file as UTF-8"))
        return None
    return text.removeprefix("\ufeff")


def check_file(path: str | Path) -> tuple[Treaty | None, list[Problem]]:
    """Load and validate one file; return the treaty (None if invalid) and all problems."""
    path = Path(path)
    problems: list[Problem] = []
    text = _read_text(path, problems)
    if text is None:
        return None, problems
    return check_text(text, str(path))


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is parsed.

    Composing YAML allocates millions of small objects that all stay alive until the
    model is built; each automatic collection rescans them all, which made loading
    grow faster than the file (100,000 articles: 28 s with, 5 s without). The nodes
    and the model hold no reference cycles, so nothing waits on the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_text(text: str, name: str) -> tuple[Treaty | None, list[Problem]]:
    """Validate treaty YAML held in memory (``name`` says where it came from or goes)."""
    with _paused_gc():
        return _check_text(text, name)


def _check_text(text: str, name: str) -> tuple[Treaty | None, list[Problem]]:
    if not text.strip():
        return None, [
            Problem(name, None, "is empty", "write a treaty in the format of docs/format.md")
        ]
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml_loader()))
    except yaml.YAMLError as exc:
        return None, [yaml_error_problem(exc, text, name)]
    docs = [
        n
        for n in nodes
        if n is not None
        and not (isinstance(n, yaml.ScalarNode) and n.tag == _NULL_TAG and not n.value)
    ]
    if not docs:
        return None, [
            Problem(
                name,
                None,
                "holds no YAML document",
                "write a treaty in the format of docs/format.md",
            )
        ]
    if len(docs) > 1:
        return None, [
            Problem(
                name,
                _line(docs[1]),
                "holds more than one YAML document",
                "put one treaty in each file",
            )
        ]
    checker = _Checker(name)
    shape = yaml_graph_problem(docs[0], name)
    if shape is not None:
        return None, [shape]
    if not isinstance(docs[0], yaml.MappingNode):
        checker.problem(
            docs[0],
            f"is not a mapping of fields but {_kind(docs[0])}",
            "start the file with 'id: ...' and the other fields of docs/format.md",
        )
        return None, checker.problems
    treaty = checker.treaty(docs[0])
    return treaty, capped(checker.problems, name)


def load_treaty(path: str | Path) -> Treaty:
    """Load one treaty file, raising ``TreatyFileError`` with every problem found."""
    treaty, problems = check_file(path)
    if problems or treaty is None:
        raise TreatyFileError(problems or [Problem(str(path), None, "could not be loaded")])
    return treaty


# Folders no treaty corpus lives in, whose walk would read the whole machine or
# files that never end (/proc, /sys, /dev).
_SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def is_system_folder(path: str | Path) -> bool:
    """Whether ``path`` is the file system's root or lies under /proc, /sys or /dev."""
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        return False
    if resolved == Path(resolved.anchor):
        return True
    return any(resolved == s or s in resolved.parents for s in _SYSTEM_FOLDERS)


def iter_treaty_files(path: str | Path) -> Iterator[Path]:
    """The .yaml/.yml files at ``path`` (a file, or a folder searched recursively).

    Raises:
        TreatyFileError: ``path`` is the root folder or a system folder.
    """
    path = Path(path)
    if path.is_dir() and is_system_folder(path):
        raise TreatyFileError(
            Problem(
                str(path),
                None,
                "is the root folder or a system folder; searching it would read the whole machine",
                "name the folder that holds your treaty .yaml files",
            )
        )
    if path.is_dir():
        yield from sorted(
            p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
        )
    else:
        yield path


def bundled_dir() -> Path:
    """The folder of the corpus shipped with the package."""
    from importlib.resources import files

    return Path(str(files("treatycmp.data").joinpath("treaties")))


def bundled_paths() -> list[Path]:
    """Every bundled treaty file, sorted by name."""
    return sorted(bundled_dir().glob("*.yaml"))


def load_all(
    paths: list[Path], on_error: Callable[[TreatyFileError], None] | None = None
) -> list[Treaty]:
    """Load many files; without ``on_error`` the first invalid file raises."""
    out: list[Treaty] = []
    for path in paths:
        try:
            out.append(load_treaty(path))
        except TreatyFileError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return out
