"""YAML treaty files -> model, with every problem located by file and line.

The checker is three modules: the fields about a treaty (``treaty_meta``), its
text (``treaty_body``), and here the document that joins them and the entry
points (``check_file``, ``check_text``, ``load_treaty``); all share the walking
of ``checker.YamlChecker``. ``ID_PATTERN``, ``LANG_PATTERN`` and
``is_calendar_date`` are re-exported for the importers and writers.

Files are parsed with PyYAML's safe composer only and validated node by node, so
each problem knows its line (PyYAML marks are 0-based: we add 1), all problems
in a file are collected before failing, and YAML's surprises (``no`` as False,
``1961-07-06`` as a date) never reach the model: every scalar is read as text.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import yaml

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import decode_text, read_input, shown
from treatycmp.formats.treaty_body import BodyChecks
from treatycmp.formats.treaty_meta import ID_PATTERN as ID_PATTERN
from treatycmp.formats.treaty_meta import LANG_PATTERN as LANG_PATTERN
from treatycmp.formats.treaty_meta import MetaChecks
from treatycmp.formats.treaty_meta import is_calendar_date as is_calendar_date
from treatycmp.formats.yamlkit import compose_text, graph_problem, kind_of
from treatycmp.formats.yamlkit import yaml_loader as yaml_loader
from treatycmp.model import Completeness, Gap, Treaty

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


class _Checker(MetaChecks, BodyChecks):
    """Walks a composed YAML document, building the model and collecting problems."""

    MAPPING_HINT = "write {what} as 'key: value' lines (see docs/format.md)"

    # --- the document ----------------------------------------------------------

    def treaty(self, root: yaml.Node) -> Treaty | None:
        fields = self.mapping(root, "the treaty file", TOP_KEYS)
        if fields is None:
            return None
        self.require(fields, root, "the treaty file", REQUIRED_KEYS)
        if "parties" in fields:  # left out: unknown; written down: at least one
            self.require(fields, root, "the treaty file", ("parties",))
        get = fields.get

        treaty_id, language, authentic = self.codes(fields)
        completeness = self.completeness(get("completeness"))

        numbering_reason = self.numbering(get("numbering"))
        preface = self.paragraphs(get("preface"), "preface", "preface")
        preamble = self.paragraphs(get("preamble"), "preamble", "preamble")
        articles = self.articles(get("articles"), numbering_reason)
        closing = self.paragraphs(get("closing"), "closing", "closing")
        source = self.source(get("source"))
        status = self.status(get("status"))

        has_gap = any(p.is_gap or p.is_partial for p in (*preface, *preamble, *closing))
        has_gap = has_gap or any(isinstance(a, Gap) or a.has_gap for a in articles)
        self.gaps_agree(get("completeness"), completeness, has_gap)
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
    other = _other_kind(root)
    if other is not None:
        return None, [Problem(name, None, *other)]
    treaty = checker.treaty(root)
    return treaty, capped(checker.problems, name)


def _other_kind(root: yaml.MappingNode) -> tuple[str, str] | None:
    """What a YAML file of another kind is (an expectations or rules file in a corpus
    folder), said once: read as a treaty, it was eight lines of unknown and missing keys."""
    keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    if "id" in keys:
        return None
    if "expectations" in keys:
        what, use = "an expectations file", "check it with 'treatycmp check FILE'"
    elif "rules" in keys:
        what, use = "a rules file", "pass it with --rules FILE"
    else:
        return None
    return (
        f"is {what}, not a treaty file",
        f"{use}; keep it out of corpus folders, whose every .yaml is read as a treaty",
    )


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
