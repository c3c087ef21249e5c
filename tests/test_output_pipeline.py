"""The one output pipeline (cli.common.View): colour, width and pager chosen in one
place, unit-tested without a real terminal, and seen through real commands."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.cli.common import (
    View,
    choose_color,
    choose_pager,
    choose_width,
    pager_env,
)
from treatycmp.render.tables import strip_trailing_spaces


class FakeTTY(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "env", "tty", "to_file", "expected"),
    [
        ("auto", {}, True, False, True),
        ("auto", {}, False, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False, False),
        ("auto", {"NO_COLOR": ""}, True, False, True),  # an empty NO_COLOR is unset
        ("auto", {"TERM": "dumb"}, True, False, False),
        ("auto", {"FORCE_COLOR": "1"}, False, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False, False),
        ("auto", {"FORCE_COLOR": "1", "TERM": "dumb"}, True, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False, False),
        ("always", {"NO_COLOR": "1", "TERM": "dumb"}, False, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False, False),
        ("always", {}, True, True, False),  # files never hold escape codes
    ],
)
def test_colour_choice(
    choice: str, env: dict[str, str], tty: bool, to_file: bool, expected: bool
) -> None:
    assert choose_color(choice, is_tty=tty, to_file=to_file, env=env) is expected


@pytest.mark.parametrize(
    ("option", "env", "tty", "to_file", "expected"),
    [
        (None, {}, False, False, 100),
        (None, {"COLUMNS": "72"}, False, False, 72),  # a pipe honours COLUMNS
        (None, {"COLUMNS": "72"}, True, False, 72),
        (None, {}, True, False, 133),  # the terminal's own width
        (None, {"COLUMNS": "junk"}, True, False, 133),
        (None, {"COLUMNS": "10"}, False, False, 40),  # never narrower than 40
        (None, {"COLUMNS": "5000"}, False, False, 1000),  # nor wider than --width allows
        (None, {"COLUMNS": "72"}, False, True, 100),  # a file gets the fixed width
        (120, {"COLUMNS": "72"}, True, False, 120),
    ],
)
def test_width_choice(
    option: int | None, env: dict[str, str], tty: bool, to_file: bool, expected: int
) -> None:
    assert choose_width(option, is_tty=tty, to_file=to_file, env=env, columns=133) == expected


@pytest.mark.parametrize(
    ("option", "tty", "to_file", "lines", "expected"),
    [
        (None, True, False, 100, True),
        (None, True, False, 10, False),
        (None, False, False, 100, False),
        (True, True, False, 1, True),
        (True, False, False, 100, False),  # never page a pipe
        (False, True, False, 100, False),
        (None, True, True, 100, False),
    ],
)
def test_pager_choice(
    option: bool | None, tty: bool, to_file: bool, lines: int, expected: bool
) -> None:
    assert choose_pager(option, is_tty=tty, to_file=to_file, lines=lines, rows=24) is expected


def test_less_gets_frx_unless_the_user_chose() -> None:
    assert pager_env({}) == {"LESS": "FRX"}
    assert pager_env({"LESS": "-S"}) == {}


def fixed_size(monkeypatch: pytest.MonkeyPatch, columns: int = 90, lines: int = 24) -> None:
    monkeypatch.setattr(
        "shutil.get_terminal_size",  # cli.common imports shutil when it asks
        lambda fallback=(100, 24): os.terminal_size((columns, lines)),
    )


def test_view_pages_a_long_text_on_a_terminal_with_less_frx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fixed_size(monkeypatch)
    monkeypatch.delenv("LESS", raising=False)
    paged: list[tuple[str, str | None, bool | None]] = []

    def pager(text: str, color: bool | None = None) -> None:
        paged.append((text, os.environ.get("LESS"), color))

    monkeypatch.setattr(click, "echo_via_pager", pager)
    tty = FakeTTY()
    view = View("table", color_choice="auto", env={}, stream=tty)
    long = "line\n" * 50
    assert view.plan(long) == "pager"
    assert view.plan("short\n") == "stdout"
    view.emit(long)
    assert paged == [(long, "FRX", True)]
    assert "LESS" not in os.environ  # restored after paging
    View("table", env={}, stream=tty, pager_option=False).emit(long)
    assert tty.getvalue() == long
    assert len(paged) == 1


def test_view_leaves_the_users_less_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    fixed_size(monkeypatch)
    monkeypatch.setenv("LESS", "-S")
    seen: list[str | None] = []
    monkeypatch.setattr(
        click, "echo_via_pager", lambda text, color=None: seen.append(os.environ.get("LESS"))
    )
    View("table", env=dict(os.environ), stream=FakeTTY()).emit("x\n" * 99)
    assert seen == ["-S"]


def test_view_renders_with_its_width_and_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.text import Text

    fixed_size(monkeypatch, columns=50)
    tty = FakeTTY()
    View("table", env={}, stream=tty).emit(lambda console: Text("word " * 30, style="red"))
    text = tty.getvalue()
    assert "\x1b[31m" in text
    assert max(len(strip_ansi(line)) for line in text.splitlines()) <= 50
    dumb = FakeTTY()
    View("table", env={"TERM": "dumb"}, stream=dumb).emit(lambda c: Text("x", style="red"))
    assert "\x1b" not in dumb.getvalue()
    piped = io.StringIO()
    View("table", env={"COLUMNS": "60"}, stream=piped).emit(lambda c: Text("word " * 30))
    assert max(len(line) for line in piped.getvalue().splitlines()) <= 60
    assert "\x1b" not in piped.getvalue()


def strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_trailing_spaces_go_even_before_a_colour_code() -> None:
    assert strip_trailing_spaces("a   \x1b[0m\nb  \n") == "a\x1b[0m\nb\n"


@pytest.mark.parametrize("command", ["list", "show nato", "grep armed", "buffers nato"])
def test_commands_honour_columns_when_piped(command: str) -> None:
    runner = CliRunner(env={"COLUMNS": "70", "NO_COLOR": None, "TERM": None})
    result = runner.invoke(cli, command.split(), catch_exceptions=False)
    assert result.exit_code in (0, 1)
    assert max(len(line) for line in result.stdout.splitlines()) <= 70
    assert "\x1b" not in result.stdout


def test_force_color_reaches_a_pipe_and_term_dumb_does_not() -> None:
    forced = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": None}).invoke(cli, ["list"])
    assert "\x1b[" in forced.stdout
    dumb = CliRunner(env={"TERM": "dumb", "NO_COLOR": None, "FORCE_COLOR": None}).invoke(
        cli, ["list", "--color", "auto"]
    )
    assert "\x1b[" not in dumb.stdout


def test_every_command_returns_its_status(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["grep", "zebra crossing quantum", "--exact"]).exit_code == 1
    assert runner.invoke(cli, ["grep", "armed attack"]).exit_code == 0
    assert runner.invoke(cli, ["diff", "nato", "nato", "-q"]).exit_code == 0
    assert runner.invoke(cli, ["diff", "nato", "us-rok-1953", "-q"]).exit_code == 1
    assert runner.invoke(cli, ["validate", str(tmp_path / "none.yaml")]).exit_code == 2


def test_no_command_raises_system_exit() -> None:
    root = Path(__file__).resolve().parents[1] / "treatycmp"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "SystemExit(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == ["__main__.py"]


def test_view_options_registry_is_one_line_per_format() -> None:
    """A new command's formats (e.g. ``lineup``) come from its registry alone."""
    from treatycmp.cli.common import view_options
    from treatycmp.render.tables import Table, table_formats

    formats: dict[str, Any] = {
        "table": lambda r: r,
        "json": lambda r: "{}\n",
        **table_formats(lambda r: Table(("a",), (("x,y",),))),
    }

    @click.command()
    @view_options(formats)
    def demo(view: View) -> int:
        return view.show(formats, None)

    result = CliRunner().invoke(demo, ["-f", "csv"])
    assert result.stdout == 'a\n"x,y"\n'
    assert {"table", "json", "csv", "tsv"} <= set(demo.params[0].type.choices)  # type: ignore[attr-defined]


def test_progress_bars_follow_the_colour_choice() -> None:
    assert View("table", color_choice="never", env={"FORCE_COLOR": "1"}).stderr_console().no_color
    assert not View("table", color_choice="always", env={}).stderr_console().no_color


def test_every_command_with_formats_has_goldens() -> None:
    from test_outputs import RUNS

    with_formats = {
        name
        for name, command in cli.commands.items()
        if any(p.name == "fmt" for p in command.params)
    }
    missing = with_formats - set(RUNS)
    assert not missing, f"add {sorted(missing)} to RUNS in tests/test_outputs.py (and a schema)"
