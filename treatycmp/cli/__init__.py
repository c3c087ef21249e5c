"""The ``treatycmp`` command: a click group over the library, one error boundary.

Every command parses its options, calls the library and hands the result to a
renderer. Library errors (``TreatycmpError``) are turned into one line per
problem on stderr and exit code 2 here, and only here.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import Any

import click

from treatycmp.cli.common import ExitStatus
from treatycmp.errors import Problem, Terminated, TreatycmpError
from treatycmp.escape import one_line


class TreatycmpGroup(click.Group):
    """A group whose commands' bad-input errors become ``path:line: problem. Fix: ...``.

    Every way in (the console script, ``python -m``, ``CliRunner``) goes through
    ``run`` below, so usage errors, interrupts and library errors are reported the
    same way: one line each on stderr, escaped, and an exit code from ``ExitStatus``.
    Commands return their exit status.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # A bare group (``treatycmp``) prints its usage screen on stderr and exits 2,
        # as click >= 8.2 does, whatever click is installed: never a one-line error.
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), err=True, color=ctx.color)
            ctx.exit(ExitStatus.ERROR)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            status = super().invoke(ctx)
        except TreatycmpError as exc:
            for problem in exc.problems:
                click.echo(f"treatycmp: error: {problem}", err=True)
            ctx.exit(ExitStatus.ERROR)
        # Every command returns its exit status; this is the one place it becomes one.
        if isinstance(status, int) and status:
            ctx.exit(int(status))
        return status

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        def call() -> Any:
            return super(TreatycmpGroup, self).main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )

        if not standalone_mode:
            return call()
        sys.exit(run(call))


@click.group(cls=TreatycmpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="treatycmp")
def cli() -> None:
    """Compare treaties clause by clause.

    \b
    Examples:
      treatycmp list
      treatycmp show dprk-russia-2024 --article 4
      treatycmp diff ussr-dprk-1961@meduza dprk-russia-2024@meduza
    """
    from treatycmp.formats.inputs import max_input_bytes

    max_input_bytes()  # $TREATYCMP_MAX_INPUT_MB checked once, before any file is read


def _forgiving_streams() -> None:
    """Never crash on a character the output encoding cannot hold (an undecodable byte
    of a file name, or any non-ASCII text under an ASCII locale): write an escape."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


OS_HINT = "check the path: the operating system refused it"


def usage_line(exc: click.ClickException) -> str:
    """A click error as one escaped line with a fix, instead of click's usage block."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "treatycmp"
    message = one_line(exc.format_message(), 400).rstrip(".")
    stop = "" if message.endswith(("?", "!")) else "."  # 'Did you mean 'diff'?.' read oddly
    return f"{command}: error: {message}{stop} Fix: see '{command} --help'."


def run(call: Callable[[], Any]) -> int:
    """Run the CLI; map interrupts, usage errors and broken pipes to an exit code."""
    _forgiving_streams()
    try:
        result = call()
    except click.exceptions.Abort:
        click.echo("Interrupted.", err=True)
        return ExitStatus.INTERRUPTED
    except click.ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a plain click group (click >= 8.2)
            exc.show()
            return ExitStatus.ERROR
        click.echo(usage_line(exc), err=True)
        return ExitStatus.ERROR if exc.exit_code in (1, 2) else exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return ExitStatus.INTERRUPTED
    except Terminated:
        return ExitStatus.TERMINATED
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error of ours.
        sys.stderr.close()
        return ExitStatus.OK
    except OSError as exc:
        # A file the operating system refuses (a name too long, a path through a file):
        # bad input about a named file, reported like any other; anything else is a bug.
        if exc.filename is None:
            raise
        name = os.fsdecode(exc.filename)
        reason = exc.strerror or str(exc)
        click.echo(f"treatycmp: error: {Problem(name, None, reason, OS_HINT)}", err=True)
        return ExitStatus.ERROR
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else ExitStatus.ERROR)
    return int(result) if isinstance(result, int) else ExitStatus.OK


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point: run the CLI, map interrupts and broken pipes."""
    with short_lived_gc():
        return run(lambda: cli.main(args=argv, prog_name="treatycmp", standalone_mode=False))


# The cyclic collector's first threshold for a command's process (Python's is 700).
GC_FIRST_THRESHOLD = 50_000


@contextlib.contextmanager
def short_lived_gc() -> Iterator[None]:
    """Tune the cyclic garbage collector for one command's run (issue 22).

    A command builds hundreds of thousands of dicts, tuples and counters and keeps most
    of them to its end; at Python's default threshold the collector walked them about
    270 times in the TPP diff (~0.14 s CPU, 3 %) and freed next to nothing. The objects
    of the imports are frozen out of its walks, and it runs every 50,000 allocations:
    cycles are still collected (peak memory of the TPP diff unchanged), nothing else
    changes. Only the entry point uses this, and the settings are restored after the
    run: a caller in the same process (a test, a library user) keeps its own. A caller
    that froze objects itself keeps them frozen: nothing is frozen for the run then, as
    ``gc.unfreeze`` would thaw the caller's objects with the run's."""
    import gc

    before = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(GC_FIRST_THRESHOLD, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


# Which module defines each command: imported when the command is asked for, so a
# run imports its own command's module only (``treatycmp diff`` none of the other five;
# tests/test_startup.py). tests/test_cli_interface.py holds this to the modules' COMMANDS.
COMMAND_MODULES = {
    "list": "corpus_cmds",
    "show": "corpus_cmds",
    "validate": "corpus_cmds",
    "import": "import_cmds",
    "export": "import_cmds",
    "diff": "diff_cmd",
    "report": "diff_cmd",
    "buffers": "rules_cmds",
    "profile": "rules_cmds",
    "grep": "rules_cmds",
    "lineup": "lineup_cmd",
    "matrix": "corpus_scale",
    "nearest": "corpus_scale",
    "check": "corpus_scale",
}


class _LazyCommands(MutableMapping[str, click.Command]):
    """``cli.commands``: every command's name at once, its module imported on first use."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            import importlib

            module = importlib.import_module(f"treatycmp.cli.{self._modules[name]}")
            for command in module.COMMANDS:
                self._loaded.setdefault(command.name, command)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command
        self._modules.setdefault(name, "")

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        del self._modules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


cli.commands = _LazyCommands(COMMAND_MODULES)
