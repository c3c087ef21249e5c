"""The bundled corpus says exactly what the verified source texts say, no more, no less.

Each bundled file is checked against its source in ``shared/sources`` (next to the
checkout, or ``$TREATYCMP_SOURCES``): every paragraph's words occur in the source
exactly, and for article-structured sources every text line of the source is in the
bundle, in order, under the right heading, with every ``[GAP: ...]`` note as a gap.
A line added to a source later therefore fails this test until the bundle follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from _open_treaties import converter, raw

from treatycmp.corpus import Corpus, bundled_paths
from treatycmp.formats.importing import CLOSING_START, split_inner_gap
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.model import Article, Paragraph, Treaty

ALT_FILE = "2024-dprk-russia-art3-4-alt.txt"
OTHER_ALT_FILE = "2024-dprk-russia-other-articles-alt.txt"
# Files of media quotations: each rendering's words must occur in them, nothing more.
RENDERING_FILES = {ALT_FILE, OTHER_ALT_FILE}

# id -> source file. Main texts map to their own file; media renderings to an alt file.
SOURCE_FILES: dict[str, str] = {
    "ussr-dprk-1961": "1961-ussr-dprk.txt",
    "ussr-dprk-1961@ko": "1961-ussr-dprk.ko.txt",
    "ussr-dprk-1961@meduza": ALT_FILE,
    "prc-dprk-1961": "1961-prc-dprk.txt",
    "prc-dprk-1961@zh": "1961-prc-dprk.zh.txt",
    "russia-dprk-2000": "2000-russia-dprk.txt",
    "dprk-russia-2024": "2024-dprk-russia.txt",
    "dprk-russia-2024@ko": "2024-dprk-russia.ko.txt",
    "dprk-russia-2024@ru": "2024-dprk-russia.ru.txt",
    "dprk-russia-2024@meduza": ALT_FILE,
    "dprk-russia-2024@almayadeen": ALT_FILE,
    "dprk-russia-2024@asian-news": ALT_FILE,
    "dprk-russia-2024@interfax": ALT_FILE,
    "dprk-russia-2024@moneytimes": OTHER_ALT_FILE,
    "dprk-russia-2024@pravda": OTHER_ALT_FILE,
    "dprk-russia-2024@sputnik": OTHER_ALT_FILE,
    "dprk-russia-2024@k4s": OTHER_ALT_FILE,
    "us-rok-1953": "1953-us-rok.txt",
    "north-atlantic-1949": "1949-north-atlantic.txt",
    "us-japan-1960": "1960-us-japan.txt",
    "un-charter-51": "un-charter-art51.txt",
    "anzus-1951": "1951-anzus.txt",
    "seato-1954": "1954-seato.txt",
    "rio-1947": "1947-rio-treaty.txt",
    "us-philippines-1951": "1951-us-philippines.txt",
    "csto-1992": "1992-csto.txt",
    "csto-1992@ru": "1992-csto.ru.txt",
    "teu-2007": "2007-teu-art42.txt",
    "russia-belarus-2024": "2024-russia-belarus.ru.txt",
}

# id -> open-treaties data file (../shared/corpora/open-treaties/data): whole texts from
# the CC0 dataset rather than from ../shared/sources; checked by test_open_treaties_texts.
DATASET_TEXTS: dict[str, str] = {"un-charter-1945": "un-charter.json"}

# Source files deliberately not bundled, with the reason (none at present: every file
# of ../shared/sources is bundled; a new one fails test_every_source_file_is_used
# until it is bundled or listed here).
NOT_BUNDLED: dict[str, str] = {}

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "schema" / "treaty.schema.json"

# A news agency's dateline opens a lead that is not treaty text: it belongs in `preface`.
_DATELINE = re.compile(r"^[A-Z][a-z]+, [A-Z][a-z]+ \d{1,2} \([A-Z]+\) -- ")
_ARTICLE_HEADING = re.compile(
    r"^(?:(?:Article|ARTICLE|Статья) [0-9IVXL]+\.?|제\d+조|第 ?[一二三四五六七八九十]+ ?[條条]"
    # A second instrument printed after the treaty (SEATO's Protocol): an unnumbered part.
    r"|Protocol to the [A-Z]+ Treaty, [A-Z][a-z]+ \d{1,2}, \d{4})$"
)

Kind = Literal["text", "gap", "article", "chapter", "marker"]


@dataclasses.dataclass(frozen=True)
class SourceLine:
    """One body line of a source file: its kind, its words and any inline gap notes."""

    kind: Kind
    text: str
    gap_before: str | None = None
    gap_after: str | None = None


def sources_dir() -> Path | None:
    """The verified sources, or None when this checkout has none beside it."""
    env = os.environ.get("TREATYCMP_SOURCES")
    path = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "sources"
    return path if path.is_dir() else None


@pytest.fixture
def sources() -> Path:
    path = sources_dir()
    if path is None:
        pytest.skip("source texts not found: set TREATYCMP_SOURCES or check out ../shared/sources")
    return path


def _close(line: str, start: int) -> int:
    """Index of the bracket closing the one at ``start`` (GAP notes may nest brackets)."""
    depth = 0
    for i in range(start, len(line)):
        if line[i] == "[":
            depth += 1
        elif line[i] == "]":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced brackets in source line: {line!r}")


def _note(bracketed: str) -> str:
    return bracketed[1:-1].removeprefix("GAP: ")


def body_lines(path: Path) -> list[str]:
    """The non-blank lines after the ``# `` header block, NFC-normalised.

    A ``#`` line in the body is the editor's comment (a blogger's heading, a footnote
    marked as not treaty text), not a line of the treaty.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("") + 1
    assert all(line.startswith("#") for line in lines[: start - 1]), path
    return [
        unicodedata.normalize("NFC", x)
        for x in lines[start:]
        if x.strip() and not x.startswith("#")
    ]


def read_source(path: Path) -> list[SourceLine]:
    """Classify a source's body lines: text (with inline gaps), gap, heading or marker.

    A gap between the words of a line makes two paragraphs, one on each side of it.
    """
    out: list[SourceLine] = []
    for line in (part for whole in body_lines(path) for part in split_inner_gap(whole)):
        if _ARTICLE_HEADING.match(line):
            out.append(SourceLine("article", line))
        elif line.startswith("CHAPTER ") or (line.isupper() and out and out[-1].kind == "chapter"):
            out.append(SourceLine("chapter", line))
        elif line.startswith("[") and _close(line, 0) == len(line) - 1:
            kind: Kind = "gap" if line.startswith("[GAP:") else "marker"
            out.append(SourceLine(kind, _note(line)))
        else:
            before = after = None
            if line.startswith("[GAP:"):
                end = _close(line, 0)
                before, line = _note(line[: end + 1]), line[end + 2 :]
            cut = line.find(" [GAP:")
            if cut >= 0:
                after, line = _note(line[cut + 1 :]), line[:cut]
            out.append(SourceLine("text", line, before, after))
    return out


def _texts(paragraphs: tuple[Paragraph, ...]) -> list[tuple[str, bool, bool]]:
    return [
        (p.text, p.gap_before is not None, p.gap_after is not None)
        for p in paragraphs
        if not p.is_gap
    ]


def bundle_texts(treaty: Treaty) -> list[tuple[str, bool, bool]]:
    """Every real paragraph in document order: (words, has gap_before, has gap_after)."""
    paras = [*treaty.preface, *treaty.preamble]
    for article in treaty.article_list:
        paras.extend(article.paragraphs)
    paras.extend(treaty.closing)
    return _texts(tuple(paras))


def _unnumbered_reasons(raw: Mapping[str, Any]) -> set[str]:
    # The model keeps no `unnumbered` reason, so read it from the YAML itself.
    return {a["unnumbered"] for a in raw.get("articles") or [] if "unnumbered" in a}


def fidelity_problems(
    treaty: Treaty, raw: Mapping[str, Any], source: Path, *, rendering: bool
) -> list[str]:
    """Every way the bundled text departs from its source; empty when faithful."""
    problems: list[str] = []
    texts = bundle_texts(treaty)
    if rendering:
        lines = body_lines(source)
        if not texts:
            problems.append("a rendering with no text")
        problems.extend(
            f"rendering text not in {source.name}: {text[:60]!r}"
            for text, _, _ in texts
            if not any(text in line for line in lines)
        )
        return problems

    src = read_source(source)
    wanted = [
        (s.text, s.gap_before is not None, s.gap_after is not None) for s in src if s.kind == "text"
    ]
    if texts != wanted:
        missing = [w[0][:60] for w in wanted if w not in texts]
        extra = [t[0][:60] for t in texts if t not in wanted]
        problems.append(
            f"paragraphs differ from {source.name} (order, words or inline gaps): "
            f"missing {missing}, not in source {extra}"
        )

    leads = [s.text for s in src if s.kind == "text" and _DATELINE.match(s.text)]
    preface = [t for t, _, _ in _texts(treaty.preface)]
    if preface != leads:
        problems.append(f"preface {preface} should be exactly the news leads {leads}")

    # Each labelled article holds exactly the source lines under its heading; the
    # closing formula ends the last article and belongs to `closing`.
    segments: dict[str, list[str]] = {}
    current: str | None = None
    closing: list[str] = []
    for s in src:
        if s.kind in ("article", "marker"):
            current = s.text if s.kind == "article" else None
            if current is not None:
                segments[current] = []
        elif s.kind == "text" and (closing or CLOSING_START.match(s.text)):
            closing.append(s.text)
            current = None
        elif s.kind == "text" and current is not None:
            segments[current].append(s.text)
    if [t for t, _, _ in _texts(treaty.closing)] != closing:
        problems.append(f"closing should be exactly the source's closing lines {closing}")
    labels = [a.label for a in treaty.article_list if a.label]
    if sorted(labels) != sorted(segments):
        problems.append(f"article labels {labels} differ from source headings {list(segments)}")
    for article in treaty.article_list:
        if article.label in segments:
            got = [t for t, _, _ in _texts(article.paragraphs)]
            if got != segments[article.label]:
                problems.append(f"{article.label}: paragraphs differ from the source")

    chapters = [a.chapter or "" for a in treaty.article_list]
    unnumbered = _unnumbered_reasons(raw)
    for s in src:
        if s.kind == "chapter" and not any(s.text in c for c in chapters):
            problems.append(f"chapter line not on any article: {s.text!r}")
        # A marker is an unnumbered article, or the note that numbers an article whose
        # heading was not read ("Article 4, paragraph 2, from sub-paragraph (b) - ...").
        if s.kind == "marker" and not (
            s.text in unnumbered or any(s.text in note for note in treaty.source.notes)
        ):
            problems.append(f"marker line is neither an unnumbered article nor noted: {s.text!r}")

    notes = [s.text for s in src if s.kind == "gap"]
    notes += [n for s in src for n in (s.gap_before, s.gap_after) if n]
    reasons = set(treaty.gaps)
    problems.extend(f"GAP note not a gap: {n[:60]!r}" for n in notes if n not in reasons)
    if len(treaty.gaps) < len(notes):
        problems.append(f"{len(treaty.gaps)} gaps for {len(notes)} GAP notes")
    return problems


def _raw(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _bundled(name: str) -> Path:
    return next(p for p in bundled_paths() if p.name == name)


@pytest.mark.parametrize(
    "path",
    [p for p in bundled_paths() if p.stem not in DATASET_TEXTS],
    ids=lambda p: p.stem,
)
def test_bundle_matches_its_source(path: Path, sources: Path) -> None:
    treaty = load_treaty(path)
    assert path.name == treaty.id.replace("@", "_at_") + ".yaml"
    assert treaty.id in SOURCE_FILES, f"add {treaty.id} to SOURCE_FILES"
    source = sources / SOURCE_FILES[treaty.id]
    rendering = source.name in RENDERING_FILES
    assert fidelity_problems(treaty, _raw(path), source, rendering=rendering) == []


def test_every_mapped_id_is_bundled() -> None:
    ids = {load_treaty(p).id for p in bundled_paths()}
    assert ids == set(SOURCE_FILES) | set(DATASET_TEXTS)


def test_every_source_file_is_used(sources: Path) -> None:
    used = set(SOURCE_FILES.values())
    assert not used & set(NOT_BUNDLED), "a file is both bundled and listed as not bundled"
    assert all(reason.strip() for reason in NOT_BUNDLED.values())
    assert {p.name for p in sources.glob("*.txt")} == used | set(NOT_BUNDLED)


def _drop_paragraph(treaty: Treaty, number: str, index: int) -> Treaty:
    articles = []
    for a in treaty.articles:
        if isinstance(a, Article) and a.number == number:
            paras = a.paragraphs[:index] + a.paragraphs[index + 1 :]
            a = dataclasses.replace(a, paragraphs=paras)
        articles.append(a)
    return dataclasses.replace(treaty, articles=tuple(articles))


def test_checker_catches_a_removed_paragraph(sources: Path) -> None:
    path = _bundled("north-atlantic-1949.yaml")
    treaty = load_treaty(path)
    doctored = _drop_paragraph(treaty, "5", 1)
    source = sources / "1949-north-atlantic.txt"
    assert fidelity_problems(treaty, _raw(path), source, rendering=False) == []
    assert fidelity_problems(doctored, _raw(path), source, rendering=False)


def test_checker_catches_a_changed_word(sources: Path) -> None:
    path = _bundled("ussr-dprk-1961.yaml")
    treaty = load_treaty(path)
    art = treaty.article("1")
    assert art is not None
    para = art.paragraphs[1]
    changed = dataclasses.replace(para, text=para.text.replace("immediately", "promptly"))
    doctored = dataclasses.replace(
        treaty,
        articles=tuple(
            dataclasses.replace(a, paragraphs=(a.paragraphs[0], changed)) if a is art else a
            for a in treaty.articles
        ),
    )
    source = sources / "1961-ussr-dprk.txt"
    assert fidelity_problems(doctored, _raw(path), source, rendering=False)


def test_checker_catches_a_paragraph_added_to_the_source(sources: Path, tmp_path: Path) -> None:
    path = _bundled("us-rok-1953.yaml")
    copy = tmp_path / "1953-us-rok.txt"
    shutil.copy(sources / "1953-us-rok.txt", copy)
    text = copy.read_text(encoding="utf-8").replace(
        "Article IV\n", "Article IV\nA paragraph found later.\n"
    )
    copy.write_text(text, encoding="utf-8")
    assert fidelity_problems(load_treaty(path), _raw(path), copy, rendering=False)


def test_checker_catches_a_dropped_gap(sources: Path) -> None:
    path = _bundled("us-japan-1960.yaml")
    treaty = load_treaty(path)
    doctored = dataclasses.replace(treaty, closing=())
    source = sources / "1960-us-japan.txt"
    assert fidelity_problems(doctored, _raw(path), source, rendering=False)


def test_checker_catches_an_invented_rendering(sources: Path) -> None:
    path = _bundled("dprk-russia-2024_at_meduza.yaml")
    treaty = load_treaty(path)
    art = treaty.article("4")
    assert art is not None
    words = dataclasses.replace(art.paragraphs[0], text="The other Party shall consult.")
    doctored = dataclasses.replace(
        treaty,
        articles=tuple(
            dataclasses.replace(a, paragraphs=(words,)) if a is art else a for a in treaty.articles
        ),
    )
    source = sources / ALT_FILE
    assert fidelity_problems(treaty, _raw(path), source, rendering=True) == []
    assert fidelity_problems(doctored, _raw(path), source, rendering=True)


def test_renderings_and_references_point_at_bundled_ids() -> None:
    treaties = [load_treaty(p) for p in bundled_paths()]
    ids = {t.id for t in treaties}
    for t in treaties:
        if "@" in t.id:
            assert t.rendering_of == t.id.split("@")[0]
        assert set(t.supersedes) <= ids
        if t.status is not None and t.status.by is not None:
            assert t.status.by in ids


def test_aliases_are_unique() -> None:
    names: list[str] = []
    for p in bundled_paths():
        t = load_treaty(p)
        names.extend([t.id, *t.aliases])
    assert len(names) == len(set(names))


def _jsonable(value: Any) -> Any:
    """YAML data as JSON would carry it (dates become ISO strings)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_bundle_validates_against_the_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_jsonable(_raw(path)))


def test_checker_catches_a_news_lead_taken_for_treaty_text(sources: Path) -> None:
    path = _bundled("dprk-russia-2024.yaml")
    treaty = load_treaty(path)
    doctored = dataclasses.replace(treaty, preface=(), preamble=(*treaty.preface, *treaty.preamble))
    source = sources / "2024-dprk-russia.txt"
    assert fidelity_problems(doctored, _raw(path), source, rendering=False)


def _article_texts(treaty: Treaty) -> list[tuple[str, list[str]]]:
    return [(a.number, [p.text for p in a.paragraphs if not p.is_gap]) for a in treaty.article_list]


@pytest.mark.parametrize(("treaty_id", "key"), sorted(DATASET_TEXTS.items()))
def test_open_treaties_texts(treaty_id: str, key: str) -> None:
    """A dataset text holds the dataset's words, line by line, and nothing else."""
    data = raw(key.removesuffix(".json"))
    treaty = load_treaty(_bundled(treaty_id.replace("@", "_at_") + ".yaml"))
    ot = converter()
    wanted = [
        (ot.article_number(a["article"]), ot.lines(a["content_en"])) for a in data["articles"]
    ]
    assert _article_texts(treaty) == wanted
    assert len(wanted) == data["total_articles"]
    # The dataset runs the preamble's lines together without a space; the bundle splits
    # them at those joins only, so joined without a separator they are the dataset's.
    assert "".join(p.text for p in treaty.preamble) == data["preamble_en"]
    assert all(p.is_gap for p in treaty.closing)


def test_whole_charter_article_51_is_the_bundled_extract_word_for_word(corpus: Corpus) -> None:
    whole = corpus.get("un-charter-1945").article("51")
    extract = corpus.get("un-charter-51").article("51")
    assert whole is not None
    assert extract is not None
    assert [p.text for p in whole.paragraphs] == [p.text for p in extract.paragraphs]
    assert len(corpus.get("un-charter-1945").article_list) == 111


def test_charter_ids_keep_resolving(corpus: Corpus) -> None:
    assert corpus.get("un-charter-51").id == "un-charter-51"
    assert corpus.get("un-charter").id == "un-charter-1945"
    treaty, clause = corpus.clause("un-charter-51:51")
    assert treaty.id == "un-charter-51"
    assert clause.text.startswith("Nothing in the present Charter shall impair")
