"""A split or merge is claimed only where such claims hold (issue 19): one across
articles is ``changed`` with a note, in every format; one inside an article stays."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from _treaties import make_treaty
from click.testing import CliRunner

from treatycmp.align.claims import (
    MERGE_NOT_CLAIMED,
    MOVE_NOT_CLAIMED,
    SPLIT_NOT_CLAIMED,
    settle_edges,
)
from treatycmp.align.pairs import Edge
from treatycmp.align.tuning import MOVED_ALONE, MOVED_WITH_NEIGHBOURS
from treatycmp.analysis import CompareOptions, compare
from treatycmp.cli import cli
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.model import Clause, Level, Treaty
from treatycmp.render.diff.terminal import render_table
from treatycmp.rule_model import RuleSet

A = (
    "The customs authorities of each Party shall exchange information on tariff "
    "classification and valuation of imported goods."
)
B = (
    "Disputes concerning the interpretation of this chapter shall be settled by "
    "consultations between the competent ministries within ninety days."
)
C = (
    "Nothing in this Agreement shall prevent a Party from adopting measures necessary "
    "to protect public morals or human health."
)
LEVELS: tuple[Level, ...] = ("article", "paragraph")


def _kinds(left: Treaty, right: Treaty, level: Level) -> list[tuple[str, str | None]]:
    c = compare(left, right, CompareOptions(level=level), rules=RuleSet(()))
    return [(p.kind, p.note) for p in c.pairs]


@pytest.mark.parametrize("level", LEVELS)
def test_a_split_across_articles_is_changed_with_a_note(level: Level) -> None:
    left = make_treaty("l", [[f"{A} {B}"], [C]])
    right = make_treaty("r", [[A], [B], [C]])
    assert _kinds(left, right, level)[0] == ("changed", SPLIT_NOT_CLAIMED)
    assert _kinds(right, left, level)[0] == ("changed", MERGE_NOT_CLAIMED)


def test_a_split_inside_one_article_is_claimed() -> None:
    left = make_treaty("l", [[f"{A} {B}"], [C]])
    right = make_treaty("r", [[A, B], [C]])
    assert _kinds(left, right, "paragraph")[0] == ("split", None)
    assert _kinds(right, left, "paragraph")[0] == ("merged", None)


def test_the_note_shows_in_every_format() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for tid, arts in (("left-text", [[f"{A} {B}"], [C]]), ("right-text", [[A], [B], [C]])):
            yaml = treaty_to_yaml(make_treaty(tid, arts))
            (Path(tmp) / f"{tid}.yaml").write_text(yaml, "utf-8")
        out = {}
        for fmt in ("table", "markdown", "html", "json", "csv", "stat"):
            args = ["diff", "left-text", "right-text", "--corpus", tmp]
            args += ["--stat"] if fmt == "stat" else ["-f", fmt]
            result = CliRunner().invoke(cli, args, catch_exceptions=False)
            out[fmt] = result.stdout
    for fmt in ("table", "markdown", "html", "stat"):
        assert f"changed ({SPLIT_NOT_CLAIMED})" in out[fmt], fmt
    (first, *_) = json.loads(out["json"])["pairs"]
    assert (first["kind"], first["note"]) == ("changed", SPLIT_NOT_CLAIMED)
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    assert (rows[0]["kind"], rows[0]["note"]) == ("changed", SPLIT_NOT_CLAIMED)
    assert rows[1]["note"] == ""


def _clauses(n: int) -> list[Clause]:
    return [Clause(str(k + 1), f"text {k}", 1, str(k + 1)) for k in range(n)]


def test_a_move_is_claimed_only_with_evidence() -> None:
    left, right = _clauses(6), _clauses(6)
    in_place = [Edge(0.9, (k,), (k,)) for k in (0, 1, 2)]

    def claimed(moved: list[Edge]) -> list[Edge]:
        chosen = [*in_place, *moved]
        out, chain, unclaimed = settle_edges(chosen, {0, 1, 2}, left, right)
        assert out == chosen  # kept: not claimed is changed with a note, not unpaired
        assert {out[k] for k in chain} == set(in_place)
        return [e for k, e in enumerate(out) if k not in chain and k not in unclaimed]

    # Alone: claimed at MOVED_ALONE, not below.
    assert claimed([Edge(MOVED_ALONE, (5,), (3,))]) == [Edge(MOVED_ALONE, (5,), (3,))]
    assert claimed([Edge(MOVED_ALONE - 0.01, (5,), (3,))]) == []
    # Two neighbours moved together: each backs the other down to MOVED_WITH_NEIGHBOURS.
    block = [Edge(MOVED_WITH_NEIGHBOURS, (4,), (3,)), Edge(MOVED_WITH_NEIGHBOURS, (5,), (4,))]
    assert claimed(block) == block
    low = [Edge(MOVED_WITH_NEIGHBOURS - 0.01, (4,), (3,)), Edge(0.6, (5,), (4,))]
    assert claimed(low) == [low[1]]


def test_a_weak_move_is_changed_with_a_note() -> None:
    d = "The Parties shall consult each other on the implementation of this Agreement."
    left = make_treaty("l", [[A], [B], [C], [d]])
    right = make_treaty("r", [[d.replace("consult each other", "hold talks")], [A], [B], [C]])
    # A reworded last article, now first: it stays paired, the move is not claimed.
    assert _kinds(left, right, "article")[-1] == ("changed", MOVE_NOT_CLAIMED)
    c = compare(left, right, CompareOptions(level="article"), rules=RuleSet(()))
    assert "4 → 1 · changed (move not claimed) · similarity 0.64 · was Article 4" in render_table(
        c, width=200
    )
    # Moved word for word: the score stands alone, the move is claimed.
    assert _kinds(left, make_treaty("r", [[d], [A], [B], [C]]), "article")[-1] == ("moved", None)


def test_a_move_whose_article_is_paired_elsewhere_is_not_claimed() -> None:
    # Paragraphs 1.1 and 1.2 on the left; right 1.1 pairs in place, 1.2 sits in article 3.
    left = [Clause("1.1", "a", 1, "1"), Clause("1.2", "b", 1, "1"), Clause("2", "c", 1, "2")]
    right = [Clause("1", "a", 1, "1"), Clause("2", "c", 1, "2"), Clause("3", "b", 1, "3")]
    chosen = [Edge(0.9, (0,), (0,)), Edge(0.9, (2,), (1,)), Edge(0.6, (1,), (2,))]
    out, chain, _ = settle_edges(chosen, {0, 1}, left, right)
    assert out == chosen[:2]
    assert chain == {0, 1}
    # A score that stands alone keeps the pair; only equal texts claim the move.
    strong = [*chosen[:2], Edge(0.95, (1,), (2,))]
    out, chain, unclaimed = settle_edges(strong, {0, 1}, left, right)
    assert (out, unclaimed) == (strong, {2})
    equal = [*chosen[:2], Edge(1.0, (1,), (2,))]
    assert settle_edges(equal, {0, 1}, left, right) == (equal, {0, 1}, set())


def test_an_identical_clause_that_moved_is_never_removed_and_added() -> None:
    # Review case: every paragraph identical on both sides, regrouped across articles.
    p, q, r, s = A, B, C, "The Parties shall consult each other on the implementation."
    left = make_treaty("l", [[p, q], [r, s]])
    right = make_treaty("r", [[r], [p, q], [s]])
    c = compare(left, right, CompareOptions(level="paragraph"), rules=RuleSet(()))
    assert {p.kind for p in c.pairs} <= {"same", "moved"}
    assert len(c.pairs) == 4


def test_a_pair_grown_from_an_unclaimed_move_keeps_its_note() -> None:
    """Regrouping a ``move not claimed`` pair never gives it "split not claimed"
    (review of issue 19): its split was never in doubt, its move was."""
    from treatycmp.align.pairs import ClausePair
    from treatycmp.align.regroup import absorb_contained

    left = [
        Clause("1", "The parties agree to consult one another.", 1),
        Clause("2", "They shall settle disputes by peaceful means.", 2),
    ]
    whole = (
        "The parties agree to consult one another. They shall settle disputes by peaceful means."
    )
    right = [Clause("1", whole, 1)]
    for note, expected in (
        (MOVE_NOT_CLAIMED, ("changed", MOVE_NOT_CLAIMED)),
        (MERGE_NOT_CLAIMED, ("changed", MERGE_NOT_CLAIMED)),
        (None, ("merged", None)),
    ):
        pairs = (
            ClausePair("changed", (left[0],), (right[0],), 0.6, note),
            ClausePair("removed", (left[1],), (), 0.0),
        )
        (grown,) = absorb_contained(pairs, left, right, "tfidf")
        assert (grown.kind, grown.note) == expected
        assert (grown.left, grown.right) == (tuple(left), tuple(right))


def test_regrouping_finds_the_unpaired_clauses_once_per_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Work counted, not timed (issue 22): the unpaired clauses of a side are listed
    once, then again only after a pair grows, not once per changed pair (on TPP vs
    EU - Ukraine: 243 listings of ~2,400 pairs each)."""
    import treatycmp.align.regroup as regroup
    from treatycmp.align.pairs import ClausePair

    listed: list[int] = []
    real = regroup._alone

    def counted(pairs: Sequence[ClausePair], side: str, position: dict[str, int]) -> dict[int, int]:
        listed.append(len(pairs))
        return real(pairs, side, position)

    monkeypatch.setattr(regroup, "_alone", counted)
    n = 60
    left = [Clause(f"{i}", f"Clause number {i} says the parties shall meet.", i) for i in range(n)]
    right = [Clause(f"{i}", f"Article {i} says the parties shall talk often.", i) for i in range(n)]
    pairs = [ClausePair("changed", (a,), (b,), 0.6) for a, b in zip(left, right, strict=True)]
    grown = regroup.absorb_contained(pairs, left, right, "tfidf")
    assert list(grown) == pairs
    assert listed == [n, n]  # one listing a side, none per pair
