"""The only exceptions the library raises: each knows its file, line, problem and fix.

The CLI turns them into one line, ``path:line: problem. Fix: hint``, and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located so the user can go straight to it."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message.rstrip('.')}" if where else self.message.rstrip(".")
        if self.hint:
            text += f". Fix: {self.hint}"
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
