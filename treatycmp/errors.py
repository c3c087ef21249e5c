"""The only exceptions the library raises: each knows its file, line, problem and fix.

The CLI turns them into one line, ``path:line: problem. Fix: hint``, and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treatycmp.escape import one_line

# How much of each part of a message is shown: enough for any real path or hint, and a
# value echoed from a 50 MB line of junk stays a few hundred characters.
PATH_LIMIT = 240
TEXT_LIMIT = 400


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located so the user can go straight to it."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """One line whatever the file held: control characters escaped, newlines as
        ``\\n`` (a value cannot forge a second ``FILE:LINE:`` line), long parts cut."""
        path = one_line(self.path, PATH_LIMIT, middle=True)
        message = one_line(self.message, TEXT_LIMIT).rstrip(".")
        where = f"{path}:{self.line}" if self.line else path
        text = f"{where}: {message}" if where else message
        if self.hint:
            text += f". Fix: {one_line(self.hint, TEXT_LIMIT)}"
        return text if text.endswith((".", "?", "!")) else text + "."


class TreatycmpError(Exception):
    """Base of every error the library raises on bad input (never on its own bugs)."""

    def __init__(self, problems: Sequence[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TreatyFileError(TreatycmpError):
    """A treaty, rule or expectations file is unreadable or invalid."""


class LookupProblem(TreatycmpError):
    """A treaty or clause name matches nothing, or more than one thing."""


class OutputError(TreatycmpError):
    """An output file cannot be written (exists without --force, or not writable)."""


class Terminated(BaseException):
    """SIGTERM arrived while the library was writing a file: the partial file is gone.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception``
    swallows it; the CLI boundary turns it into exit status 143 (128 + SIGTERM).
    """
