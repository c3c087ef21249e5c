"""What a new user's trial of main found (session 35): each a regression test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _treaties import PACT
from click.testing import CliRunner

from treatycmp.cli import cli


def test_lineup_reads_a_document_among_its_treaties(runner: CliRunner, pact: Path) -> None:
    """``lineup`` read a text file as treaty YAML: 'is not valid YAML ... fix the YAML
    syntax at that line', where ``show``, ``buffers``, ``profile`` and ``diff`` read it."""
    out = runner.invoke(cli, ["lineup", "north-atlantic-1949:5", str(pact), "-f", "json"])
    assert out.exit_code == 0, out.stderr
    rows = json.loads(out.stdout)["rows"]
    assert [r["treaty"] for r in rows][-1] == "pact"
    assert "YAML" not in out.stderr


def test_lineup_and_diff_read_a_clause_of_a_document(runner: CliRunner, pact: Path) -> None:
    out = runner.invoke(cli, ["lineup", f"{pact}:2", "north-atlantic-1949", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["reference"]["clause"] == "2"
    diffed = runner.invoke(cli, ["diff", f"{pact}:2", "north-atlantic-1949:5.1", "-f", "json"])
    assert diffed.exit_code == 1, diffed.stderr
    assert json.loads(diffed.stdout)["pairs"][0]["left"] == ["2"]


def test_lineup_reads_standard_input_once(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["lineup", "north-atlantic-1949:5", "-", "-"], input=PACT)
    assert out.exit_code == 2
    assert "read once" in out.stderr


@pytest.mark.parametrize("width", ["40", "60", "79"])
def test_a_narrow_list_cuts_no_column(runner: CliRunner, width: str) -> None:
    """At 79 columns and below rich cropped the columns that do not wrap: ANZUS's 11
    articles read "1" at 60, and the lang, arts and text columns went at 40."""
    out = runner.invoke(cli, ["list", "--width", width, "--color", "never"])
    assert out.exit_code == 0, out.stderr
    assert "…" not in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= int(width)
    blocks = out.stdout.split("\n")
    rows = json.loads(runner.invoke(cli, ["list", "-f", "json"]).stdout)["treaties"]
    main = {r["id"]: r for r in rows if not r["rendering_of"]}
    for row in rows:
        name = "@" + row["id"].partition("@")[2] if row["rendering_of"] else row["id"]
        start = blocks.index(row["rendering_of"] or row["id"])  # a rendering: under its text
        assert row["rendering_of"] in (None, *main)
        at = next(i for i, line in enumerate(blocks) if i >= start and line.strip() == name)
        block = " ".join(line.strip() for line in blocks[at : at + 8])
        articles = f"{row['articles']} article{'s' * (row['articles'] != 1)}"
        assert f"{row['language']} · {articles} · {row['completeness']}" in block
        if not row["rendering_of"]:
            assert f"signed {row['signed'] or '-'}" in block


def test_a_wide_list_is_still_a_table(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["list", "--width", "80", "--color", "never"])
    assert "signed / status" in out.stdout


QUOTED = (
    "# Title: Accord entre Arden et Brill\n\n"
    "Article 1\nLes Parties appliquent le «principe de bonne foi» [-sic-] en tout temps.\n"
)


@pytest.mark.parametrize(
    ("args", "marks"),
    [
        (["--color", "never"], "[- -] « »"),
        (["--color", "never", "--layout", "inline"], "[- -] « »"),
        (["-f", "markdown"], "« »"),
    ],
)
def test_a_text_holding_the_marks_says_so_in_the_legend(
    runner: CliRunner, tmp_path: Path, args: list[str], marks: str
) -> None:
    """A French or Russian text quotes with « », the marks of a rule phrase without colour
    (and [-x-] is a deletion): the words print literally, so the legend says they look alike."""
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_text(QUOTED, encoding="utf-8")
    right.write_text(QUOTED.replace("en tout temps", "toujours"), encoding="utf-8")
    out = runner.invoke(cli, ["diff", str(left), str(right), *args])
    assert out.exit_code == 1, out.stderr
    assert "«principe de bonne foi»" in out.stdout  # literally, never changed
    assert f"the texts themselves hold {marks}: there a mark" in " ".join(out.stdout.split())


def test_the_legend_says_nothing_more_where_no_text_holds_a_mark(runner: CliRunner) -> None:
    out = runner.invoke(
        cli, ["diff", "ussr-dprk-1961@meduza", "dprk-russia-2024@meduza", "--color", "never"]
    )
    assert "the texts themselves hold" not in out.stdout


def test_check_refuses_junit_and_output_in_one_file(runner: CliRunner, tmp_path: Path) -> None:
    """Both written to one file, the JUnit XML replaced the report -o asked for, exit 0."""
    spec = tmp_path / "e.yaml"
    spec.write_text("expectations:\n  - north-atlantic-1949:5.1 has discretion\n", "utf-8")
    same = tmp_path / "out.xml"
    out = runner.invoke(cli, ["check", str(spec), "--junit", str(same), "-o", str(same)])
    assert out.exit_code == 2
    assert "--junit and -o name the same file" in out.stderr
    assert not same.exists()
    spelt = runner.invoke(cli, ["check", str(spec), "--junit", f"{tmp_path}/./e.yaml"])
    assert spelt.exit_code == 2
    assert "--junit names the expectations file" in spelt.stderr
    assert spelt.stdout == ""  # refused before any check ran
    apart = runner.invoke(
        cli, ["check", str(spec), "--junit", str(same), "-o", str(tmp_path / "r.txt")]
    )
    assert apart.exit_code == 0, apart.stderr
    assert (tmp_path / "r.txt").read_text("utf-8").startswith("PASS")


@pytest.mark.parametrize("name", ["all.yaml", "all.YML"])
def test_import_of_several_documents_refuses_a_file_name(
    runner: CliRunner, pact: Path, name: str
) -> None:
    """``import a.txt b.txt -o all.yaml`` made a folder 'all.yaml' holding a.yaml and b.yaml."""
    other = pact.with_name("other.txt")
    other.write_text(PACT, encoding="utf-8")
    target = pact.parent / name
    out = runner.invoke(cli, ["import", str(pact), str(other), "-o", str(target)])
    assert out.exit_code == 2
    assert "is a file's name" in out.stderr
    assert "Fix: give -o a folder" in out.stderr
    assert not target.exists()
    made = runner.invoke(cli, ["import", str(pact), str(other), "-o", str(pact.parent / "out")])
    assert made.exit_code == 0, made.stderr
    assert sorted(p.name for p in (pact.parent / "out").iterdir()) == ["other.yaml", "pact.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{pact}"],
        ["export", "{pact}", "-f", "yaml"],
        ["matrix", "{pact}", "north-atlantic-1949", "-f", "csv"],
        ["grep", "armed attack", "--treaty", "{pact}", "-f", "json"],
        ["nearest", "{pact}:2", "-k", "2", "-f", "json"],
    ],
)
def test_commands_naming_a_treaty_read_a_document_as_import_does(
    runner: CliRunner, pact: Path, args: list[str]
) -> None:
    """These read a text file as treaty YAML: 'is not valid YAML ... Fix: fix the YAML
    syntax at that line', advice to edit a treaty text that holds no YAML at all."""
    out = runner.invoke(cli, [a.format(pact=pact) for a in args])
    assert out.exit_code == 0, out.stderr
    assert "YAML" not in out.stderr
    assert ("pact" in out.stdout) or args[0] == "nearest"
    if args[0] == "nearest":
        assert len(json.loads(out.stdout)["neighbours"]) == 2


def test_grep_and_matrix_read_standard_input_once(runner: CliRunner) -> None:
    for args in (["grep", "attack", "--treaty", "-", "--treaty", "-"], ["matrix", "-", "-"]):
        out = runner.invoke(cli, args, input=PACT)
        assert out.exit_code == 2
        assert "read once" in out.stderr


def test_validate_says_a_document_is_no_treaty_file(runner: CliRunner, pact: Path) -> None:
    """It said 'pact.txt:15: is not valid YAML ... Fix: fix the YAML syntax at that line'."""
    out = runner.invoke(cli, ["validate", str(pact)])
    assert out.exit_code == 2
    assert "is a document, not a treaty YAML file" in out.stdout
    assert f"treatycmp import {pact} --id ID" in out.stdout
    assert "YAML syntax" not in out.stdout


def test_validate_counts_a_file_named_twice_once(runner: CliRunner, tmp_path: Path) -> None:
    imported = tmp_path / "p.yaml"
    src = tmp_path / "p.txt"
    src.write_text(PACT, encoding="utf-8")
    runner.invoke(cli, ["import", str(src), "--id", "p", "-o", str(imported)])
    out = runner.invoke(cli, ["validate", str(imported), str(imported)])
    assert out.exit_code == 0, out.stdout
    assert "1 file(s) valid." in out.stderr


def test_lineup_says_a_clause_among_its_treaties_is_one(runner: CliRunner) -> None:
    """It said "no treaty named 'nato:4' ... did you mean nato or seato or seato-1954?"."""
    out = runner.invoke(cli, ["lineup", "nato:5", "nato:4", "anzus-1951"])
    assert out.exit_code == 2
    assert "'nato:4' names a clause" in out.stderr
    assert "name the treaty alone (nato)" in out.stderr
    assert "seato" not in out.stderr
