"""What every command shares: options, the corpus, and the one output pipeline (``View``)."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from treatycmp.cli.params import OutputPath
from treatycmp.errors import OutputError, Problem
from treatycmp.model import Level
from treatycmp.render.outputs import Content, Formats

if TYPE_CHECKING:
    from rich.console import Console

    from treatycmp.corpus import Corpus
    from treatycmp.render.console import ColorSystem

F = TypeVar("F", bound=Callable[..., Any])


class ExitStatus(IntEnum):
    """Exit codes, as ``diff`` and ``git diff --exit-code`` use them."""

    OK = 0
    DIFFERENCES = 1
    ERROR = 2
    INTERRUPTED = 130
    TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process SIGTERM ended


def say(message: str) -> None:
    """One line on stderr (a warning, a progress note): escaped, since it may quote a
    file name or a value from a file, and cut if something made it huge."""
    from treatycmp.escape import one_line

    click.echo(one_line(message, 2000), err=True)


def say_written(path: object, articles: int) -> None:
    """``wrote FILE (N articles)``, singular for one: what every import says per file."""
    say(f"wrote {path} ({articles} article{'' if articles == 1 else 's'})")


def corpus_option(f: F) -> F:
    """``--corpus DIR`` (repeatable): add the user's treaties to the bundled ones."""
    return click.option(
        "--corpus",
        "corpus_dirs",
        multiple=True,
        metavar="DIR",
        help="Folder (or file) of treaty YAML to add to the bundled corpus; repeatable. "
        "Also read from $TREATYCMP_CORPUS (paths separated by the OS path separator).",
    )(f)


def max_clauses_option(f: F) -> F:
    """``--max-clauses N`` (also $TREATYCMP_MAX_CLAUSES): the clause budget of a command
    whose work grows with every clause (``formats.budget.check_clauses``)."""
    from treatycmp.formats.budget import MAX_CLAUSES

    return click.option(
        "--max-clauses",
        type=click.IntRange(1),
        default=MAX_CLAUSES,
        show_default=True,
        envvar="TREATYCMP_MAX_CLAUSES",
        metavar="N",
        help="Refuse at once to work through a treaty of more clauses than this (time grows "
        "with each; also $TREATYCMP_MAX_CLAUSES).",
    )(f)


INPUTS_KEY = "treatycmp.inputs"


def register_inputs(*paths: str | Path | None) -> None:
    """Remember files this command reads, so ``-o`` can never overwrite one of them."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        from treatycmp.corpus import resolve_paths  # one realpath per folder (nearest on a corpus)

        ctx.meta.setdefault(INPUTS_KEY, set()).update(
            resolve_paths(p for p in paths if p is not None)
        )


def register_resolved(paths: Iterable[Path]) -> None:
    """``register_inputs`` of paths already resolved (``corpus.resolve_paths``)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta.setdefault(INPUTS_KEY, set()).update(paths)


def load_corpus(corpus_dirs: tuple[str, ...], besides: tuple[Path, ...] = ()) -> Corpus:
    """The bundled corpus plus $TREATYCMP_CORPUS plus ``--corpus`` folders (``besides``:
    files the command reads as something else, left out of a folder's walk)."""
    from treatycmp.cli.progress import progress
    from treatycmp.corpus import Corpus

    with progress("loading the corpus") as update:
        corpus = Corpus.load(corpus_dirs, progress=update, besides=besides)
    register_inputs(*(t.path for t in corpus.treaties))
    return corpus


def output_options(f: F) -> F:
    """``-o/--output FILE`` and ``--force``."""
    f = click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")(f)
    return click.option(
        "-o",
        "--output",
        type=OutputPath(dir_okay=False, path_type=Path),
        help="Write to FILE instead of standard output (atomically; never overwrites "
        "without --force).",
    )(f)


def write_output(
    text: str,
    output: Path | None,
    *,
    force: bool = False,
    inputs: Iterable[str | Path | None] = (),
    exact: bool = False,
) -> None:
    """Write ``text`` to ``output`` safely (``formats.writing``), or to stdout without one.

    Never overwrites a file the command read (``inputs``, and everything
    ``register_inputs`` saw), whatever ``force`` says. Unless ``exact`` (a treaty YAML
    file, whose dumper escapes what it must), the text first passes ``safe_output``:
    no raw control, bidi or invisible character leaves treatycmp.
    """
    if not exact:
        from treatycmp.escape import safe_output

        text = safe_output(text)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from treatycmp.formats.writing import resolve_target, write_file

    name = str(output)
    target = resolve_target(output).resolve()
    ctx = click.get_current_context(silent=True)
    protected: set[Path] = set(ctx.meta.get(INPUTS_KEY, ())) if ctx is not None else set()
    protected.update(Path(p).resolve() for p in inputs if p is not None)
    if target in protected:
        raise OutputError(
            Problem(name, None, "is one of this command's inputs", "write to another file")
        )
    write_file(text, output, force=force)


# --- the output pipeline ---------------------------------------------------------------

DEFAULT_WIDTH = 100
MIN_WIDTH = 40
MAX_WIDTH = 1000  # --width's bound; COLUMNS and the terminal are held to it too
Env = Mapping[str, str]


def choose_color(choice: str, *, is_tty: bool, to_file: bool, env: Env) -> bool:
    """Whether to write ANSI colour: never into a file; ``--color always/never`` first;
    then NO_COLOR (any value), FORCE_COLOR (any value but 0), TERM=dumb, a terminal."""
    if to_file or choice == "never":
        return False
    if choice == "always":
        return True
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_tty


def choose_width(option: int | None, *, is_tty: bool, to_file: bool, env: Env, columns: int) -> int:
    """``--width``; else ``COLUMNS``; else the terminal's width; else 100 (a pipe, a file)."""
    if option is not None:
        return max(option, MIN_WIDTH)
    raw = env.get("COLUMNS", "")
    if raw.isdigit() and int(raw) > 0 and not to_file:
        return min(max(int(raw), MIN_WIDTH), MAX_WIDTH)
    if is_tty and not to_file:
        return min(max(columns, MIN_WIDTH), MAX_WIDTH)
    return DEFAULT_WIDTH


def choose_pager(
    option: bool | None, *, is_tty: bool, to_file: bool, lines: int, rows: int
) -> bool:
    """Page on a terminal when the text is taller than it; ``--pager``/``--no-pager`` decide."""
    if to_file or not is_tty or option is False:
        return False
    return option is True or lines > rows


def pager_env(env: Env) -> dict[str, str]:
    """``LESS=FRX`` as git sets it (quit if one screen, keep colours, leave the text on
    screen after ``q``) unless the user chose their own LESS."""
    return {} if "LESS" in env else {"LESS": "FRX"}


@dataclass(frozen=True)
class View:
    """The one output pipeline: a command's format, destination, colour, width and pager.

    Commands hand it their result and their format registry (``show``), or a text
    or a renderable (``emit``); it decides colour (``choose_color``), width
    (``choose_width``) and paging (``choose_pager``) once, renders, and writes to
    standard output, a pager or a file (``treatycmp.formats.writing``).

    A command's formats are its entry in the one output registry
    (``treatycmp.render.outputs.OUTPUTS``); the first is the default::

        @click.command("thing")
        @view_options(OUTPUTS["thing"])
        def thing_cmd(..., view: View) -> int:
            return view.show(OUTPUTS["thing"], result)
    """

    fmt: str
    output: Path | None = None
    force: bool = False
    color_choice: str = "auto"
    width_option: int | None = None
    pager_option: bool | None = None
    env: Env = field(default_factory=lambda: dict(os.environ))
    stream: IO[str] | None = None

    @property
    def to_file(self) -> bool:
        return self.output is not None and str(self.output) != "-"

    @property
    def is_tty(self) -> bool:
        stream = self.stream if self.stream is not None else sys.stdout
        try:
            return bool(stream.isatty())
        except (AttributeError, ValueError):
            return False

    def _size(self) -> os.terminal_size:
        import shutil  # with zlib, bz2 and lzma: not for machine-readable output

        return shutil.get_terminal_size((DEFAULT_WIDTH, 24))

    @property
    def color(self) -> bool:
        return choose_color(
            self.color_choice, is_tty=self.is_tty, to_file=self.to_file, env=self.env
        )

    @property
    def width(self) -> int:
        return choose_width(
            self.width_option,
            is_tty=self.is_tty,
            to_file=self.to_file,
            env=self.env,
            columns=self._size().columns,
        )

    def plan(self, text: str) -> str:
        """Where ``text`` goes: ``file``, ``pager`` or ``stdout``."""
        if self.to_file:
            return "file"
        lines = text.count("\n")
        # Off a terminal no size is asked for: ``shutil`` (with zlib, bz2 and lzma) is
        # ~3 ms of a cold ``diff -f json`` (issue 22), and the pager is off anyway.
        rows = self._size().lines if self.is_tty else 0
        pager = choose_pager(
            self.pager_option, is_tty=self.is_tty, to_file=False, lines=lines, rows=rows
        )
        return "pager" if pager else "stdout"

    def console(self, file: IO[str] | None = None) -> Console:
        """A rich Console with this view's colour and width that treats text as data."""
        from treatycmp.render.console import make_console

        return make_console(
            file, width=self.width, color=self.color, color_system=_color_system(self.env)
        )

    def render(self, content: Content) -> str:
        """Text as is; a renderable (built by ``content(console)``) printed to text."""
        if isinstance(content, str):
            return content
        buffer = io.StringIO()
        console = self.console(buffer)
        renderable = content(console)
        # A Text marked no_wrap (one record per line, e.g. ``check``) is never wrapped.
        console.print(renderable, soft_wrap=bool(getattr(renderable, "no_wrap", False)))
        from treatycmp.render.tables import strip_trailing_spaces

        return strip_trailing_spaces(buffer.getvalue())

    def emit(self, content: Content) -> None:
        """Render ``content`` and write it where ``plan`` says.

        Whatever a renderer let through, ``safe_output`` spells out on the way: only
        rich's own colour codes leave as escape sequences.
        """
        from treatycmp.escape import safe_output

        text = safe_output(self.render(content), colour=self.color)
        where = self.plan(text)
        if where == "file":
            # ``text`` has passed safe_output above: not a second time over it (0.04 s
            # for the 3 MB of TPP's JSON diff); it leaves nothing for one.
            write_output(text, self.output, force=self.force, exact=True)
        elif where == "pager":
            old = {k: os.environ.get(k) for k in pager_env(self.env)}
            os.environ.update(pager_env(self.env))
            try:
                click.echo_via_pager(text, color=self.color)
            finally:
                for k, v in old.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
        else:
            # click.echo would strip the styles of --color always on a pipe.
            click.echo(text, nl=False, color=self.color, file=self.stream)

    def show(self, formats: Formats, result: object) -> ExitStatus:
        """Render ``result`` with the registry's renderer for this format and emit it."""
        self.emit(formats[self.fmt](result))
        return ExitStatus.OK

    def stderr_console(self) -> Console:
        """A Console on stderr (progress, warnings) under the same colour choice."""
        from treatycmp.render.console import make_console

        color = choose_color(
            self.color_choice, is_tty=sys.stderr.isatty(), to_file=False, env=self.env
        )
        return make_console(
            sys.stderr, color=color, color_system=_color_system(self.env), detect_terminal=True
        )


def _color_system(env: Env) -> ColorSystem:
    """The colour depth: truecolor or 256 when the terminal says so, else standard."""
    term = env.get("COLORTERM", "")
    if term in ("truecolor", "24bit"):
        return "truecolor"
    if "256" in env.get("TERM", ""):
        return "256"
    return "standard"


Command = Callable[..., Any]
FormatSpec = Sequence[str] | Formats


def view_options(
    formats: FormatSpec, *, pager: bool = True, width: bool = True
) -> Callable[[Command], Command]:
    """``-f/--format`` (the registry's first format is the default), ``-o``, ``--force``,
    ``--color``, ``--width`` and ``--pager``, handed to the command as one ``view: View``."""
    names = list(formats)

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def with_view(
            *args: Any,
            fmt: str,
            output: Path | None,
            force: bool,
            color: str,
            width: int | None = None,
            pager: bool | None = None,
            **kwargs: Any,
        ) -> Any:
            view = View(fmt, output, force, color, width, pager)
            return command(*args, view=view, **kwargs)

        options: list[Callable[[Command], Command]] = [
            format_option(names),
            output_options,
            color_option,
        ]
        if width:
            options.append(width_option)
        if pager:
            options.append(pager_option)
        decorated: Command = with_view
        for option in reversed(options):
            decorated = option(decorated)
        return decorated

    return decorate


def color_option(f: F) -> F:
    """``--color auto|always|never``."""
    return click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour: auto uses it on a terminal unless NO_COLOR is set or TERM=dumb "
        "(FORCE_COLOR forces it); files never get colour.",
    )(f)


def width_option(f: F) -> F:
    """``--width N``: the output width in columns."""
    return click.option(
        "--width",
        type=click.IntRange(MIN_WIDTH, MAX_WIDTH),
        default=None,
        help="Width in columns (default: $COLUMNS, else the terminal width, else 100).",
    )(f)


def format_option(choices: list[str]) -> Callable[[F], F]:
    """``-f/--format`` with these choices; the first is the default."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def pager_option(f: F) -> F:
    """``--pager/--no-pager``: page long output on a terminal (``LESS=FRX``, as git)."""
    return click.option(
        "--pager/--no-pager",
        default=None,
        help="Page output taller than the terminal (default: only on a terminal).",
    )(f)


# ``--level`` arrives as a ``Level``: commands take ``level: Level``.
LEVEL_CHOICE: click.Choice[Level] = click.Choice(("paragraph", "article"))


def level_option(default: Level, help: str) -> Callable[[F], F]:
    """``--level paragraph|article``: the unit a command works on."""
    return click.option(
        "--level",
        type=LEVEL_CHOICE,
        default=default,
        show_default=True,
        help=help,
    )
