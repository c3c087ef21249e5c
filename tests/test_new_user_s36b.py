"""What a new user's second trial of main found (session 36): each a regression test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

FRIENDSHIP = (
    "Treaty of Friendship and Cooperation between Arden and Brill\n\n"
    "The Parties, wishing to live in peace, have agreed as follows:\n\n"
    "Article 1\nThe Parties shall settle any dispute by peaceful means.\n\n"
    "Article 2\nThe Parties shall consult each other on matters of common interest.\n"
)


@pytest.fixture
def traite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "Traité.txt"
    src.write_text(FRIENDSHIP, encoding="utf-8")
    return src


def imported(runner: CliRunner, src: Path, *args: str) -> tuple[dict[str, Any], str]:
    out = runner.invoke(cli, ["import", str(src), "--id", "t", *args], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    return yaml.safe_load(out.stdout), out.stderr


# 1. One id for one document, whichever command reads it


def test_show_gives_a_document_the_id_import_gives_it(runner: CliRunner, traite: Path) -> None:
    """``show Traité.txt`` read the file as ``trait`` while ``import`` (without --id)
    suggested ``traite``: two spellings of one document's id."""
    shown = runner.invoke(cli, ["show", traite.name, "-f", "json"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    assert yaml.safe_load(shown.stdout)["id"] == "traite"
    no_id = runner.invoke(cli, ["import", traite.name], catch_exceptions=False)
    assert no_id.exit_code == 2
    assert "--id traite" in no_id.stderr


# 2. A plain text's first line that is the instrument's title is its title


def test_a_first_line_naming_the_instrument_is_the_title(runner: CliRunner, traite: Path) -> None:
    doc, err = imported(runner, traite)
    assert doc["title"] == "Treaty of Friendship and Cooperation between Arden and Brill"
    assert doc["preamble"] == ["The Parties, wishing to live in peace, have agreed as follows:"]
    # The title's words are neither read as text nor kept, as a heading's title is not.
    assert "read 31 words, kept 31 (100.0%" in err


def test_the_title_is_accounted_as_a_markdown_headings(runner: CliRunner, tmp_path: Path) -> None:
    """The same words with the title as a markdown heading: the same title, the same
    words read and kept."""
    plain, md = tmp_path / "plain.txt", tmp_path / "heading.md"
    plain.write_text(FRIENDSHIP, encoding="utf-8")
    md.write_text("# " + FRIENDSHIP.replace("\nArticle", "\n## Article"), encoding="utf-8")
    (a, err_a), (b, err_b) = imported(runner, plain), imported(runner, md)
    assert a["title"] == b["title"]
    assert a["preamble"] == b["preamble"]
    assert a["articles"] == b["articles"]
    counts = [
        next(x for x in e.splitlines() if " read " in x).split(" read ")[1] for e in (err_a, err_b)
    ]
    assert counts[0] == counts[1]


def test_a_title_printed_over_several_lines_is_read_whole(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A title in capitals over five lines, or one that ends on 'of', goes on in the
    next lines; PREAMBLE and the preamble's opening are not the title's."""
    src = tmp_path / "t.txt"
    lines = ["PREFERENTIAL TRADE AGREEMENT", "BETWEEN", "THE REPUBLIC OF ARDEN", "AND", "BRILL"]
    body = "PREAMBLE\nTHE PARTIES,\nWishing peace,\n\nArticle 1\nThe Parties shall meet.\n"
    src.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    doc, _ = imported(runner, src)
    assert doc["title"] == " ".join(lines)
    assert doc["preamble"][:2] == ["PREAMBLE", "THE PARTIES,"]
    src.write_text("Agreement between the Kingdom of\nArden and Brill\n" + body, encoding="utf-8")
    doc, _ = imported(runner, src)
    assert doc["title"] == "Agreement between the Kingdom of Arden and Brill"


@pytest.mark.parametrize(
    "first",
    [
        "The Parties to this Treaty,",  # a comma: the preamble's first sentence
        "The States Parties to this Convention",  # wrapped: the next line goes on in lower case
        "Considering the Treaty of Rome.",  # a stop at its end
        "Arden and Brill",  # no kind of instrument
        "Article 1 of the Treaty",  # an article heading
    ],
)
def test_a_first_line_that_is_no_title_stays_text(
    runner: CliRunner, tmp_path: Path, first: str
) -> None:
    src = tmp_path / "t.txt"
    nxt = "considering their friendship," if "Convention" in first else "Wishing peace,"
    src.write_text(f"{first}\n{nxt}\n\nArticle 1\nThe Parties shall meet.\n", encoding="utf-8")
    out = runner.invoke(cli, ["import", str(src), "--id", "t"], catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["title"] == "t"
    assert first not in str(doc["title"])


def test_a_title_named_by_the_header_or_option_wins(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("# Title: Pact of Arden\n\n" + FRIENDSHIP, encoding="utf-8")
    doc, _ = imported(runner, src)
    assert doc["title"] == "Pact of Arden"
    assert str(doc["preamble"][0]).startswith("Treaty of Friendship")
    doc, _ = imported(runner, src, "--title", "Other")
    assert doc["title"] == "Other"


# 3. A user's own text whose status nobody gave is not called an unofficial translation


def test_an_imported_text_says_its_status_was_not_given(runner: CliRunner, traite: Path) -> None:
    shown = runner.invoke(cli, ["show", traite.name], catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    assert "official status not given: imported from Traité.txt" in shown.stdout
    assert "UNOFFICIAL" not in shown.stdout
    doc, _ = imported(runner, traite)
    assert doc["source"]["official"] is None  # written as official: null
    md = runner.invoke(cli, ["report", traite.name, "nato"], catch_exceptions=False)
    assert "| Translation | status not given |" in md.stdout
    assert "unofficial" not in md.stdout
    table = runner.invoke(cli, ["diff", traite.name, "nato", "--width", "200"])
    assert "unofficial" not in table.stdout
    html = runner.invoke(cli, ["diff", traite.name, "nato", "-f", "html"])
    assert "(status not given)" in html.stdout
    assert "UNOFFICIAL" not in html.stdout


@pytest.mark.parametrize(
    ("flag", "said"), [("--unofficial", "UNOFFICIAL"), ("--official", "official")]
)
def test_an_import_told_its_status_says_it(
    runner: CliRunner, traite: Path, flag: str, said: str
) -> None:
    out = runner.invoke(cli, ["import", traite.name, "--id", "t", flag, "-o", "t.yaml"])
    assert out.exit_code == 0, out.stderr
    shown = runner.invoke(cli, ["show", "t.yaml"], catch_exceptions=False)
    assert f"! {said} translation/rendering: imported from Traité.txt" in shown.stdout


@pytest.mark.parametrize("fmt", ["yaml", "akn"])
def test_the_status_not_given_survives_a_round_trip(
    runner: CliRunner, traite: Path, fmt: str
) -> None:
    """Written as ``official: null`` (YAML) or no attribute (Akoma Ntoso), read back as
    not given: neither true (the loader's default for a missing key) nor false."""
    Path("a").mkdir()
    out = runner.invoke(cli, ["import", traite.name, "--id", "t", "-o", "a/t.yaml"])
    assert out.exit_code == 0, out.stderr
    listed = runner.invoke(cli, ["list", "--corpus", "a", "-f", "json"], catch_exceptions=False)
    rows = {r["id"]: r for r in json.loads(listed.stdout)["treaties"]}
    assert rows["t"]["official"] is None
    out = runner.invoke(cli, ["export", "a/t.yaml", "-f", fmt, "-o", f"back.{fmt}"])
    assert out.exit_code == 0, out.stderr
    back = runner.invoke(cli, ["show", f"back.{fmt}"], catch_exceptions=False)
    assert "! official status not given: imported from Traité.txt" in back.stdout


def test_the_bundled_corpus_keeps_its_wording(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["show", "dprk-russia-2024@meduza"], catch_exceptions=False)
    assert "! UNOFFICIAL translation/rendering:" in out.stdout
    out = runner.invoke(cli, ["show", "nato"], catch_exceptions=False)
    assert "status not given" not in out.stdout


# 4. diff -o and export -o say what they wrote, as report and import do


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "ussr-dprk-1961", "dprk-russia-2024", "-o"],
        ["diff", "ussr-dprk-1961", "dprk-russia-2024", "--stat", "-o"],
        ["export", "nato", "-o"],
        ["export", "nato", "-f", "yaml", "-o"],
    ],
)
def test_writing_to_a_file_says_so_on_stderr(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "out.txt"
    out = runner.invoke(cli, [*args, str(target)], catch_exceptions=False)
    assert out.exit_code in (0, 1), out.stderr
    assert out.stdout == ""
    assert target.exists()
    assert f"wrote {target}" in out.stderr.splitlines()[-1]


def test_writing_to_stdout_says_nothing_of_a_file(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["export", "nato", "-o", "-"], catch_exceptions=False)
    assert out.exit_code == 0
    assert "wrote" not in out.stderr
    assert out.stdout.startswith("<?xml")


def test_a_treaty_file_with_an_upper_case_suffix_is_a_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Folders read `.YAML` in any case, but `show ANZUS.YAML` looked for an id and
    # said to write ./ANZUS.YAML.
    monkeypatch.chdir(tmp_path)
    src = Path(__file__).resolve().parents[1] / "data" / "treaties" / "anzus-1951.yaml"
    (tmp_path / "ANZUS.YAML").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    shown = runner.invoke(cli, ["show", "ANZUS.YAML"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    assert "anzus-1951" in shown.stdout
    diffed = runner.invoke(cli, ["diff", "ANZUS.YAML", "anzus-1951", "-f", "json"])
    assert diffed.exit_code == 0, diffed.stderr
