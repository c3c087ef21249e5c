"""JSON output: a stable, versioned public interface (documented in docs/json.md)."""

from __future__ import annotations

import json
from typing import Any

from ..analysis import Comparison
from ..model import Treaty

SCHEMA_VERSION = 1
DECIMALS = 4


def _treaty(t: Treaty) -> dict[str, Any]:
    return {"id": t.id, "title": t.title, "signed": t.signed}


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The JSON document as plain data, keys in their documented order."""
    summary = c.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "left": _treaty(c.left),
        "right": _treaty(c.right),
        "options": {
            "level": c.options.level,
            "threshold": round(c.options.threshold, DECIMALS),
            "scorer": c.options.scorer,
        },
        "summary": {
            "counts": dict(summary.counts),
            "similarity": round(summary.similarity, DECIMALS),
        },
        "pairs": [
            {
                "kind": p.kind,
                "left": [cl.id for cl in p.left],
                "right": [cl.id for cl in p.right],
                "score": round(p.score, DECIMALS),
                "ops": [[o.op, o.left, o.right] for o in p.ops],
            }
            for p in c.pairs
        ],
    }


def render_json(c: Comparison) -> str:
    """The comparison as JSON text: UTF-8 as is, two-space indent, trailing newline."""
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2) + "\n"
