"""What a terminal user and a spreadsheet user meet first: the usage screen, CSV of a
comparison, ``diff --stat`` and ``--exit-code``, progress on stderr, markdown ``show``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli, main, progress
from treatycmp.render.columns import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
PAIR = ["ussr-dprk-1961", "dprk-russia-2024"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False, prog_name="treatycmp")
    return result.exit_code, result.stdout, result.stderr


def test_bare_command_prints_the_usage_screen(runner: CliRunner) -> None:
    code, out, err = run(runner)
    assert code == 2
    assert out == ""
    assert err.startswith("Usage: treatycmp [OPTIONS] COMMAND [ARGS]...\n")
    assert "\\n" not in err  # never the one-line mangled error
    assert "Commands:" in err
    assert "diff" in err
    assert "Fix:" not in err


def test_bare_command_through_the_console_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Usage: treatycmp")
    assert "Commands:" in err


def test_a_group_without_subcommand_prints_its_usage(runner: CliRunner) -> None:
    """Every group is a TreatycmpGroup: one made here behaves as the top one."""
    import click

    from treatycmp.cli import TreatycmpGroup

    @click.group(cls=TreatycmpGroup)
    def tool() -> None:
        """A group."""

    @tool.command()
    def sub() -> None:
        """A command."""

    result = runner.invoke(tool, [], prog_name="tool")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: tool [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_diff_csv_is_one_row_per_pair(runner: CliRunner, fmt: str) -> None:
    code, out, _ = run(runner, "diff", *PAIR, "-f", fmt)
    assert code == 1
    _, data, _ = run(runner, "diff", *PAIR, "-f", "json")
    pairs = json.loads(data)["pairs"]
    table = list(csv.DictReader(io.StringIO(out), dialect="excel" if fmt == "csv" else "excel-tab"))
    assert list(table[0]) == [c.name for c in COLUMNS["diff"]]
    assert len(table) == len(pairs)
    for row, pair in zip(table, pairs, strict=True):
        assert row["kind"] == pair["kind"]
        assert row["left"] == "; ".join(pair["left"])
        assert float(row["score"]) == pair["score"]
        assert row["may_be_in_gap"] == str(pair["may_be_in_gap"]).lower()
        # buffers are the buffer-category part of the JSON findings
        for change in ("added", "removed", "kept", "unknown"):
            ids = [i for i in row[f"buffers_{change}"].split("; ") if i]
            assert set(ids) <= set(pair["findings"][change])


def test_diff_csv_names_the_buffers_added(runner: CliRunner) -> None:
    _, out, _ = run(runner, "diff", "ussr-dprk-1961@meduza", "dprk-russia-2024@meduza", "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["buffers_added"] == "domestic-law; un-charter-51"
    assert (row["left"], row["right"], row["kind"]) == ("1.2", "4", "changed")


def test_show_csv_keeps_every_clause_and_gap(runner: CliRunner, corpus: object) -> None:
    from treatycmp.corpus import Corpus

    assert isinstance(corpus, Corpus)
    treaty = corpus.get("ussr-dprk-1961")
    _, out, _ = run(runner, "show", "ussr-dprk-1961", "-f", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    texts = [r["text"] for r in table if r["text"]]
    assert texts == [c.text for c in treaty.clauses()]
    assert {r["clause"] for r in table if r["text"]} == {c.id for c in treaty.clauses()}
    gaps = [r for r in table if r["gap"]]
    assert len(gaps) >= 1  # the treaty's gaps are rows, not dropped


def test_validate_json_and_csv_agree(runner: CliRunner, tmp_path: Path) -> None:
    bad = (ROOT / "tests" / "golden" / "inputs" / "invalid-treaty.yaml").read_text("utf-8")
    (tmp_path / "a.yaml").write_text(bad, "utf-8")
    good = (ROOT / "data" / "treaties" / "anzus-1951.yaml").read_text("utf-8")
    (tmp_path / "b.yaml").write_text(good, "utf-8")
    code, out, err = run(runner, "validate", str(tmp_path), "-f", "json")
    assert code == 2
    data = json.loads(out)
    assert (data["files"], data["invalid"]) == (2, 1)
    assert "5 problem(s) in 1 of 2 file(s)" in err
    code, out, _ = run(runner, "validate", str(tmp_path), "-f", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["problem"] for r in table] == [p["problem"] for p in data["problems"]]
    assert [r["line"] for r in table] == [str(p["line"] or "") for p in data["problems"]]


def test_validate_json_carries_warnings(runner: CliRunner, tmp_path: Path) -> None:
    text = (ROOT / "data" / "treaties" / "anzus-1951.yaml").read_text("utf-8")
    text = text.replace("completeness:", "rendering_of: nowhere-1900\ncompleteness:", 1)
    (tmp_path / "r.yaml").write_text(text, "utf-8")
    code, out, err = run(runner, "validate", str(tmp_path), "-f", "json")
    assert code == 0
    (warning,) = json.loads(out)["problems"]
    assert warning["severity"] == "warning"
    assert "nowhere-1900" in warning["problem"]
    assert "warning" not in err  # in the document, not said twice


def test_diff_stat_is_a_line_per_pair(runner: CliRunner) -> None:
    code, out, _ = run(runner, "diff", *PAIR, "--stat")
    _, data, _ = run(runner, "diff", *PAIR, "-f", "json")
    pairs = json.loads(data)["pairs"]
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == len(pairs) + 2  # the treaties, a line per pair, the totals
    assert " 1.1 → 2.1 " in out
    assert "| changed  | -37 +34 " in out
    # found by function, its wording at the threshold: a changed pair with its word diff
    assert " 1.2 → 4             | changed  | -36 +36 " in out
    assert lines[-1].startswith(f" {len(pairs)} pairs (")
    assert "words deleted (-)" in lines[-1]


def test_diff_stat_golden(runner: CliRunner, golden: object) -> None:
    from collections.abc import Callable

    assert callable(golden)
    check: Callable[[str, str], None] = golden
    check("cli/diff-stat.txt", run(runner, "diff", *PAIR, "--stat")[1])


def test_diff_stat_refuses_another_format(runner: CliRunner) -> None:
    code, _, err = run(runner, "diff", *PAIR, "--stat", "-f", "json")
    assert code == 2
    assert "--stat" in err


def test_exit_code_is_the_documented_exit_status(runner: CliRunner) -> None:
    assert run(runner, "diff", *PAIR, "--exit-code", "--stat")[0] == 1
    same = "north-atlantic-1949"
    assert run(runner, "diff", same, same, "--exit-code", "-q")[0] == 0


def test_show_markdown_carries_the_table_fields(runner: CliRunner) -> None:
    _, table, _ = run(runner, "show", "north-atlantic-1949", "--width", "200")
    _, md, _ = run(runner, "show", "north-atlantic-1949", "-f", "markdown")
    for field in ("Washington D.C.", "1949-04-04", "source: Original English text", "note: "):
        assert field in table
        assert field.replace("-", "\\-") in md or field in md


class Recorder(progress.Bar):
    """A bar that records what it would draw."""

    drawn: ClassVar[list[tuple[str, int, int]]] = []

    def update(self, done: int, total: int) -> None:
        Recorder.drawn.append((self.label, done, total))


@pytest.mark.parametrize(
    "args",
    [
        ["grep", "armed attack", "-f", "json"],
        ["validate", str(ROOT / "data" / "treaties")],
        ["list", "-f", "json"],
        ["profile", "nato", "us-rok-1953", "-f", "json"],
        ["buffers", "nato", "-f", "json"],
        ["check", str(ROOT / "examples" / "expectations.yaml"), "-f", "json"],
    ],
    ids=lambda a: a[0],
)
def test_progress_on_a_terminal_quiet_when_piped_or_q(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setattr(progress, "Bar", Recorder)
    Recorder.drawn = []
    piped = run(runner, *args)
    assert Recorder.drawn == []  # stderr is not a terminal
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    on_terminal = run(runner, *args)
    assert on_terminal[1] == piped[1]  # stdout never changes
    assert Recorder.drawn
    _label, done, total = Recorder.drawn[-1]
    assert done == total > 0, Recorder.drawn[-1]
    Recorder.drawn = []
    quiet = run(runner, *args, "-q")
    assert Recorder.drawn == []
    assert quiet[0] == piped[0]


class FakeRich:
    """What ``Bar`` drives of rich's Progress: update and stop."""

    def __init__(self) -> None:
        self.updates: list[tuple[int, int]] = []
        self.stopped = False

    def update(self, _task: object, *, completed: int, total: int) -> None:
        self.updates.append((completed, total))

    def stop(self) -> None:
        self.stopped = True


def test_progress_bar_waits_before_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    bar = progress.Bar("work")
    fake = FakeRich()

    def start() -> None:
        bar._bar, bar._task = fake, 0  # type: ignore[assignment]

    monkeypatch.setattr(bar, "_start", start)
    bar.update(1, 10)
    assert fake.updates == []  # quick work: no bar at all
    bar.started_at -= progress.DELAY
    bar.update(2, 10)
    assert fake.updates == [(2, 10)]
    bar.close()
    assert fake.stopped


def _one_preamble(tmp_path: Path) -> Path:
    """ANZUS with its seven preamble paragraphs as one (the words untouched)."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "treaties" / "anzus-1951.yaml").read_text("utf-8"))
    data["preamble"] = [" ".join(p if isinstance(p, str) else p["text"] for p in data["preamble"])]
    data["id"] = "anzus-one-preamble"
    path = tmp_path / "anzus-one-preamble.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_one_paragraph_against_seven_shows_the_sentences_unchanged(tmp_path: Path) -> None:
    from treatycmp.analysis import compare
    from treatycmp.formats.treaty_yaml import load_treaty

    seven = load_treaty(ROOT / "data" / "treaties" / "anzus-1951.yaml")
    one = load_treaty(_one_preamble(tmp_path))
    for left, right, kind in ((seven, one, "merged"), (one, seven, "split")):
        c = compare(left, right)
        preamble = [p for p in c.pairs if any(x.id.startswith("preamble") for x in p.left)]
        assert len(preamble) == 1, [(p.kind, p.left, p.right) for p in preamble]
        (pair,) = preamble
        assert pair.kind == kind
        assert len(pair.left if kind == "merged" else pair.right) == len(seven.preamble)
        changed = [o for o in pair.ops if o.op != "equal" and (o.left.strip() or o.right.strip())]
        assert changed == []  # every sentence unchanged, none deleted and added
        assert not [p for p in c.pairs if p.kind in ("added", "removed")]


def test_regrouping_needs_the_whole_clause(tmp_path: Path) -> None:
    """A clause only partly inside the long paragraph stays apart."""
    from treatycmp.align.pairs import ClausePair
    from treatycmp.align.regroup import absorb_contained
    from treatycmp.model import Clause

    left = [
        Clause("1", "The parties agree to consult one another.", 1),
        Clause("2", "They shall settle disputes by peaceful means.", 2),
    ]
    whole = "The parties agree to consult one another. They shall settle disputes by talks."
    right = [Clause("1", whole, 1)]
    pairs = (
        ClausePair("changed", (left[0],), (right[0],), 0.6),
        ClausePair("removed", (left[1],), (), 0.0),
    )
    assert absorb_contained(pairs, left, right, "tfidf") == pairs
    exact = [Clause("1", whole.replace("by talks", "by peaceful means"), 1)]
    pairs = (
        ClausePair("changed", (left[0],), (exact[0],), 0.6),
        ClausePair("removed", (left[1],), (), 0.0),
    )
    (merged,) = absorb_contained(pairs, left, exact, "tfidf")
    assert (merged.kind, merged.left, merged.right) == ("merged", tuple(left), tuple(exact))


def test_the_lazy_command_group_knows_every_command_where_it_is() -> None:
    """``COMMAND_MODULES`` names, for each command, the module whose COMMANDS hold it."""
    import importlib

    from treatycmp.cli import COMMAND_MODULES, cli

    found = {}
    for module in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(f"treatycmp.cli.{module}").COMMANDS:
            found[command.name] = module
    assert found == COMMAND_MODULES
    assert sorted(cli.commands) == sorted(found)
    assert all(cli.commands[name].name == name for name in found)
