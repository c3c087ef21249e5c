"""Issue 21: agreements whose articles are numbered within each chapter.

Free-trade agreements print ``Chapter 2 ... Article 2.1`` (the drafters' own
chapter-qualified numbers) or ``Article 1`` again under every chapter (the
ASEAN-Australia-New Zealand FTA, read from diyouva/LLM-assisted-Free-Trade-Agreements
for tuning). The lines below are synthetic, in the layout of that agreement's text
layer (chapter number and title on lines of their own, ``Article N`` then a
caption, cross-references to other chapters and articles that begin wrapped lines,
an annex with its own articles inside a chapter); no fetched text is copied.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.model import Treaty

BODY = "The Parties shall co-operate in good faith to carry out this Chapter."


def _import(text: str) -> Treaty:
    return import_text(text, treaty_id="t", meta=Meta(complete=True))


def _chapter(number: str, title: str, articles: int, extra: str = "") -> str:
    arts = "".join(f"Article {k}\nCaption {k}\n{BODY}\n" for k in range(1, articles + 1))
    return f"CHAPTER {number}\n{title}\n{arts}{extra}"


def test_articles_restarting_in_each_chapter_get_chapter_qualified_ids() -> None:
    text = "The Parties have agreed as follows:\n" + "".join(
        _chapter(n, t, k)
        for n, t, k in (("1", "INITIAL PROVISIONS", 2), ("2", "TRADE IN GOODS", 3))
    )
    treaty = _import(text)
    arts = treaty.article_list
    assert [a.number for a in arts] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert [a.label for a in arts] == [
        "Article 1",
        "Article 2",
        "Article 1",
        "Article 2",
        "Article 3",
    ]
    assert arts[2].chapter == "CHAPTER 2: TRADE IN GOODS"


def test_roman_chapters_qualify_in_digits() -> None:
    text = "".join(_chapter(n, "TITLE", 2) for n in ("I", "II"))
    assert [a.number for a in _import(text).article_list] == ["1.1", "1.2", "2.1", "2.2"]


def test_the_drafters_chapter_qualified_numbers_are_kept_as_printed() -> None:
    text = (
        "CHAPTER 1\nINITIAL PROVISIONS\n"
        f"Article 1.1: Establishment of a Free Trade Area\n{BODY}\n"
        f"Article 1.2: Definitions\n{BODY}\n"
        f"CHAPTER 2\nTRADE IN GOODS\nArticle 2.1 Scope\n{BODY}\n"
        f"Article 1.2 (Definitions) applies to this Chapter as well.\n"
        f"Article 2.2: National Treatment\n{BODY}\n"
    )
    arts = _import(text).article_list
    assert [a.number for a in arts] == ["1.1", "1.2", "2.1", "2.2"]
    assert arts[0].heading == "Establishment of a Free Trade Area"
    # A wrapped reference to an earlier article stays the text of the one it is in.
    assert any(p.text.startswith("Article 1.2 (Definitions)") for p in arts[2].paragraphs)


def test_wrapped_references_to_chapters_and_articles_are_text() -> None:
    # "Chapter 6 (Standards ..." and "Chapter 3 (Rules of Origin)." open wrapped lines
    # inside Chapter 2; "Article 10 (Subrogation)" and "Article 18.1 (Scope ..." open
    # wrapped lines inside Article 2: none is a heading.
    refs = (
        "1. Nothing in this Chapter applies to measures covered by\n"
        "Chapter 6 (Standards, Technical\nRegulations) or by\n"
        "Chapter 3 (Rules of Origin).\n"
        "2. Notwithstanding paragraph 1, Article 6 and\n"
        "Article 10 (Subrogation) shall apply to a dispute under\n"
        "Article 18.1 (Scope and Definitions) of this Chapter.\n"
    )
    text = _chapter("1", "GENERAL", 1) + (
        f"CHAPTER 2\nTRADE IN GOODS\nArticle 1\nScope\n{BODY}\nArticle 2\nRelation\n{refs}"
        f"Article 3\nNational Treatment\n{BODY}\n" + _chapter("3", "RULES OF ORIGIN", 1)
    )
    arts = _import(text).article_list
    assert [a.number for a in arts] == ["1.1", "2.1", "2.2", "2.3", "3.1"]
    assert {a.chapter for a in arts[1:4]} == {"CHAPTER 2: TRADE IN GOODS"}
    kept = [p.text for p in arts[2].paragraphs]
    assert "Chapter 6 (Standards, Technical" in kept
    assert "Article 18.1 (Scope and Definitions) of this Chapter." in kept


def test_an_annex_inside_a_chapter_ends_at_the_next_chapter() -> None:
    annex = "ANNEX ON FINANCIAL SERVICES\nArticle 1\nDefinitions\nAnnex text.\n"
    text = _chapter("1", "GENERAL", 1) + _chapter("2", "SERVICES", 2, annex)
    text += _chapter("3", "INVESTMENT", 2)
    treaty = _import(text)
    assert [a.number for a in treaty.article_list] == ["1.1", "2.1", "2.2", "3.1", "3.2"]
    assert "Annex text." in [p.text for p in treaty.closing]  # kept, as a part


def test_an_annex_after_the_last_chapter_is_still_an_annex() -> None:
    annex = "ANNEX I\nPART I\nArticle 1\nAnnex text.\nArticle 2\nMore.\n"
    text = _chapter("1", "GENERAL", 1) + _chapter("2", "FINAL PROVISIONS", 2) + annex
    treaty = _import(text)
    assert [a.number for a in treaty.article_list] == ["1.1", "2.1", "2.2"]
    assert "Annex text." in [p.text for p in treaty.closing]


def test_a_text_numbered_throughout_keeps_its_numbers() -> None:
    text = _chapter("I", "PURPOSES", 2) + (f"CHAPTER II\nMEMBERSHIP\nArticle 3\nCaption\n{BODY}\n")
    assert [a.number for a in _import(text).article_list] == ["1", "2", "3"]


def test_imported_file_loads_and_diffs(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "fta.txt"
    src.write_text("".join(_chapter(n, "TITLE", 2) for n in ("1", "2")), encoding="utf-8")
    out = tmp_path / "fta.yaml"
    args = ["import", str(src), "--id", "fta", "--complete", "-o", str(out)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [a["number"] for a in doc["articles"]] == ["1.1", "1.2", "2.1", "2.2"]
    assert [a.number for a in load_treaty(out).article_list] == ["1.1", "1.2", "2.1", "2.2"]


def test_a_static_site_chapter_in_markdown(tmp_path: Path, runner: CliRunner) -> None:
    # The layout of fightforthefuture/readthetpp (a Jekyll page per chapter): YAML
    # front matter, "# Chapter N: Title", "## Section A: ...", "#### Article N.M:
    # Caption", a heading wrapped in a link, a markdown escape that put a space in a
    # number ("Article 6\. 3:"), footnote markers; synthetic words.
    src = tmp_path / "ch06.md"
    src.write_text(
        "---\nlayout: default\nshownav: true\n---\n# Chapter 6: Trade Remedies\n\n"
        "## Section A: Safeguard Measures\n\n#### Article 6.1: Definitions\n\n"
        f"For the purposes of this Section:[[1]](#0cb0)\n\n{BODY}\n\n"
        f"#### [Article 6.2: Global Safeguards](https://example.org/edit)\n\n1\\. {BODY}\n\n"
        f"#### Article 6\\. 3: Compensation\n\n{BODY}\n\n"
        f"## Section B: Antidumping\n\n#### Article 6.4 Antidumping Duties\n\n{BODY}\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "c6"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["number"] for a in doc["articles"]] == ["6.1", "6.2", "6.3", "6.4"]
    assert doc["articles"][1]["paragraphs"] == [f"1. {BODY}"]
    assert "layout" not in result.stdout.split("articles:")[0]  # settings are not text
