"""The hostile-text matrix: every command x every format x pipe, file and pseudo-terminal.

Every field of a treaty, a rules file, an expectations file and an import source
holds control characters, escape sequences, bidi and invisible characters, C1
controls and live markup (tests/_hostile_files.py). Commands and their ``--format``
choices are read from the click objects, so a command or a format added later joins
the matrix on its own (a new command must add its arguments to ``ARGS``, or this
test fails and says so). Whatever comes out, on stdout, stderr or in the file: no
raw control, bidi or invisible character (colour codes only where colour was asked
for), no live ``<script>`` or ``<img>`` in markdown or HTML, JSON that parses back to
the exact text, and no traceback.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from _hostile_files import (
    CONCEAL,
    HOSTILE,
    LIVE_HTML,
    TREATY_ID,
    formula_cells,
    hostile_expectations,
    hostile_import_text,
    hostile_rules,
    hostile_treaty,
    raw_characters,
    write_json_yaml,
)
from click.testing import CliRunner

from treatycmp.cli import cli


class Files:
    """The hostile inputs, written once per test into a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.corpus = root / "corpus"
        self.corpus.mkdir()
        self.treaty = write_json_yaml(self.corpus / "hostile.yaml", hostile_treaty())
        self.rules = write_json_yaml(root / "rules.yaml", hostile_rules())
        self.expectations = write_json_yaml(
            root / "expect.yaml", hostile_expectations(str(self.corpus), str(self.rules))
        )
        self.source = root / f"source{HOSTILE[:8]}.txt".replace("\x00", "")
        self.source.write_text(hostile_import_text(), encoding="utf-8")
        bad = dict(hostile_treaty(), id=f"bad {HOSTILE}", signed=HOSTILE)
        self.broken = write_json_yaml(root / "broken.yaml", bad)


# How to call each command on the hostile files; a command not listed fails the test.
ARGS: dict[str, Callable[[Files], list[list[str]]]] = {
    "list": lambda f: [["--corpus", str(f.corpus)]],
    "show": lambda f: [[TREATY_ID, "--corpus", str(f.corpus)]],
    "buffers": lambda f: [[TREATY_ID, "--corpus", str(f.corpus), "--rules", str(f.rules)]],
    "profile": lambda f: [[TREATY_ID, "north-atlantic-1949", "--corpus", str(f.corpus)]],
    "grep": lambda f: [["shall", "--treaty", TREATY_ID, "--corpus", str(f.corpus)]],
    "nearest": lambda f: [[f"armed attack {HOSTILE[:40]}", "--corpus", str(f.corpus)]],
    "matrix": lambda f: [[TREATY_ID, "north-atlantic-1949", "--corpus", str(f.corpus)]],
    "diff": lambda f: [
        [TREATY_ID, "north-atlantic-1949", "--corpus", str(f.corpus), "--no-pager"],
        [f"{TREATY_ID}:u1", "north-atlantic-1949:5", "--corpus", str(f.corpus), "--no-pager"],
    ],
    "report": lambda f: [[TREATY_ID, "north-atlantic-1949", "--corpus", str(f.corpus)]],
    "validate": lambda f: [[str(f.treaty)], [str(f.broken)]],
    "check": lambda f: [[str(f.expectations)]],
    "import": lambda f: [[str(f.source), "--id", "hostile-import"]],
    "export": lambda f: [
        [TREATY_ID, "--corpus", str(f.corpus), "-f", "yaml"],
        [TREATY_ID, "--corpus", str(f.corpus)],
    ],
    "lineup": lambda f: [
        [f"{TREATY_ID}:u1", "north-atlantic-1949", "--corpus", str(f.corpus)],
        ["north-atlantic-1949:5", TREATY_ID, "--corpus", str(f.corpus)],
    ],
}

# Calls that must refuse the hostile treaty in one line (exit 2): the Akoma Ntoso
# export, since XML 1.0 cannot carry its C0 controls (the YAML export carries them).
REFUSED = {("export", 1)}


def formats(command: click.Command) -> list[str | None]:
    """The command's ``--format`` choices, or [None] when it has one output form."""
    for param in command.params:
        if param.name == "fmt" and isinstance(param.type, click.Choice):
            return list(param.type.choices)
    return [None]


def file_options(command: click.Command) -> list[str]:
    """The options that write the command's results to files (``-o``, ``--junit``)."""
    names = {p.name for p in command.params}
    return [opt for name, opt in (("output", "-o"), ("junit", "--junit")) if name in names]


def cases() -> list[tuple[str, str | None, str]]:
    out = []
    for name, command in sorted(cli.commands.items()):
        for fmt in formats(command):
            out.append((name, fmt, "pipe"))
            if file_options(command):
                out.append((name, fmt, "file"))
            if fmt in (None, "table", "text"):
                out.append((name, fmt, "colour"))
    return out


def test_every_command_has_hostile_arguments() -> None:
    missing = sorted(set(cli.commands) - set(ARGS))
    assert not missing, f"add {missing} to ARGS in tests/test_hostile_matrix.py"


def check_output(
    text: str, fmt: str | None, *, colour: bool, where: str, terminal: bool = False
) -> None:
    assert "Traceback" not in text, where
    raw = raw_characters(text, colour=colour, terminal=terminal)
    assert not raw, f"{where}: raw {sorted(set(raw))!r}"
    assert CONCEAL not in text, f"{where}: an escape sequence from a file reached the output"
    assert not formula_cells(text, fmt), f"{where}: {formula_cells(text, fmt)[:3]}"
    if fmt in ("markdown", "html"):
        assert not LIVE_HTML.search(text), where
    if fmt == "html":
        assert "<img" not in text, where
    if fmt == "json" and text.strip():
        json.loads(text)


@pytest.mark.parametrize(("name", "fmt", "mode"), cases(), ids=lambda x: str(x))
def test_hostile_text_matrix(
    runner: CliRunner, tmp_path: Path, name: str, fmt: str | None, mode: str
) -> None:
    files = Files(tmp_path)
    command = cli.commands[name]
    for n, args in enumerate(ARGS[name](files)):
        argv = [name, *args, *(["-f", fmt] if fmt else [])]
        target = tmp_path / f"out-{name}-{fmt}-{n}"
        junit = tmp_path / f"junit-{name}-{fmt}-{n}.xml"
        if mode == "file":
            for option in file_options(command):
                argv += [option, str(junit if option == "--junit" else target)]
        colour = mode == "colour" and any(p.name == "color" for p in command.params)
        if colour:
            argv += ["--color", "always"]
        result = runner.invoke(cli, argv)
        where = " ".join(argv)
        assert result.exit_code in (0, 1, 2), (where, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        if (name, n) in REFUSED:
            assert result.exit_code == 2, (where, result.stdout)
            assert len(result.stderr.splitlines()) == 1, result.stderr
        elif name != "validate" or args != [str(files.broken)]:
            assert result.exit_code in (0, 1), (where, result.stderr)
        check_output(result.stdout, fmt, colour=colour, where=where)
        check_output(result.stderr, None, colour=False, where=where + " (stderr)")
        if mode == "file" and target.exists():
            check_output(target.read_text("utf-8"), fmt, colour=False, where=where + " (file)")
        if mode == "file" and junit.exists():
            from xml.etree import ElementTree as ET

            check_output(junit.read_text("utf-8"), None, colour=False, where=where + " (junit)")
            ET.fromstring(junit.read_bytes())
        if mode == "file" and "-o" in argv and result.exit_code in (0, 1):
            assert target.exists(), where


def read_pty(
    argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 60.0
) -> tuple[int, str]:
    """Run ``argv`` with a pseudo-terminal as stdin, stdout and stderr; its exit code and
    everything it wrote. ``cwd`` lies outside the checkout, so ``-m treatycmp`` runs the
    installed package, not the source tree."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    try:
        code = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - a hang is the failure we report
        proc.kill()
        code = -9
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("name", sorted(ARGS))
def test_hostile_text_on_a_pseudo_terminal(tmp_path: Path, name: str) -> None:
    """A real terminal: colour on, the terminal's width; still nothing raw gets out."""
    files = Files(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TREATYCMP_CORPUS")} | {
        "TERM": "xterm-256color",
        "PAGER": "cat",
        "COLUMNS": "120",
        "LINES": "40",
    }
    args = ARGS[name](files)[0]
    code, out = read_pty([sys.executable, "-m", "treatycmp", name, *args], env, tmp_path)
    assert code in (0, 1), out[-2000:]
    # Rich's colour codes and progress-bar controls are allowed on a terminal.
    check_output(out, None, colour=True, terminal=True, where=f"{name} on a pty")
