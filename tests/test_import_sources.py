"""``import`` on each article-structured source yields the bundled treaty's text.

The plain-text importer and the hand-checked bundle must agree on articles,
paragraph texts and gaps, so a user importing a text the way we did gets what
we ship.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_corpus_fidelity import RENDERING_FILES, SOURCE_FILES, sources_dir

from treatycmp.corpus import Corpus
from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import checked_yaml, import_text
from treatycmp.formats.treaty_writer import treaty_to_dict, treaty_to_yaml
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.model import Article, Paragraph, Treaty

# Not article-structured: a news report without article numbers, a text that is all gap,
# and the files of media quotations.
NOT_ARTICLE_STRUCTURED = {"2024-dprk-russia.txt", "2000-russia-dprk.txt", *RENDERING_FILES}
# The importer reads one instrument. SEATO's source prints the Protocol of the same day
# after the Treaty; the bundle holds it as an unnumbered part (checked line by line by
# test_corpus_fidelity), so import is compared on the Treaty alone.
SECOND_INSTRUMENT = {"1954-seato.txt": "\nProtocol to the SEATO Treaty"}
CASES = sorted(
    (tid, name) for tid, name in SOURCE_FILES.items() if name not in NOT_ARTICLE_STRUCTURED
)


def _articles(t: Treaty) -> list[tuple[str, list[str]]]:
    return [
        (a.number, [p.text for p in a.paragraphs if not p.is_gap])
        for a in t.articles
        if isinstance(a, Article)
    ]


def _texts(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return [p.text for p in paragraphs if not p.is_gap]


@pytest.mark.parametrize(("treaty_id", "source_name"), CASES)
def test_import_matches_bundle(
    treaty_id: str, source_name: str, corpus: Corpus, tmp_path: Path
) -> None:
    folder = sources_dir()
    if folder is None:
        pytest.skip("../shared/sources is not beside this checkout")
    source = folder / source_name
    language = treaty_id.partition("@")[2] or "en"
    text = source.read_text(encoding="utf-8")
    bundled = corpus.get(treaty_id)
    if source_name in SECOND_INSTRUMENT:
        text = text[: text.index(SECOND_INSTRUMENT[source_name])]
        bundled = replace(
            bundled,
            articles=tuple(a for a in bundled.articles if not getattr(a, "unnumbered", None)),
            closing=(),
        )
    imported = import_text(text, treaty_id=treaty_id, path=str(source), language=language)
    out = tmp_path / "t.yaml"
    out.write_text(treaty_to_yaml(imported), encoding="utf-8")
    reloaded = load_treaty(out)

    assert _articles(reloaded) == _articles(bundled)
    assert [p.text for p in reloaded.preamble if not p.is_gap] == [
        p.text for p in (*bundled.preface, *bundled.preamble) if not p.is_gap
    ]
    assert [a.label for a in reloaded.article_list] == [a.label for a in bundled.article_list]
    chapters = zip(reloaded.article_list, bundled.article_list, strict=True)
    assert all(mine.chapter in (None, ours.chapter) for mine, ours in chapters)
    assert _texts(reloaded.closing) == _texts(bundled.closing)
    assert set(reloaded.gaps) <= set(bundled.gaps)
    assert bool(reloaded.gaps) == ("[GAP" in text)


def test_yaml_writer_round_trips_every_bundled_text(corpus: Corpus, tmp_path: Path) -> None:
    for treaty in corpus.treaties:
        out = tmp_path / f"{treaty.id}.yaml"
        out.write_text(treaty_to_yaml(treaty), encoding="utf-8")
        assert treaty_to_dict(load_treaty(out)) == treaty_to_dict(treaty), treaty.id


def test_checked_yaml_places_loader_problems_at_input_lines(corpus: Corpus) -> None:
    bundled = corpus.get("nato")
    first = bundled.article_list[0]
    bad = Paragraph(first.paragraphs[0].id, "", 77, gap="")
    broken = replace(
        bundled,
        articles=(replace(first, paragraphs=(bad,)), *bundled.articles[1:]),
        path="input.txt",
    )
    with pytest.raises(TreatyFileError) as info:
        checked_yaml(broken)
    assert [(p.path, p.line) for p in info.value.problems] == [("input.txt", 77)]
    assert checked_yaml(bundled) == treaty_to_yaml(bundled)


_CLOSING_TEXT = """# Title: Test Treaty
# Parties: Alpha; Beta
# Signed: Ташкент, 15 мая 1992 года

The Parties agree.
Article 1
That juridical [GAP: words lost] of security and peace.
Article 2
Each Party will act.
IN WITNESS WHEREOF the undersigned have signed this Treaty.
DONE at Tashkent.
[GAP: signatures - not read]
"""


def test_import_ends_the_last_article_at_the_closing_formula() -> None:
    treaty = import_text(_CLOSING_TEXT, treaty_id="test-1992")
    last = treaty.article_list[-1]
    assert [p.text for p in last.paragraphs] == ["Each Party will act."]
    assert _texts(treaty.closing) == [
        "IN WITNESS WHEREOF the undersigned have signed this Treaty.",
        "DONE at Tashkent.",
    ]
    assert treaty.closing[-1].gap == "signatures - not read"
    assert treaty.completeness == "partial"
    assert treaty.signed == "1992-05-15"


def test_import_splits_a_paragraph_at_a_gap_between_its_words() -> None:
    treaty = import_text(_CLOSING_TEXT, treaty_id="test-1992")
    first = treaty.article_list[0].paragraphs
    assert [(p.text, p.gap_before, p.gap_after) for p in first] == [
        ("That juridical", None, "words lost"),
        ("of security and peace.", "words lost", None),
    ]


def test_a_heading_after_the_closing_formula_starts_an_article_again() -> None:
    text = _CLOSING_TEXT.replace("[GAP: signatures - not read]\n", "Article 3\nMore text.\n")
    treaty = import_text(text, treaty_id="test-1992")
    assert [p.text for p in treaty.article_list[-1].paragraphs] == ["More text."]
    assert len(treaty.closing) == 2
