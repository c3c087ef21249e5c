"""Treaty text is data in every command: markup, ANSI escapes, markdown and HTML print literally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

MARKUP = "[bold]shall[/] help [red]x[/red]"
ANSI = "\x1b[31mred\x1b[0m"
MD = "| a | b | *star* ~~gone~~ _under_ `tick`"
HTML = "<script>alert(1)</script> &amp;"
TEXT = f"Each Party {MARKUP} {ANSI} {MD} {HTML} in accordance with its constitutional processes."


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    doc = {
        "id": "hostile-2000",
        "title": f"Hostile {MARKUP}",
        "short_title": f"Hostile {ANSI}",
        "parties": ["A", "B"],
        "language": "en",
        "source": {"text": f"made up {HTML}"},
        "completeness": "complete",
        "articles": [{"number": "1", "paragraphs": [TEXT]}],
    }
    (tmp_path / "hostile.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    return tmp_path


COMMANDS = [
    ["list"],
    ["show", "hostile-2000"],
    ["buffers", "hostile-2000"],
    ["profile", "hostile-2000"],
    ["grep", "constitutional processes", "--treaty", "hostile-2000", "-C", "100"],
    ["nearest", "Each Party shall help red in accordance with its constitutional processes"],
    ["matrix", "hostile-2000", "nato"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("color", ["never", "always"])
def test_terminal_output_is_literal(
    runner: CliRunner, hostile_corpus: Path, args: list[str], color: str
) -> None:
    result = runner.invoke(
        cli,
        [
            *args,
            "--corpus",
            str(hostile_corpus),
            "--width",
            "200",
            *(["--color", color] if args[0] != "show" else []),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[31mred" not in out
    if args[0] in ("show", "grep", "nearest"):
        assert "[bold]shall[/]" in out
        assert "\\x1b[31mred\\x1b[0m" in out
        assert "<script>alert(1)</script>" in out


@pytest.mark.parametrize(
    "args", [c for c in COMMANDS if c[0] not in ("matrix",)], ids=lambda a: a[0]
)
def test_markdown_output_escapes(runner: CliRunner, hostile_corpus: Path, args: list[str]) -> None:
    result = runner.invoke(
        cli, [*args, "--corpus", str(hostile_corpus), "-f", "markdown"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "<script>" not in out
    assert "\x1b" not in out
    if args[0] in ("show", "grep", "nearest"):
        assert "\\<script\\>" in out
        assert "\\| a \\| b \\|" in out
        assert "\\*star\\*" in out


@pytest.mark.parametrize("args", [c for c in COMMANDS if c[0] != "list"], ids=lambda a: a[0])
def test_json_keeps_the_text_exact(
    runner: CliRunner, hostile_corpus: Path, args: list[str]
) -> None:
    result = runner.invoke(
        cli, [*args, "--corpus", str(hostile_corpus), "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    if args[0] in ("show", "grep", "nearest"):
        assert TEXT in strings(data)


def strings(data: object) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


MACHINE = [
    (args, fmt)
    for args in COMMANDS
    for fmt in ("csv", "tsv", "ndjson")
    if args[0] != "show" and (fmt != "ndjson" or args[0] in ("grep", "nearest"))
]


@pytest.mark.parametrize(("args", "fmt"), MACHINE, ids=[f"{a[0]}-{f}" for a, f in MACHINE])
def test_csv_tsv_and_ndjson_keep_the_text_and_no_escape(
    runner: CliRunner, hostile_corpus: Path, args: list[str], fmt: str
) -> None:
    import csv
    import io

    result = runner.invoke(
        cli, [*args, "--corpus", str(hostile_corpus), "-f", fmt], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    if fmt == "ndjson":
        records = [json.loads(line) for line in out.splitlines()]
        assert any(TEXT in strings(r) for r in records)
        return
    table = list(csv.reader(io.StringIO(out), dialect="excel" if fmt == "csv" else "excel-tab"))
    assert len({len(row) for row in table}) == 1  # the markup did not add columns
    cells = [cell for row in table for cell in row]
    if args[0] == "nearest":
        assert TEXT.replace(ANSI, "\\x1b[31mred\\x1b[0m") in cells
    if args[0] == "list":
        assert any(cell.startswith("Hostile \\x1b[31m") for cell in cells)


@pytest.mark.parametrize("layout", ["inline", "side-by-side"])
@pytest.mark.parametrize("color", ["never", "always"])
def test_diff_layouts_print_hostile_text_literally(
    runner: CliRunner, hostile_corpus: Path, layout: str, color: str
) -> None:
    result = runner.invoke(
        cli,
        [
            "diff",
            "hostile-2000",
            "nato",
            "--corpus",
            str(hostile_corpus),
            "--layout",
            layout,
            "--color",
            color,
            "--no-labels",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.stderr
    assert "\x1b[31mred" not in result.stdout
    assert "[bold]shall[/]" in result.stdout
    assert "<script>alert(1)</script>" in result.stdout
