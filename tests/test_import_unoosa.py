"""The UN space treaties as UNOOSA's pages render them (the seventeenth source).

A page's text rendering sets the site's navigation above the treaty; the detector
read its short items as another language, the first met, so the treaty itself was
left out as "another language" (bench/realdocs/README.md, "Seventeenth round").
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.importing import import_text
from treatycmp.formats.navigation import strip_navigation
from treatycmp.formats.segment import Meta

_MENU = (
    "O escritório e a sua missão, os relatórios anuais do escritório e as notícias da "
    "semana para os Estados que não são membros, com as parcerias e os contactos para "
    "mais informações sobre o que se faz no espaço"
)
_TREATY = "\n".join(
    f"Article {n}\nThe exploration and use of outer space, including the moon and other "
    "celestial bodies, shall be carried out for the benefit and in the interests of all "
    "countries, irrespective of their degree of economic or scientific development, and "
    "shall be the province of all mankind. Outer space shall be free for exploration and "
    "use by all States without discrimination of any kind, on a basis of equality and in "
    "accordance with international law, and there shall be free access to all areas."
    for n in range(1, 6)
)


def test_a_treaty_under_a_short_menu_in_another_language_is_the_text() -> None:
    warnings: list[str] = []
    treaty = import_text(f"{_MENU}\n\n{_TREATY}\n", treaty_id="t", meta=Meta(), warnings=warnings)
    assert treaty.language == "en"
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4", "5"]


def test_two_texts_of_like_size_still_give_the_first() -> None:
    # A bilingual document (a text, then another language's of like size): the first
    # is kept, as before; only a language under a fifth of the words is passed over.
    portuguese = "\n\n".join([_MENU] * 8)
    warnings: list[str] = []
    treaty = import_text(
        f"{portuguese}\n\n{_TREATY}\n", treaty_id="t", meta=Meta(), warnings=warnings
    )
    assert treaty.language == "pt"
    assert any("words in en left out" in w for w in warnings)


def _menu(n: int) -> str:
    return "\n".join(
        f"  * [Menu item {i}](https://www.unoosa.org/oosa/en/page-{i}.html)" for i in range(n)
    )


def test_a_sites_menu_saved_as_text_is_left_out_and_said(tmp_path: Path) -> None:
    # UNOOSA's page renderings: 338 lines of the site's menu were the preamble's first
    # 900 words. Left out, their lines blanked (later lines keep their numbers), said.
    src = tmp_path / "page.txt"
    src.write_text(f"{_menu(30)}\n\n{_TREATY}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert not doc.get("preamble")
    assert [a["number"] for a in doc["articles"]] == ["1", "2", "3", "4", "5"]
    assert "left out 90 words of site navigation (lines 1-30" in out.stderr


def test_a_short_list_of_links_is_text() -> None:
    # TPP's Annex 12-A lists the eleven Parties' schedules as links to their PDFs.
    assert strip_navigation(_menu(11), "x.md", []) == _menu(11)
    warnings: list[str] = []
    assert strip_navigation(_menu(20), "x.md", warnings).strip() == ""
    assert warnings


def test_a_table_of_contents_with_dot_leaders_is_text_not_articles() -> None:
    # The 1988 Convention's text layer opens with its contents, each entry led to its
    # page by dots: the entries were read as 34 articles holding their captions, and
    # the convention's text went under the last (its headings read as references).
    contents = "\n".join(
        [
            "Article 1 Definitions ........................................ 2",
            "Article 2 Scope of the Convention ............................ 2",
            "Article 3 Application of stricter measures than those required.. 18",
        ]
    )
    # Article 1's heading was lost at a page's top, as in the file: the body's first
    # heading is Article 2, so the contents are not followed by their first number.
    body = _TREATY[_TREATY.index("Article 2") :]
    text = f"CONTENTS\n{contents}\n\nDEFINITIONS The following definitions apply.\n{body}\n"
    treaty = import_text(text, treaty_id="t", meta=Meta())
    assert [a.number for a in treaty.article_list] == ["2", "3", "4", "5"]
    assert [p.text for p in treaty.preamble][1:4] == contents.split("\n")
