"""Plain-text treaty -> model: the way a user brings a new text into the corpus.

The input is what one copies from a printed treaty: an optional header of
``# Key: value`` lines, then the preamble, then article headings (``Article 1``,
``ARTICLE I``, ``Art. 1.``, ``제1조``, ``Статья 1``) each followed by its
paragraphs, one per line. ``[GAP: reason]`` marks missing text, on a line of its
own or at either end of a paragraph. Words are never changed.

What is built is dumped and checked by the loader before anyone writes it, so an
import never produces a file that ``validate`` rejects; problems point at the
input's lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import yaml

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.inputs import decode_document
from treatycmp.formats.navigation import strip_navigation
from treatycmp.formats.segment import CLOSING_START as CLOSING_START
from treatycmp.formats.segment import Meta
from treatycmp.formats.segment import split_inner_gap as split_inner_gap
from treatycmp.formats.text import treaty_from_text
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.formats.treaty_yaml import LANG_PATTERN, check_text, yaml_loader
from treatycmp.model import Article, Gap, Paragraph, Treaty

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

TREATY_YAML = re.compile(r"^id:[ \t]*\S+[ \t]*$.*^(?:articles|preamble|source):", re.M | re.S)


def read_text_document(data: bytes, name: str, request: ReadRequest) -> Treaty:
    """The registry's reader of plain text: the bytes decoded, then ``import_text``.

    Raises:
        TreatyFileError: the bytes are no text, or treaty YAML already (unless
            ``--from text`` says to import its lines), or the text is no treaty.
    """
    assert request.treaty_id is not None
    limit = request.options.limits.paragraphs
    if data.count(b"\n") >= limit:  # one paragraph a line: refused before decoding
        raise over_budget(name, None, "paragraphs", limit)
    text = decode_document(data, name, request.warnings)
    if request.options.fmt in (None, "auto") and TREATY_YAML.search(text):
        raise TreatyFileError(
            Problem(
                name,
                None,
                "is treaty YAML already, not a document to import",
                "use it as it is (treatycmp validate FILE; --corpus), or pass --from text "
                "to import its lines as a text",
            )
        )
    return import_text(
        strip_navigation(text, name, request.warnings),
        treaty_id=request.treaty_id,
        path=name,
        meta=request.meta,
        warnings=request.warnings,
        report=request.report,
    )


def import_text(
    text: str,
    *,
    treaty_id: str,
    path: str = "<text>",
    title: str | None = None,
    language: str = "en",
    meta: Meta | None = None,
    warnings: list[str] | None = None,
    report: list[str] | None = None,
) -> Treaty:
    """Build a ``Treaty`` from plain text (see the module docstring for the layout).

    ``meta`` holds what the user said about the text (options win over the
    header); ``warnings`` collects what the import could not know.
    """
    meta = meta or Meta()
    if title is not None:
        meta = replace(meta, title=title)
    if language != "en" and meta.language == "en":
        meta = replace(meta, language=language, language_given=True)
    if not LANG_PATTERN.match(meta.language):
        raise TreatyFileError(
            Problem(
                path,
                None,
                f"language '{meta.language}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        )
    treaty, field_lines = treaty_from_text(
        text, treaty_id=treaty_id, path=path, meta=meta, warnings=warnings, report=report
    )
    checked_yaml(treaty, field_lines)
    return treaty


def checked_yaml(treaty: Treaty, field_lines: Mapping[str, int] | None = None) -> str:
    """The treaty as YAML, once the loader accepts it (``checked_yaml_model``)."""
    return checked_yaml_model(treaty, field_lines)[0]


def checked_yaml_model(
    treaty: Treaty, field_lines: Mapping[str, int] | None = None
) -> tuple[str, Treaty]:
    """The treaty as YAML, once the loader accepts it: an import never writes a bad file.
    Also the model the loader reads back from that YAML (what a later load of the file
    gives, but for its path), so an import can store what is derived from it.

    Each problem is placed at the input line the offending part came from
    (paragraphs and articles carry their input line; ``field_lines`` gives the
    lines of top-level fields such as ``signed``), or at no line when unknown.

    Raises:
        TreatyFileError: the loader rejects the result.
    """
    text = treaty_to_yaml(treaty)
    name = treaty.path or treaty.id
    loaded, problems = check_text(text, name)
    if not problems and loaded is not None:
        return text, loaded
    where = _input_lines(text, treaty, field_lines or {})
    raise TreatyFileError(
        [Problem(name, where.get(p.line) if p.line else None, p.message, p.hint) for p in problems]
    )


def _input_lines(text: str, treaty: Treaty, field_lines: Mapping[str, int]) -> dict[int, int]:
    """YAML line -> input line, by walking the dumped YAML beside the model it came from."""
    out: dict[int, int] = {}

    def mark(node: yaml.Node, line: int) -> None:
        first = int(node.start_mark.line) + 1
        last = int(node.end_mark.line) + (1 if node.end_mark.column else 0)
        for n in range(first, max(first, last) + 1):
            out[n] = line

    root = yaml.compose(text, Loader=yaml_loader())
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        name = str(key.value)
        if name in field_lines:
            mark(key, field_lines[name])
            mark(value, field_lines[name])
        parts: tuple[Paragraph | Article | Gap, ...] = getattr(treaty, name, ())
        if name not in ("preface", "preamble", "articles", "closing"):
            continue
        if not isinstance(value, yaml.SequenceNode):
            continue
        for node, part in zip(value.value, parts, strict=False):
            mark(node, part.line)
            if isinstance(part, Article) and isinstance(node, yaml.MappingNode):
                paras = next((v for k, v in node.value if k.value == "paragraphs"), None)
                if isinstance(paras, yaml.SequenceNode):
                    for pnode, para in zip(paras.value, part.paragraphs, strict=False):
                        mark(pnode, para.line)
    return out
