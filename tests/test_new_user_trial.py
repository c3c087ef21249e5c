"""What a new user's trial of main found (session 27): each a regression test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

DUPLICATE = "Article 1\nFirst text.\nArticle 2\nSecond text.\nArticle 2\nSecond text again.\n"


def test_a_bare_heading_repeating_the_number_is_a_duplicate_not_text() -> None:
    with pytest.raises(TreatyFileError) as err:
        import_text(DUPLICATE, treaty_id="t", path="dup.txt", meta=Meta(complete=True))
    assert str(err.value) == (
        "dup.txt:5: duplicate article number '2'. Fix: number each article once."
    )


def test_a_duplicate_heading_is_refused_by_import(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "dup.txt"
    src.write_text(DUPLICATE, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "dup"])
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.strip().endswith(
        "dup.txt:5: duplicate article number '2'. Fix: number each article once."
    )


def test_a_wrapped_reference_to_the_same_article_with_words_stays_text() -> None:
    text = "Article 1\nFirst text.\nArticle 2\nAs said in\nArticle 2 (a), this holds.\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2"]
    assert "Article 2 (a), this holds." in [p.text for p in treaty.article_list[1].paragraphs]


CP1252 = b"Article 1\nLe caf\xe9 est bon.\nArticle 2\nThe Parties\x92 duty.\n"


def test_diff_reads_a_legacy_text_as_import_does(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "badenc.txt"
    src.write_bytes(CP1252)
    imported = runner.invoke(cli, ["import", str(src), "--id", "badenc"])
    diffed = runner.invoke(cli, ["diff", str(src), "us-japan-1960", "-f", "json"])
    assert imported.exit_code == 0, imported.stderr
    assert diffed.exit_code == 1, diffed.stderr
    said = "badenc.txt: is not UTF-8; read as Windows-1252"
    assert said in imported.stderr
    assert said in diffed.stderr
    assert "caf\u00e9" in diffed.stdout
    assert "Parties\u2019 duty" in diffed.stdout


def test_diff_refuses_treaty_yaml_that_is_not_utf8(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "t.txt"
    src.write_bytes(b"id: t\ntitle: caf\xe9\n")
    out = runner.invoke(cli, ["diff", str(src), "us-japan-1960"])
    assert out.exit_code == 2
    assert "t.txt:2: is not UTF-8 text (byte 0xe9). Fix: save it as UTF-8." in out.stderr


def test_diff_removes_a_pdf_layers_controls_as_import_does(
    tmp_path: Path, runner: CliRunner
) -> None:
    src = tmp_path / "pdf.txt"
    src.write_bytes(b"Article 1\n\x0eThe Parties agree.\n")
    diffed = runner.invoke(cli, ["diff", str(src), "us-japan-1960", "-f", "json"])
    assert diffed.exit_code == 1, diffed.stderr
    assert "pdf.txt:2: removed 1 invisible control character (U+000E;" in diffed.stderr
    assert "The Parties agree." in diffed.stdout
    yaml_src = tmp_path / "t.txt"
    yaml_src.write_bytes(b"id: t\ntitle: a\x0eb\n")
    refused = runner.invoke(cli, ["diff", str(yaml_src), "us-japan-1960"])
    assert refused.exit_code == 2
    assert "t.txt:2: holds the control character U+000E" in refused.stderr


def test_nearest_help_says_what_it_compares_and_its_example_holds(runner: CliRunner) -> None:
    # The help's example gave a short phrase, which nearest (whole query against whole
    # clause) ranks far down: US-ROK III, which holds it, came about 350th.
    import json
    import shlex

    help_text = runner.invoke(cli, ["nearest", "--help"]).stdout
    assert "treatycmp grep" in help_text
    assert "whole query" in help_text
    examples = [x.strip() for x in help_text.splitlines() if "treatycmp nearest" in x]
    quoted = [shlex.split(x)[2:] for x in examples if '"' in x]
    assert quoted
    for args in quoted:
        out = runner.invoke(cli, ["nearest", *args, "-f", "json"], catch_exceptions=False)
        top = json.loads(out.stdout)["neighbours"][:2]
        assert {(n["treaty"], n["clause"]) for n in top} == {
            ("north-atlantic-1949", "4"),
            ("anzus-1951", "III"),
        }


def test_id_with_a_folder_import_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Article 1\nText.\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(folder), "--id", "x", "-o", f"{tmp_path}/out/"])
    assert out.exit_code == 2
    assert out.stderr.count("\n") == 1
    assert "--id: names one treaty" in out.stderr
    assert "Fix: drop --id, or import one file with it." in out.stderr
    assert not (tmp_path / "out").exists()


def test_one_article_is_said_in_the_singular(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Article 1\nText.\n", encoding="utf-8")
    one = runner.invoke(cli, ["import", str(src), "--id", "a", "-o", str(tmp_path / "a.yaml")])
    assert one.exit_code == 0, one.stderr
    assert "a.yaml (1 article)\n" in one.stderr
    many = runner.invoke(cli, ["import", str(tmp_path), "-o", f"{tmp_path}/out/"])
    assert many.exit_code == 0, many.stderr
    assert "a.yaml (1 article)\n" in many.stderr


def test_an_empty_nearest_query_says_the_fix(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["nearest", ""])
    assert out.exit_code == 2
    assert out.stderr == (
        "treatycmp: error: the query has no words to compare. "
        "Fix: give a clause as TREATY:CLAUSE, or text with letters or digits in quotes.\n"
    )


def test_diff_of_a_missing_clause_and_a_treaty_names_the_clause(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["diff", "nato:9.9", "alpha-2025"])
    assert out.exit_code == 2
    assert out.stderr.startswith("treatycmp: error: north-atlantic-1949:9.9: no such clause.")
    assert "use one of: preamble.1" in out.stderr
    mixed = runner.invoke(cli, ["diff", "us-rok-1953", "nato:5.1"])
    assert mixed.exit_code == 2
    assert "'nato:5.1' is one clause but 'us-rok-1953' a whole treaty" in mixed.stderr
