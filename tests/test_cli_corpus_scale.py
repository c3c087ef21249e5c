"""matrix, nearest and check on the bundled corpus: results, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_matrix_formats_agree(runner: CliRunner) -> None:
    code, out, _ = run(runner, "matrix", "-f", "json")
    assert code == 0
    data = json.loads(out)
    ids = data["ids"]
    assert "north-atlantic-1949" in ids
    assert "dprk-russia-2024@ko" not in ids
    scores = data["scores"]
    n = len(ids)
    assert all(scores[i][i] == 1 for i in range(n))
    assert all(scores[i][j] == scores[j][i] for i in range(n) for j in range(n))
    code, out, _ = run(runner, "matrix", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", *ids]
    assert float(rows[1][2]) == pytest.approx(scores[0][1], abs=1e-4)
    code, out, _ = run(runner, "matrix", "-f", "markdown")
    assert out.startswith("| | 1 |")
    code, out, _ = run(runner, "matrix", "--color", "never")
    assert "north-atlantic-1949" in out


def test_matrix_of_the_bundled_corpus_fits_80_columns(runner: CliRunner) -> None:
    """At 80 columns rich squeezed every other column of the heat map to "…"."""
    code, out, _ = run(runner, "matrix", "--color", "never", "--width", "80")
    assert code == 0
    n = len(json.loads(run(runner, "matrix", "-f", "json")[1])["ids"])
    assert "…" not in out
    header = next(line for line in out.splitlines() if "treaty" in line)
    assert header.split()[2:] == [str(i) for i in range(1, n + 1)]
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("width", [100, 80, 50])
def test_a_matrix_wider_than_the_terminal_comes_in_blocks_of_columns(
    runner: CliRunner, width: int
) -> None:
    """``matrix --renderings`` (30 texts) at 100 columns squeezed cells to "…" silently."""
    data = json.loads(run(runner, "matrix", "--renderings", "-f", "json")[1])
    n = len(data["ids"])
    code, out, _ = run(runner, "matrix", "--renderings", "--color", "never", "--width", str(width))
    assert code == 0
    lines = out.splitlines()
    assert "…" not in out
    assert max(len(line) for line in lines) <= width
    headers = [line.split()[2:] for line in lines if line.split()[:2] == ["#", "treaty"]]
    assert len(headers) > 1
    assert [int(c) for h in headers for c in h] == list(range(1, n + 1))
    first = [line.split() for line in lines if line.split()[:2] == ["1", data["ids"][0]]]
    cells = [c for row in first for c in row[2:]]
    assert cells == [("■" if v >= 0.995 else str(round(v * 100))) for v in data["scores"][0]]


def test_matrix_of_named_treaties(runner: CliRunner) -> None:
    code, out, _ = run(runner, "matrix", "us-rok", "us-japan", "nato", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["ids"] == ["us-rok-1953", "us-japan-1960", "north-atlantic-1949"]
    us_rok, us_japan, nato = data["scores"]
    assert us_rok[1] == us_japan[0] > nato[0] * 0.5


def test_nearest_clause_and_text(runner: CliRunner) -> None:
    code, out, _ = run(runner, "nearest", "dprk-russia-2024:4", "-k", "3", "-f", "json")
    assert code == 0
    found = json.loads(out)["neighbours"]
    assert len(found) == 3
    assert all(n["score"] <= 1 for n in found)
    assert {"ussr-dprk-1961", "ussr-dprk-1961@meduza"} & {n["treaty"] for n in found}
    code, out, _ = run(
        runner, "nearest", "in accordance with its constitutional processes", "-f", "json"
    )
    top = json.loads(out)["neighbours"][0]
    constitutional = {"us-rok-1953", "us-japan-1960", "north-atlantic-1949", "un-charter-1945"}
    constitutional |= {"anzus-1951", "seato-1954", "us-philippines-1951", "rio-1947"}
    assert top["treaty"] in constitutional
    assert "constitutional processes" in top["text"]
    code, _, err = run(runner, "nearest", "dprk-russia-2024:99")
    assert code == 2
    assert "no such clause" in err


EXPECT_OK = """\
expectations:
  - dprk-russia-2024@meduza:4 has un-charter-51
  - ussr-dprk-1961@ko:1.2 aligns with dprk-russia-2024@ko:4
  - similarity(us-rok-1953, us-japan-1960) >= 0.1
  - no buffer removed between ussr-dprk-1961@meduza and dprk-russia-2024@meduza
"""


def test_check_passes_and_writes_valid_junit(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "expect.yaml"
    spec.write_text(EXPECT_OK, encoding="utf-8")
    junit = tmp_path / "junit.xml"
    code, out, err = run(runner, "check", str(spec), "--junit", str(junit))
    assert code == 0, out + err
    assert out.count("PASS") == 4
    assert "4 passed, 0 failed" in out
    suite = ET.parse(junit).getroot()
    assert suite.tag == "testsuite"
    assert suite.get("tests") == "4"
    assert suite.get("failures") == "0"


def test_check_fails_with_exit_1_and_says_why(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "expect.yaml"
    spec.write_text(
        "expectations:\n"
        "  - ussr-dprk-1961:1.2 has un-charter-51\n"
        "  - dprk-russia-2024:4 lacks un-charter-51\n"
        "  - similarity(us-rok-1953, us-japan-1960) >= 0.99\n"
        "  - no buffer added between ussr-dprk-1961@meduza and dprk-russia-2024@meduza\n"
        "  - nato:5.1 has discretion\n",
        encoding="utf-8",
    )
    junit = tmp_path / "junit.xml"
    code, out, _ = run(runner, "check", str(spec), "--junit", str(junit))
    assert code == 1
    assert "1 passed, 4 failed" in out
    assert f"FAIL  {spec}:2" in out
    assert "partial" in out  # the KCNA Article 4 breaks off: "lacks" cannot be confirmed
    assert "added: domestic-law at 4, un-charter-51 at 4" in out
    suite = ET.parse(junit).getroot()
    failures = suite.findall("testcase/failure")
    assert len(failures) == 4
    assert suite.get("failures") == "4"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("expectations:\n  - nato:5 is lovely\n", ":2: cannot read 'nato:5 is lovely'"),
        ("expectatons: []\n", ":1: unknown key 'expectatons'"),
        ("expectations: []\n", "must be a non-empty list"),
        ("expectations:\n  - [a, b]\n", ":2: an expectation must be a sentence"),
        ("", "is empty"),
        ("expectations: [unclosed\n", "is not valid YAML"),
        ("level: sideways\nexpectations:\n  - nato:5 has discretion\n", ":1: level 'sideways'"),
        ("expectations:\n  - nato:5 has nosuchrule\n", ":2: unknown rule 'nosuchrule'. Fix"),
        (
            "expectations:\n  - no nosuch removed between nato and us-rok\n",
            ":2: unknown rule or category 'nosuch'. Fix",
        ),
        ("corpus: nope/\nexpectations:\n  - nato:5 has discretion\n", ":1: corpus folder 'nope/'"),
        (
            "corpus:\n  - .\n  - nope/\nexpectations:\n  - nato:5 has discretion\n",
            ":3: corpus folder 'nope/' does not exist. Fix",
        ),
        ("rules: [nope.yaml]\nexpectations:\n  - nato:5 has discretion\n", ":1: rules file"),
        (
            "expectations:\n  - nato:5 has nosuchrule\nexpectations:\n  - nato:5 has discretion\n",
            ":3: duplicate key 'expectations'",
        ),
        ("expectations:\n  - natto:5 has discretion\n", ":2: no treaty named 'natto'"),
        ("expectations:\n  - nato:77 has discretion\n", ":2: no such clause"),
        ("expectations:\n  - nato:5 aligns with us-rok:III as nudged\n", "is not a pair kind"),
    ],
)
def test_malformed_expectations_are_located_errors(
    runner: CliRunner, tmp_path: Path, content: str, expected: str
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(content, encoding="utf-8")
    code, out, err = run(runner, "check", str(spec))
    assert code == 2
    assert out == ""
    assert str(spec) in err
    assert expected in err
    assert "Traceback" not in err


def test_the_example_expectations_hold(runner: CliRunner) -> None:
    code, out, err = run(runner, "check", str(ROOT / "examples" / "expectations.yaml"))
    assert code == 0, out + err
    assert "0 failed" in out


ENGLISH_ONLY = (
    "rules:\n  - id: english-only\n    category: buffer\n    label: English only\n"
    "    description: a rule with English patterns only\n    patterns:\n"
    "      en:\n        - phrase: in accordance with\n"
)


@pytest.mark.parametrize(
    ("what", "detail"),
    [
        ("english-only", "rule english-only has no patterns for language 'ko': cannot tell"),
        ("buffer", "buffer rule(s) english-only have no patterns for language 'ko'"),
    ],
)
def test_no_change_cannot_tell_without_patterns(
    runner: CliRunner, tmp_path: Path, what: str, detail: str
) -> None:
    (tmp_path / "rules.yaml").write_text(ENGLISH_ONLY, encoding="utf-8")
    spec = tmp_path / "expect.yaml"
    spec.write_text(
        "rules: [rules.yaml]\nexpectations:\n"
        f"  - no {what} removed between ussr-dprk-1961@ko and dprk-russia-2024@ko\n"
        "  - no english-only added between ussr-dprk-1961 and dprk-russia-2024\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "check", str(spec))
    assert code == 1, out + err
    assert f"FAIL  {spec}:3" in out
    assert detail in out
    assert f"PASS  {spec}:4" in out


def test_junit_path_is_checked_before_anything_runs(tmp_path: Path) -> None:
    from treatycmp.errors import OutputError
    from treatycmp.expectations import check_junit_path

    check_junit_path(tmp_path / "junit.xml")
    with pytest.raises(OutputError, match="does not exist"):
        check_junit_path(tmp_path / "missing" / "junit.xml")
    with pytest.raises(OutputError, match="is a folder"):
        check_junit_path(tmp_path)


@pytest.mark.parametrize("junit", ["missing/j.xml", "."])
def test_check_refuses_a_bad_junit_path_up_front(
    runner: CliRunner, tmp_path: Path, junit: str
) -> None:
    spec = tmp_path / "expect.yaml"
    spec.write_text(EXPECT_OK, encoding="utf-8")
    code, out, err = run(runner, "check", str(spec), "--junit", str(tmp_path / junit))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
