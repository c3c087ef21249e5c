"""The clause budget (issue #23, class 12): a treaty inside the 50 MB input limit is
worked through linearly or refused at once, naming ``--max-clauses``.

A 49 MB treaty of 124,800 paragraphs ran ``diff`` for 13 minutes and ``show`` for
minutes, all of it per-clause work (rules, alignment, a rich table row): every such
command refuses a treaty of more than ``--max-clauses`` paragraphs (default 10,000
per treaty) before any of that work, and the formats that stream
(``show -f json|markdown|csv``) are not held.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.analysis import CompareOptions, compare
from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.errors import TreatycmpError
from treatycmp.formats.budget import MAX_CLAUSES


def big_treaty(folder: Path, paragraphs: int) -> Path:
    """A valid treaty file of ``paragraphs`` short paragraphs, two an article."""
    lines = [
        "id: big",
        "title: Big",
        "short_title: Big",
        "parties: [A, B]",
        "language: en",
        "source: {text: synthetic}",
        "completeness: complete",
        "articles:",
    ]
    for i in range(1, paragraphs // 2 + 1):
        lines += [f"- number: '{i}'", "  paragraphs:"]
        lines += [f"  - The Parties shall consult together on matter {i}.{k}." for k in (1, 2)]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if " error: " in line]
    assert len(errors) == 1, stderr
    return errors[0]


def test_compare_refuses_a_treaty_of_more_clauses_than_its_budget() -> None:
    corpus = Corpus.load()
    nato, rok = corpus.get("north-atlantic-1949"), corpus.get("us-rok-1953")
    sizes = len(nato.clauses("paragraph")), len(rok.clauses("paragraph"))
    n = max(sizes)
    with pytest.raises(TreatycmpError) as info:
        compare(nato, rok, CompareOptions(max_clauses=n - 1))
    assert f"--max-clauses {n}" in info.value.problems[0].hint
    assert "a treaty" in info.value.problems[0].message
    # counted in paragraphs at every level: the rules read all of the text either way
    with pytest.raises(TreatycmpError):
        compare(nato, rok, CompareOptions(level="article", max_clauses=n - 1))
    # per treaty, not both together: each fits, their sum does not
    assert sum(sizes) > n
    assert compare(nato, rok, CompareOptions(max_clauses=n)).pairs
    # a self-comparison counts the treaty once
    size = len(nato.clauses("paragraph"))
    with pytest.raises(TreatycmpError):
        compare(nato, nato, CompareOptions(max_clauses=size - 1))
    assert compare(nato, nato, CompareOptions(max_clauses=size)).pairs


def test_the_budget_names_every_treaty_over_it() -> None:
    from treatycmp.formats.budget import check_clauses

    check_clauses([("a", 10), ("b", 10)], "paragraph", 10, "comparing", "")
    with pytest.raises(TreatycmpError) as info:
        check_clauses([("a", 12), ("b", 9), ("c", 30)], "paragraph", 10, "comparing", "")
    problem = info.value.problems[0]
    assert problem.message.startswith("a has 12 and c has 30 paragraphs")
    assert "more than the limit of 10 a treaty" in problem.message
    assert "--max-clauses 30" in problem.hint


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "north-atlantic-1949", "us-rok-1953"],
        ["diff", "north-atlantic-1949", "us-rok-1953", "-f", "json"],
        ["diff", "north-atlantic-1949", "us-rok-1953", "-f", "csv"],
        ["diff", "north-atlantic-1949", "us-rok-1953", "--stat"],
        ["report", "north-atlantic-1949", "us-rok-1953"],
        ["show", "north-atlantic-1949"],
        ["buffers", "north-atlantic-1949", "-f", "json"],
        ["buffers", "north-atlantic-1949", "--level", "article"],
        ["profile", "north-atlantic-1949", "us-rok-1953"],
        ["lineup", "north-atlantic-1949:5", "us-rok-1953", "north-atlantic-1949"],
    ],
)
def test_every_per_clause_command_names_the_option(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, [*args, "--max-clauses", "3"])
    assert result.exit_code == 2
    assert result.stdout == ""
    line = error_line(result.stderr)
    assert "more than the limit of 3" in line
    assert "--max-clauses" in line
    assert "$TREATYCMP_MAX_CLAUSES" in line
    by_env = runner.invoke(cli, args, env={"TREATYCMP_MAX_CLAUSES": "3"})
    assert by_env.exit_code == 2
    assert error_line(by_env.stderr) == line


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv"])
def test_show_streams_the_formats_that_are_linear(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(cli, ["show", "north-atlantic-1949", "-f", fmt, "--max-clauses", "3"])
    assert result.exit_code == 0, result.stderr
    assert "Article 5" in result.stdout or "5.1" in result.stdout


def test_show_of_one_article_fits_the_budget(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "north-atlantic-1949:5", "--max-clauses", "3"])
    assert result.exit_code == 0, result.stderr


def test_the_default_budget_refuses_a_big_treaty_at_once(runner: CliRunner, tmp_path: Path) -> None:
    path = big_treaty(tmp_path, MAX_CLAUSES + 2)
    for args in (
        ["diff", str(path), "north-atlantic-1949", "-f", "json"],
        ["show", str(path)],
        ["buffers", str(path)],
    ):
        start = time.process_time()
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert f"--max-clauses {MAX_CLAUSES + 2}" in error_line(result.stderr)
        # refused after loading, before any per-clause work (loading is about a second)
        assert time.process_time() - start < 10
    shown = runner.invoke(cli, ["show", str(path), "-f", "json"])
    assert shown.exit_code == 0
    assert len(json.loads(shown.stdout)["articles"]) == (MAX_CLAUSES + 2) // 2


def test_a_file_against_itself_is_read_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The refusal of a 49 MB self-comparison loaded the file twice (7.4 s of CPU).
    from treatycmp import corpus

    path = big_treaty(tmp_path, 6)
    reads: list[str] = []
    real = corpus.load_treaty  # type: ignore[attr-defined]  # the name corpus looks up

    def counted(name: str | Path) -> object:
        reads.append(str(name))
        return real(name)

    monkeypatch.setattr(corpus, "load_treaty", counted)
    result = runner.invoke(cli, ["diff", str(path), str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert reads == [str(path)]
    assert {p["kind"] for p in json.loads(result.stdout)["pairs"]} == {"same"}


def test_check_takes_the_budget_its_refusal_names(runner: CliRunner, tmp_path: Path) -> None:
    # check compares treaties as diff does: its refusal named --max-clauses and
    # $TREATYCMP_MAX_CLAUSES, which check neither took nor read.
    spec = tmp_path / "expectations.yaml"
    spec.write_text(
        "expectations:\n  - similarity(north-atlantic-1949, us-rok-1953) >= 0.1\n",
        encoding="utf-8",
    )
    refused = runner.invoke(cli, ["check", str(spec), "--max-clauses", "3"])
    assert refused.exit_code == 2, refused.stderr
    line = error_line(refused.stderr)
    assert "more than the limit of 3" in line
    by_env = runner.invoke(cli, ["check", str(spec)], env={"TREATYCMP_MAX_CLAUSES": "3"})
    assert by_env.exit_code == 2
    assert error_line(by_env.stderr) == line
    assert runner.invoke(cli, ["check", str(spec)]).exit_code == 0
