"""Issue 21's tenth round (Canadian Crown-Indigenous treaties, 1725-1921): treaties in
running prose without any heading, and provisions numbered as old instruments print
them (``Firstly.`` ... ``Ninthly.``, ``1st.`` ``2nd.`` ``3rd.``). Short faithful
excerpts of the texts (public domain by age; the real documents are checked in
tests/test_realdocs_examples.py when their mirror is on the machine)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta
from treatycmp.model import Article

# can-ucls25 (Manitoulin Island, 1862), its provisions shortened to their first words.
MANITOULIN = "\n".join(
    [
        "ARITCLES OF AGREEMENT and convention made and concluded at Manitowaning, of the Great "
        "Manitoulin Island in the Province of Canada, the sixth day of October, Anno Domini, 1862.",
        "Now this agreement witnesseth that in consideration of the sum of seven hundred dollars "
        "now in hand paid the said Chiefs do hereby surrender.",
        "Firstly. A survey of the said Manitoulin Island shall be made as soon as may be.",
        "Secondly. The Crown will, as soon as conveniently may be, grant by deed 100 acres.",
        "Each Indian entitled to land under this agreement may make his own selection, provided:-",
        "1stly. That the lots selected shall be contiguous or adjacent to each other.",
        "2ndly. That if two or more Indians claim the same lot, the matter shall be referred.",
        "Thirdly. The interest which may accrue from the proceeds shall be payable annually.",
        "Fourthly. So soon as one hundred thousand acres of the land is sold, the salary is paid.",
        "Fiftly. The deeds or patents for the land shall contain such conditions as are requisite.",
        "Sixthly. All the rights and privileges in respect to the taking of fish are continued.",
        "Seventhly. That portion of the island easterly of Heywood Sound is excepted.",
        "Eightly. Whenever a majority of the Chiefs shall declare their wish, they are admitted.",
        "Ninthly. This agreement shall be obligatory and binding on the contracting parties.",
    ]
)

# can-ucls24 (Saugeen Peninsula, 1854): the first reservation runs in after "to wit:".
SAUGEEN = "\n\n".join(
    [
        "SURRENDER OF THE SAUGEEN PENINSULA",
        "We, the Chiefs, Sachems and Principal Men of the Indian Tribes resident at Saugeen, do "
        "hereby surrender, with the following reservations, to wit: 1st. For the benefit of the "
        "Saugeen Indians we reserve all that block of land bounded on the west.",
        "We do also reserve to ourselves that tract of land called Chief's Point.",
        "2nd. We reserve for the benefit of the Owen Sound Indians all the tract to the south.",
        "3rd. We do reserve for the benefit of the Colpoy's Bay Indians a block of 6,000 acres.",
        "All which reserves we hereby retain to ourselves and our children in perpetuity.",
    ]
)


def _read(text: str) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    treaty = import_text(text, treaty_id="t", meta=Meta(), warnings=warnings)
    return [a for a in treaty.article_list if isinstance(a, Article)], warnings


def test_ordinal_adverbs_number_the_provisions_misprints_read_where_the_numbering_is_certain() -> (
    None
):
    articles, warnings = _read(MANITOULIN)
    assert [a.number for a in articles] == [str(n) for n in range(1, 10)]
    labels = [a.label for a in articles]
    assert (labels[0], labels[4], labels[7]) == ("Firstly.", "Fiftly.", "Eightly.")
    # 1stly. 2ndly. (the conditions of Secondly) are Secondly's text, not articles.
    assert [p.text[:6] for p in articles[1].paragraphs] == ["The Cr", "Each I", "1stly.", "2ndly."]
    assert any("the 9 numbered paragraphs 'Firstly.' ... 'Ninthly.'" in w for w in warnings)


def test_ordinals_as_printed_number_the_provisions_the_first_cut_out_after_its_colon() -> None:
    treaty = import_text(SAUGEEN, treaty_id="t", meta=Meta())
    articles = [a for a in treaty.article_list if isinstance(a, Article)]
    assert [(a.number, a.label) for a in articles] == [("1", "1st."), ("2", "2nd."), ("3", "3rd.")]
    assert treaty.preamble[-1].text.endswith("with the following reservations, to wit:")
    assert articles[0].paragraphs[0].text.startswith("For the benefit of the Saugeen Indians")
    assert articles[0].paragraphs[1].text.startswith("We do also reserve")


@pytest.mark.parametrize(
    "text",
    [
        # "Firstly," opens sentences of a text without headings: not designators.
        "The Parties agree.\nFirstly, they consult.\nSecondly, they meet.\nThirdly, they act.\n",
        # ... nor inside articles, whatever its stop.
        "Article 1\nFirstly. They consult.\nSecondly. They meet.\nThirdly. They act.\n"
        "Article 2\nThe Parties agree.\n",
        # A colon then '1.' with no '2.' opening a later line: nothing is cut.
        "They agree as follows: 1. To consult.\nThey meet yearly.\n3. They act.\n",
        # Adverbs out of their sequence (Secondly first) are no numbering.
        "Secondly. They meet.\nThirdly. They act.\nFourthly. They part.\n",
    ],
)
def test_sentences_that_open_with_an_ordinal_are_not_provisions(text: str) -> None:
    articles, _ = _read(text)
    assert [a.number for a in articles] == (["1", "2"] if text.startswith("Article") else [])
    if text.startswith("Article"):
        assert len(articles[0].paragraphs) == 3


def test_a_treaty_in_running_prose_opening_with_articles_of_a_treaty_is_a_preamble(
    tmp_path: Path, runner: CliRunner
) -> None:
    # can-nt101 (Treaty No. 1, 1871): "ARTICLES OF A TREATY made and concluded ..." opens
    # its first sentence, then paragraphs, a schedule's FIRST - items, no heading of any
    # style, 1,500 words: no heading was missed, so it imports, warned, every word kept.
    opening = (
        "ARTICLES OF A TREATY made and concluded this third day of August, in the year of "
        "Our Lord one thousand eight hundred and seventy-one, between Her Most Gracious "
        "Majesty the Queen and the Chippewa and Swampy Cree Tribes of Indians.\n"
    )
    para = (
        "And Her Majesty the Queen hereby agrees and undertakes to lay aside and reserve for "
        "the sole and exclusive use of the Indians the following tracts of land.\n"
    )
    src = tmp_path / "t.txt"
    src.write_text(opening + para * 20 + "FIRST - a tract at the Rapids.\nSECOND - a tract.\n")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["completeness"] == "partial"
    assert doc["preamble"][0] == opening.strip()
    assert len(doc["preamble"]) == 23


def test_a_text_of_many_colons_before_a_1_is_cut_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each line "...: 1. X" without a 2. and 3. after it had the whole text read again
    # (quadratic: 3,000 such lines took 13 s to import). Counted in work, not time.
    from treatycmp.formats import conditions

    calls: list[int] = []
    real = conditions.numbered_conditions

    def counted(lines: list[str]) -> dict[int, object]:
        calls.append(len(lines))
        return real(lines)  # type: ignore[return-value]

    monkeypatch.setattr(conditions, "numbered_conditions", counted)
    lines: list[tuple[str, int | None]] = [
        (f"We agree on these terms: 1. The Point {i} is kept.", i) for i in range(300)
    ]
    assert conditions.split_first_condition(lines, [False] * 300) == (lines, [False] * 300)
    assert len(calls) <= 1
    # ... and a real announcing line among them is still cut where 2. and 3. follow.
    lines += [("They reserve, to wit: 1st. The Point.", 300), ("2nd. The Bay.", 301)]
    lines += [("3rd. The Isle.", 302)]
    cut, _ = conditions.split_first_condition(lines, [False] * 303)
    assert [t for t, _ in cut[300:]] == [
        "They reserve, to wit:",
        "1st. The Point.",
        "2nd. The Bay.",
        "3rd. The Isle.",
    ]
