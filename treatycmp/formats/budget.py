"""The reading budget (``ReadLimits``) and its one refusal, shared by every reader.

Light on purpose: the CLI reads the defaults when it builds its options.
"""

from __future__ import annotations

from dataclasses import dataclass

from treatycmp.errors import Problem, TreatyFileError


@dataclass(frozen=True)
class ReadLimits:
    """How much of a document an import reads before refusing it (``--max-pages``,
    ``--max-paragraphs``, ``--max-articles``): every reader is linear below its budget,
    so a document inside the limits finishes, and one beyond is refused at once."""

    pages: int = 3_000
    paragraphs: int = 200_000
    articles: int = 30_000


def over_budget(name: str, line: int | None, what: str, limit: int) -> TreatyFileError:
    """The refusal of a document with more ``what`` (pages, paragraphs, articles) than
    an import reads by default, naming the option that raises the budget."""
    return TreatyFileError(
        Problem(
            name,
            line,
            f"holds more than {limit:,} {what} (the import budget)",
            f"raise it with --max-{what} N if the document is meant to be that long",
        )
    )
