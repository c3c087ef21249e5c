"""Word-level diff inside a pair of clauses, tuned to be read, not to be minimal.

Texts are split with ``text.tokenize`` (words, white space, single punctuation
marks) and tokens compared by ``text.token_key`` (case, quotes and restoration
brackets ignored; ``mark_case`` then marks the words that differ in case, as the pair's
kind does unless ``diff -i`` folds case). ``difflib.SequenceMatcher(autojunk=False)`` gives the raw
opcodes; a semantic clean-up then dissolves short equal islands between edits
(the rule of diff-match-patch's ``cleanupSemantic``), so a stray shared "the" or
"of" does not chop a rewritten phrase into fragments. docs/alignment.md shows
why, with corpus examples.

SequenceMatcher is quadratic in the worst case (every space matches every space),
so pairs above ``DIFFLIB_CELLS`` (about 550 words a side) are first cut at tokens
found once on each side (patience diff); small gaps between those anchors still go
to SequenceMatcher, large gaps without anchors to rapidfuzz's Levenshtein opcodes.
Whole chapters (40,000 words) take about a second instead of minutes. Keys are
interned as ints, and SequenceMatcher's longest-match search runs in numpy over
ranges of ``NUMPY_CELLS`` or more (``_Matcher``: the same opcodes, half the time
of the word diffs on TPP vs EU - Ukraine).
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from typing import TYPE_CHECKING, Literal

from rapidfuzz.distance import Indel, Levenshtein

from treatycmp.align.work import count
from treatycmp.text import token_key, tokenize

if TYPE_CHECKING:
    from treatycmp.arrays import Int32Array

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

# Up to this many token cells (left tokens x right tokens, about 550 words a side) the
# whole pair goes to ``SequenceMatcher``, whose longest-block-first opcodes read best
# but cost up to one dictionary probe per pair of equal tokens (every space matches
# every space). Beyond it, ``_blocks`` anchors on unique shared tokens.
DIFFLIB_CELLS = 1_500_000
# Between anchors, a gap this small (about 100 words a side) still goes to SequenceMatcher.
GAP_CELLS = 40_000
# Anchoring recurses into gaps; past this depth a gap goes straight to Levenshtein.
MAX_DEPTH = 40

# A longest-match search over at least this many cells runs in numpy (``_Matcher``);
# without numpy loaded yet, from ``NUMPY_CELLS_COLD`` on (importing it costs ~0.1 s).
NUMPY_CELLS = 2_000
NUMPY_CELLS_COLD = 400_000

# A span being built: left tokens, right tokens, and whether it is an equality.
_Seg = tuple[bool, list[str], list[str]]
# A matching block: left start, right start, length (as difflib's ``Match``).
_Block = tuple[int, int, int]
_Code = tuple[str, int, int, int, int]


def _unique_pairs(a: list[int], b: list[int], alo: int, ahi: int, blo: int, bhi: int) -> list[int]:
    """Patience anchors: positions of keys seen once on each side, longest run kept in order.

    Returns a flat list ``[i0, j0, i1, j1, ...]`` increasing on both sides.
    """
    once_a: dict[int, int] = {}
    for i in range(alo, ahi):
        once_a[a[i]] = -1 if a[i] in once_a else i
    once_b: dict[int, int] = {}
    for j in range(blo, bhi):
        k = b[j]
        if k in once_a and once_a[k] >= 0:
            once_b[k] = -1 if k in once_b else j
    pairs = sorted((once_a[k], j) for k, j in once_b.items() if j >= 0)
    # Longest increasing subsequence of right positions (patience sorting).
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        p = bisect_left(tails, j)
        if p == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[p] = j
            tail_at[p] = n
        back[n] = tail_at[p - 1] if p else -1
    chain: list[int] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain += [pairs[n][1], pairs[n][0]]
        n = back[n]
    chain.reverse()
    return chain


def _blocks(
    a: list[int],
    b: list[int],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[_Block],
    depth: int = 0,
) -> None:
    """Append the matching blocks of ``a[alo:ahi]`` and ``b[blo:bhi]`` to ``out``, in order.

    Anchors on keys found once on each side (patience diff): each anchor grows into the
    longest equal run around it and the gaps between runs are solved the same way. A
    gap small enough goes to SequenceMatcher; a large one with no anchor left goes to
    rapidfuzz's Levenshtein opcodes (C, linear memory).
    """
    if ahi <= alo or bhi <= blo:
        return
    if (ahi - alo) * (bhi - blo) <= GAP_CELLS:
        sm = _Matcher(a[alo:ahi], b[blo:bhi])
        out.extend((alo + i, blo + j, n) for i, j, n in sm.get_matching_blocks() if n)
        return
    anchors = _unique_pairs(a, b, alo, ahi, blo, bhi) if depth < MAX_DEPTH else []
    if not anchors:
        for o in Levenshtein.opcodes(a[alo:ahi], b[blo:bhi]):
            if o.tag == "equal":
                out.append((alo + o.src_start, blo + o.dest_start, o.src_end - o.src_start))
        return
    i0, j0 = alo, blo
    for x in range(0, len(anchors), 2):
        i, j = anchors[x], anchors[x + 1]
        if i < i0:
            continue  # already inside the previous anchor's run
        s, t = i, j
        while s > i0 and t > j0 and a[s - 1] == b[t - 1]:
            s, t = s - 1, t - 1
        e, f = i + 1, j + 1
        while e < ahi and f < bhi and a[e] == b[f]:
            e, f = e + 1, f + 1
        _blocks(a, b, i0, s, j0, t, out, depth + 1)
        out.append((s, t, e - s))
        i0, j0 = e, f
    _blocks(a, b, i0, ahi, j0, bhi, out, depth + 1)


class _Matcher(SequenceMatcher[int]):
    """``SequenceMatcher(None, a, b, autojunk=False)`` whose longest-match search runs in
    numpy on large ranges: the same matches, so the same opcodes.

    Without junk, difflib's search returns the longest run of equal tokens inside the
    range, the first by end position in row-major order (it scans ``i`` up, then ``j``
    up, and keeps a run only when strictly longer). Here the run ending at each cell is
    read off one matrix of run lengths along the diagonals (built once per pair), cut
    at the range's edges, and ``argmax`` takes the first maximum in the same order. The
    Python search costs a dictionary probe per pair of equal tokens, and every space
    equals every space (tests/test_diff.py checks both on random inputs).
    """

    def __init__(self, a: list[int], b: list[int], cells: int | None = None) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._a, self._b = a, b
        warm = "numpy" in sys.modules
        self._cells = cells if cells is not None else NUMPY_CELLS if warm else NUMPY_CELLS_COLD
        self._runs: Int32Array | None = None

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> Match:
        ahi = len(self._a) if ahi is None else ahi
        bhi = len(self._b) if bhi is None else bhi
        cells = (ahi - alo) * (bhi - blo)
        if not cells or cells < self._cells:
            return super().find_longest_match(alo, ahi, blo, bhi)
        import numpy as np

        runs = self._diagonal_runs()
        count("word diff", cells, array=runs.size)
        cut = np.minimum(runs[alo:ahi, blo:bhi], np.arange(1, ahi - alo + 1)[:, None])
        np.minimum(cut, np.arange(1, bhi - blo + 1)[None, :], out=cut)
        at = int(cut.argmax())
        k = int(cut.flat[at])
        if not k:
            return Match(alo, blo, 0)
        i, j = divmod(at, bhi - blo)
        return Match(alo + i - k + 1, blo + j - k + 1, k)

    def _diagonal_runs(self) -> Int32Array:
        """Per cell (i, j): how many equal tokens end there along the diagonal."""
        import numpy as np

        if self._runs is None:
            a, b = np.asarray(self._a), np.asarray(self._b)
            # Row by row along the shorter side (a loop step costs more than its cells):
            # the transposed pair has the same diagonals, so the same run lengths.
            flip = len(a) > len(b)
            if flip:
                a, b = b, a
            equal = a[:, None] == b[None, :]
            runs = equal.astype(np.int32)
            for i in range(1, len(runs)):
                runs[i, 1:] += runs[i - 1, :-1] * equal[i, 1:]
            self._runs = np.ascontiguousarray(runs.T) if flip else runs
        return self._runs


def _opcodes(lk: list[int], rk: list[int]) -> list[_Code]:
    """SequenceMatcher's opcodes up to ``DIFFLIB_CELLS``, anchored blocks beyond."""
    if len(lk) * len(rk) <= DIFFLIB_CELLS:
        return list(_Matcher(lk, rk).get_opcodes())
    blocks: list[_Block] = []
    _blocks(lk, rk, 0, len(lk), 0, len(rk), blocks)
    codes: list[_Code] = []
    i = j = 0
    for bi, bj, n in [*blocks, (len(lk), len(rk), 0)]:
        if i < bi or j < bj:
            tag = "replace" if i < bi and j < bj else "delete" if i < bi else "insert"
            codes.append((tag, i, bi, j, bj))
        if n:
            if codes and codes[-1][0] == "equal":
                _, a1, _, b1, _ = codes.pop()
                codes.append(("equal", a1, bi + n, b1, bj + n))
            else:
                codes.append(("equal", bi, bi + n, bj, bj + n))
        i, j = bi + n, bj + n
    return codes


def _raw(lt: list[str], rt: list[str], engine: Engine) -> list[_Seg]:
    # Each distinct key as a small int: the opcodes depend only on which tokens are
    # equal, and SequenceMatcher hashes and compares ints faster than strings.
    ids: dict[str, int] = {}
    keys = {t: ids.setdefault(token_key(t), len(ids)) for t in {*lt, *rt}}
    lk = [keys[t] for t in lt]
    rk = [keys[t] for t in rt]
    codes: list[_Code]
    if engine == "difflib":
        codes = _opcodes(lk, rk)
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


def _weight(tokens: Sequence[str], cache: dict[str, int]) -> int:
    """Characters that carry words; white space and punctuation weigh nothing."""
    total = 0
    for t in tokens:
        w = cache.get(t)
        if w is None:
            w = cache[t] = len(t) if any(c.isalnum() for c in t) else 0
        total += w
    return total


def _cleanup(segs: list[_Seg]) -> list[_Seg]:
    """Dissolve an equality no longer than the edits on each side of it, or a lone short word.

    One pass with a stack. Dissolving only ever grows edits, and a larger neighbour only
    makes an equality easier to dissolve, so the order does not change the result: the
    equality below the top of the stack is tested again whenever the top edit grows.
    """
    out: list[_Seg] = []
    # Per kept span: word weight of its left and right tokens, and for an equality
    # whether it is a lone short word.
    wts: list[tuple[int, int, bool]] = []
    cache: dict[str, int] = {}
    for seg in segs:
        eq, lt, rt = seg
        w = _weight(lt, cache)
        small = eq and w <= SHORT_WORD and sum(1 for t in lt if cache[t]) <= 1
        out.append(seg)
        wts.append((w, _weight(rt, cache), small))
        while len(out) >= 3 and not out[-1][0] and out[-2][0] and not out[-3][0]:
            w, _, small = wts[-2]
            if not small and (w > max(wts[-3][:2]) or w > max(wts[-1][:2])):
                break
            before, middle, after = out[-3], out[-2], out[-1]
            before[1].extend(middle[1])
            before[1].extend(after[1])
            before[2].extend(middle[2])
            before[2].extend(after[2])
            wts[-3] = (
                wts[-3][0] + wts[-2][0] + wts[-1][0],
                wts[-3][1] + wts[-2][1] + wts[-1][1],
                False,
            )
            del out[-2:]
            del wts[-2:]
    return out


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
        engine: ``difflib`` (default; anchored above ``DIFFLIB_CELLS``) or ``rapidfuzz``
            (Indel opcodes) for raw opcodes.
        cleanup: dissolve short equal islands between edits (on by default).

    Returns:
        The spans in text order; consecutive spans never have the same ``op``.
    """
    if left == right:  # unchanged pairs, most of a long treaty: nothing to diff
        return (WordOp("equal", left, right),) if left else ()
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


def mark_case(ops: Sequence[WordOp]) -> tuple[WordOp, ...]:
    """``ops`` with each word that differs only in case made a ``replace``.

    ``diff_words`` compares words case-blind so that a recased word does not hide the
    rewording around it; but a capitalised defined term is a change, and the pair is
    ``changed (case)`` unless ``diff -i`` folds case: this shows *which* words. Quote
    styles and restoration brackets stay equal (they are not the text's words).

    >>> ops = mark_case(diff_words("the Parties agree", "the parties agree"))
    >>> [(o.op, o.left, o.right) for o in ops]
    [('equal', 'the ', 'the '), ('replace', 'Parties', 'parties'), ('equal', ' agree', ' agree')]
    """
    out: list[WordOp] = []
    for o in ops:
        pieces = _case_pieces(o) if o.op == "equal" and o.left != o.right else [o]
        for piece in pieces:
            if out and out[-1].op == piece.op:
                last = out.pop()
                piece = WordOp(piece.op, last.left + piece.left, last.right + piece.right)
            out.append(piece)
    return tuple(out)


def _case_pieces(o: WordOp) -> list[WordOp]:
    lt, rt = tokenize(o.left), tokenize(o.right)
    if len(lt) != len(rt):  # not token for token (cannot happen for an equal span)
        return [o]
    return [
        WordOp("replace" if a != b and a.casefold() == b.casefold() else "equal", a, b)
        for a, b in zip(lt, rt, strict=True)
    ]
