"""Issue 21: article headings in the languages treaties come in, and the language
recorded is the language of the text (short synthetic lines written for the test)."""

from __future__ import annotations

import pytest

from treatycmp.formats.headings import read_heading
from treatycmp.formats.importing import import_text
from treatycmp.formats.languages import detect
from treatycmp.formats.segment import Meta

BODIES = {
    "es": "Las Partes cooperarán de buena fe para cumplir el presente Acuerdo y sus fines.",
    "pt": "As Partes cooperarão de boa fé para o cumprimento do presente Acordo e seus fins.",
    "it": "Le Parti cooperano in buona fede per l'attuazione del presente Accordo e dei fini.",
    "nl": "De Partijen werken te goeder trouw samen voor de uitvoering van dit Verdrag.",
    "de": "Die Vertragsparteien arbeiten mit den Zielen und dem Abkommen in gutem Glauben.",
    "fr": "Les Parties coopèrent de bonne foi pour la mise en œuvre du présent Accord.",
    "pl": "Strony będą współpracować w dobrej wierze w celu wykonania niniejszej Umowy.",
    "uk": "Сторони співпрацюють сумлінно з метою виконання цієї Угоди та її цілей.",
    "fi": "Sopimuspuolet tekevät yhteistyötä hyvässä uskossa tämän sopimuksen mukaan.",
    "hu": "A Felek jóhiszeműen együttműködnek, és az e megállapodás szerint kell eljárniuk.",
    "lv": "Puses sadarbojas labā ticībā, lai īstenotu šo nolīgumu.",
    "lt": "Šalys sąžiningai bendradarbiauja, kad įgyvendintų šį susitarimą.",
    "bg": "Договарящите страни си сътрудничат добросъвестно за изпълнението на това Споразумение.",
}


def _read(text: str) -> tuple[list[str], str, list[str]]:
    warnings: list[str] = []
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True), warnings=warnings)
    return [a.number for a in treaty.article_list], treaty.language, warnings


@pytest.mark.parametrize(
    ("lang", "headings", "numbers"),
    [
        ("es", ("Artículo 1", "Artículo 2"), ["1", "2"]),
        ("es", ("ARTÍCULO PRIMERO", "ARTÍCULO SEGUNDO"), ["1", "2"]),
        ("es", ("Artículo 1.º", "Artículo 2.º"), ["1", "2"]),
        ("es", ("Artículo 1°.- Objeto", "Artículo 2°.- Ámbito"), ["1", "2"]),
        ("es", ("Artículo 1o.", "Artículo 2o."), ["1", "2"]),
        ("es", ("ARTÍCULO DÉCIMO", "ARTÍCULO DÉCIMO PRIMERO"), ["10", "11"]),
        ("pt", ("Artigo 1.º", "Artigo 2.º"), ["1", "2"]),
        ("pt", ("ARTIGO I", "ARTIGO II"), ["I", "II"]),
        ("pt", ("ARTIGO PRIMEIRO", "ARTIGO SEGUNDO"), ["1", "2"]),
        ("pt", ("Art. 1º", "Art. 2º"), ["1", "2"]),
        ("it", ("Articolo 1", "Articolo 2"), ["1", "2"]),
        ("it", ("ARTICOLO PRIMO", "ARTICOLO SECONDO"), ["1", "2"]),
        ("nl", ("Artikel 1", "Artikel 2"), ["1", "2"]),
        ("de", ("Artikel 1", "Art. 2"), ["1", "2"]),
        ("fr", ("Article premier", "Article 2"), ["1", "2"]),
        ("fr", ("Article 1er", "Article 2"), ["1", "2"]),
        ("pl", ("Artykuł 1", "Artykuł 2"), ["1", "2"]),
        ("pl", ("ARTYKUŁ 1", "ARTYKUŁ 2"), ["1", "2"]),
        ("pl", ("Artykuł 1 Łączność", "Artykuł 2 Świadczenia"), ["1", "2"]),
        ("uk", ("Стаття 1", "Стаття 2"), ["1", "2"]),
        ("bg", ("Член 1", "Член 2"), ["1", "2"]),
        ("fi", ("1 artikla", "2 artikla"), ["1", "2"]),
        ("hu", ("1. cikk", "2. cikk"), ["1", "2"]),
        ("lv", ("1. pants", "2. pants"), ["1", "2"]),
        ("lt", ("1 straipsnis", "2 straipsnis Taikymo sritis"), ["1", "2"]),
    ],
)
def test_headings_in_the_languages_treaties_come_in(
    lang: str, headings: tuple[str, str], numbers: list[str]
) -> None:
    body = BODIES[lang]
    got, language, warnings = _read(f"{headings[0]}\n{body}\n{headings[1]}\n{body}\n")
    assert got == numbers
    if lang not in ("lv", "lt"):  # languages the detector does not name
        assert language == lang  # the text's language, not the heading word's
    assert not [w for w in warnings if "kept as text" in w]


def test_a_caption_in_a_capital_of_any_latin_script_is_a_caption() -> None:
    # Ł, Č, Ś are capitals as much as A-Z: the caption is not mistaken for a reference.
    heading = read_heading("Artykuł 3 Łączność")
    assert heading is not None
    assert heading.caption == "Łączność"
    assert read_heading("Artykuł 3 niniejszej Umowy") is None  # lower case: a reference


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Strony będą współpracować w dobrej wierze w celu wykonania niniejszej Umowy.", "pl"),
        ("Сторони співпрацюють сумлінно з метою виконання цієї Угоди.", "uk"),
        ("Стороны сотрудничают добросовестно в целях выполнения настоящего Соглашения.", "ru"),
        ("Уговорне стране ће сарађивати у доброј вери ради извршења овог Споразума.", "sr"),  # noqa: RUF001
    ],
)
def test_the_language_is_the_texts_not_its_scripts(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_chapters_in_other_languages_group_articles() -> None:
    body = BODIES["it"]
    text = f"TITOLO I\nArticolo 1\n{body}\nTITOLO II\nArticolo 2\n{body}\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.chapter for a in treaty.article_list] == ["TITOLO I", "TITOLO II"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Section 1", "Section 2"),
        ("Clause 1. Scope", "Clause 2. Terms"),
        ("RULE 1", "RULE 2"),
        ("§ 1", "§ 2"),
        ("§ 1.", "§ 2."),
    ],
)
def test_other_designators_are_articles_in_a_text_without_article_headings(
    first: str, second: str
) -> None:
    body = BODIES["fr"].replace("Les Parties", "The Parties")
    got, _, warnings = _read(f"Preamble words.\n{first}\n{body}\n{second}\n{body}\n")
    assert got == ["1", "2"]
    assert any("are read as its articles" in w for w in warnings)


def test_sections_under_articles_stay_text() -> None:
    # Among Article headings, a Section line heads a sub-division: never an article.
    body = BODIES["fr"]
    text = f"Article 1\nSection 1\n{body}\nSection 2\n{body}\nArticle 2\n{body}\n"
    assert _read(text)[0] == ["1", "2"]


def test_numbered_paragraphs_as_articles_are_said_with_the_lines_out_of_sequence() -> None:
    # No heading: 1. 2. 3. are its provisions (an engagement, a note's numbered points),
    # an inference that is said; a "5." after "3." is kept as text and counted.
    text = "Preamble.\n1. First point.\n2. Second point.\n3. Third point.\n5. Fifth point.\n"
    got, _, warnings = _read(text)
    assert got == ["1", "2", "3"]
    [warning] = [w for w in warnings if "read as its articles" in w]
    assert "1 numbered line(s) out of their sequence kept as text" in warning


def test_a_language_the_detector_does_not_know_is_said_not_recorded_silently() -> None:
    # Latvian: no word list here, so the language recorded (en, the default) is said.
    text = "1. pants\n" + BODIES["lv"] * 3 + "\n2. pants\n" + BODIES["lv"] * 3 + "\n"
    warnings: list[str] = []
    import_text(text, treaty_id="t", meta=Meta(complete=True), warnings=warnings)
    assert any("language was not recognised" in w for w in warnings)
