"""YAML treaty files -> model, with every problem located by file and line.

Files are parsed with PyYAML's safe composer only and validated node by node, so
each problem knows its line (PyYAML marks are 0-based: we add 1), all problems
in a file are collected before failing, and YAML's surprises (``no`` as False,
``1961-07-06`` as a date) never reach the model: every scalar is read as text.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import yaml

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.escape import shown as shown_value
from treatycmp.formats.checker import YamlChecker
from treatycmp.formats.inputs import decode_text, read_input, shown
from treatycmp.formats.yamlkit import compose_text, graph_problem, kind_of, line_of
from treatycmp.formats.yamlkit import yaml_loader as yaml_loader
from treatycmp.model import (
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
REQUIRED_KEYS = ("id", "title", "short_title", "language", "source", "completeness")
SOURCE_KEYS = ("text", "authentic", "official", "translator", "citation", "urls", "notes")
STATUS_KEYS = ("state", "date", "by", "note")
STATUS_STATES: tuple[StatusState, ...] = ("in force", "terminated", "superseded", "not in force")
ARTICLE_KEYS = ("number", "unnumbered", "label", "heading", "chapter", "paragraphs")
PARAGRAPH_KEYS = ("text", "gap", "gap_before", "gap_after")
NUMBERING_KEYS = ("inferred", "reason")


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


class _Checker(YamlChecker):
    """Walks a composed YAML document, building the model and collecting problems."""

    MAPPING_HINT = "write {what} as 'key: value' lines (see docs/format.md)"

    def date(self, node: yaml.Node | None, what: str, *, free_text: bool = False) -> str | None:
        value = self.optional_string(node, what)
        if value is None or node is None:
            return None
        if is_calendar_date(value):
            return value
        if DATE_PATTERN.match(value):
            self.problem(
                node,
                f"{what} '{shown_value(value)}' is not a day of the calendar",
                "check the day and month; write it as YYYY-MM-DD, e.g. 1961-07-06",
            )
            return None
        if free_text and not re.fullmatch(r"[\d\-/.]+", value):
            return value
        self.problem(
            node,
            f"{what} '{shown_value(value)}' is not a date",
            "write it as YYYY-MM-DD, e.g. 1961-07-06",
        )
        return None

    # --- the document ----------------------------------------------------------

    def treaty(self, root: yaml.Node) -> Treaty | None:
        fields = self.mapping(root, "the treaty file", TOP_KEYS)
        if fields is None:
            return None
        self.require(fields, root, "the treaty file", REQUIRED_KEYS)
        if "parties" in fields:  # left out: unknown; written down: at least one
            self.require(fields, root, "the treaty file", ("parties",))
        get = fields.get

        treaty_id = self.optional_string(get("id"), "id")
        if treaty_id is not None and not ID_PATTERN.match(treaty_id):
            self.problem(
                get("id"),
                f"id '{shown_value(treaty_id)}' is not a slug",
                "use lowercase letters, digits and '-', and an optional '@tag' (us-rok-1953@ko)",
            )
        language = self.optional_string(get("language"), "language")
        if language is not None and not LANG_PATTERN.match(language):
            self.problem(
                get("language"),
                f"language '{shown_value(language)}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        authentic = self.string_list(get("authentic_languages"), "authentic_languages")
        for code in authentic:
            if not LANG_PATTERN.match(code):
                self.problem(
                    get("authentic_languages"),
                    f"'{shown_value(code)}' is not a language code",
                    "use ISO 639-1 codes such as en, ko, ru",
                )

        completeness = self.optional_string(get("completeness"), "completeness")
        if completeness is not None and completeness not in ("complete", "partial"):
            self.problem(
                get("completeness"),
                f"completeness '{shown_value(completeness)}' is not allowed",
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
                f"status '{shown_value(state)}' is not allowed",
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
        line = line_of(node)
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
                    out.append(Gap(reason, line_of(item)))
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
                what = f"article {shown_value(number)}"
                key = number.casefold()
                if key in seen:
                    self.problem(
                        fields["number"],
                        f"duplicate article number '{shown_value(number)}' "
                        f"(first at line {seen[key]})",
                        "give each article its own number",
                    )
                    continue
                seen[key] = line_of(item)
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
                    line=line_of(item),
                    label=self.optional_string(fields.get("label"), f"{what}: label"),
                    heading=self.optional_string(fields.get("heading"), f"{what}: heading"),
                    chapter=self.optional_string(fields.get("chapter"), f"{what}: chapter"),
                    inferred=inferred,
                    unnumbered=unnumbered_reason,
                )
            )
        return tuple(out)


yaml_graph_problem = graph_problem


def check_file(path: str | Path) -> tuple[Treaty | None, list[Problem]]:
    """Load and validate one file; return the treaty (None if invalid) and all problems."""
    name = shown(path)
    try:
        text = decode_text(read_input(path, what="treaty file"), name)
    except TreatyFileError as exc:
        return None, list(exc.problems)
    return check_text(text, name)


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
        root = compose_text(text, name)
    except TreatyFileError as exc:
        return None, list(exc.problems)
    if root is None:
        return None, [
            Problem(
                name,
                None,
                "holds no YAML document",
                "write a treaty in the format of docs/format.md",
            )
        ]
    checker = _Checker(name)
    if not isinstance(root, yaml.MappingNode):
        checker.problem(
            root,
            f"is not a mapping of fields but {kind_of(root)}",
            "start the file with 'id: ...' and the other fields of docs/format.md",
        )
        return None, checker.problems
    treaty = checker.treaty(root)
    return treaty, capped(checker.problems, name)


def load_treaty(path: str | Path) -> Treaty:
    """Load one treaty file, raising ``TreatyFileError`` with every problem found."""
    treaty, problems = check_file(path)
    if problems or treaty is None:
        raise TreatyFileError(problems or [Problem(str(path), None, "could not be loaded")])
    return treaty


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
