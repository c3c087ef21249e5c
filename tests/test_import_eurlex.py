"""EU primary law as EUR-Lex publishes it (the sixteenth real-document source).

Excerpts of two pages, kept faithful to the published text and layout (© European
Union, reuse with attribution, Commission Decision 2011/833/EU; the sixteenth
round of bench/realdocs/README.md): the Official Journal's XHTML, which opens with
an XML declaration, and the older EUR-Lex page, which sets a concordance of former
article numbers above the article's heading.
"""

# ruff: noqa: E501
# (the pages' lines are kept as published)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

pytest.importorskip("lxml.html")

_OJ = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML//EN" "xhtml-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="content-type" content="text/html; charset=utf-8"/>
<title>C_2012326EN.01004701.xml</title></head>
<body>
<p class="doc-ti"><span>CONSOLIDATED VERSION OF THE TREATY ON THE FUNCTIONING OF THE EUROPEAN UNION</span></p>
<p class="ti-section-1">PART THREE</p>
<p class="ti-section-2"><span class="bold">UNION POLICIES AND INTERNAL ACTIONS</span></p>
<p class="ti-section-1">TITLE VII</p>
<p class="ti-section-2"><span class="bold">COMMON RULES ON COMPETITION, TAXATION AND APPROXIMATION OF LAWS</span></p>
<p class="ti-section-1">CHAPTER 3</p>
<p class="ti-section-2">APPROXIMATION OF LAWS</p>
<p class="ti-art">Article 114</p>
<p class="sti-art">(ex Article 95 TEC)</p>
<p class="normal">1.   Save where otherwise provided in the Treaties, the following provisions shall apply for the achievement of the objectives set out in Article 26.</p>
<p class="normal">2.   Paragraph 1 shall not apply to fiscal provisions, to those relating to the free movement of persons nor to those relating to the rights and interests of employed persons.</p>
</body></html>
"""

_OLD = """<html><head><title>EUR-Lex - 12002E141 - EN</title></head><body>
<p>Treaty establishing the European Community (Nice consolidated version)</p><p>Part Three: Community policies</p><p>Title XI: Social policy, education, vocational training and youth</p>
<p>Chapter 1: Social Provisions</p><p>Article 141</p><p>Article 119 - EC Treaty (Maastricht consolidated version)</p><p>Article 119 - EEC Treaty</p>
<p>Article 141</p><p></p><p>1. Each Member State shall ensure that the principle of equal pay for male and female workers for equal work or work of equal value is applied.</p>
<p></p><p>Equal pay without discrimination based on sex means:</p><p></p><p>(a) that pay for the same work at piece rates shall be calculated on the basis of the same unit of measurement;</p>
<p></p><p>(b) that pay for work at time rates shall be the same for the same job.</p>
</body></html>
"""


def _import(tmp_path: Path, page: str, encoding: str = "utf-8") -> tuple[dict[str, Any], str]:
    src = tmp_path / "page.html"
    src.write_bytes(page.encode(encoding))
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 0, out.stderr
    return yaml.safe_load(out.stdout), out.stderr


def test_an_xhtml_page_that_opens_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    # Eight of the ten pages were refused: "holds no main text that could be found
    # (the page could not be parsed)", the parser refusing a declared encoding.
    doc, _ = _import(tmp_path, _OJ)
    assert [a["number"] for a in doc["articles"]] == ["114"]
    assert doc["articles"][0]["paragraphs"][0] == "(ex Article 95 TEC)"


def test_the_xml_declarations_encoding_is_the_pages_when_no_meta_names_one(
    tmp_path: Path,
) -> None:
    page = _OJ.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
        '<meta http-equiv="content-type" content="text/html; charset=utf-8"/>', ""
    )
    # "où" is one byte in Latin-1, two in UTF-8: read as UTF-8 it refuses the file.
    doc, _ = _import(tmp_path, page.replace("Save where", "Sauf où"), encoding="latin-1")
    assert doc["articles"][0]["paragraphs"][1].startswith("1. Sauf où otherwise")


def test_every_level_above_a_chapter_is_kept(tmp_path: Path) -> None:
    # PART THREE, TITLE VII, CHAPTER 3: the title replaced the part, whose seven words
    # were lost (caught only as 99.0 % of the words kept).
    doc, _ = _import(tmp_path, _OJ)
    assert doc["articles"][0]["chapter"] == (
        "PART THREE: UNION POLICIES AND INTERNAL ACTIONS: TITLE VII: COMMON RULES ON "
        "COMPETITION, TAXATION AND APPROXIMATION OF LAWS: CHAPTER 3: APPROXIMATION OF LAWS"
    )


def test_a_concordance_of_former_numbers_above_the_heading_is_text(tmp_path: Path) -> None:
    # "Article 141 / Article 119 - EC Treaty ... / Article 119 - EEC Treaty / Article
    # 141": the file was refused as "duplicate article number '141'".
    doc, err = _import(tmp_path, _OLD)
    assert [a["number"] for a in doc["articles"]] == ["141"]
    assert doc["preamble"][-3:] == [
        "Article 141",
        "Article 119 - EC Treaty (Maastricht consolidated version)",
        "Article 119 - EEC Treaty",
    ]
    assert doc["articles"][0]["paragraphs"][0].startswith("1. Each Member State")
    assert "'Article 141'" in err


def test_a_repeated_heading_with_text_under_the_first_is_still_refused(tmp_path: Path) -> None:
    page = _OLD.replace(
        "<p>Article 119 - EEC Treaty</p>",
        "<p>Article 119 - EEC Treaty</p><p>The Council shall act.</p>",
    )
    src = tmp_path / "page.html"
    src.write_text(page, encoding="utf-8")
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 2
    assert "duplicate article number '141'" in out.stderr
