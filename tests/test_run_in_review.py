"""Article headings run into the text (``formats.run_in``): cases its first tests missed.

A cross-reference that reads like the next article, a heading's own stop, and a long
flattened line (the work counted in characters sliced, not timed).
"""

from __future__ import annotations

from typing import SupportsIndex

from treatycmp.formats.importing import import_text
from treatycmp.formats.run_in import split_run_in
from treatycmp.formats.segment import Meta


def test_a_reference_to_an_article_headed_on_a_later_line_stays_text() -> None:
    # Headings on lines of their own, and article 1 lists the next ones after a colon:
    # "Article 2 (Definitions)" was cut as article 2's heading, the real one below was
    # then a duplicate and the import refused a text it read before.
    text = (
        "The Parties have agreed as follows:\n"
        "Article 1\n"
        "For the purposes of this Agreement the following provisions of the Convention "
        "apply: Article 2 (Definitions), Article 3 (Scope) and Article 9.\n"
        "Article 2\nEach Party shall designate an authority.\n"
        "Article 3\nThis Agreement enters into force on signature.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert (
        treaty.article_list[0]
        .paragraphs[0]
        .text.endswith("apply: Article 2 (Definitions), Article 3 (Scope) and Article 9.")
    )
    assert treaty.article_list[1].paragraphs[0].text == "Each Party shall designate an authority."


def test_a_run_in_headings_stop_stays_in_its_label_not_in_the_text() -> None:
    # "Article 2. The fishing vessels": the stop is the heading's, as at the start of a
    # line; cut after the number, the article's text began with ". The".
    text = (
        "The Parties have agreed as follows: Article 1 Each Party shall act. Article 2. "
        "The fishing vessels shall report. Article 3: Scope of the reports. Article 4 - "
        "Entry into force on signature.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    got = [(a.label, " ".join(p.text for p in a.paragraphs)) for a in treaty.article_list]
    assert got == [
        ("Article 1", "Each Party shall act."),
        ("Article 2.", "The fishing vessels shall report."),
        ("Article 3:", "Scope of the reports."),
        ("Article 4 -", "Entry into force on signature."),
    ]


def test_a_run_in_heading_reads_every_dash_a_heading_at_a_lines_start_reads() -> None:
    # The run-in reader kept its own two dashes (hyphen, en dash) beside the heading
    # reader's set: "Article 2 \u2014 Scope" (em dash) and "Article 3 \u2212 Entry"
    # (minus sign, as Greek gazettes print it) stayed text inside article 1.
    text = (
        "The Parties have agreed as follows: Article 1 Each Party shall act. "
        "Article 2 \u2014 Scope of the reports. Article 3 \u2212 Entry into force on signature.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    got = [(a.label, " ".join(p.text for p in a.paragraphs)) for a in treaty.article_list]
    assert got == [
        ("Article 1", "Each Party shall act."),
        ("Article 2 \u2014", "Scope of the reports."),
        ("Article 3 \u2212", "Entry into force on signature."),
    ]


class _Counted(str):
    """A line that counts the characters sliced out of it."""

    sliced = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        part = str.__getitem__(self, key)
        _Counted.sliced += len(part)
        return part


def test_a_long_flattened_line_is_cut_in_one_pass() -> None:
    # Each heading run into a line sliced the text before it (to look for a sentence
    # end) and after it: work that grew with the square of the line's length (a 390 kB
    # line of 4,000 articles took ~7 s). Cut in one pass, each character is sliced
    # about once.
    articles = 400
    body = " ".join(f"Article {n} The Parties shall act in good faith." for n in range(1, articles))
    line = _Counted("The Parties agree. " + body)
    _Counted.sliced = 0
    out, _, heads = split_run_in([(line, 1)], [False])
    assert len(heads) == articles - 1
    assert "".join(text.replace(" ", "") for text, _ in out) == line.replace(" ", "")
    assert _Counted.sliced <= 2 * len(line)


def test_a_reference_to_the_next_article_in_the_same_line_stays_text() -> None:
    # Flattened: "apply: Article 2 (Definitions) of the Convention." in article 1, then
    # article 2's own heading later in the line. The reference was cut as article 2,
    # its words moved out of article 1 and the real heading left as text inside it.
    text = (
        "The Parties have agreed as follows: Article 1 For this Agreement the following "
        "apply: Article 2 (Definitions) of the Convention. Article 2 Each Party shall "
        "designate an authority. Article 3 This Agreement enters into force on signature.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    got = [(a.number, " ".join(p.text for p in a.paragraphs)) for a in treaty.article_list]
    assert got == [
        ("1", "For this Agreement the following apply: Article 2 (Definitions) of the Convention."),
        ("2", "Each Party shall designate an authority."),
        ("3", "This Agreement enters into force on signature."),
    ]


def test_an_annex_numbered_anew_does_not_take_the_main_texts_article() -> None:
    # The same number again after the next one (an annex's own Article 2) is not a
    # restatement: the main text's Article 2 is cut as before.
    text = (
        "The Parties agree. Article 1 Each Party shall act. Article 2 Each Party shall "
        "report. Article 3 Annex. Article 1 Scope of the annex. Article 2 Its terms.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list][:3] == ["1", "2", "3"]
    assert treaty.article_list[1].paragraphs[0].text == "Each Party shall report."


def test_a_flattened_text_before_a_protocol_numbered_anew_keeps_its_articles() -> None:
    # The next line-start heading (the protocol's Article 1) has the number of a run-in
    # heading, not of the last one in the line: the line's headings are structure.
    text = (
        "The Parties agree. Article 1 Each Party shall act. Article 2 Each Party shall "
        "report. Article 3 This Agreement enters into force on signature.\n"
        "Protocol\nArticle 1\nThe protocol applies to fishing.\nArticle 2\nIts terms.\n"
    )
    treaty = import_text(text, treaty_id="t", language="en", meta=Meta(complete=True))
    got = [(a.number, a.paragraphs[0].text) for a in treaty.article_list][:3]
    assert got == [
        ("1", "Each Party shall act."),
        ("2", "Each Party shall report."),
        ("3", "This Agreement enters into force on signature."),
    ]
