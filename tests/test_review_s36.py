"""Defects found reviewing the session's importer and plumbing (s36), each pinned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

BODY = "The Parties shall cooperate in the matters this article names."


def _import(tmp_path: Path, spec: str) -> tuple[list[dict[str, object]], tuple[int, int]]:
    """The articles of a text built from ``spec`` (``|`` between lines, ``-`` for a
    paragraph) and the words the import says it read and kept."""
    src = tmp_path / "t.txt"
    src.write_text("\n".join(BODY if x == "-" else x for x in spec.split("|")) + "\n")
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    said = re.search(r"read (\d+) words, kept (\d+)", out.stderr)
    assert said is not None, out.stderr
    return yaml.safe_load(out.stdout)["articles"], (int(said[1]), int(said[2]))


def test_a_level_already_printed_is_not_printed_again_before_the_next_title(
    tmp_path: Path,
) -> None:
    # PART I / TITLE I / CHAPTER 1 ... / TITLE II / CHAPTER 1: the second title's first
    # chapter was 'PART I: TITLE II: CHAPTER 1', PART I's words kept twice ("read 70
    # words, kept 72"), where the document prints it once.
    spec = "PART I|TITLE I|CHAPTER 1|Article 1|-|CHAPTER 2|Article 2|-|TITLE II|CHAPTER 1"
    spec += "|Article 3|-|PART II|TITLE III|CHAPTER 1|Article 4|-|Article 5|-"
    articles, (read, kept) = _import(tmp_path, spec)
    # Every article of a chapter names it alike (Article 5 as Article 4).
    assert [a["chapter"] for a in articles] == [
        "PART I: TITLE I: CHAPTER 1",
        "CHAPTER 2",
        "TITLE II: CHAPTER 1",
        "PART II: TITLE III: CHAPTER 1",
        "PART II: TITLE III: CHAPTER 1",
    ]
    assert kept == read


def test_a_part_whose_heading_opens_the_chapter_is_printed_once(tmp_path: Path) -> None:
    # PART III with its articles and no chapter under it: its chapter was 'PART III:
    # PART III' (read 64 words, kept 66).
    spec = "PART I|CHAPTER 1|Article 1|-|CHAPTER 2|Article 2|-|PART II|CHAPTER 1|Article 3|-"
    spec += "|PART III|Article 4|-|CHAPTER 1|Article 5|-"
    articles, (read, kept) = _import(tmp_path, spec)
    assert [a["chapter"] for a in articles][3] == "PART III"
    assert kept == read


def test_check_reads_an_id_as_an_id_beside_a_file_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file 'nato' (no suffix) in the folder check ran in: 'nato:5' was refused as a
    # document ("'nato' is a document, not a treaty YAML file"), exit 2.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nato").write_text("notes\n", encoding="utf-8")
    (tmp_path / "e.yaml").write_text("expectations:\n  - nato:5 has un-charter-51\n")
    out = CliRunner().invoke(cli, ["check", "e.yaml"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    assert "PASS" in out.stdout


def test_a_concordance_kept_as_text_is_named_at_its_own_line(tmp_path: Path) -> None:
    # The warning named line 11, the heading read, not line 8, the one kept as text.
    src = tmp_path / "t.txt"
    src.write_text(
        "Article 140\nThe Commission shall encourage cooperation between the States.\n\n"
        "Article 141\nArticle 119 - EC Treaty (Maastricht consolidated version)\n"
        "Article 119 - EEC Treaty\nArticle 141\n1. Each Member State shall ensure that the "
        "principle of equal pay is applied.\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    assert "kept as text (line 4: 'Article 141')" in out.stderr


def test_a_list_of_contents_then_a_preamble_then_the_articles(tmp_path: Path) -> None:
    # The preamble's line after the list went under its last heading, so the text's
    # Article 1 did not start the text again: no article was imported, every one kept
    # as the closing's text, and a warning said the articles' text was not in the file.
    spec = "AGREEMENT ON COOPERATION|Article 1 - Objective|Article 2 - Definitions"
    spec += "|Article 3 - Scope|Article 4 - Final provisions|The Parties have agreed as follows:"
    spec += "|Article 1 - Objective|-|Article 2 - Definitions|-|Article 3 - Scope|-"
    spec += "|Article 4 - Final provisions|-"
    src = tmp_path / "t.txt"
    src.write_text("\n".join(BODY if x == "-" else x for x in spec.split("|")) + "\n")
    out = CliRunner().invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert [a["number"] for a in doc["articles"]] == ["1", "2", "3", "4"]
    assert doc["preamble"] == [
        "AGREEMENT ON COOPERATION",
        "Article 1 - Objective",
        "Article 2 - Definitions",
        "Article 3 - Scope",
        "Article 4 - Final provisions",
        "The Parties have agreed as follows:",
    ]
    said = re.search(r"read (\d+) words, kept (\d+)", out.stderr)
    assert said is not None
    assert said[1] == said[2]


def test_a_corpus_given_as_an_xml_document_is_refused_as_a_document(tmp_path: Path) -> None:
    # show, diff and check read pact.xml as import does, or refuse it as a document;
    # --corpus read it as YAML: "pact.xml:2: is not valid YAML ... fix the YAML syntax".
    src = tmp_path / "pact.xml"
    src.write_text('<?xml version="1.0"?>\n<treaty><article>Text: here.</article></treaty>\n')
    out = CliRunner().invoke(cli, ["list", "--corpus", str(src)], catch_exceptions=False)
    assert out.exit_code == 2
    assert "is a document, not a treaty YAML file" in out.stderr
    assert "treatycmp import" in out.stderr
    assert len(out.stderr.splitlines()) == 1


def test_lines_that_share_a_number_are_each_counted_once() -> None:
    # A PDF's lines may share a number: the heading read at line 13 stood for both
    # 'ARTIKEL 2' lines there, so one kept as text went unsaid (4 lines said for 5).
    from treatycmp.formats.segment_drafts import headings_kept_as_text

    lines: list[tuple[str, int | None]] = [("ARTIKEL 2", 13), ("ARTIKEL 1", 13), ("ARTIKEL 2", 13)]
    warning = headings_kept_as_text(lines, [("ARTIKEL 2", 13)], "t")
    assert " 2 lines shaped like an article heading kept as text" in warning[0]
