"""The ``treatycmp`` command: a click group over the library, one error boundary.

Every command parses its options, calls the library and hands the result to a
renderer. Library errors (``TreatycmpError``) are turned into one line per
problem on stderr and exit code 2 here, and only here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..errors import TreatycmpError
from .common import ExitStatus


class TreatycmpGroup(click.Group):
    """A group whose commands return their exit status, and whose bad-input errors
    become ``path:line: problem. Fix: ...`` with exit status 2."""

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


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point: run the CLI, map interrupts and broken pipes."""
    try:
        result = cli.main(args=argv, prog_name="treatycmp", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Interrupted.", err=True)
        return ExitStatus.INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return ExitStatus.ERROR if exc.exit_code in (1, 2) else exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error of ours.
        sys.stderr.close()
        return ExitStatus.OK
    return int(result) if isinstance(result, int) else ExitStatus.OK


from . import corpus_cmds, corpus_scale, diff_cmd, import_cmds, lineup_cmd, rules_cmds  # noqa: E402

for _module in (corpus_cmds, import_cmds, diff_cmd, rules_cmds, lineup_cmd, corpus_scale):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
