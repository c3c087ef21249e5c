"""ToTA XML import: a small made-up fixture, and the real ToTA when it is on this machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from _treaties import tota_dir

from treatycmp.errors import TreatyFileError
from treatycmp.formats.tota import ANNEX_GAP, iter_tota, load_tota, tota_paths, treaty_from_tota
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.formats.treaty_yaml import check_file
from treatycmp.model import Gap

# Made up in ToTA's shape (no ToTA text): meta, a preamble chapter, numbered chapters.
# ruff: noqa: E501
FIXTURE = """<?xml version="1.0" encoding="UTF-8"?>
<treaty>
  <meta>
    <name>Atlantis - Lemuria</name>
    <type>Free Trade Agreement</type>
    <wto_rta_id>9001</wto_rta_id>
    <treaty_identifier>7</treaty_identifier>
    <status>Inactive</status>
    <date_signed>2001-02-03</date_signed>
    <date_into_force>2002-03-04</date_into_force>
    <date_inactive>2010-12-31</date_inactive>
    <parties_original>
      <partyisocode n="1">ATL</partyisocode>
      <partyisocode n="2">LEM</partyisocode>
    </parties_original>
    <language>en</language>
    <source lang="en" type="full text">http://example.invalid/atl-lem.pdf</source>
  </meta>
  <body>
    <chapter name="Preamble" chapter_identifier="1">
      <article article_identifier="1">Preamble  Atlantis and Lemuria,  HAVE AGREED as follows:</article>
    </chapter>
    <chapter number="CHAPTER 1" name="General" chapter_identifier="2">
      <article number="ARTICLE 1" name="Objectives" article_identifier="2">The objectives are to trade fish  and shells.</article>
      <article number="ARTICLE 2" name="Review" article_identifier="3">1. Each Party shall revue the rules. 2. The Parties shall meet yearly.</article>
      <article number="ARTICLE 2" article_identifier="4">Repeated number in the source.</article>
      <article article_identifier="5">No number here.</article>
    </chapter>
  </body>
</treaty>
"""


def test_fixture_maps_metadata() -> None:
    t = treaty_from_tota(FIXTURE.encode(), "pta_7.xml")
    assert t.id == "tota-pta-7"
    assert t.title == t.short_title == "Atlantis - Lemuria"
    assert t.parties == ("ATL", "LEM")
    assert (t.signed, t.in_force, t.language) == ("2001-02-03", "2002-03-04", "en")
    assert t.status is not None
    assert (t.status.state, t.status.date) == ("terminated", "2010-12-31")
    assert t.completeness == "partial"
    assert t.source.urls == ("http://example.invalid/atl-lem.pdf",)
    assert "ToTA" in t.source.text


def test_fixture_is_partial_with_an_annex_gap_at_the_end() -> None:
    t = treaty_from_tota(FIXTURE.encode(), "pta_7.xml")
    assert t.completeness == "partial"
    assert t.articles[-1] == Gap(ANNEX_GAP, t.articles[-1].line)
    assert t.gaps == (ANNEX_GAP,)


def test_fixture_keeps_text_and_structure() -> None:
    t = treaty_from_tota(FIXTURE.encode(), "pta_7.xml")
    assert [p.text for p in t.preamble] == [
        "Preamble  Atlantis and Lemuria,  HAVE AGREED as follows:"
    ]
    arts = t.article_list
    assert [a.id for a in arts] == ["1", "2", "u1", "u2"]
    assert arts[0].chapter == "CHAPTER 1: General"
    assert (arts[0].label, arts[0].heading) == ("ARTICLE 1", "Objectives")
    # Words and OCR errors ("revue") kept; double spaces kept inside a paragraph.
    assert arts[0].paragraphs[0].text == "The objectives are to trade fish  and shells."
    assert [p.text for p in arts[1].paragraphs] == [
        "1. Each Party shall revue the rules.",
        "2. The Parties shall meet yearly.",
    ]
    assert arts[2].label == "ARTICLE 2"
    assert arts[2].unnumbered is not None
    assert "repeats" in arts[2].unnumbered
    assert any("repeat" in n for n in t.source.notes)
    assert arts[0].line == 24


def test_fixture_round_trips_through_yaml(tmp_path: Path) -> None:
    t = treaty_from_tota(FIXTURE.encode(), "pta_7.xml")
    path = tmp_path / "tota-pta-7.yaml"
    path.write_text(treaty_to_yaml(t), encoding="utf-8")
    loaded, problems = check_file(path)
    assert problems == []
    assert loaded is not None
    assert [c.text for c in loaded.clauses()] == [c.text for c in t.clauses()]


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<html><body/></html>", "root element is <html>"),
        (b"<treaty><meta/></treaty>", "no <body>"),
        (b"<treaty>\n<meta>\n</treaty>", "not well-formed"),
        (b'<!DOCTYPE t [<!ENTITY a "x">]><treaty/>', "document type"),
        (b"", "not well-formed"),
    ],
)
def test_rejects_non_tota(xml: bytes, message: str) -> None:
    with pytest.raises(TreatyFileError, match=message) as info:
        treaty_from_tota(xml, "bad.xml")
    assert info.value.problems[0].path == "bad.xml"


def test_error_names_line() -> None:
    with pytest.raises(TreatyFileError) as info:
        treaty_from_tota(b"<treaty>\n<meta>\n</treaty>", "bad.xml")
    assert info.value.problems[0].line == 3


def test_empty_article_is_a_gap() -> None:
    xml = FIXTURE.replace("No number here.", "   ").encode()
    t = treaty_from_tota(xml, "pta_7.xml")
    assert t.article_list[-1].paragraphs[0].is_gap


def test_paths(tmp_path: Path) -> None:
    for n in (10, 2):
        (tmp_path / f"pta_{n}.xml").write_text(FIXTURE.replace(">7<", f">{n}<"), encoding="utf-8")
    assert [p.name for p in tota_paths(tmp_path)] == ["pta_2.xml", "pta_10.xml"]
    assert [t.id for t in iter_tota(tmp_path)] == ["tota-pta-2", "tota-pta-10"]
    with pytest.raises(TreatyFileError):
        tota_paths(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TreatyFileError):
        tota_paths(tmp_path / "empty")
    with pytest.raises(TreatyFileError):
        load_tota(tmp_path / "nothing.xml")


@pytest.mark.skipif(tota_dir() is None, reason="ToTA is not unpacked on this machine")
def test_real_tota_sample_loads_back(tmp_path: Path) -> None:
    folder = tota_dir()
    assert folder is not None
    for name in ("pta_1.xml", "pta_11.xml", "pta_108.xml", "pta_300.xml"):
        t = load_tota(folder / name)
        assert t.article_list
        path = tmp_path / f"{t.id}.yaml"
        path.write_text(treaty_to_yaml(t), encoding="utf-8")
        loaded, problems = check_file(path)
        assert problems == [], problems[:3]
        assert loaded is not None
        assert [c.text for c in loaded.clauses()] == [c.text for c in t.clauses()]
