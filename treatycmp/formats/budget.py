"""The reading budget's one refusal, shared by every reader (``registry.ReadLimits``)."""

from __future__ import annotations

from treatycmp.errors import Problem, TreatyFileError


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
