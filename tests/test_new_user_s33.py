"""What a new user's trial of main found (session 33): each a regression test."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

MARKDOWN = (
    "# Pact of Mutual Help between Arden and Brill\n\n"
    "The High Contracting Parties have agreed as follows:\n\n"
    "## Article 1\n\nThe Parties shall settle disputes by peaceful means.\n\n"
    "## Article 2\n\nIn the event of an armed attack against either Party, the other "
    "Party shall render such assistance as it deems necessary.\n"
)


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".text"])
def test_diff_reads_a_markdown_document_as_import_does(
    tmp_path: Path, runner: CliRunner, suffix: str
) -> None:
    src = tmp_path / f"pact{suffix}"
    src.write_text(MARKDOWN, encoding="utf-8")
    imported = runner.invoke(
        cli, ["import", str(src), "--id", "pact", "-o", str(tmp_path / "p.yaml")]
    )
    assert imported.exit_code == 0, imported.stderr
    diffed = runner.invoke(cli, ["diff", str(src), str(tmp_path / "p.yaml"), "-f", "json"])
    assert diffed.stderr == ""
    assert diffed.exit_code == 0, diffed.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["buffers", "north-atlantic-1949"],
        ["buffers", "dprk-russia-2024@ko"],
        ["nearest", "north-atlantic-1949:5.1", "-k", "3"],
        ["grep", "armed attack", "-C", "10000", "--treaty", "anzus-1951"],
        ["profile", "north-atlantic-1949", "us-rok-1953"],
        ["show", "north-atlantic-1949:5"],
        ["lineup", "north-atlantic-1949:5", "us-rok-1953"],
    ],
)
@pytest.mark.parametrize("width", ["40", "50", "60"])
def test_a_narrow_table_wraps_treaty_text_and_never_cuts_it(
    runner: CliRunner, args: list[str], width: str
) -> None:
    # profile lays a table out from 130 columns; below, blocks: compare like with like.
    wide_width = "129" if args[0] == "profile" else "1000"
    wide = runner.invoke(cli, [*args, "--width", wide_width, "--color", "never"])
    out = runner.invoke(cli, [*args, "--width", width, "--color", "never"])
    assert out.exit_code == 0, out.stderr
    assert "…" not in out.stdout
    # Wrapped or folded, every letter and digit is still there: nothing cropped.
    assert Counter(c for c in out.stdout if c.isalnum()) == Counter(
        c for c in wide.stdout if c.isalnum()
    )


LONG_TOKEN = "https://treaties.example.org/" + "a" * 70

TREATY_YAML = f"""id: long-token
title: A treaty with a long token
short_title: Long token
language: en
source: {{text: written for this test, authentic: false, official: false}}
completeness: complete
articles:
  - number: "1"
    paragraphs:
      - In the event of an armed attack against either Party, see {LONG_TOKEN} at once.
"""


@pytest.mark.parametrize(
    "args",
    [
        ["buffers", "long-token"],
        ["show", "long-token"],
        ["grep", "armed attack", "-C", "10000", "--treaty", "long-token"],
    ],
)
def test_a_token_longer_than_its_column_is_folded_not_cut(
    tmp_path: Path, runner: CliRunner, args: list[str]
) -> None:
    (tmp_path / "long-token.yaml").write_text(TREATY_YAML, encoding="utf-8")
    out = runner.invoke(
        cli, [*args, "--corpus", str(tmp_path), "--width", "40", "--color", "never"]
    )
    assert out.exit_code == 0, out.stderr
    assert "…" not in out.stdout
    folded = "".join(c for c in out.stdout if c.isalnum())
    assert "a" * 60 in folded or args[0] == "buffers"


def test_show_names_the_argument_not_the_bundled_file_for_a_missing_article(
    runner: CliRunner,
) -> None:
    out = runner.invoke(cli, ["show", "nato:5x"])
    assert out.exit_code == 2
    assert out.stderr == (
        "treatycmp: error: nato:5x: north-atlantic-1949 has no article 5x. Fix: choose one"
        " of its articles: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14.\n"
    )
    out = runner.invoke(cli, ["show", "nato", "--article", "0"])
    assert out.exit_code == 2
    assert out.stderr.startswith("treatycmp: error: --article 0: north-atlantic-1949 has no")


def test_show_with_the_article_twice_says_so_instead_of_no_treaty(runner: CliRunner) -> None:
    same = runner.invoke(cli, ["show", "nato:5", "--article", "5", "-f", "json"])
    assert same.exit_code == 0, same.stderr
    assert same.stdout == runner.invoke(cli, ["show", "nato:5", "-f", "json"]).stdout
    two = runner.invoke(cli, ["show", "nato:5", "--article", "4"])
    assert two.exit_code == 2
    assert "'nato:5' and '--article 4' name two articles" in two.stderr
    assert "no treaty named" not in two.stderr


def test_diff_lists_the_articles_in_the_texts_order(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["diff", "nato", "us-rok-1953", "--article", "99", "-q"])
    assert out.exit_code == 2
    assert "articles: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, I, II," in out.stderr


def test_diff_json_carries_each_texts_caveats(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["diff", "ussr-dprk-1961", "dprk-russia-2024", "-f", "json"])
    assert out.exit_code == 1, out.stderr
    doc = json.loads(out.stdout)
    right = doc["right"]["caveats"]
    assert right[0].startswith("UNOFFICIAL translation/rendering: KCNA")
    assert right[1].startswith("article numbering inferred: ")
    assert right[2] == "partial text: 4 gap(s)"
    assert doc["left"]["caveats"][0].startswith("official translation/rendering: ")
    same = runner.invoke(cli, ["diff", "north-atlantic-1949:5.1", "north-atlantic-1949:5.1"])
    assert same.exit_code == 0


def test_fail_on_help_says_a_clause_a_gap_may_hold_is_unknown(runner: CliRunner) -> None:
    help_text = " ".join(runner.invoke(cli, ["diff", "--help"]).stdout.split())
    assert "(added?, removed?) is 'unknown', not 'added' or 'removed'" in help_text
    # As it says: us-rok-1953 against KCNA's partial 2024 text has only 'removed?' clauses.
    args = ["diff", "us-rok-1953", "dprk-russia-2024", "-q", "--fail-on"]
    assert runner.invoke(cli, [*args, "removed"]).exit_code == 0
    assert runner.invoke(cli, [*args, "unknown"]).exit_code == 1


@pytest.mark.parametrize("command", [["show"], ["buffers"], ["profile"]])
def test_show_buffers_and_profile_read_a_document_as_diff_does(
    tmp_path: Path, runner: CliRunner, command: list[str]
) -> None:
    src = tmp_path / "pact.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    saved = tmp_path / "pact.yaml"
    assert runner.invoke(cli, ["import", str(src), "--id", "pact", "-o", str(saved)]).exit_code == 0
    from_document = runner.invoke(cli, [*command, str(src), "-f", "json"])
    assert from_document.exit_code == 0, from_document.stderr
    from_yaml = runner.invoke(cli, [*command, str(saved), "-f", "json"])
    # The same words, rules and clauses; only the source line says where it came from.
    assert from_document.stdout.replace("pact.md", "X") == from_yaml.stdout.replace("pact.md", "X")
    piped = runner.invoke(cli, [*command, "-", "-f", "json"], input=MARKDOWN)
    assert piped.exit_code == 0, piped.stderr
    assert "armed attack" in piped.stdout


@pytest.mark.parametrize("parties", ["", ";;", " ; "])
def test_import_refuses_parties_that_name_no_party(
    tmp_path: Path, runner: CliRunner, parties: str
) -> None:
    src = tmp_path / "pact.md"
    src.write_text("# Parties: Arden; Brill\n\n" + MARKDOWN, encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "pact", "--parties", parties])
    assert out.exit_code == 2
    assert out.stdout == ""
    assert f"--parties: '{parties}' names no party" in out.stderr
    assert "Traceback" not in out.stderr


def test_export_output_help_says_what_it_does(runner: CliRunner) -> None:
    help_text = " ".join(runner.invoke(cli, ["export", "--help"]).stdout.split())
    assert "-o, --output FILE Write to FILE instead of standard output" in help_text


@pytest.mark.parametrize(("make", "kind"), [("folder", "folder"), ("file", "file")])
def test_a_name_that_is_no_id_but_a_path_here_says_how_to_name_the_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: str, kind: str
) -> None:
    """`diff outdir nato` with a folder (or an extensionless file) `outdir` here: the
    name is taken as an id, so the error says how to name it as a path instead of
    guessing an id (`did you mean tiar?`)."""
    monkeypatch.chdir(tmp_path)
    if make == "folder":
        (tmp_path / "outdir").mkdir()
    else:
        (tmp_path / "outdir").write_text(
            "Article 1\nThe Parties shall consult.\n", encoding="utf-8"
        )
    result = runner.invoke(cli, ["diff", "outdir", "nato"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert f"a {kind} 'outdir' is here: write ./outdir to name it as a path" in lines[0]
    assert "did you mean" not in lines[0]


@pytest.mark.parametrize(
    ("text", "opened"),
    [
        ("id: x\ntitle: [unclosed\n", "flow sequence"),
        ('id: x\ntitle: "unclosed\nshort_title: y\n', "quoted scalar"),
    ],
)
def test_an_unclosed_bracket_or_quote_is_named_at_the_line_that_opened_it(
    runner: CliRunner, tmp_path: Path, text: str, opened: str
) -> None:
    """YAML finds an unclosed `[` or `"` where the file ends, a line past the text: the
    error names the line that opened it, and says where the parser stopped."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:2: is not valid YAML (")
    assert f"{opened} opened here" in first


def test_no_such_clause_lists_the_ids_in_the_texts_order(runner: CliRunner) -> None:
    """The ids a missing clause offers are in the text's order, a whole article's before
    its paragraphs' (`1, 1.1, 1.2, 2`): the article ids came last, so the list of the
    1961 treaty ended `..., 5, 1`, as if a stray number."""
    result = runner.invoke(cli, ["diff", "ussr-dprk-1961:99", "nato"])
    assert result.exit_code == 2
    assert result.output.rstrip().endswith(
        "use one of: preamble.1, preamble.2, preamble.3, "
        "preamble.4, preamble.5, preamble.6, preamble.8, "
        "1, 1.1, 1.2, 2, 3, 4, 5."
    )


@pytest.mark.parametrize("command", [["show", "notes.txt"], ["diff", "nato", "draft.md"]])
def test_a_document_name_with_no_file_says_the_file_is_missing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A name ending as a document does (notes.txt) with no such file: the fix is the
    path, not the corpus's ids (it said 'no treaty named' and 'run treatycmp list')."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, command)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "no such file" in lines[0]
    assert "check the path" in lines[0]


def test_profile_reads_standard_input_once(runner: CliRunner) -> None:
    """`profile - -`: the second '-' read an empty stream and said '<stdin>: holds no
    treaty text'; as diff does, it is refused as asking for standard input twice."""
    text = "Article 1\nThe Parties shall consult together.\n"
    result = runner.invoke(cli, ["profile", "-", "-"], input=text)
    assert result.exit_code == 2
    assert "standard input ('-') can be read once" in result.output


def test_check_leaves_its_own_files_out_of_a_corpus_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`corpus: [.]` in an expectations file beside the treaties: the expectations and
    rules files are read as what they are, not as treaties (before: eight lines of
    "unknown key 'expectations' in the treaty file", exit 2)."""
    monkeypatch.chdir(tmp_path)
    imported = runner.invoke(
        cli,
        ["import", "-", "--id", "pact", "--parties", "Arden; Brill", "-o", "pact.yaml"],
        input="Article 1\nThe Parties shall render such assistance as they deem necessary.\n",
    )
    assert imported.exit_code == 0, imported.output
    (tmp_path / "mine.yaml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "exp.yaml").write_text(
        "corpus: [.]\nrules: [mine.yaml]\nexpectations:\n  - pact:1 has discretion\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", "exp.yaml"])
    assert result.exit_code == 0, result.output
    assert "1 passed, 0 failed" in result.output
