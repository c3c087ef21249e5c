"""Left-overs a new user and a reviewer found (session 34): each a regression test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

TREATY = """\
id: odd-2000
title: "Odd {title}"
short_title: Odd
parties: [A, B]
language: en
source:
  text: test
completeness: complete
articles:
  - number: "1"
    paragraphs:
      - "The Parties shall consult."
      - "{clause}"
"""


def _corpus(tmp_path: Path, clause: str, title: str = "treaty") -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.yaml").write_text(TREATY.format(clause=clause, title=title), "utf-8")
    return corpus


@pytest.mark.parametrize(
    ("clause", "code"),
    [(r"act \e[2J now", "U+001B"), (r"a \x00 b", "U+0000"), (r"a \uFFFE b", "U+FFFE")],
)
def test_akn_export_refuses_what_xml_cannot_carry_at_its_clause(
    runner: CliRunner, tmp_path: Path, clause: str, code: str
) -> None:
    corpus = _corpus(tmp_path, clause)
    result = runner.invoke(cli, ["export", "odd-2000", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "odd.yaml:13: clause 1.2 holds the " in line
    assert f"{code}, which XML 1.0 cannot carry" in line
    assert "Fix: remove it from the treaty file, or export with -f yaml" in line
    assert "\\x1b" not in line


def test_akn_export_names_a_metadata_field_that_xml_cannot_carry(
    runner: CliRunner, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path, "fine", title=r"\e]0;x")
    result = runner.invoke(cli, ["export", "odd-2000", "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert "odd.yaml: title holds the control character U+001B" in result.stderr


def test_yaml_export_keeps_the_control_character_akn_refuses(
    runner: CliRunner, tmp_path: Path
) -> None:
    from treatycmp.formats.treaty_yaml import load_treaty

    corpus = _corpus(tmp_path, r"act \e[2J now")
    out = tmp_path / "back.yaml"
    result = runner.invoke(
        cli, ["export", "odd-2000", "-f", "yaml", "-o", str(out), "--corpus", str(corpus)]
    )
    assert result.exit_code == 0, result.stderr
    assert load_treaty(out).article_list[0].paragraphs[1].text == "act \x1b[2J now"


def test_akn_export_carries_bidi_c1_and_invisible_characters_exactly(
    runner: CliRunner, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path, r"a\u200bb \u202e c \x9b d \x7f e")
    akn = tmp_path / "odd.akn.xml"
    result = runner.invoke(cli, ["export", "odd-2000", "-o", str(akn), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.stderr
    from treatycmp.formats.akn_read import treaty_from_akn

    back = treaty_from_akn(akn.read_bytes(), str(akn))
    assert back.article_list[0].paragraphs[1].text == "a\u200bb \u202e c \x9b d \x7f e"


@pytest.mark.parametrize(
    ("ref", "said"),
    [
        (
            "nato::",
            "'nato::' is not a clause reference: it names no clause after its last ':'. "
            "Fix: write TREATY:CLAUSE, e.g. nato:4, or the treaty alone (nato).",
        ),
        (
            "nato:5:",
            "'nato:5:' is not a clause reference: it names no clause after its last "
            "':'. Fix: write TREATY:CLAUSE, e.g. nato:5.",
        ),
        (
            ":5",
            "':5' is not a clause reference: it names no treaty before its ':'. "
            "Fix: write TREATY:CLAUSE, e.g. dprk-russia-2024:5.",
        ),
        (
            "nato::5",
            "'nato::5' is not a clause reference: it has two ':' in a row. "
            "Fix: write TREATY:CLAUSE, e.g. nato:5.",
        ),
    ],
)
@pytest.mark.parametrize("command", [["show"], ["diff", "anzus:4"], ["nearest"]])
def test_an_empty_part_of_a_clause_name_is_said_in_one_quoted_line(
    runner: CliRunner, ref: str, said: str, command: list[str]
) -> None:
    args = [command[0], ref, *command[1:]]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == f"treatycmp: error: {said}\n"


def test_json_md_says_what_csv_does_to_a_formula_cell(runner: CliRunner, tmp_path: Path) -> None:
    from treatycmp.escape import FORMULA_START

    docs = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text("utf-8")
    start = docs.index("<!-- formula-guard -->")
    block = docs[start : docs.index("<!-- end formula-guard -->", start)]
    named = {"\t": "a tab", "\r": "a carriage return"}
    for char in FORMULA_START:
        assert named.get(char, f"`{char}`") in block
    assert "`=1+1` becomes `'=1+1`" in block
    corpus = _corpus(tmp_path, "=1+1")
    result = runner.invoke(cli, ["show", "odd-2000", "-f", "csv", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.stderr
    assert ",'=1+1" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv"])
def test_grep_says_on_stderr_that_nothing_matched(runner: CliRunner, fmt: str) -> None:
    hit = runner.invoke(cli, ["grep", "armed attack", "--treaty", "nato", "-f", fmt])
    assert hit.exit_code == 0
    assert hit.stderr == ""
    result = runner.invoke(cli, ["grep", "zzqqxx", "--treaty", "nato", "-f", fmt])
    assert result.exit_code == 1
    assert result.stderr == (
        "treatycmp: no clause matches 'zzqqxx' at --min-score 0.9 (1 treaty searched)\n"
    )
    if fmt == "json":
        assert json.loads(result.stdout)["hits"] == []
    quiet = runner.invoke(cli, ["grep", "zzqqxx", "--exact", "-q", "-f", fmt])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (1, "", "")


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_title_line_opening_a_plain_text_is_warned_with_the_fix(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    # No "# Key: value" header and no "#" article headings: read as plain text, where
    # docs/format.md makes a "#" line that is no "# Key: value" a comment.
    src = tmp_path / f"pact{suffix}"
    src.write_text(
        "# Treaty of Friendship between Arden and Brill\n\nArticle 1\n\n"
        "The Parties shall settle disputes by peaceful means.\n\nArticle 2\n\n"
        "The Parties shall consult each other.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "pact"])
    assert result.exit_code == 0, result.stderr
    assert (
        f"treatycmp: warning: {src}:1: '# Treaty of Friendship between Arden and Brill' opens "
        "the text but is no '# Key: value' header line: left out as a comment, not taken as "
        "the title. Fix: write '# Title: Treaty of Friendship between Arden and Brill', or "
        "pass --title\n"
    ) in result.stderr
    assert "comment line(s)" not in result.stderr  # said once, not counted twice
    titled = runner.invoke(cli, ["import", str(src), "--id", "pact", "--title", "Pact"])
    assert "opens the text" not in titled.stderr
    assert "1 comment line(s) ('# ...') left out as not treaty text" in titled.stderr


def test_a_header_line_with_a_key_not_read_is_warned_not_dropped_silently(
    runner: CliRunner, tmp_path: Path
) -> None:
    # "# Treaty of Amity: the text" has the shape of "# Key: value", but no import reads
    # that key: it was left out without a word.
    src = tmp_path / "amity.txt"
    src.write_text(
        "# Title: Amity\n# Treaty of Amity: the text\n# Source: a print\n\n"
        "Article 1\n\nThe Parties shall be friends.\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", str(src), "--id", "amity"])
    assert result.exit_code == 0, result.stderr
    assert (
        f"treatycmp: warning: {src}:2: 2 header line(s) with a key treatycmp does not read "
        "('# Treaty of Amity: the text', ...) left out as not treaty text. Fix: use '# Title:', "
        "'# Parties:' or '# Signed:', or drop the '#' if the line is the treaty's\n"
    ) in result.stderr
    assert "title: Amity\n" in result.stdout  # the key it reads still read
