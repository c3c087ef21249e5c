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
