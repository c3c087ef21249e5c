"""CLI commands over rule findings: buffers, profile, grep (real corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_buffers_json_on_meduza_article_4(runner: CliRunner) -> None:
    code, out, err = run(runner, "buffers", "dprk-russia-2024@meduza", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    (clause,) = data["clauses"]
    assert clause["id"] == "4"
    rules = {f["rule"] for f in clause["findings"]}
    assert {"un-charter-51", "domestic-law", "immediacy", "all-means", "state-of-war"} <= rules
    text = "In the event that one of the Parties is subjected to an armed attack"
    assert any(f["text"] == "armed attack" for f in clause["findings"])
    assert text  # the spans index the clause text: checked in test_rules


def test_buffers_kcna_article_4_claims_nothing_inside_its_gap(runner: CliRunner) -> None:
    code, out, _ = run(runner, "buffers", "dprk-russia-2024", "-f", "json")
    assert code == 0
    by_id = {c["id"]: {f["rule"] for f in c["findings"]} for c in json.loads(out)["clauses"]}
    assert "un-charter-51" not in by_id["4"]
    assert "domestic-law" not in by_id["4"]
    assert by_id["4"] >= {"state-of-war", "all-means", "immediacy"}


def test_buffers_table_and_markdown(runner: CliRunner) -> None:
    code, out, _ = run(runner, "buffers", "nato", "--width", "100")
    assert code == 0
    assert "security-council" in out
    assert "discretion" in out
    code, out, _ = run(runner, "buffers", "nato", "-f", "markdown")
    assert "| 5.1 | buffer | un-charter-51 |" in out


def test_profile_side_by_side(runner: CliRunner) -> None:
    code, out, err = run(
        runner,
        "profile",
        "ussr-dprk-1961",
        "dprk-russia-2024@meduza",
        "us-rok",
        "nato",
        "-f",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["schema_version"] == 1
    code, out, _ = run(runner, "profile", "ussr-dprk-1961", "nato", "-f", "markdown")
    assert out.startswith("| treaty | clause | obligation |")
    assert "| north-atlantic-1949 | 5 | defence |" in out
    code, wide, _ = run(runner, "profile", "nato", "--width", "160")
    code, narrow, _ = run(runner, "profile", "nato", "--width", "80")
    assert "security-council" in wide
    assert "security-council" in narrow
    assert "…" not in wide + narrow


def test_grep_fuzzy_exact_and_exit_codes(runner: CliRunner) -> None:
    code, out, _ = run(runner, "grep", "constitutional processes", "-f", "json")
    assert code == 0
    hits = {(h["treaty"], h["clause"]) for h in json.loads(out)["hits"]}
    assert ("us-rok-1953", "III") in hits
    code, out, _ = run(runner, "grep", "유엔헌장 제51조", "--exact", "-f", "json")
    assert code == 0
    assert {h["treaty"] for h in json.loads(out)["hits"]} == {"dprk-russia-2024@ko"}
    code, out, _ = run(runner, "grep", "zebra crossing quantum", "--exact")
    assert code == 1
    code, out, _ = run(runner, "grep", "constitutional processes", "--color", "never")
    assert "«constitutional processes»" in out


def test_bad_rule_file_is_a_located_error(runner: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: broken\n    category: buffer\n    label: Broken\n"
        "    description: bad regex\n    patterns:\n      en:\n        - regex: '(unclosed'\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "buffers", "nato", "--rules", str(rules))
    assert code == 2
    assert out == ""
    assert str(rules) in err
    assert "broken" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["buffers", "profile"])
def test_missing_language_patterns_warn_on_stderr(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n  - id: english-only\n    category: buffer\n    label: English only\n"
        "    description: a rule with English patterns only\n    patterns:\n"
        "      en:\n        - phrase: in accordance with\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, command, "dprk-russia-2024@ko", "--rules", str(rules))
    assert code == 0
    assert "english-only" in err
    assert "warning" in err


def test_table_views_write_to_a_file_without_colour(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "buffers.txt"
    code, stdout, _ = run(runner, "buffers", "nato", "-o", str(out), "--color", "always")
    assert code == 0
    assert stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "security-council" in text
    assert "\x1b[" not in text
    code, _, err = run(runner, "buffers", "nato", "-o", str(out))
    assert code == 2
    assert "already exists" in err
