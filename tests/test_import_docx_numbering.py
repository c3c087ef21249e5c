"""Issue 21: a Word file that numbers its articles and paragraphs with Word's automatic
numbering (a list setting, not typed text) imports with the numbers Word shows.
The documents are made here with python-docx; its default template's "List Number"
list is given the level texts of a treaty ("Article %1", then "%2.")."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

BODY = "The Parties shall co-operate in good faith to carry out this Agreement."


def _numbered_treaty(level_texts: tuple[str, str], fmt: str = "decimal") -> bytes:
    document = docx.Document()
    document.add_paragraph("The Parties have agreed as follows:")
    style = document.styles["List Number"]
    num_id = str(style.element.pPr.numPr.numId.val)
    root = document.part.numbering_part.element
    num = next(n for n in root.iter(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    ab_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    ab = next(a for a in root.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == ab_id)
    levels = {int(lvl.get(qn("w:ilvl"))): lvl for lvl in ab.iter(qn("w:lvl"))}
    if 1 not in levels:  # the template's list has one level: a second, for paragraphs
        levels[1] = copy.deepcopy(levels[0])
        levels[1].set(qn("w:ilvl"), "1")
        levels[0].addnext(levels[1])
    for ilvl, text in enumerate(level_texts):
        levels[ilvl].find(qn("w:lvlText")).set(qn("w:val"), text)
        levels[ilvl].find(qn("w:numFmt")).set(qn("w:val"), fmt if ilvl == 0 else "decimal")
    for article in range(2):
        heading = document.add_paragraph("Scope" if article == 0 else "Entry into force")
        heading.style = style
        for _ in range(2):
            para = document.add_paragraph(BODY, style=style)
            num_pr = para.paragraph_format.element.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 1  # level 2 of the style's list: "%2."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "numbers", "label"),
    [("decimal", ["1", "2"], "Article 1"), ("upperRoman", ["I", "II"], "Article I")],
)
def test_word_automatic_numbering_gives_the_articles_and_paragraph_numbers(
    tmp_path: Path, runner: CliRunner, fmt: str, numbers: list[str], label: str
) -> None:
    src = tmp_path / "t.docx"
    src.write_bytes(_numbered_treaty(("Article %1", "%2."), fmt))
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["number"] for a in doc["articles"]] == numbers
    first = doc["articles"][0]
    assert (first["label"], first["heading"]) == (label, "Scope")
    # the paragraph numbers start again under each article, as Word shows them
    assert [a["paragraphs"] for a in doc["articles"]] == [[f"1. {BODY}", f"2. {BODY}"]] * 2
