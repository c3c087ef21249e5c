"""``treatycmp diff`` and ``report``: exit codes, formats, files, colour, literal text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from _hostile import hostile_comparison
from click.testing import CliRunner

from treatycmp.analysis import compare, difference_kinds
from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.kinds import FAIL_KINDS

HEADLINE = ["ussr-dprk-1961", "dprk-russia-2024"]
MEDUZA = ["ussr-dprk-1961@meduza", "dprk-russia-2024@meduza"]


def run(runner: CliRunner, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("table", "cli-diff.txt"),
        ("markdown", "diff-ussr-dprk-1961--dprk-russia-2024.md"),
        ("html", "diff-ussr-dprk-1961--dprk-russia-2024.html"),
        ("json", "diff-ussr-dprk-1961--dprk-russia-2024.json"),
    ],
)
def test_every_format_golden(
    runner: CliRunner, golden: Callable[[str, str], None], fmt: str, name: str
) -> None:
    result = run(runner, "diff", *HEADLINE, "-f", fmt)
    assert result.exit_code == 1
    golden(name, result.stdout)


def test_report_is_the_markdown_diff(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run(runner, "report", *HEADLINE, "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    md = run(runner, "diff", *HEADLINE, "-f", "markdown").stdout
    assert out.read_text(encoding="utf-8") == md


def test_exit_codes(runner: CliRunner) -> None:
    assert run(runner, "diff", "us-rok-1953", "us-rok-1953").exit_code == 0
    assert run(runner, "diff", *MEDUZA).exit_code == 1
    bad = run(runner, "diff", "no-such-treaty", "us-rok-1953")
    assert bad.exit_code == 2
    assert "error" in bad.stderr


@pytest.mark.parametrize(
    ("kinds", "status"),
    [
        ("added-buffer", 1),
        ("removed-buffer", 0),
        ("added-buffer,removed-buffer", 1),
        ("removed,moved", 0),
        ("changed", 1),
    ],
)
def test_fail_on(runner: CliRunner, kinds: str, status: int) -> None:
    result = run(runner, "diff", *MEDUZA, "--fail-on", kinds, "--quiet")
    assert result.exit_code == status
    assert result.stdout == ""


def test_fail_on_removed_ignores_clauses_a_gap_may_hold(runner: CliRunner) -> None:
    """The 2000 treaty has no text: every 1961 clause is 'removed?', not removed, so a
    CI step failing on removals passes, and one failing on unknowns fails.
    """
    pair = ["ussr-dprk-1961", "russia-dprk-2000"]
    assert run(runner, "diff", *pair, "--fail-on", "removed", "-q").exit_code == 0
    assert run(runner, "diff", *pair, "--fail-on", "unknown", "-q").exit_code == 1
    assert run(runner, "diff", *pair, "-q").exit_code == 1


def test_fail_on_rejects_unknown_kinds(runner: CliRunner) -> None:
    result = run(runner, "diff", *MEDUZA, "--fail-on", "added,bogus")
    assert result.exit_code == 2
    assert "bogus" in result.stderr


@pytest.mark.parametrize(
    "pair",
    [
        HEADLINE,
        MEDUZA,
        ["north-atlantic-1949", "us-rok-1953"],
        ["ussr-dprk-1961", "russia-dprk-2000"],
    ],
)
def test_every_difference_found_can_be_named_in_fail_on(corpus: Corpus, pair: list[str]) -> None:
    c = compare(corpus.get(pair[0]), corpus.get(pair[1]))
    found = difference_kinds(c.pairs)
    assert found
    assert found <= set(FAIL_KINDS)


def test_article_selects_pairs_and_exit_code(runner: CliRunner) -> None:
    result = run(runner, "diff", *HEADLINE, "--article", "4")
    assert result.exit_code == 1
    # A move at 0.42 is not claimed (align.claims); the function tier finds the two, and
    # as their wording reaches the threshold they are changed (one decision).
    assert "1.2 → 4 · changed · similarity 0.42, function 1.00" in result.stdout
    assert "preamble.1 →" not in result.stdout
    missing = run(runner, "diff", *HEADLINE, "--article", "99")
    assert missing.exit_code == 2


def test_only_changed(runner: CliRunner) -> None:
    same = run(runner, "diff", "us-rok-1953", "us-rok-1953", "--only-changed")
    assert same.exit_code == 0
    assert "· same" not in same.stdout
    assert "· same" in run(runner, "diff", "us-rok-1953", "us-rok-1953").stdout


def test_output_file_is_never_overwritten_without_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    assert run(runner, "diff", *MEDUZA, "-f", "json", "-o", str(out)).exit_code == 1
    first = out.read_text(encoding="utf-8")
    assert json.loads(first)["schema_version"] >= 1
    again = run(runner, "diff", *MEDUZA, "-f", "json", "-o", str(out))
    assert again.exit_code == 2
    assert "--force" in again.stderr
    forced = run(runner, "diff", *MEDUZA, "-f", "json", "-o", str(out), "--force")
    assert forced.exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == ["diff.json"]


def test_quiet_with_output_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "diff", *MEDUZA, "-q", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "env"),
    [((), {"NO_COLOR": "1"}), (("--color", "never"), {}), ((), {})],
    ids=["NO_COLOR", "never", "pipe"],
)
def test_no_colour_keeps_changes_visible(
    runner: CliRunner, args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = run(runner, "diff", *MEDUZA, *args, env=env)
    assert "\x1b[" not in result.stdout
    assert "{+group+}" in result.stdout
    assert "[-Contracting-]" in result.stdout
    assert "«Article 51 of the UN Charter»" in result.stdout


def test_colour_always(runner: CliRunner) -> None:
    result = run(runner, "diff", *MEDUZA, "--color", "always", color=True)
    assert "\x1b[" in result.stdout
    assert "{+group+}" not in result.stdout


def test_width(runner: CliRunner) -> None:
    for width in ("80", "160"):
        out = run(runner, "diff", *HEADLINE, "--width", width).stdout
        assert max(len(line) for line in out.splitlines()) <= int(width)


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    c = hostile_comparison()
    for t in (c.left, c.right):
        (tmp_path / f"{t.id}.yaml").write_text(treaty_to_yaml(t), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json"])
def test_treaty_text_prints_literally_in_every_format(
    runner: CliRunner, hostile_corpus: Path, fmt: str
) -> None:
    result = run(
        runner, "diff", "hostile-old", "hostile-new", "--corpus", str(hostile_corpus), "-f", fmt
    )
    assert result.exit_code == 1
    out = result.stdout
    assert "\x1b" not in out
    if fmt == "json":
        data = json.loads(out)
        texts = "".join(o[1] + o[2] for p in data["pairs"] for o in p["ops"])
        for literal in ("[bold]shall[/]", "\x1b[31mred", "<script>", "| a | b |", "*star*"):
            assert literal in texts
        return
    if fmt == "table":
        for literal in ("[bold]shall[/]", "[i]stays[/i]", "\\x1b[31mred", "<script>", "*star*"):
            assert literal in out
    elif fmt == "markdown":
        for literal in ("\\[bold\\]shall\\[/\\]", "\\<script\\>", "\\| a \\| b \\|", "\\*star\\*"):
            assert literal in out
    else:
        for literal in ("[bold]shall[/]", "&lt;script&gt;", "&amp;amp;", "| a | b |"):
            assert literal in out
        assert "<script>" not in out


def test_help_does_not_import_rich(tmp_path: Path) -> None:
    code = "import sys; from treatycmp.cli import cli; assert 'rich' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_two_chosen_clauses_side_by_side(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["diff", "north-atlantic-1949:5.1", "dprk-russia-2024@meduza:4", "-f", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["options"]["scope"] == "clauses"
    (pair,) = doc["pairs"]
    assert (pair["left"], pair["right"], pair["kind"]) == (["5.1"], ["4"], "changed")
    assert "discretion" in pair["findings"]["removed"]
    assert "domestic-law" in pair["findings"]["added"]
    table = runner.invoke(
        cli,
        ["diff", "nato:5.1", "2024@meduza:4", "--color", "never"],
        catch_exceptions=False,
    )
    assert "[gap: Articles 1-3" not in table.stdout
    mixed = runner.invoke(cli, ["diff", "nato:5.1", "dprk-russia-2024"])
    assert mixed.exit_code == 2
    assert "two clauses" in mixed.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], 0.35),
        (["--scorer", "blend"], 0.6),
        (["--scorer", "indel"], 0.6),
        (["--scorer", "blend", "--threshold", "0.5"], 0.5),
        (["--threshold", "0.2"], 0.2),
    ],
)
def test_each_scorer_has_its_own_default_threshold(args: list[str], expected: float) -> None:
    result = CliRunner().invoke(
        cli, ["diff", "ussr-dprk-1961", "dprk-russia-2024", "-f", "json", *args]
    )
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["options"]["threshold"] == expected


def test_library_threshold_defaults_follow_the_scorer() -> None:
    from treatycmp.analysis import CompareOptions

    assert CompareOptions().threshold == 0.35
    assert CompareOptions(scorer="blend").threshold == 0.6
    assert CompareOptions(scorer="blend", threshold=0.45).threshold == 0.45
