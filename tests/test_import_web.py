"""Issue 21: web pages read by the general rules of the web.

The pages here are written for the tests, each from a rule of HTML and WAI-ARIA
(``<main>``, ``role="main"``, the ``hidden`` attribute, ``aria-hidden``, CSS
``display: none``, landmark roles, ``lang``), in the layouts treaty sites use: a
site's header and menus around the text, a bilingual page that shows one language
at a time, paragraphs in two languages one after the other, a two-column table.
No fetched page is in the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

pytest.importorskip("readability")

EN = [
    "The Parties shall settle any dispute between them by peaceful means.",
    "Each Party shall consult the other whenever either considers it necessary.",
    "This Agreement shall enter into force on the date of its signature.",
]
ZH = [
    "締約雙方應以和平方法解決彼此間之任何爭端。",
    "締約任一方認為必要時應與他方協商。",
    "本協定自簽署之日起生效。",
]
ZH_NUM = "一二三"
CHROME = """<header><a href="/">Home</a> | <a href="/v">Volumes</a>
<h1>Agreement on Peaceful Settlement</h1></header>
<nav><ul><li><a href="/a">Treaties</a></li><li><a href="/b">Search</a></li></ul></nav>"""
FOOT = """<aside><p>Related treaties you may want to read before this one.</p></aside>
<footer><p>Copyright the site. All rights reserved. Contact us.</p></footer>
<div role="navigation"><p>Previous treaty in this volume and next treaty.</p></div>"""


def _import(tmp_path: Path, page: str, *args: str) -> tuple[dict[str, Any], str]:
    """``import`` of ``page`` as a file: the treaty it wrote and its stderr (exit 0, or
    the test fails with the stderr)."""
    src = tmp_path / "t.html"
    src.write_text(page, encoding="utf-8")
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t", *args])
    assert out.exit_code == 0, out.stderr
    return yaml.safe_load(out.stdout), out.stderr


def _numbers(doc: dict[str, Any]) -> list[str]:
    return [a["number"] for a in doc["articles"]]


def _words(doc: dict[str, Any]) -> str:
    parts = [str(p) for p in doc.get("preamble") or []]
    for art in doc.get("articles") or []:
        parts += [str(art.get("heading", ""))] + [str(p) for p in art.get("paragraphs") or []]
    return " ".join(parts)


def _toggle_page(hide: str) -> str:
    """A page that shows the Chinese text and hides the English until the reader
    switches (``hide`` is how it hides: an attribute or a class its stylesheet hides)."""
    arts = "".join(
        f'<section><p class="zh">第{ZH_NUM[i]}條</p><p class="zh">{ZH[i]}</p>'
        f'<div class="en" {hide}><p>Article {i + 1}</p><p>{EN[i]}</p></div></section>'
        for i in range(3)
    )
    return (
        "<html lang='zh-Hant'><head><title>Agreement | Treaty site</title>"
        "<style>.hid { display: none }</style></head><body>"
        f"{CHROME}<main>{arts}</main>{FOOT}"
        '<div class="sr" aria-hidden="true"><p>Skip to the menu of the site please now.</p></div>'
        "</body></html>"
    )


@pytest.mark.parametrize("hide", ["hidden", 'class="hid"', 'style="display:none"'])
def test_a_bilingual_page_that_hides_one_language_gives_either(tmp_path: Path, hide: str) -> None:
    page = _toggle_page(
        hide.replace('class="hid"', 'class="en hid"').replace('class="en" class', "class")
    )
    doc, _ = _import(tmp_path, page, "--language", "en")
    assert _numbers(doc) == ["1", "2", "3"]
    text = _words(doc)
    assert all(p in text for p in EN)
    assert not any(z in text for z in ZH)
    assert doc["language"] == "en"
    assert doc["title"] == "Agreement on Peaceful Settlement"
    for chrome in ("Home", "Volumes", "Related", "Copyright", "Previous", "Skip"):
        assert chrome not in text
    doc, _ = _import(tmp_path, page, "--language", "zh")
    assert _numbers(doc) == ["1", "2", "3"]
    assert all(z in _words(doc) for z in ZH)
    assert doc["language"] == "zh"


def test_hidden_text_in_the_same_language_is_not_text(tmp_path: Path) -> None:
    arts = "".join(f"<h2>Article {i + 1}</h2><p>{EN[i]}</p>" for i in range(3))
    page = (
        "<html><body><div role='main'>"
        f"<h1>Agreement</h1>{arts}"
        "<div hidden><p>This paragraph is a template that the page never shows at all.</p></div>"
        "<p style='display: none'>A notice the page keeps hidden from every reader.</p>"
        "</div></body></html>"
    )
    doc, _ = _import(tmp_path, page)
    assert _numbers(doc) == ["1", "2", "3"]
    assert "template" not in _words(doc)
    assert "notice" not in _words(doc)


def test_paragraphs_in_two_languages_one_after_the_other(tmp_path: Path) -> None:
    fr = [
        "Les Parties règlent tout différend entre elles par des moyens pacifiques.",
        "Chaque Partie consulte l'autre lorsque l'une ou l'autre le juge nécessaire.",
        "Le présent Accord entre en vigueur à la date de sa signature.",
    ]
    rows = "".join(
        f"<p lang='en'>Article {i + 1}</p><p lang='fr'>Article {i + 1}</p>"
        f"<p lang='en'>{EN[i]}</p><p lang='fr'>{fr[i]}</p>"
        for i in range(3)
    )
    page = f"<html><body><article><h1>Accord</h1>{rows}</article></body></html>"
    for lang, want, other in (("en", EN, fr), ("fr", fr, EN)):
        doc, _ = _import(tmp_path, page, "--language", lang)
        assert _numbers(doc) == ["1", "2", "3"]
        text = _words(doc)
        assert all(p in text for p in want)
        assert not any(p in text for p in other)


def test_a_two_column_table_gives_one_language(tmp_path: Path) -> None:
    fr = ["Article premier", "Article 2", "Article 3"]
    rows = "".join(
        f"<tr><td lang='en'><p>Article {i + 1}</p><p>{EN[i]}</p></td>"
        f"<td lang='fr'><p>{fr[i]}</p><p>Texte français de l'article numéro {i + 1} "
        "du présent Accord entre les Parties.</p></td></tr>"
        for i in range(3)
    )
    page = f"<html><body><main><h1>Agreement</h1><table>{rows}</table></main></body></html>"
    doc, _ = _import(tmp_path, page, "--language", "en")
    assert _numbers(doc) == ["1", "2", "3"]
    assert "français" not in _words(doc)
    doc, _ = _import(tmp_path, page, "--language", "fr")
    assert [a["label"] for a in doc["articles"]] == ["Article premier", "Article 2", "Article 3"]
    assert "peaceful" not in _words(doc)


def test_a_breadcrumb_is_furniture_and_the_h1_is_the_title(tmp_path: Path) -> None:
    arts = "".join(f"<h3>Article {i + 1}</h3><p>{EN[i]}</p>" for i in range(3))
    page = (
        "<html><head><title>Agreement - Treaty site</title></head><body><main><article>"
        '<p class="crumb"><a href="/">Home</a> / Agreement on Peaceful Settlement</p>'
        f"<h1>Agreement on Peaceful Settlement</h1>{arts}</article></main></body></html>"
    )
    doc, _ = _import(tmp_path, page)
    assert doc["title"] == "Agreement on Peaceful Settlement"
    assert "Home" not in _words(doc)


@pytest.mark.parametrize("extractor", ["readability", "trafilatura"])
def test_the_language_recorded_is_the_language_of_the_text(tmp_path: Path, extractor: str) -> None:
    # Issue 21, "Why": with trafilatura the Chinese text came back tagged language: en.
    pytest.importorskip(extractor)
    page = _toggle_page("hidden")
    for lang, words in (("zh", ZH), ("en", EN)):
        doc, err = _import(tmp_path, page, "--html-extractor", extractor, "--language", lang)
        assert doc["language"] == lang
        assert all(w in _words(doc) for w in words)
    doc, err = _import(tmp_path, page, "--html-extractor", extractor)
    assert doc["language"] == "zh"  # the first text met, said in a warning
    assert "--language en" in err


@pytest.mark.parametrize("rule", [".en{display:none}", "body.zh .en{display:none}"])
def test_shared_designators_over_two_texts(tmp_path: Path, rule: str) -> None:
    # One heading for both texts (第一條 and Art. 一 side by side), then each
    # language's caption and text in its own box, one box hidden by the stylesheet.
    cap_zh, cap_en = ["爭端", "協商", "生效"], ["Disputes", "Consultation", "Entry into force"]
    arts = "".join(
        f'<section><div class="num"><span>第{ZH_NUM[i]}條</span><span>Art. {ZH_NUM[i]}</span>'
        f'</div><div class="zh"><h4>{cap_zh[i]}</h4><p>{ZH[i]}</p></div>'
        f'<div class="en"><h4>{cap_en[i]}</h4><p>{EN[i]}</p></div></section>'
        for i in range(3)
    )
    page = (
        f"<html lang='zh-Hant'><head><style>{rule}</style></head><body class='zh'>{CHROME}"
        f"<main><h1>和平協定</h1><h2>Agreement on Peaceful Settlement</h2>{arts}</main>{FOOT}"
        "</body></html>"
    )
    for lang, words, caps in (("en", EN, cap_en), ("zh", ZH, cap_zh)):
        doc, err = _import(tmp_path, page, "--language", lang)
        assert _numbers(doc) == ["1", "2", "3"]
        assert [a["heading"] for a in doc["articles"]] == caps
        assert all(w in _words(doc) for w in words)
        assert "read 0" not in err
        assert "(100.0%" in err


def test_each_text_with_its_own_captioned_headings(tmp_path: Path) -> None:
    # <h3 lang="zh">第一條 宗旨</h3> ... <h3 lang="en">Art. 一 Purpose</h3>: the other
    # text's caption is left out (and counted), its designator stays with the number.
    cap_zh, cap_en = ["爭端", "協商", "生效"], ["Disputes", "Consultation", "Entry into force"]
    arts = "".join(
        f'<h3 lang="zh-Hant">第{ZH_NUM[i]}條 {cap_zh[i]}</h3><p lang="zh-Hant">{ZH[i]}</p>'
        f'<h3 lang="en">Art. {ZH_NUM[i]} {cap_en[i]}</h3><p lang="en" hidden>{EN[i]}</p>'
        for i in range(3)
    )
    page = f"<html><body><main><h1>和平協定</h1>{arts}</main></body></html>"
    for lang, caps in (("en", cap_en), ("zh", cap_zh)):
        doc, err = _import(tmp_path, page, "--language", lang)
        assert [a["heading"] for a in doc["articles"]] == caps
        assert "(100.0%" in err


def test_a_table_row_per_article_with_the_text_run_into_the_heading(tmp_path: Path) -> None:
    # <tr><td>第一條 締約雙方...</td><td>Article 1 The Parties...</td></tr>: each cell's
    # language is its text's, after the heading.
    rows = "".join(
        f"<tr><td>第{ZH_NUM[i]}條 {ZH[i]}</td><td>Article {i + 1} {EN[i]}</td></tr>"
        for i in range(3)
    )
    page = f"<html><body><main><h1>Agreement</h1><table>{rows}</table></main></body></html>"
    for lang, want, other in (("en", EN, ZH), ("zh", ZH, EN)):
        doc, err = _import(tmp_path, page, "--language", lang)
        assert _numbers(doc) == ["1", "2", "3"]
        assert [a["paragraphs"] for a in doc["articles"]] == [[w] for w in want]
        assert not any(w in _words(doc) for w in other)
        assert "(100.0%" in err


def test_hidden_text_left_out_is_said(tmp_path: Path) -> None:
    # A section the page hides (an accordion its script would open) was left out in
    # silence: Article 2 missing, "kept 100%", no warning. A hidden menu is not said.
    _, err = _import(
        tmp_path,
        "<html lang='en'><body><nav><ul style='display:none'><li>Treaties</li>"
        "<li>News</li></ul></nav><main><h1>Agreement on Test</h1>"
        "<p>The Parties, desiring peace and security, have agreed as follows:</p>"
        "<h2>Article 1</h2><p>The Parties shall consult each other on matters of common "
        "concern.</p><div style='display: none'><h2>Article 2</h2><p>Each Party shall "
        "assist the other Party.</p></div><h2>Article 3</h2><p>This Agreement shall enter "
        "into force on signature.</p></main></body></html>",
        "--parties",
        "A; B",
    )
    warned = [line for line in err.splitlines() if "the page hides" in line]
    assert len(warned) == 1
    assert "left out 8 words" in warned[0]
