"""The reading budget (``ReadLimits``) and its one refusal, shared by every reader.

Light on purpose: the CLI reads the defaults when it builds its options.
"""

from __future__ import annotations

from dataclasses import dataclass

from treatycmp.errors import Problem, TreatycmpError, TreatyFileError


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


#: Clauses one command works through before it refuses (``--max-clauses``,
#: ``$TREATYCMP_MAX_CLAUSES``; docs/robustness.md): rule matching, alignment and a rich
#: table cost about 1-3 ms a clause, linear but minutes for a 50 MB treaty.
MAX_CLAUSES = 10_000


def check_clauses(
    counts: list[tuple[str, int]], level: str, limit: int, work: str, fix: str
) -> None:
    """Refuse at once a command whose treaties (id and clause count at ``level``) hold more
    clauses together than ``limit``: one line naming ``--max-clauses``.

    Raises:
        TreatycmpError: over the budget.
    """
    total = sum(n for _, n in counts)
    if total <= limit:
        return
    held = " and ".join(f"{name} has {n:,}" for name, n in counts)
    raise TreatycmpError(
        Problem(
            "",
            None,
            f"{held} {level}s: {work} {total:,} clauses is more than the limit of {limit:,} "
            "(each clause costs a few milliseconds: minutes for a treaty of 100,000)",
            f"{fix}raise the limit with --max-clauses {total} (or $TREATYCMP_MAX_CLAUSES)",
        )
    )
