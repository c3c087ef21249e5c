"""Issue 21's thirteenth round, mended by kind (short excerpts written for the test, in
the shapes of the round's source: Slovak treaty notices as Markdown, each treaty's
headings on ``#####`` lines): the abbreviated designator ``Čl.``, an article whose first
sentence names the article it amends, a language pick misled by one paragraph, Slovak."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.languages import detect

FRONT = '---\ntitle: "Oznámenie o dohode"\ntype_code: "Oznamenie"\n---\n# Oznámenie o dohode\n\n'
PREAMBLE = (
    "Slovenská republika a Česká republika (ďalej len „zmluvné strany“), želajúc si "
    "rozvíjať vzájomnú spoluprácu, dohodli sa takto:\n\n"
)


def _import(
    tmp_path: Path, runner: CliRunner, text: str, *args: str
) -> tuple[dict[str, object], str]:
    src = tmp_path / "n.md"
    src.write_text(FRONT + text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "n", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


@pytest.mark.parametrize("word", ["Čl.", "ČL."])
def test_the_abbreviated_designator_cl_heads_articles_with_a_caption_below(
    tmp_path: Path, runner: CliRunner, word: str
) -> None:
    # Slovak and Czech abbreviate článok / článek as Čl. (as Art. is Article); the
    # caption stands on a second heading line of its own.
    text = PREAMBLE + (
        f"##### {word} 1\n\n##### Vymedzenie pojmov\n\n"
        "Na účely tejto dohody sa pojmom „investícia“ rozumie každá hodnota, ktorú investor "
        "jednej zmluvnej strany vložil na území druhej zmluvnej strany.\n\n"
        f"##### {word} 2\n\n##### Ochrana investícií\n\n"
        "Každá zmluvná strana bude chrániť investície investorov druhej zmluvnej strany.\n\n"
        f"##### {word} 3\n\n1.\n\nTáto dohoda nadobudne platnosť dňom výmeny ratifikačných "
        "listín.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "sk")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a["number"] for a in articles] == ["1", "2", "3"]
    assert [a.get("heading") for a in articles] == ["Vymedzenie pojmov", "Ochrana investícií", None]
    assert articles[0]["label"] == f"{word} 1"


def test_an_article_opened_by_the_article_it_amends_keeps_that_sentence(
    tmp_path: Path, runner: CliRunner
) -> None:
    # An amending protocol: "Článok 12 Zmluvy sa dopĺňa ..." opens Článok 2's text. Read
    # as article 12's heading it left article 2 without text (refused); the numbering
    # skips and words follow that are no caption: the sentence is article 2's.
    text = (
        "Slovenská republika a Rakúska republika sa dohodli takto:\n\n"
        "##### Článok 1\n\nV článku 3 Zmluvy sa odsek 1 vypúšťa.\n\n"
        "##### Článok 2\n\nČlánok 12 Zmluvy sa dopĺňa odsekom 4, ktorý znie:\n\n"
        "„4. Ustanovenia odseku 2 sa nevzťahujú na dividendy vyplácané spoločnosťou.“.\n\n"
        "##### Článok 3\n\nTento protokol nadobudne platnosť dňom výmeny nót.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "sk")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a["number"] for a in articles] == ["1", "2", "3"]
    assert articles[1]["paragraphs"][0] == "Článok 12 Zmluvy sa dopĺňa odsekom 4, ktorý znie:"


def test_a_heading_skipping_numbers_after_an_article_with_text_is_still_a_heading(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The rule above holds only for an article still without text: a later number after
    # an article's text is articles left out, as before.
    text = (
        "Strany sa dohodli takto:\n\n##### Článok 1\n\nTáto zmluva platí.\n\n"
        "Článok 4 Zmluvné strany spolupracujú podľa tejto zmluvy a svojich predpisov.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "sk")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a["number"] for a in articles] == ["1", "4"]


def test_a_heading_with_text_after_an_empty_article_is_a_heading_unless_the_numbering_resumes(
    tmp_path: Path, runner: CliRunner
) -> None:
    # "Article 5 Each Party ..." after an empty Article 3, with Article 6 next: the
    # numbering goes on from 5, so it is article 5's heading (and article 3 is refused as
    # empty), not a sentence moved into article 3 with article 5 gone without a word.
    src = tmp_path / "e.txt"
    src.write_text(
        "Article 1\nThe Parties shall cooperate.\n\nArticle 2\nThe Parties shall meet.\n\n"
        "Article 3\n\nArticle 5 Each Party shall notify the other.\n\n"
        "Article 6\nThis Agreement enters into force on signature.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "e"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "e.txt:7: article 3 has no text" in result.stderr


def test_one_paragraph_misread_as_another_language_does_not_take_its_neighbours(
    tmp_path: Path, runner: CliRunner
) -> None:
    # A quoted French motto (told French) above a list whose items no language's words
    # tell (names): the list took the motto's language, and the run, long enough for a
    # translation, was left out with the next heading. A translation is told by its own
    # words: the motto and the list stay in article 2.
    places = [
        "Bratislava, Košice, Prešov, Žilina, Nitra, Trnava, Trenčín, Martin, Poprad, Zvolen",
        "Brno, Ostrava, Plzeň, Liberec, Olomouc, Zlín, Jihlava, Kladno, Opava, Most, Tábor",
    ]
    items = "".join(f"({chr(97 + k)}) {places[k % 2]};\n\n" for k in range(14))
    text = (
        "The Parties have agreed as follows:\n\n##### Article 1\n\n"
        "The Parties shall cooperate in the field of culture and of education.\n\n"
        "##### Article 2\n\nThe motto of the offices in the cities below shall read:\n\n"
        "« Les Parties développent leur coopération dans le respect de la souveraineté et de "
        "l'égalité des États, pour la paix et la prospérité des peuples. »\n\n"
        + items
        + "##### Article 3\n\nThis Agreement shall enter into force on the date of its signature.\n"
    )
    doc, stderr = _import(tmp_path, runner, text, "--language", "en")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a["number"] for a in articles] == ["1", "2", "3"]
    assert articles[1]["paragraphs"][-1].startswith("(n) Brno")
    assert "left out" not in stderr


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Zmluvné strany sa dohodli, že táto dohoda platí podľa ich vnútroštátneho práva.", "sk"),
        (
            "Smluvní strany se dohodly, že tato dohoda platí podle jejich vnitrostátního práva.",
            "cs",
        ),
        (
            "Strana môže túto dohodu vypovedať a výpoveď platí podľa tejto dohody na konci roka.",
            "sk",
        ),
        (
            "Strana může tuto dohodu vypovědět a výpověď platí podle této dohody na konci roku.",
            "cs",
        ),
    ],
)
def test_slovak_is_told_from_czech(text: str, lang: str) -> None:
    # Half their commonest words are alike; each one's own words (sa / se, podľa /
    # podle) and letters (ľ ä ô / ě ř ů) tell them apart.
    assert detect(text) == lang


def test_a_slovak_text_is_recorded_as_slovak_without_language(
    tmp_path: Path, runner: CliRunner
) -> None:
    text = PREAMBLE + (
        "##### Článok 1\n\nZmluvné strany budú spolupracovať v oblasti kultúry a vzdelávania "
        "podľa svojich právnych predpisov.\n\n##### Článok 2\n\nTáto dohoda nadobudne "
        "platnosť dňom podpisu a bude sa vykonávať podľa ročných programov.\n"
    )
    doc, _ = _import(tmp_path, runner, text)
    assert doc["language"] == "sk"
