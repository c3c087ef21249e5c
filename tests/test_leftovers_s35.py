"""Mends of this stop's reads and trials (one test each, failing before its mend)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli


@pytest.mark.parametrize(
    ("name", "treaty"), [("nato::", "nato"), ("nato:5", "nato"), (":5", "the treaty's id")]
)
@pytest.mark.parametrize("command", ["buffers", "profile"])
def test_a_clause_where_a_whole_treaty_is_read_is_said_in_one_line(
    runner: CliRunner, name: str, treaty: str, command: str
) -> None:
    result = runner.invoke(cli, [command, name])
    assert result.exit_code == 2
    assert result.stderr == (
        f"treatycmp: error: '{name}' names a clause (TREATY:CLAUSE); this command reads a "
        f"whole treaty. Fix: write the treaty alone ({treaty}).\n"
    )


def test_a_binary_rule_file_is_named_with_its_article(runner: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "bin.yaml"
    rules.write_bytes(b"a\x00b\x01\x02")
    result = runner.invoke(cli, ["buffers", "nato", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        ":1: is a binary file, not a rule file. Fix: give a UTF-8 text file.\n"
    )


@pytest.mark.parametrize("extra", [[], ["--top-k", "1"]])
def test_a_treaty_named_twice_in_matrix_says_the_fix(runner: CliRunner, extra: list[str]) -> None:
    result = runner.invoke(cli, ["matrix", "nato", "anzus", "nato", *extra])
    assert result.exit_code == 2
    assert result.stderr == (
        "treatycmp: error: treaty given twice: north-atlantic-1949. Fix: name each treaty once.\n"
    )


def test_junit_never_replaces_a_file_without_force(runner: CliRunner, tmp_path: Path) -> None:
    """docs/ci.md says files written with --junit are never overwritten without --force;
    the code wrote it with force whatever was there."""
    spec = tmp_path / "e.yaml"
    spec.write_text("expectations:\n  - north-atlantic-1949:5.1 has discretion\n", "utf-8")
    mine = tmp_path / "notes.xml"
    mine.write_text("my notes", "utf-8")
    refused = runner.invoke(cli, ["check", str(spec), "--junit", str(mine)])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"treatycmp: error: {mine}: already exists. "
        "Fix: pass --force to overwrite it, or choose another name.\n"
    )
    assert refused.stdout == ""  # before any check ran
    assert mine.read_text("utf-8") == "my notes"
    forced = runner.invoke(cli, ["check", str(spec), "--junit", str(mine), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert mine.read_text("utf-8").startswith("<?xml")


def test_the_unpaired_note_names_documents_by_their_paths(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note told the user to run `diff c:CLAUSE d:CLAUSE`, names in no corpus."""
    monkeypatch.chdir(tmp_path)
    Path("my draft.txt").write_text("Article 1\nZzz qqq www.\n", "utf-8")
    Path("d.txt").write_text("Article 1\nYyy ppp ooo kkk.\n", "utf-8")
    result = runner.invoke(cli, ["diff", "my draft.txt", "d.txt"])
    assert "side by side with treatycmp diff 'my draft.txt:CLAUSE' d.txt:CLAUSE" in result.stderr
    again = runner.invoke(cli, ["diff", "my draft.txt:1", "d.txt:1"])
    assert again.exit_code == 1, again.stderr


@pytest.mark.parametrize(
    "args",
    [["show", "nato", "-o", ""], ["export", "nato", "-o", ""], ["import", "x.txt", "-o", ""]],
)
def test_an_empty_output_name_is_said_as_empty(runner: CliRunner, args: list[str]) -> None:
    """`-o ''` said `.: is a folder` (the empty path read as the current folder)."""
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "'-o' / '--output': an empty name: give a file name." in result.stderr


def test_an_empty_article_is_quoted_in_its_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "nato", "anzus", "--article", ""])
    assert result.exit_code == 2
    assert "neither text has article ''; articles: 1, 2," in result.stderr


def test_lineup_given_a_treaty_for_its_clause_shows_that_treaty_in_the_fix(
    runner: CliRunner,
) -> None:
    """`lineup nato dprk-russia-2024` said `e.g. dprk-russia-2024:nato`."""
    result = runner.invoke(cli, ["lineup", "nato", "dprk-russia-2024"])
    assert result.exit_code == 2
    assert result.stderr == (
        "treatycmp: error: 'nato' is not a clause reference: it has no ':'. "
        "Fix: write TREATY:CLAUSE, e.g. nato:4.\n"
    )
