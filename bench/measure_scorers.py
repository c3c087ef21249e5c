"""Measure the candidate scorers and thresholds; the figures go in docs/alignment.md.

    python bench/measure_scorers.py [--tota /tmp/tota/xml]

For each scorer and threshold: alignment accuracy on seeded synthetic pairs (every
clause paired exactly as the generator did it), the structural changes reported
with the right kind, and checks on the bundled corpus: the 1961 assistance clause
found in 2024 Article 4 (English and Korean), and the best score any clause of an
unrelated treaty reaches (the noise floor the threshold must clear).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rapidfuzz import fuzz  # noqa: E402
from synth import synth_pair  # noqa: E402

from treatycmp.align import scorers as align  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.scorers import Scorer  # noqa: E402
from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.text import normalize  # noqa: E402

CANDIDATES = {
    "indel": align.SCORERS["indel"],
    "token_sort": align.SCORERS["token_sort"],
    "token_set": align.SCORERS["token_set"],
    "blend(indel+token_sort)": Scorer("b1", ((fuzz.ratio, 0.5), (fuzz.token_sort_ratio, 0.5)), ""),
    "blend(indel+token_set)": Scorer("b2", ((fuzz.ratio, 0.5), (fuzz.token_set_ratio, 0.5)), ""),
}
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
SEEDS = range(1, 7)
DATA = ROOT / "data" / "treaties"


def synthetic(name: str, threshold: float) -> tuple[float, float]:
    right_ok = total = kinds_ok = kinds = 0
    for seed in SEEDS:
        p = synth_pair(40, seed, changes=2)
        pairs = align_clauses(p.left.clauses(), p.right.clauses(), threshold=threshold, scorer=name)
        got: dict[str, tuple[str, ...]] = {}
        kind_of: dict[str, str] = {}
        for pr in pairs:
            for c in pr.right:
                got[c.id] = tuple(x.id for x in pr.left)
            for c in pr.left:
                kind_of[c.id] = pr.kind
        for rid, want in p.truth.items():
            total += 1
            right_ok += got.get(rid) == want
        for lid, want_kind in p.kinds.items():
            kinds += 1
            kinds_ok += kind_of.get(lid) == want_kind
    return right_ok / total, kinds_ok / kinds


def corpus_check(name: str, threshold: float) -> str:
    out = []
    for a, b in (
        ("ussr-dprk-1961", "dprk-russia-2024"),
        ("ussr-dprk-1961_at_ko", "dprk-russia-2024_at_ko"),
    ):
        la, lb = load_treaty(DATA / f"{a}.yaml"), load_treaty(DATA / f"{b}.yaml")
        pairs = align_clauses(la.clauses(), lb.clauses(), threshold=threshold, scorer=name)
        hit = [
            p.kind
            for p in pairs
            if [c.id for c in p.left] == ["1.2"] and [c.id for c in p.right] == ["4"]
        ]
        out.append(hit[0] if hit else "-")
    return "/".join(out)


def noise(sc: Scorer) -> float:
    """Best score between clauses of two unrelated treaties (NATO 1949 vs USSR-DPRK 1961)."""
    a = [normalize(c.text) for c in load_treaty(DATA / "north-atlantic-1949.yaml").clauses()]
    b = [normalize(c.text) for c in load_treaty(DATA / "ussr-dprk-1961.yaml").clauses()]
    m = sc.matrix(a, b)
    return float(m.max())


ALLIANCES = (
    "north-atlantic-1949",
    "us-rok-1953",
    "us-japan-1960",
    "ussr-dprk-1961",
    "prc-dprk-1961",
    "russia-dprk-2000",
    "dprk-russia-2024",
    "un-charter-51",
)
TOTA_EN = (2, 4, 5, 12, 13, 14, 15, 21, 25, 30, 31, 38, 40)


def second_tier(tota: Path | None) -> None:
    """Synthetic accuracy and pairs between unrelated treaties, with and without the tier."""
    from treatycmp.formats.tota import load_tota

    others = [load_tota(tota / f"pta_{k}.xml") for k in TOTA_EN] if tota else []
    saved = align.MUTUAL_FLOOR
    for floor in (1.01, saved):
        align.MUTUAL_FLOOR = floor  # type: ignore[misc]
        acc, kinds = synthetic(align.DEFAULT_SCORER, align.DEFAULT_THRESHOLD)
        unrelated = 0
        for a in ALLIANCES:
            left = load_treaty(DATA / f"{a}.yaml").clauses()
            for t in others:
                pairs = align_clauses(left, t.clauses())
                unrelated += sum(bool(p.left and p.right) for p in pairs)
        print(
            f"second tier floor {floor}: synthetic {acc:.4f} kinds {kinds:.3f}; "
            f"clause pairs in {len(ALLIANCES) * len(others)} alliance x ToTA pairs: {unrelated}"
        )
    align.MUTUAL_FLOOR = saved  # type: ignore[misc]


def main() -> None:
    tota = Path(sys.argv[sys.argv.index("--tota") + 1]) if "--tota" in sys.argv else None
    second_tier(tota)
    original = dict(align.SCORERS)
    print("scorer | noise max | " + " | ".join(f"{t:.2f}" for t in THRESHOLDS))
    for label, sc in CANDIDATES.items():
        align.SCORERS = {**original, sc.name: sc}  # type: ignore[misc]
        cells = []
        for t in THRESHOLDS:
            acc, kinds = synthetic(sc.name, t)
            cells.append(f"{acc:.3f} {kinds:.2f} {corpus_check(sc.name, t)}")
        print(f"{label} | {noise(sc):.3f} | " + " | ".join(cells))
    align.SCORERS = original  # type: ignore[misc]


if __name__ == "__main__":
    main()
