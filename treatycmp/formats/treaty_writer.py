"""Model -> YAML text in the treaty format, for every importer.

The output loads back to an equal ``Treaty`` (tested), so an importer can build
the model and never write YAML by hand.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from treatycmp.escape import INVISIBLE
from treatycmp.model import Article, Gap, Paragraph, Treaty

#: What the writer puts in a treaty file: text, flags (None: not given), lists and mappings.
YamlData = str | bool | None | list["YamlData"] | dict[str, "YamlData"]


def _paragraph(p: Paragraph) -> YamlData:
    if p.gap is not None:  # p.is_gap, narrowed for the type checker
        return {"gap": p.gap}
    if p.is_partial:
        out: dict[str, YamlData] = {}
        if p.gap_before:
            out["gap_before"] = p.gap_before
        out["text"] = p.text
        if p.gap_after:
            out["gap_after"] = p.gap_after
        return out
    return p.text


def _article(a: Article | Gap) -> dict[str, YamlData]:
    if isinstance(a, Gap):
        return {"gap": a.reason}
    out: dict[str, YamlData] = {}
    if a.unnumbered:
        out["unnumbered"] = a.unnumbered
    else:
        out["number"] = a.number
    for key in ("label", "heading", "chapter"):
        value = getattr(a, key)
        if value:
            out[key] = value
    out["paragraphs"] = [_paragraph(p) for p in a.paragraphs]
    return out


def treaty_to_dict(t: Treaty) -> dict[str, Any]:
    """The treaty as plain data in the key order of docs/format.md, empty fields left out.

    ``Any`` at this edge: ``show -f json`` edits the dict it returns by key.
    """
    source: dict[str, YamlData] = {"text": t.source.text, "authentic": t.source.authentic}
    source["official"] = t.source.official
    for key in ("translator", "citation"):
        if getattr(t.source, key):
            source[key] = getattr(t.source, key)
    if t.source.urls:
        source["urls"] = list(t.source.urls)
    if t.source.notes:
        source["notes"] = list(t.source.notes)
    out: dict[str, Any] = {
        "id": t.id,
        "title": t.title,
        "short_title": t.short_title,
    }
    if t.aliases:
        out["aliases"] = list(t.aliases)
    if t.parties:  # left out when unknown (an import that was not told them)
        out["parties"] = list(t.parties)
    for key in ("signed", "place", "in_force"):
        if getattr(t, key):
            out[key] = getattr(t, key)
    if t.status:
        status = {k: v for k, v in vars(t.status).items() if v}
        out["status"] = status
    if t.supersedes:
        out["supersedes"] = list(t.supersedes)
    out["language"] = t.language
    if t.authentic_languages:
        out["authentic_languages"] = list(t.authentic_languages)
    if t.rendering_of:
        out["rendering_of"] = t.rendering_of
    out["source"] = source
    out["completeness"] = t.completeness
    if t.numbering_inferred:
        out["numbering"] = {"inferred": True, "reason": t.numbering_inferred}
    for key in ("preface", "preamble"):
        paras = getattr(t, key)
        if paras:
            out[key] = [_paragraph(p) for p in paras]
    if t.articles:
        out["articles"] = [_article(a) for a in t.articles]
    if t.closing:
        out["closing"] = [_paragraph(p) for p in t.closing]
    return out


# The escaping policy's characters (escape.py) that YAML would write raw: bidi
# and invisible characters, and NEL. A string holding one is written
# double-quoted with escapes (``"\u202e"``), which loads back to the same string.
_ESCAPE_IN_YAML = re.compile(f"[{INVISIBLE}\x85]")


class _EscapingDumper(yaml.SafeDumper):
    """The pure-Python dumper, escaping the policy's characters in double quotes."""

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not _ESCAPE_IN_YAML.search(text):
            super().write_double_quoted(text, split)
            return
        # Without allow_unicode the emitter escapes everything outside ASCII in this
        # one string: exact, and rare (only strings that hold such characters).
        saved, self.allow_unicode = self.allow_unicode, False
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = saved


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if _ESCAPE_IN_YAML.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_EscapingDumper.add_representer(str, _represent_str)


def treaty_to_yaml(t: Treaty) -> str:
    """YAML text for ``t``; strings are quoted only where YAML needs it.

    libyaml's emitter is used when PyYAML has it: ten times faster on ToTA-sized
    treaties, and the text loads back to the same data (tested). A treaty holding a
    bidi or invisible character goes through ``_EscapingDumper`` instead, so the file
    shows it as an escape rather than hiding it.
    """
    data = treaty_to_dict(t)
    dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    if _has_escapes(data):
        dumper = _EscapingDumper
    return yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def _has_escapes(data: object) -> bool:
    if isinstance(data, str):
        return bool(_ESCAPE_IN_YAML.search(data))
    if isinstance(data, dict):
        return any(_has_escapes(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_escapes(v) for v in data)
    return False
