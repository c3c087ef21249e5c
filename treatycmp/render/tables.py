"""What every machine-readable and plain-text output shares: JSON documents, CSV/TSV
tables, NDJSON streams, and lines without trailing spaces.

A command that shows a table gives its rows once (``Table``); ``csv_text`` and
``tsv_text`` write them, so adding CSV and TSV to a command is one line in its
format registry (``table_formats``).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from treatycmp.escape import csv_field
from treatycmp.render.json_indent import dumps_indented

SCHEMA_VERSION = 1
DECIMALS = 4


def json_document(data: dict[str, Any]) -> str:
    """One JSON document: ``schema_version`` first, UTF-8 as is, two-space indent, newline."""
    body = {"schema_version": SCHEMA_VERSION, **data}
    return dumps_indented(body) + "\n"


def ndjson(records: Iterable[dict[str, Any]]) -> str:
    """Newline-delimited JSON: one compact record per line, each with ``schema_version``."""
    return "".join(
        json.dumps({"schema_version": SCHEMA_VERSION, **r}, ensure_ascii=False) + "\n"
        for r in records
    )


Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Table:
    """A header and rows of plain values: what CSV and TSV are written from."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.{DECIMALS}f}"
    if isinstance(value, int):  # a number, not a formula: -3 stays -3
        return str(value)
    return csv_field(value)


def _write(table: Table, dialect: str) -> str:
    import csv  # only CSV/TSV output needs it (start-up)

    out = io.StringIO()
    writer = csv.writer(out, dialect=dialect, lineterminator="\n")
    writer.writerow([_cell(h) for h in table.header])
    for row in table.rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def csv_text(table: Table) -> str:
    """RFC 4180 CSV (fields quoted when they hold a comma, quote or line break)."""
    return _write(table, "excel")


def tsv_text(table: Table) -> str:
    """Tab-separated values, quoted as Python's ``excel-tab`` dialect reads them."""
    return _write(table, "excel-tab")


def table_formats(rows: Callable[[Any], Table]) -> dict[str, Callable[[Any], str]]:
    """``csv`` and ``tsv`` renderers for a command's format registry."""
    return {"csv": lambda r: csv_text(rows(r)), "tsv": lambda r: tsv_text(rows(r))}


_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def strip_trailing_spaces(text: str) -> str:
    """Remove the spaces rich pads lines with (also before a closing colour code)."""
    return _TRAILING.sub(r"\1", text)


def joined(values: Sequence[str], sep: str = "; ") -> str:
    """A list in one CSV cell."""
    return sep.join(values)
