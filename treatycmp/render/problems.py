"""Renderers for ``validate``: every problem found in treaty files, as lines, JSON or CSV."""

from __future__ import annotations

from dataclasses import dataclass

from treatycmp.errors import Problem
from treatycmp.render.columns import VALIDATE, table
from treatycmp.render.tables import Table, json_document


@dataclass(frozen=True)
class Validation:
    """What ``validate`` found: how many files, how many invalid, errors and warnings."""

    files: int
    invalid: int
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()

    def records(self) -> list[dict[str, str | int | None]]:
        """Errors in file order, then warnings: one plain record per problem."""
        return [
            {
                "severity": severity,
                "file": p.path,
                "line": p.line,
                "problem": p.message,
                "fix": p.hint,
            }
            for severity, problems in (("error", self.errors), ("warning", self.warnings))
            for p in problems
        ]


def validate_text(v: Validation) -> str:
    """One ``path:line: problem. Fix: ...`` line per error (warnings go to stderr)."""
    return "".join(f"{p}\n" for p in v.errors)


def validate_json(v: Validation) -> str:
    """``validate -f json`` (schema: data/schema/validate.schema.json)."""
    return json_document({"files": v.files, "invalid": v.invalid, "problems": v.records()})


def validate_rows(v: Validation) -> Table:
    """``validate -f csv/tsv``: one row per problem, columns ``render.columns.VALIDATE``."""
    return table(VALIDATE, [tuple(r.values()) for r in v.records()])


def summary_line(v: Validation) -> str:
    """The last line on stderr: how many problems in how many files."""
    if v.errors:
        return f"{len(v.errors)} problem(s) in {v.invalid} of {v.files} file(s)."
    return f"{v.files} file(s) valid."
