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


def test_bis_glued_to_a_roman_numeral_is_its_own_article() -> None:
    # The Universal Copyright Convention (1971): Article Vbis, Article V ter, Article Vquater.
    heads = ("Article V", "Article Vbis", "Article V ter", "Article Vquater", "Article VI")
    text = "\n".join(f"{h}\n{BODY}" for h in heads)
    assert _numbers(text) == ["V", "Vbis", "Vter", "Vquater", "VI"]


def test_articles_numbered_within_roman_sections() -> None:
    # The Lisbon (1997) and Tokyo (2011) conventions: SECTION lines, Article I, II.1 ...,
    # VII alone in its section, "Article IV. 3" with a space; a reservations article lists
    # "Article IV.8" ... on lines of their own (text), a sentence opens "Article V.1 shall".
    lines = [
        "SECTION I - DEFINITIONS",
        "Article I",
        BODY,
        "SECTION II - AUTHORITIES",
        *("Article II.1", BODY, "Article II.2", BODY),
        "SECTION III - PRINCIPLES",
        *("Article III.1", BODY, "Article III. 2", BODY),
        *("Article IV", BODY, "Article V.1", BODY),
        "Article V.1 shall apply mutatis mutandis to partial studies.",
        *("Article V.2", "1. Any State may declare that it reserves the right not to apply:"),
        *("Article II.2", "Article III.1", "No other reservation may be made."),
        *("Article VI.1", BODY),
    ]
    numbers = ["I", "II.1", "II.2", "III.1", "III.2", "IV", "V.1", "V.2", "VI.1"]
    assert _numbers("\n".join(lines)) == numbers


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


def test_a_heading_shaped_line_kept_as_text_is_said(tmp_path: Path, runner: CliRunner) -> None:
    # Every word is kept either way, so without this warning a heading style the reader
    # took for text (the UNESCO checkpoint's "Article II.1" before it was known) would
    # lose the structure silently.
    src = tmp_path / "t.txt"
    lines = ["Article 1", BODY, "Article 2", BODY, "Article 3", BODY, "Article 2", BODY]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0
    assert "1 line shaped like an article heading kept as text (line 7: 'Article 2')" in (
        out.stderr
    )
    clean = tmp_path / "c.txt"
    clean.write_text(f"Article 1\n{BODY}\nArticle 2\n{BODY}\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(clean), "--id", "c"], catch_exceptions=False)
    assert "shaped like" not in out.stderr


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
@pytest.mark.parametrize("control", ["\x1b", "\x00", "\x08"])
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


def test_a_c1_control_is_refused_in_utf8(tmp_path: Path, runner: CliRunner) -> None:
    # U+0092 in UTF-8 text is a Windows-1252 apostrophe decoded twice: a character lost
    src = tmp_path / "t.txt"
    src.write_text("Article 1\nThe Parties\x92 duty.\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 2
    assert "t.txt:2: holds the control character U+0092" in out.stderr


@pytest.mark.parametrize(("encoding", "end"), _ENCODINGS)
@pytest.mark.parametrize("control", ["\x0e", "\x01", "\x07", "\x1f", "\x7f"])
def test_an_inert_control_is_removed_with_a_warning_in_every_encoding(
    tmp_path: Path, runner: CliRunner, encoding: str, end: str, control: str
) -> None:
    # a PDF text layer leaves SHIFT OUT before a page's first line (untreaties-text)
    lines = ["Article 1", f"{control}The Parties\u2019 duty é.", "", f"{control}Article 2"]
    src = tmp_path / "t.txt"
    src.write_bytes(end.join([*lines, f"Each{control} shall.", ""]).encode(encoding))
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert [a["paragraphs"] for a in doc["articles"]] == [
        ["The Parties\u2019 duty é."],
        ["Each shall."],
    ]
    (said,) = [w for w in out.stderr.splitlines() if "control character" in w]
    assert f"t.txt:2: removed 3 invisible control characters (U+{ord(control):04X};" in said
    assert control not in out.stderr


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


def test_numbered_conditions_without_headings_are_articles() -> None:
    # An engagement that numbers its conditions "1.I will ..." (the number glued to
    # the text) and has no other heading (East India Company texts, bench/realdocs).
    text = (
        "In your letter you asked me to write down the conditions I accept.\n"
        "1.I will abide by the agreement made before.\n"
        "2.From this time forward I will keep the peace.\n"
        "3. I will appoint a minister approved by the Government.\n"
        "I will act according to what I have written above.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert treaty.article_list[0].paragraphs[0].text == "I will abide by the agreement made before."
    assert treaty.preamble[0].text.startswith("In your letter")


def test_numbered_paragraphs_under_headings_stay_paragraphs() -> None:
    text = f"Article 1\n1. {BODY}\n2. {BODY}\n3. {BODY}\nArticle 2\n{BODY}\n"
    assert _numbers(text) == ["1", "2"]


def test_an_archive_title_in_another_language_does_not_choose_the_text(
    tmp_path: Path, runner: CliRunner
) -> None:
    # An archive's own (Dutch) title above an English treaty: the paragraphs decide.
    src = tmp_path / "t.md"
    preamble = "The Parties to this Agreement, desiring to promote the safety of air transport. "
    src.write_text(
        "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n"
        "##Luchtvaartverdrag tussen het Koninkrijk der Nederlanden en de Verenigde Staten\n\n"
        f"####Air transport agreement\n\n{preamble * 3}\n\n### Article  1\n\n{BODY}\n\n"
        f"### Article  2\n\n{BODY}\n",
        encoding="utf-8",
    )
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["language"] == "en"
    assert [a["number"] for a in doc["articles"]] == ["1", "2"]


LETTER = (
    "I have the honour to inform Your Excellency that my Government agrees to the "
    "arrangement set out in your note of today, which shall enter into force at once. "
) * 12


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            f"{LETTER}\n{LETTER}\nAccept, Excellency, the assurance of my highest consideration.\n",
            0,
        ),
        # Many paragraphs and no sign of a heading: nothing was missed (issue 21's tenth
        # round: treaties in running prose); a preamble with the warning too.
        ("\n".join([BODY * 3] * 20) + "\n", 0),
    ],
)
def test_a_letter_without_articles_imports_with_a_warning(
    tmp_path: Path, runner: CliRunner, text: str, code: int
) -> None:
    # A note, a firman, a proclamation: a few paragraphs and no sign of a structure.
    src = tmp_path / "t.txt"
    src.write_text(text, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == code, out.stderr
    if code == 0:
        assert "no article headings found" in out.stderr
        assert yaml.safe_load(out.stdout)["completeness"] == "partial"
    else:
        assert "no article heading found" in out.stderr


def test_chinese_headings_glued_to_their_words_follow_the_numbering() -> None:
    # OCR'd and flattened pages print 第八条国际合作 (heading, caption and text in one
    # run); a paragraph that opens with a reference (第七十条不排除 ...) is text.
    text = (
        "序言本协定各缔约方，议定如下：\n"
        "第一条用语为本协定的目的：缔约方是指同意受本协定约束的国家。\n"
        "第二条一般目标\n本协定的目标是确保养护和可持续利用。\n"
        "第三条适用范围本协定适用于国家管辖范围以外区域。\n"
        "第二条所述的目标应予实现。\n"
    )
    treaty = import_text(text, treaty_id="t", language="zh", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert treaty.article_list[1].heading == "一般目标"
    assert treaty.article_list[2].paragraphs[-1].text == "第二条所述的目标应予实现。"


def test_an_article_whose_words_are_all_on_its_heading_line() -> None:
    # "Статья 56 Предотвращение споров Стороны сотрудничают ..." then the next heading:
    # the words read as a caption are the article's text, never "article has no text".
    text = (
        "Статья 55 Комитет\nНастоящим учреждается Комитет.\n"  # noqa: RUF001
        "Статья 56 Предотвращение споров Стороны сотрудничают друг с другом (- 63 -\n"  # noqa: RUF001
        "Статья 57 Обязательство\nСтороны обязуются урегулировать споры.\n"  # noqa: RUF001
    )
    treaty = import_text(text, treaty_id="t", language="ru", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["55", "56", "57"]
    assert treaty.article_list[1].paragraphs[0].text.startswith("Предотвращение споров Стороны")


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("non-self-", "governing territories", "non-self-governing territories"),
        ("with non-", "governmental organizations", "with non-governmental organizations"),
        ("the Secretary-", "General, who", "the Secretary-General, who"),
        ("the organi-", "zation shall", "the organization shall"),
    ],
)
def test_line_end_hyphens_of_the_issue(prev: str, nxt: str, joined: str) -> None:
    # "non-selfgoverning", "nongovernmental" and "Secretary- General," were each a
    # changed word in a diff (issue 21, "Why").
    from treatycmp.formats.pdf_hyphens import join_lines

    assert join_lines(prev, nxt, set()) == joined


def test_a_browser_printed_page_in_one_column_is_not_two() -> None:
    # A browser prints a line of one column in pieces (a link, bold words): pieces that
    # start past the middle of the page are not a second column when the text before
    # them runs on to them.
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    from treatycmp.formats.pdf import pdf_blocks

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Article 1", new_x="LMARGIN", new_y="NEXT")
    left = "The Parties undertake to settle by peaceful means any"
    right = "dispute in which they may be involved."
    for _ in range(8):
        pdf.cell(pdf.get_string_width(left) + 1, 6, left)
        pdf.cell(0, 6, right, new_x="LMARGIN", new_y="NEXT")
    blocks = pdf_blocks(bytes(pdf.output()), "t.pdf")
    text = " ".join(b.text for b in blocks)
    assert text.startswith("Article 1")
    assert f"{left} {right}" in text


def test_a_list_of_contents_before_the_text_is_not_its_articles() -> None:
    # A page or a UN document that lists its articles before the text: the list is
    # front matter; the articles start where the numbering starts again.
    contents = "Article 1 Purpose\nArticle 2 Definitions\nArticle 3 Scope\n"
    text = f"The Parties agree.\n{contents}Article 1 Purpose\n{BODY}\n"
    text += f"Article 2\n{BODY}\nArticle 3\n{BODY}\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert [p.text for p in treaty.preamble][1:] == contents.split("\n")[:3]


def test_decimals_are_not_numbered_conditions() -> None:
    # "1.5 million tonnes" read as condition 1 with the text "5 million tonnes": the
    # treaty's figure changed (and coverage still said every word was kept).
    text = (
        "Declaration of the Parties on co-operation in matters of common interest.\n"
        "1.5 million tonnes of grain shall be delivered by the first Party each year.\n"
        "2.75 per cent of the cost shall be borne by the second Party.\n"
        "3.0 The Parties shall review these arrangements annually.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True, allow_partial=True))
    words = " ".join(p.text for p in treaty.all_paragraphs())
    for figure in ("1.5 million", "2.75 per cent", "3.0 The Parties"):
        assert figure in words


def test_a_condition_keeps_its_own_mark() -> None:
    text = "Preamble of the engagement.\n1) I will keep the peace.\n2) We shall trade.\n3) Done.\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.label for a in treaty.article_list] == ["1)", "2)", "3)"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("제3조에 규정된 절차에 따라 쌍방은 협의한다.", None),  # "under Article 3"
        ("제1조의 규정은 적용되지 아니한다.", None),
        ("第一条件是双方应当保持和平。", None),  # 条件: a condition
        ("第二条款所指的义务", None),  # 条款: a clause
        ("第八条国际合作", "8"),  # a heading glued to its caption
        ("第四条例外本协定不适用于任何军舰。", "4"),  # caption 例外 (exceptions), not 条例
        ("第三条例规定", None),  # 条例: regulations
        ("제2조의2", "2-2"),
        ("第七條", "7"),
    ],
)
def test_cjk_words_that_begin_like_a_heading(line: str, heading: str | None) -> None:
    # 제3조에 ... opening a paragraph of Article 2 was read as Article 3's heading
    # (Article 2 left without text, then Article 3 a duplicate); 第一条件 ... started
    # an annex that put Article 3 in the closing.
    found = read_heading(line)
    assert (found.number if found else None) == heading


def test_a_korean_reference_to_the_next_article_stays_text() -> None:
    text = (
        "체약 쌍방은 다음과 같이 합의하였다.\n제1조\n쌍방은 협의한다.\n제2조\n"
        "제3조에 규정된 절차에 따라 쌍방은 협의한다.\n제3조\n이 조약은 효력을 발생한다.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert treaty.article_list[1].paragraphs[0].text.startswith("제3조에")


def test_a_chinese_reference_to_an_article_headed_elsewhere_stays_text() -> None:
    # 第三条规定的 ... ("the obligations of Article 3 ...") opening a paragraph of
    # Article 2 was read as Article 3's glued heading: the real 第三条 a duplicate.
    text = (
        "缔约双方协议如下：\n第一条\n缔约双方应当协商。\n第二条\n缔约双方同意以下条件。\n"
        "第三条规定的义务不影响缔约双方的其他权利。\n第三条\n本条约自签字之日起生效。\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert treaty.article_list[1].paragraphs[1].text.startswith("第三条规定的")


def test_glued_headings_without_headings_of_their_own_still_count() -> None:
    text = "缔约双方协议如下：\n第一条宗旨\n缔约双方应当协商。\n第二条国际合作\n缔约双方合作。\n"
    assert _numbers(text) == ["1", "2"]


def test_an_article_bis_written_after_its_designator_is_its_own_article() -> None:
    """第八條之二 (the Rome Statute's Article 8 bis in Traditional Chinese, as the
    open-treaties text refers to it) is 8 bis, not Article 8 again: its text was joined
    to Article 8's."""
    text = (
        "第八條\n戰爭罪\n本法院對戰爭罪具有管轄權。\n"
        "第八條之二\n侵略罪\n為了本規約的目的，「侵略罪」是指策劃、準備、發動或實施一項侵略行為。\n"
        "第九條\n犯罪要件\n本法院在解釋和適用第八條和第八條之二時，應由《犯罪要件》輔助。\n"
    )
    treaty = import_text(text, treaty_id="t", language="zh", meta=Meta(complete=True))
    articles = treaty.article_list
    assert [(a.number, a.label) for a in articles] == [
        ("8", "第八條"),
        ("8bis", "第八條之二"),
        ("9", "第九條"),
    ]
    assert [p.text for p in articles[0].paragraphs] == ["戰爭罪", "本法院對戰爭罪具有管轄權。"]
    assert read_heading("第八條之二所列的行為") is not None  # a reference: numbering decides


def test_a_flattened_treaty_is_read_not_refused(runner: CliRunner, tmp_path: Path) -> None:
    # Articles run into one long line: refused as "no article heading found" before the
    # run-in headings were read (issue 21's sixth round); now read, every word kept.
    src = tmp_path / "t.txt"
    src.write_text(
        f"The Parties agree. Article 1 {LETTER} Article 2 {LETTER} Article 3 {LETTER}\n",
        encoding="utf-8",
    )
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 0, out.stderr
    assert [a["number"] for a in yaml.safe_load(out.stdout)["articles"]] == ["1", "2", "3"]


def test_article_headings_run_into_running_text_follow_the_numbering() -> None:
    # A treaty that lost its line breaks: several articles on one line, a heading
    # followed by its first numbered paragraph; a run-in "Article 4" that does not
    # follow the numbering (a reference after a sentence) stays text.
    text = (
        "The Parties, desiring to cooperate, have agreed as follows:\n"
        "Article 1 Each Party shall allow fishing.\n"
        "Article 2 1. Each Party shall set quotas. 2. Quotas are yearly. Article 3 The "
        "Parties shall meet. As said before. Article 1 Applies. Article 4 1. This "
        "Agreement enters into force on signature.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4"]
    third = treaty.article_list[2].paragraphs
    assert " ".join(p.text for p in third) == (
        "The Parties shall meet. As said before. Article 1 Applies."
    )
    assert treaty.article_list[3].paragraphs[0].text.startswith("1. This Agreement")


def test_a_lower_case_treaty_on_one_line_with_glued_article_designators() -> None:
    # Dataset transcriptions print a whole treaty on one lower-case line, the editor's
    # "ARTICLE" glued to the number and the first word: the cut falls after the number
    # the numbering expects (ARTICLE iiii . is III and a paragraph "i"); words unchanged.
    text = (
        "the parties, having agreed as follows: ARTICLE i1. each party shall act. "
        "ARTICLE iieach party shall report under article i. ARTICLE iiii . subject to "
        "article ii, no party shall fish. ARTICLE ivthis treaty shall be of unlimited "
        "duration. done at oslo, 1973.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["I", "II", "III", "IV"]
    assert [a.label for a in treaty.article_list] == [
        "ARTICLE i",
        "ARTICLE ii",
        "ARTICLE iii",
        "ARTICLE iv",
    ]
    assert treaty.article_list[1].paragraphs[0].text.startswith("each party shall report")
    assert treaty.article_list[2].paragraphs[0].text.startswith("i . subject to")
    assert treaty.article_list[3].paragraphs[0].text.startswith("this treaty shall")


def test_an_article_emptied_by_the_language_filter_names_language(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Without --language, another language's words are left out; an article whose
    # text was all in that language is refused, and the fix names --language.
    src = tmp_path / "t.txt"
    src.write_text(
        "The Parties agree as follows.\nArticle 1\nThe Parties agree to cooperate in all "
        "matters of common interest and to meet each year.\nArticle 2\n"
        "缔约方同意在所有共同关心的事项上进行合作，并每年举行会议。\nArticle 3\n"
        "This Agreement enters into force on signature and remains in force for ten years.\n",
        encoding="utf-8",
    )
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 2
    error = out.stderr.strip().splitlines()[-1]
    assert "article 2 has no text" in error
    assert "--language en or --language zh" in error
    assert "Traceback" not in out.stderr


def test_an_editors_gap_naming_the_next_article_is_not_cut_as_a_heading() -> None:
    # "[GAP: ARTICLE III, the closing formula ...]" in a lower-case line names what is
    # missing; it is a gap, never a run-in heading cut out of it.
    text = (
        "the parties agree as follows.\nARTICLE I\nthe parties shall consult.\n"
        "ARTICLE II\nthis treaty remains in force until [GAP: rest of Article II - not read]\n"
        "[GAP: ARTICLE III, the closing formula and the signatures of the treaty, and the "
        "understanding appended to it - not read in any of the sources that were found]\n"
    )
    treaty = import_text(text, treaty_id="t", language="en")
    assert [a.number for a in treaty.article_list] == ["I", "II"]


FEDLEX_FRONT = (
    '---\ntitle: "Notenaustausch vom 14. Januar 2009"\nsr_number: "0.362.380.015"\n---\n'
    "# Notenaustausch vom 14. Januar 2009\n\n"
)


def test_a_page_under_front_matter_is_markdown_without_article_headings(
    tmp_path: Path, runner: CliRunner
) -> None:
    """An exchange of notes exported with a YAML front matter (a law portal's page) has
    no article heading: its front matter is settings, its '#' title the title, and a
    note of a page or less is imported as a preamble with a warning (Fedlex 2009)."""
    src = tmp_path / "n.md"
    note = "Die Mission der Schweiz entbietet dem Generalsekretariat ihre Hochachtung. "
    src.write_text(FEDLEX_FRONT + "Mission der Schweiz\n\nBrüssel\n\n" + note * 3 + "\n")
    result = runner.invoke(cli, ["import", str(src), "--id", "n"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["title"] == "Notenaustausch vom 14. Januar 2009"
    assert doc["preamble"][0] == "Mission der Schweiz"
    assert not any("sr_number" in p for p in doc["preamble"])
    assert "no article headings found" in result.stderr


def test_markdown_footnotes_are_notes_not_treaty_text(tmp_path: Path, runner: CliRunner) -> None:
    """'[^1]' references are markup and the '[^1]: SR ...' lines under their heading are
    editors' notes: left out, and said (Fedlex prints them under '###### Fussnoten')."""
    src = tmp_path / "f.md"
    src.write_text(
        FEDLEX_FRONT + "##### **Art. 1**\n\nDas Abkommen[^1] gilt.\n\n"
        "##### **Art. 2**\n\nÜbersetzung*[^2]* bleibt.\n\n###### Fussnoten\n\n"
        "[^1]: [SR **0.632.20**](https://fedlex.data.admin.ch/eli/cc/1995/2117)\n\n"
        "[^2]: In der AS nicht veröffentlicht.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "f"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["paragraphs"] for a in doc["articles"]] == [
        ["Das Abkommen gilt."],
        ["Übersetzung bleibt."],
    ]
    assert "3 footnote line(s)" in result.stderr


def test_the_german_closing_formula_ends_the_last_article(
    tmp_path: Path, runner: CliRunner
) -> None:
    """'*Zu Urkund dessen* ...' and 'Geschehen zu ...' are the closing, with the
    signature table after them, not the last article's paragraphs (Fedlex)."""
    src = tmp_path / "c.md"
    src.write_text(
        FEDLEX_FRONT + "##### **Art. 1**\n\nDas Abkommen gilt.\n\n##### **Art. 2**\n\n"
        "Es tritt in Kraft.\n\n*Zu Urkund dessen* haben die Unterzeichneten unterschrieben.\n\n"
        "Geschehen zu Bern, am 1. Mai 2002.\n\n| Für die Schweiz: | Für Singapur: |\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "c"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["articles"][-1]["paragraphs"] == ["Es tritt in Kraft."]
    assert doc["closing"][0].startswith("Zu Urkund dessen haben")
    assert doc["closing"][1] == "Geschehen zu Bern, am 1. Mai 2002."


def test_a_documents_control_characters_become_spaces_and_are_counted() -> None:
    # PDF, Word and HTML readers hand over blocks; a page break or vertical tab is
    # layout and goes unsaid, any other control (a PDF's SHIFT OUT, a C1 byte of a
    # quote decoded twice) may have stood for a character: counted, with its line.
    from treatycmp.formats.documents import document_blocks
    from treatycmp.formats.segment import Block

    said: list[str] = []
    layout = document_blocks([Block("Article 1\x0cThe Parties\x0bagree.", 4)], "t.pdf", said)
    assert [b.text for b in layout] == ["Article 1 The Parties agree."]
    assert said == []
    blocks = [Block("Preamble.", 1), Block("\x0eArticle 2 The Party\x92s duty.\x0e", 7)]
    read = document_blocks(blocks, "t.pdf", said)
    assert [b.text for b in read] == ["Preamble.", "Article 2 The Party s duty."]
    assert said == [
        "t.pdf:7: turned 3 control characters (U+000E, U+0092; the first in the text read "
        "from this line) into spaces; check the words beside them"
    ]


@pytest.mark.parametrize("title", ["", "# Pact of Mutual Help\n\n"])
def test_one_article_pasted_as_markdown_is_that_article(
    tmp_path: Path, runner: CliRunner, title: str
) -> None:
    """A single article pasted from a page (`## Article 4` and its text, a title or not)
    is markdown: before, one heading was not enough, so the file was read as plain text
    whose '#' lines are comments, and `Article 4` vanished (0 articles, a preamble)."""
    src = tmp_path / "a4.md"
    src.write_text(
        title + "## Article 4\n\nIn the event of an armed attack against either Party, the "
        "other Party shall render such assistance as it deems necessary.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "a4"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["number"] for a in doc["articles"]] == ["4"]
    assert "render such assistance" in str(doc["articles"][0])
    assert doc.get("preamble", []) == []


def test_a_header_line_that_is_no_key_is_a_comment_said_not_dropped(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A '#' line among the plain-text header that is no '# Key: value' (`# Draft of 3
    May`) is left out as a comment and counted in the warning, as one after the header
    is; before, it was left out without a word."""
    src = tmp_path / "p.txt"
    src.write_text(
        "# Title: Pact\n# Draft of 3 May\n\nArticle 1\nThe Parties shall consult.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "p"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "1 comment line(s) ('# ...')" in result.stderr
    assert yaml.safe_load(result.stdout)["title"] == "Pact"
