"""Issue 21: the layouts real treaty documents come in, as short synthetic lines.

Each case reproduces one layout met in the real-document benchmark (bench/realdocs)
with a few lines written here, or a faithful excerpt of a public-domain text (the
UN Charter); no fetched document is in the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.formats.headings import read_heading
from treatycmp.formats.importing import import_text
from treatycmp.formats.languages import detect
from treatycmp.formats.segment import Meta

BODY = "The Parties shall co-operate in good faith to carry out this Agreement."


def _numbers(text: str, **kw: object) -> list[str]:
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True, **kw))  # type: ignore[arg-type]
    return [a.number for a in treaty.article_list]


@pytest.mark.parametrize(
    ("first", "second", "numbers"),
    [
        ("Article 1 Goal of the Agreement", "Article 2 Definitions", ["1", "2"]),
        ("ARTICLE I The Parties undertake to act.", "ARTICLE II The Parties agree.", ["I", "II"]),
        ("Article 1 - Title", "Article 2 - Scope", ["1", "2"]),
        ("ARTICLE I : Title", "ARTICLE II : Scope", ["I", "II"]),
        ("Article 1er", "Article 2", ["1", "2"]),
        ("Article premier", "Article 2", ["1", "2"]),
        ("ARTICLE FIRST", "ARTICLE SECOND", ["1", "2"]),
        ("Article One", "Article Two", ["1", "2"]),
        ("Art. 5", "Art. 6", ["5", "6"]),
        ("Artículo 1", "Artículo 2", ["1", "2"]),
        ("Artikel 1", "Artikel 2", ["1", "2"]),
        ("المادة 1", "المادة 2", ["1", "2"]),
        ("第一條", "第二條", ["1", "2"]),
        ("제1조", "제2조", ["1", "2"]),
        ("Статья 1", "Статья 2", ["1", "2"]),
        ("Article 2. 1. Cooperation shall be close.", "Article 3", ["2", "3"]),
    ],
)
def test_heading_styles_of_real_treaties(first: str, second: str, numbers: list[str]) -> None:
    text = f"{first}\n{BODY}\n{second}\n{BODY}\n"
    assert _numbers(text) == numbers


def test_bis_ter_quater_are_their_own_articles() -> None:
    text = "\n".join(
        f"{h}\n{BODY}" for h in ("Article 2", "Article 2 bis", "Article 2ter", "Article 2 quater")
    )
    assert _numbers(text) == ["2", "2bis", "2ter", "2quater"]


def test_23bis_and_5_colon_are_not_merged() -> None:
    text = f"Article 4\n{BODY}\nArticle 5 :\n{BODY}\nArticle 23.\n{BODY}\nArticle 23bis.\n{BODY}"
    assert _numbers(text) == ["4", "5", "23", "23bis"]


def test_caption_and_numbered_paragraph_after_the_heading() -> None:
    t = import_text(
        "Article 1 - Goal\nText.\nArticle 2. 1. Cooperation shall be close.\n",
        treaty_id="t",
        meta=Meta(complete=True),
    )
    first, second = t.article_list
    assert first.heading == "Goal"
    assert second.paragraphs[0].text == "1. Cooperation shall be close."


def test_a_wrapped_cross_reference_out_of_sequence_is_text() -> None:
    text = (
        "Article IV\nText of four.\nArticle VII\nThe measures taken under\n"
        "Article V.\nshall be reported.\nArticle VIII\nText of eight.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["IV", "VII", "VIII"]
    assert "Article V." in [p.text for p in treaty.article_list[1].paragraphs]


def test_a_reference_with_lowercase_words_is_not_a_heading() -> None:
    assert read_heading("Article 5 of the Charter applies.") is None


def test_an_annex_with_its_own_articles_is_kept_as_text_not_refused() -> None:
    annex = "ANNEX\nArticle 1\nAnnex text.\nArticle 2\nMore.\n"
    text = f"Article 1\n{BODY}\nArticle 2\n{BODY}\n{annex}"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2"]
    assert "Annex text." in [p.text for p in treaty.closing]


def test_chapters_around_articles_un_charter_excerpt() -> None:
    # UN Charter (1945), public domain: Chapter I, Articles 1-2 (opening words only).
    text = (
        "CHAPTER I: PURPOSES AND PRINCIPLES\nArticle 1\n"
        "The Purposes of the United Nations are:\n"
        "Article 2\n"
        "The Organization and its Members, in pursuit of the Purposes stated in Article 1, "
        "shall act in accordance with the following Principles.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.chapter for a in treaty.article_list] == ["CHAPTER I: PURPOSES AND PRINCIPLES"] * 2


def test_markdown_headings_are_headings_not_comments(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "t.md"
    src.write_text(
        "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
        "##Verdrag\n\n####THE TREATY\n\nThe Parties agree as follows:\n\n"
        "###Article premier\n\nFirst text.\n\n## Article 2\n\nSecond text.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["number"] for a in doc["articles"]] == ["1", "2"]
    assert "comment line" not in result.stderr


TRANSLATION = (
    "De Regeringen van de Staten die partij zijn bij dit Verdrag zijn het volgende "
    "overeengekomen en hebben met het oog op de samenwerking die door de Partijen wordt "
    "gevoerd een akkoord bereikt dat voor alle Staten van kracht is. "
) * 4


def _bilingual() -> str:
    en = "The Governments of the States which are Parties to this Treaty have agreed as follows. "
    return (
        f"{en * 6}\nArticle 1\n{BODY} {en * 4}\nArticle 2\n{BODY} {en * 4}\n"
        f"DONE at The Hague, 1 May 1990.\n{TRANSLATION}\nArtikel 1\n{TRANSLATION}\n"
        f"Artikel 2\n{TRANSLATION}\n"
    )


def test_language_picks_one_text_of_a_bilingual_document(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "t.txt"
    src.write_text(_bilingual(), encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["language"] == "en"
    assert [a["number"] for a in doc["articles"]] == ["1", "2"]
    assert "in nl left out" in out.stderr
    nl = runner.invoke(cli, ["import", str(src), "--id", "t", "--language", "nl"])
    assert nl.exit_code == 0, nl.stderr
    doc = yaml.safe_load(nl.stdout)
    assert doc["language"] == "nl"
    assert [a["label"] for a in doc["articles"]] == ["Artikel 1", "Artikel 2"]


def test_detects_languages_by_script_and_words() -> None:
    assert detect("第一條 締約雙方") == "zh"
    assert detect("Статья первая настоящего Договора") == "ru"
    assert detect(BODY) == "en"


def test_a_long_text_without_articles_stops_and_names_the_style(
    tmp_path: Path, runner: CliRunner
) -> None:
    src = tmp_path / "t.txt"
    src.write_text("".join(f"Artikulu {n}\n{BODY * 8}\n" for n in range(1, 8)), encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 2
    assert "no article heading found" in out.stderr
    assert "'Artikulu N' (7 lines)" in out.stderr
    assert "--allow-partial" in out.stderr
    ok = runner.invoke(cli, ["import", str(src), "--id", "t", "--allow-partial"])
    assert ok.exit_code == 0
    assert "warning" in ok.stderr
    assert "read " in ok.stderr
    assert "words, kept" in ok.stderr


def test_words_read_and_kept_are_said(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "t.txt"
    src.write_text(f"Article 1\n{BODY}\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert "read 13 words, kept 13 (100.0%" in out.stderr


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"Article 1\r\nThe Parties\x92 duty.\r\n", "Windows-1252"),
        (b"Article 1\rThe Parties\xd5 duty.\r", "Mac Roman"),
    ],
)
def test_legacy_encodings_are_read_and_named(
    tmp_path: Path, runner: CliRunner, data: bytes, label: str
) -> None:
    src = tmp_path / "t.txt"
    src.write_bytes(data)
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    assert f"read as {label}" in out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["articles"][0]["paragraphs"] == ["The Parties\u2019 duty."]


# One check of characters whatever the encoding (issue #23's review): a legacy file
# let an escape sequence through to the treaty text while UTF-8 refused it.
_ENCODINGS = [("utf-8", "\n"), ("cp1252", "\r\n"), ("mac_roman", "\r")]


@pytest.mark.parametrize(("encoding", "end"), _ENCODINGS)
@pytest.mark.parametrize("control", ["\x1b", "\x00", "\x07", "\x1f", "\x7f"])
def test_a_control_character_is_refused_in_every_encoding(
    tmp_path: Path, runner: CliRunner, encoding: str, end: str, control: str
) -> None:
    # the accented letter makes the legacy files fail UTF-8 and take the legacy path
    text = end.join(["Article 1", "The Parties\u2019 duty.", f"Each{control}[8m é shall.", ""])
    src = tmp_path / "t.txt"
    src.write_bytes(text.encode(encoding) if encoding != "utf-8" else text.encode())
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 2
    assert out.stdout == ""
    errors = [line for line in out.stderr.splitlines() if " error: " in line]
    assert len(errors) == 1, out.stderr
    assert "Traceback" not in out.stderr
    if control != "\x00":  # NUL is "a binary file", located the same way
        assert f"t.txt:3: holds the control character U+{ord(control):04X}" in errors[0]


@pytest.mark.parametrize(("encoding", "end"), _ENCODINGS)
@pytest.mark.parametrize("layout", ["\x0c", "\x0b"])
def test_page_breaks_are_layout_in_every_encoding(
    tmp_path: Path, runner: CliRunner, encoding: str, end: str, layout: str
) -> None:
    text = end.join(
        ["Article 1", f"The Parties\u2019 duty{layout}é shall.", f"{layout}Next é.", ""]
    )
    src = tmp_path / "t.txt"
    src.write_bytes(text.encode(encoding))
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["articles"][0]["paragraphs"] == ["The Parties\u2019 duty é shall.", "Next é."]


def test_several_files_and_a_folder_each_to_its_own_output(
    tmp_path: Path, runner: CliRunner
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Treaty A.txt").write_text(f"Article 1\n{BODY}\n", encoding="utf-8")
    (docs / "b.md").write_text(f"## Article 1\n\n{BODY}\n\n## Article 2\n\n{BODY}\n")
    (docs / "bad.txt").write_bytes(b"Article 1\n\x00\x01binary")
    out = runner.invoke(cli, ["import", str(docs), "-o", str(tmp_path / "out")])
    assert out.exit_code == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.yaml", "treaty-a.yaml"]
    assert out.stderr.count("error:") == 1
    assert "bad.txt" in out.stderr
    two = runner.invoke(
        cli,
        ["import", str(docs / "Treaty A.txt"), str(docs / "b.md"), "-o", str(tmp_path / "o2")],
    )
    assert two.exit_code == 0, two.stderr
    assert len(list((tmp_path / "o2").iterdir())) == 2
    none = runner.invoke(cli, ["import", str(docs / "Treaty A.txt"), str(docs / "b.md")])
    assert none.exit_code == 2
    assert "-o FOLDER/" in none.stderr
