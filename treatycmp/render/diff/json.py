"""JSON output: a stable, versioned public interface (documented in docs/json.md)."""

from __future__ import annotations

from typing import Any

from treatycmp.analysis import Comparison, PairResult
from treatycmp.functional import FunctionalMatch
from treatycmp.model import Treaty
from treatycmp.profile import Evidence
from treatycmp.render.corpus import caveats
from treatycmp.render.tables import DECIMALS, SCHEMA_VERSION, json_document
from treatycmp.rules.findings import Finding

__all__ = ["DECIMALS", "SCHEMA_VERSION", "comparison_to_dict", "render_json"]


def _treaty(t: Treaty) -> dict[str, Any]:
    # The caveats the table and markdown print: a script must not take an unofficial
    # or partial text for the authentic whole one either.
    return {"id": t.id, "title": t.title, "signed": t.signed, "caveats": caveats(t)}


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
            "scope": c.options.scope,
            "functional": c.options.functional,
            "ignore_case": c.options.ignore_case,
            "ignore_punctuation": c.options.ignore_punctuation,
        },
        "summary": {
            "counts": dict(summary.counts),
            "similarity": round(summary.similarity, DECIMALS),
            "findings": {k: dict(v) for k, v in summary.findings.items()},
        },
        "warnings": list(c.warnings),
        "notes": [c.hint] if c.hint else [],
        "pairs": [_pair(p) for p in c.pairs],
    }


def _spans(findings: tuple[Finding, ...]) -> list[list[Any]]:
    return [[f.rule_id, f.start, f.end] for f in findings]


def _evidence(items: tuple[Evidence, ...]) -> list[list[Any]]:
    return [[e.obligation, e.cue, e.start, e.end] for e in items]


def _function(m: FunctionalMatch | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "reason": m.reason,
        "score": round(m.score, DECIMALS),
        "obligations": list(m.obligations),
        "triggers": list(m.triggers),
        "left_response": m.left_response,
        "right_response": m.right_response,
        "text_score": round(m.text_score, DECIMALS),
        "left_evidence": _evidence(m.left_evidence),
        "right_evidence": _evidence(m.right_evidence),
    }


def _pair(p: PairResult) -> dict[str, Any]:
    f = p.findings
    shift = f.modality_shift
    return {
        "kind": p.kind,
        "left": [cl.id for cl in p.left],
        "right": [cl.id for cl in p.right],
        "score": round(p.score, DECIMALS),
        "change": p.change,
        "note": p.note,
        "may_be_in_gap": p.may_be_in_gap,
        "ops": [[o.op, o.left, o.right] for o in p.ops],
        "findings": {
            "added": list(f.added),
            "removed": list(f.removed),
            "kept": list(f.kept),
            "unknown": list(f.unknown),
            "elsewhere": [
                {
                    "rule": e.rule_id,
                    "treaty": e.treaty,
                    "clauses": list(e.clauses),
                    "words": list(e.words),
                }
                for e in f.elsewhere
            ],
            "modality_shift": None
            if shift is None
            else {
                "from": list(shift.from_ids),
                "to": list(shift.to_ids),
                "direction": shift.direction,
            },
            "left_spans": _spans(f.left),
            "right_spans": _spans(f.right),
        },
        "function": _function(p.function),
    }


def render_json(c: Comparison) -> str:
    """The comparison as JSON text (schema: data/schema/diff.schema.json)."""
    data = comparison_to_dict(c)
    data.pop("schema_version")
    return json_document(data)
