"""Word-level diff inside a pair of clauses, tuned to be read, not to be minimal.

Texts are split with ``text.tokenize`` (words, white space, single punctuation
marks) and tokens compared by ``text.token_key`` (case, quotes and restoration
brackets ignored). ``difflib.SequenceMatcher(autojunk=False)`` gives the raw
opcodes; a semantic clean-up then dissolves short equal islands between edits
(the rule of diff-match-patch's ``cleanupSemantic``), so a stray shared "the" or
"of" does not chop a rewritten phrase into fragments. docs/alignment.md shows
why, with corpus examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz.distance import Indel

from .text import token_key, tokenize

OpKind = Literal["equal", "insert", "delete", "replace"]
Engine = Literal["difflib", "rapidfuzz"]


@dataclass(frozen=True)
class WordOp:
    """One span of a diff: the left and right text it covers, exactly as written.

    ``equal`` spans may still differ in case, quote style or restoration brackets,
    which comparison ignores; both sides are kept so either text can be rebuilt.
    """

    op: OpKind
    left: str
    right: str


# A lone word this short ("the", "of", "its") between two edits is absorbed by them.
SHORT_WORD = 3

# A span being built: left tokens, right tokens, and whether it is an equality.
_Seg = tuple[bool, list[str], list[str]]


def _raw(lt: list[str], rt: list[str], engine: Engine) -> list[_Seg]:
    lk = [token_key(t) for t in lt]
    rk = [token_key(t) for t in rt]
    codes: list[tuple[str, int, int, int, int]]
    if engine == "difflib":
        codes = list(SequenceMatcher(None, lk, rk, autojunk=False).get_opcodes())
    else:
        codes = [
            (o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(lk, rk)
        ]
    segs: list[_Seg] = []
    for tag, a1, a2, b1, b2 in codes:
        if a1 == a2 and b1 == b2:
            continue
        eq = tag == "equal"
        if segs and not eq and not segs[-1][0]:
            segs[-1][1].extend(lt[a1:a2])
            segs[-1][2].extend(rt[b1:b2])
        else:
            segs.append((eq, list(lt[a1:a2]), list(rt[b1:b2])))
    return segs


def _weight(tokens: Sequence[str]) -> int:
    """Characters that carry words; white space and punctuation weigh nothing."""
    return sum(len(t) for t in tokens if any(c.isalnum() for c in t))


def _cleanup(segs: list[_Seg]) -> list[_Seg]:
    """Dissolve an equality no longer than the edits on each side of it, or a lone short word."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(segs) - 1):
            eq, lt, _ = segs[k]
            before, after = segs[k - 1], segs[k + 1]
            if not eq or before[0] or after[0]:
                continue
            w = _weight(lt)
            small = sum(1 for t in lt if any(c.isalnum() for c in t)) <= 1 and w <= SHORT_WORD
            if small or (
                w <= max(_weight(before[1]), _weight(before[2]))
                and w <= max(_weight(after[1]), _weight(after[2]))
            ):
                merged: _Seg = (
                    False,
                    before[1] + segs[k][1] + after[1],
                    before[2] + segs[k][2] + after[2],
                )
                segs[k - 1 : k + 2] = [merged]
                changed = True
                break
    return segs


def diff_words(
    left: str, right: str, *, engine: Engine = "difflib", cleanup: bool = True
) -> tuple[WordOp, ...]:
    """Spans that turn ``left`` into ``right`` word by word.

    ``"".join(o.left for o in ops) == left`` and likewise for ``right``, white
    space and punctuation included.

    >>> [(o.op, o.left, o.right) for o in diff_words("the Parties agree", "the parties decide")]
    [('equal', 'the Parties ', 'the parties '), ('replace', 'agree', 'decide')]

    Args:
        left: the left text.
        right: the right text.
        engine: ``difflib`` (default) or ``rapidfuzz`` (Indel opcodes) for raw opcodes.
        cleanup: dissolve short equal islands between edits (on by default).

    Returns:
        The spans in text order; consecutive spans never have the same ``op``.
    """
    segs = _raw(tokenize(left), tokenize(right), engine)
    if cleanup:
        segs = _cleanup(segs)
    ops: list[WordOp] = []
    for eq, lt, rt in segs:
        ltext, rtext = "".join(lt), "".join(rt)
        op: OpKind
        if eq:
            op = "equal"
        elif ltext and rtext:
            op = "replace"
        elif ltext:
            op = "delete"
        else:
            op = "insert"
        ops.append(WordOp(op, ltext, rtext))
    return tuple(ops)
