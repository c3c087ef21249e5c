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


#: Clauses of one treaty a command works through before it refuses (``--max-clauses``,
#: ``$TREATYCMP_MAX_CLAUSES``; docs/robustness.md): rule matching, alignment and a rich
#: table cost about 1-3 ms a clause, linear but minutes for a 50 MB treaty. Counted per
#: treaty, so that two treaties of 10,000 paragraphs each are compared (alignment is
#: linear above its exhaustive sizes, docs/performance.md "Issue 22").
MAX_CLAUSES = 10_000


def check_clauses(
    counts: list[tuple[str, int]], level: str, limit: int, work: str, fix: str
) -> None:
    """Refuse at once a command one of whose treaties (id and clause count at ``level``)
    holds more clauses than ``limit``: one line naming ``--max-clauses``.

    Raises:
        TreatycmpError: a treaty over the budget.
    """
    over = [(name, n) for name, n in counts if n > limit]
    if not over:
        return
    most = max(n for _, n in over)
    held = " and ".join(f"{name} has {n:,}" for name, n in over)
    raise TreatycmpError(
        Problem(
            "",
            None,
            f"{held} {level}s, more than the limit of {limit:,} a treaty for {work} (each "
            "clause costs a few milliseconds: minutes for a treaty of 100,000)",
            f"{fix}raise the limit with --max-clauses {most} (or $TREATYCMP_MAX_CLAUSES)",
        )
    )
