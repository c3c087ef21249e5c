"""What every command shares: options, the corpus, consoles and safe file output."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import OutputError, Problem

if TYPE_CHECKING:
    from ..corpus import Corpus

F = TypeVar("F", bound=Callable[..., Any])


class ExitStatus(IntEnum):
    """Exit codes, as ``diff`` and ``git diff --exit-code`` use them."""

    OK = 0
    DIFFERENCES = 1
    ERROR = 2
    INTERRUPTED = 130


def say(message: str) -> None:
    """One line on stderr (a warning, a progress note): escaped, since it may quote a
    file name or a value from a file, and cut if something made it huge."""
    from ..render.escape import one_line

    click.echo(one_line(message, 2000), err=True)


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


INPUTS_KEY = "treatycmp.inputs"


def register_inputs(*paths: str | Path | None) -> None:
    """Remember files this command reads, so ``-o`` can never overwrite one of them."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta.setdefault(INPUTS_KEY, set()).update(
            Path(p).resolve() for p in paths if p is not None
        )


def load_corpus(corpus_dirs: tuple[str, ...]) -> Corpus:
    """The bundled corpus plus $TREATYCMP_CORPUS plus ``--corpus`` folders."""
    from ..corpus import Corpus

    corpus = Corpus.load(corpus_dirs)
    register_inputs(*(t.path for t in corpus.treaties))
    return corpus


def output_options(f: F) -> F:
    """``-o/--output FILE`` and ``--force``."""
    f = click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")(f)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
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
    """Write ``text`` to ``output`` atomically, or to stdout when there is no file.

    Never overwrites without ``force``, never overwrites a file the command read
    (``inputs``, and everything ``register_inputs`` saw), and writes into special
    files (``/dev/null``, a pipe) in place instead of replacing them. Unless ``exact``
    (a treaty YAML file, whose dumper escapes what it must), the text first passes
    ``safe_output``: no raw control, bidi or invisible character leaves treatycmp.
    """
    if not exact:
        from ..render.escape import safe_output

        text = safe_output(text)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    name = str(output)
    if output.is_dir():
        raise OutputError(Problem(name, None, "is a folder", "give a file name"))
    target = output.resolve()
    ctx = click.get_current_context(silent=True)
    protected: set[Path] = set(ctx.meta.get(INPUTS_KEY, ())) if ctx is not None else set()
    protected.update(Path(p).resolve() for p in inputs if p is not None)
    if target in protected:
        raise OutputError(
            Problem(name, None, "is one of this command's inputs", "write to another file")
        )
    if output.exists() and not output.is_file():
        _write_in_place(text, output)
        return
    if output.exists() and not force:
        raise OutputError(
            Problem(
                name, None, "already exists", "pass --force to overwrite it, or choose another name"
            )
        )
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            Problem(name, None, "its folder does not exist", "create the folder first")
        )
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            Problem(
                name, None, f"cannot be written ({exc.strerror})", "check the folder's permissions"
            )
        ) from exc


def _write_in_place(text: str, output: Path) -> None:
    """Write into a device or a pipe, which must not be replaced by a regular file."""
    try:
        with output.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(
            Problem(
                str(output), None, f"cannot be written ({exc.strerror})", "choose another output"
            )
        ) from exc


def make_console(color: str = "auto", width: int | None = None, *, stderr: bool = False) -> Any:
    """A rich Console that treats treaty text as data: no markup, highlighting or emoji.

    A terminal changes colour, never content: without a terminal the width is 100
    unless ``--width`` says otherwise.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    no_color = color == "never" or (color == "auto" and bool(os.environ.get("NO_COLOR")))
    is_tty = stream.isatty()
    return Console(
        file=stream,
        markup=False,
        highlight=False,
        emoji=False,
        width=width or (None if is_tty else 100),
        no_color=no_color,
        force_terminal=True if color == "always" else None,
        color_system=None if no_color else "auto",
        legacy_windows=False,
    )


def color_option(f: F) -> F:
    """``--color auto|always|never``: auto honours NO_COLOR and a non-terminal output."""
    return click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour: auto uses it on a terminal unless NO_COLOR is set.",
    )(f)


def width_option(f: F) -> F:
    """``--width N``: the output width in columns (default: the terminal's, or 100)."""
    return click.option(
        "--width",
        type=click.IntRange(40, 1000),
        default=None,
        help="Width in columns (default: the terminal width; 100 when not a terminal).",
    )(f)


def is_plain(console: Any) -> bool:
    """Whether changes must be marked in the text because colour will not show."""
    return bool(console.no_color or not console.is_terminal or console.color_system is None)


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


@dataclass(frozen=True)
class View:
    """Where and how a command's result goes: format, file, force, colour, width.

    One value instead of five parameters repeated by every command that shows a result.
    """

    fmt: str
    output: Path | None
    force: bool
    color: str
    width: int | None

    def emit(self, text_or_view: str | Callable[[Any], Any]) -> None:
        """Write text as is; or build a rich renderable for a console and print it.

        A renderable written to a file (``-o``) is rendered without colour at
        ``--width`` (default 100), so files never hold escape codes.
        """
        if isinstance(text_or_view, str):
            write_output(text_or_view, self.output, force=self.force)
            return
        if self.output is None:
            from ..render.escape import safe_output

            console = make_console(self.color, self.width)
            with console.capture() as captured:
                console.print(text_or_view(console))
            click.echo(safe_output(captured.get(), colour=True), nl=False, color=True)
            return
        import io

        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width or 100,
            color_system=None,
            markup=False,
            highlight=False,
            emoji=False,
        )
        console.print(text_or_view(console))
        write_output(buffer.getvalue(), self.output, force=self.force)


Command = Callable[..., Any]


def view_options(formats: list[str]) -> Callable[[Command], Command]:
    """``-f/--format`` (the first choice is the default), ``-o``, ``--force``, ``--color``
    and ``--width``, handed to the command as one ``view: View`` argument."""

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def with_view(
            *args: Any,
            fmt: str,
            output: Path | None,
            force: bool,
            color: str,
            width: int | None,
            **kwargs: Any,
        ) -> Any:
            return command(*args, view=View(fmt, output, force, color, width), **kwargs)

        options = (format_option(formats), output_options, color_option, width_option)
        decorated: Command = with_view
        for option in reversed(options):
            decorated = option(decorated)
        return decorated

    return decorate


def level_option(default: str, help: str) -> Callable[[F], F]:
    """``--level paragraph|article``: the unit a command works on."""
    return click.option(
        "--level",
        type=click.Choice(["paragraph", "article"]),
        default=default,
        show_default=True,
        help=help,
    )
