"""A pair's text as runs: stretches of one side with one change kind and at most one
marked finding, and how a text format spells them (``mark``, ``wdiff``).

Which words are deleted and which phrase is marked is decided here, once, for every
format of ``diff``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from treatycmp.align.pairs import JOINER
from treatycmp.analysis import PairResult
from treatycmp.escape import visible
from treatycmp.kinds import CATEGORY_RANK
from treatycmp.model import Clause
from treatycmp.rules.findings import Finding

Change = Literal["equal", "delete", "insert"]
Side = Literal["left", "right"]


@dataclass(frozen=True)
class Run:
    """A stretch of one side's text with one change kind and at most one finding.

    ``first``/``last`` say whether the run opens/closes its finding, so a finding
    that spans an unchanged and an inserted stretch is marked once. ``labels`` go
    right after the run: at the first space after a finding, never inside a word
    (Korean particles cling to the noun a rule matched: "무력침공을").
    """

    text: str
    change: Change
    finding: Finding | None = None
    first: bool = False
    last: bool = False
    labels: tuple[Finding, ...] = ()


# --- findings ----------------------------------------------------------------------


def shown_findings(findings: Sequence[Finding], shifted: bool) -> list[Finding]:
    """Non-overlapping findings to mark, higher categories first.

    Modality words ("shall") are marked only where the pair's modality shifted:
    marking every "shall" would drown the buffers.
    """
    rank = CATEGORY_RANK
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (rank.get(f.category, 99), f.start, -f.end)):
        if f.category == "modality" and not shifted:
            continue
        if f.end <= f.start or any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def finding_label(f: Finding) -> str:
    """``buffer: UN Charter Article 51``."""
    return f"{f.category}: {f.label}"


# --- runs --------------------------------------------------------------------------


def side_changes(pair: PairResult, side: Side) -> list[tuple[str, Change]]:
    """One side's text as (text, change) pieces, rebuilt from the word ops."""
    out: list[tuple[str, Change]] = []
    for op in pair.ops:
        text = op.left if side == "left" else op.right
        if not text:
            continue
        if op.op == "equal":
            out.append((text, "equal"))
        else:
            out.append((text, "delete" if side == "left" else "insert"))
    if not pair.ops:
        text = pair.left_text if side == "left" else pair.right_text
        if text:
            out.append((text, "equal"))
    return out


def side_runs(pair: PairResult, side: Side) -> list[Run]:
    """One side's runs: split where the change kind or the marked finding changes."""
    pieces = side_changes(pair, side)
    found = pair.findings
    shifted = found.modality_shift is not None
    findings = shown_findings(found.left if side == "left" else found.right, shifted)
    cuts = {0}
    pos = 0
    for text, _ in pieces:
        pos += len(text)
        cuts.add(pos)
    total = pos
    full = "".join(t for t, _ in pieces)
    label_at: dict[int, list[Finding]] = {}
    for f in findings:
        cuts.update((min(f.start, total), min(f.end, total)))
        end = min(f.end, total)
        # Defer the label to the end of the word only when the word goes on.
        space = re.search(r"[^\w]", full[end:]) if end < total and full[end].isalnum() else None
        at = (
            end
            if end == total or not full[end].isalnum()
            else end + (space.start() if space else total - end)
        )
        label_at.setdefault(at, []).append(f)
        cuts.add(at)
    bounds = sorted(cuts)
    changes: list[Change] = []
    for text, change in pieces:
        changes.extend([change] * len(text))
    runs: list[Run] = []
    for a, b in pairwise(bounds):
        if a >= b:
            continue
        finding = next((f for f in findings if f.start <= a and b <= f.end), None)
        runs.append(
            Run(
                full[a:b],
                changes[a],
                finding,
                finding is not None and a == finding.start,
                finding is not None and b == min(finding.end, total),
                tuple(label_at.get(b, ())),
            )
        )
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.change == r.change
            and prev.finding is None
            and r.finding is None
            and not prev.labels
        ):
            out[-1] = Run(prev.text + r.text, r.change, labels=r.labels)
        else:
            out.append(r)
    return out


def _take(runs: list[Run], n: int) -> list[Run]:
    """The first ``n`` characters of ``runs`` (removed from the list), cut where needed."""
    out: list[Run] = []
    while n > 0 and runs:
        r = runs[0]
        if len(r.text) <= n:
            out.append(runs.pop(0))
            n -= len(r.text)
            continue
        out.append(Run(r.text[:n], r.change, r.finding, r.first, False, ()))
        runs[0] = Run(r.text[n:], r.change, r.finding, False, r.last, r.labels)
        n = 0
    return out


def inline_runs(pair: PairResult) -> list[Run]:
    """Both sides in one text, as ``git diff --word-diff``: unchanged words once (with
    the right side's findings), deleted words from the left, inserted from the right."""
    left = side_runs(pair, "left")
    right = side_runs(pair, "right")
    if not pair.ops:
        return right or left
    out: list[Run] = []
    for op in pair.ops:
        if op.op == "equal":
            _take(left, len(op.left))
            out.extend(_take(right, len(op.right)))
            continue
        out.extend(_take(left, len(op.left)))
        out.extend(_take(right, len(op.right)))
    return out + left + right


def split_clauses(runs: Sequence[Run], clauses: Sequence[Clause]) -> list[list[Run]]:
    """Runs of a joined side cut back into one list per clause (at ``JOINER``)."""
    ends: list[int] = []
    pos = 0
    for c in clauses:
        ends.append(pos + len(c.text))
        pos += len(c.text) + len(JOINER)
    out: list[list[Run]] = [[] for _ in clauses]
    pos = 0
    for r in runs:
        start = pos
        pos += len(r.text)
        for k, c in enumerate(clauses):
            lo, hi = ends[k] - len(c.text), ends[k]
            a, b = max(start, lo), min(pos, hi)
            if a < b:
                piece = r.text[a - start : b - start]
                out[k].append(
                    Run(
                        piece,
                        r.change,
                        r.finding,
                        r.first and a == start,
                        r.last and b == pos,
                        r.labels if b == pos else (),
                    )
                )
    return out


def mark(
    runs: Iterable[Run],
    *,
    escape: Callable[[str], str],
    wrap: Callable[[Change, str], str],
    finding: Callable[[Run, str], str],
    label: Callable[[Finding], str],
) -> str:
    """Spell runs in a text format: one delimited group per change, labels after findings.

    White space stays outside delimiters (markdown needs it there, and wdiff-style
    marks read better). A group closes before a label so the label sits outside
    the deletion or insertion.
    """
    out: list[str] = []
    group: list[str] = []
    group_change: Change = "equal"

    def flush() -> None:
        nonlocal group
        text = "".join(group)
        group = []
        if not text:
            return
        if group_change == "equal":
            out.append(text)
            return
        core = text.strip()
        if not core:
            out.append(text)
            return
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(lead + wrap(group_change, core) + trail)

    for r in runs:
        if r.change != group_change:
            flush()
            group_change = r.change
        piece = escape(r.text)
        if r.finding is not None:
            core = piece.strip()
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            piece = lead + finding(r, core) + trail if core else piece
        group.append(piece)
        if r.labels:
            flush()
            out.extend(" " + label(f) for f in r.labels)
    flush()
    return "".join(out)


def wdiff(runs: Iterable[Run]) -> str:
    """Plain text that keeps every change visible: ``[-deleted-]{+inserted+}``, «buffer»."""
    return mark(
        runs,
        escape=visible,
        wrap=lambda ch, t: f"[-{t}-]" if ch == "delete" else f"{{+{t}+}}",
        finding=guillemets,
        label=lambda f: f"⟨{finding_label(f)}⟩",
    )


def guillemets(run: Run, text: str) -> str:
    """« before a finding's first run, » after its last."""
    return ("«" if run.first else "") + text + ("»" if run.last else "")
