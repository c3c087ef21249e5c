"""Functional pairing on the real corpus: clauses that do the same job, whatever their words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _treaties import bundled, bundled_ids, make_treaty
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.analysis import CompareOptions, Comparison, PairResult, compare
from treatycmp.cli import cli
from treatycmp.functional import (
    MIN_SCORE,
    STRONG_TEXT,
    W_RESPONSE,
    W_TRIGGER,
    W_TYPE,
    WEAK_KINDS,
)
from treatycmp.model import Level
from treatycmp.render.diff.json import comparison_to_dict
from treatycmp.rule_model import RuleSet

TEXTUAL = {"same", "changed", "moved", "split", "merged"}


def pair_of(c: Comparison, left: str) -> PairResult:
    (pair,) = [p for p in c.pairs if [x.id for x in p.left] == [left]]
    return pair


def corresponds(c: Comparison) -> dict[str, str]:
    return {p.left[0].id: p.right[0].id for p in c.pairs if p.kind == "corresponds"}


def test_weights_add_up() -> None:
    assert pytest.approx(1.0) == W_TYPE + W_TRIGGER + W_RESPONSE
    assert W_TYPE < MIN_SCORE  # a shared type alone never makes a pair


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_nato_5_corresponds_to_2024_article_4_in_meduza(level: str) -> None:
    c = compare(
        bundled("north-atlantic-1949"),
        bundled("dprk-russia-2024@meduza"),
        CompareOptions(level=level),  # type: ignore[arg-type]
    )
    nato5 = "5.1" if level == "paragraph" else "5"
    assert corresponds(c) == {nato5: "4"}
    pair = pair_of(c, nato5)
    assert pair.function is not None
    assert pair.function.reason.startswith("both: defence obligation; trigger armed attack")
    assert "response military assistance" in pair.function.reason
    # the text score is what the aligner saw: below its threshold
    assert pair.function.text_score < 0.6
    f = pair.findings
    assert "un-charter-51" in f.kept
    assert "discretion" in f.removed
    assert "domestic-law" in f.added
    assert "all-means" in f.added
    # NATO's "by taking forthwith ... such action" is immediacy too: kept, not added
    assert "immediacy" in f.kept
    assert f.unknown == ()
    # evidence spans point at the words they name, on both sides
    for clause, evidence in (
        (pair.left[0], pair.function.left_evidence),
        (pair.right[0], pair.function.right_evidence),
    ):
        assert evidence
        for e in evidence:
            assert clause.text[e.start : e.end] == e.text
    assert {e.cue for e in pair.function.left_evidence} >= {"armed-attack", "assistance"}


def test_kcna_article_4_breaks_off_so_later_buffers_stay_unknown() -> None:
    c = compare(bundled("north-atlantic-1949"), bundled("dprk-russia-2024"))
    assert corresponds(c)["5.1"] == "4"
    f = pair_of(c, "5.1").findings
    for rule in ("un-charter-51", "discretion", "geographic-scope"):
        assert rule in f.unknown
        assert rule not in f.removed
    assert {"state-of-war", "all-means"} <= set(f.added)
    # NATO 4 (consult when threatened) and 2024 Article 3 (open the channel of talks
    # when threatened) do the same job too
    assert corresponds(c)["4"] == "3"


def test_korean_article_4_pairs_with_nato_5() -> None:
    c = compare(bundled("north-atlantic-1949"), bundled("dprk-russia-2024@ko"))
    assert corresponds(c) == {"4": "3", "5.1": "4"}
    f = pair_of(c, "5.1").findings
    assert "un-charter-51" in f.kept
    assert "discretion" in f.removed
    assert {"domestic-law", "all-means"} <= set(f.added)


def test_us_rok_iii_corresponds_to_2024_article_4_domestic_law_kept() -> None:
    c = compare(bundled("us-rok-1953"), bundled("dprk-russia-2024@meduza"))
    assert corresponds(c) == {"III": "4"}
    pair = pair_of(c, "III")
    assert "domestic-law" in pair.findings.kept
    assert "un-charter-51" in pair.findings.added
    assert pair.function is not None
    assert "response action (left), military assistance (right)" in pair.function.reason


def test_us_japan_v_pairs_with_us_rok_iii_alone_at_article_level() -> None:
    c = compare(bundled("us-japan-1960"), bundled("us-rok-1953"), CompareOptions(level="article"))
    pair = pair_of(c, "V")
    assert [x.id for x in pair.right] == ["III"]


@pytest.mark.parametrize("tid", bundled_ids())
def test_self_comparison_has_no_functional_pairs(tid: str) -> None:
    t = bundled(tid)
    c = compare(t, t)
    assert {p.kind for p in c.pairs} <= {"same"}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ussr-dprk-1961", "dprk-russia-2024"),
        ("ussr-dprk-1961@meduza", "dprk-russia-2024@meduza"),
        ("ussr-dprk-1961@ko", "dprk-russia-2024@ko"),
        ("us-japan-1960", "us-rok-1953"),
    ],
)
@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_text_pairs_are_never_displaced(left: str, right: str, level: str) -> None:
    a, b = bundled(left), bundled(right)
    on = compare(a, b, CompareOptions(level=level))  # type: ignore[arg-type]
    off = compare(a, b, CompareOptions(level=level, functional=False))  # type: ignore[arg-type]
    text_on = [(p.kind, p.left, p.right) for p in on.pairs if p.kind in TEXTUAL]
    text_off = [(p.kind, p.left, p.right) for p in off.pairs if p.kind in TEXTUAL]
    # Every text pair stays; the only new ones are pairs found by function whose
    # wording reaches the threshold (one decision, issue 19), counted by the summary.
    found = [p for p in on.pairs if p.kind in TEXTUAL and p.function is not None]
    assert [x for x in text_on if x not in text_off] == [(p.kind, p.left, p.right) for p in found]
    assert all(p.kind == "changed" and p.score >= on.options.threshold for p in found)
    assert all(p.function is None for p in off.pairs)
    assert (on.summary.similarity > off.summary.similarity) == bool(found)
    assert not any(p.kind == "corresponds" for p in off.pairs)


@pytest.mark.parametrize("level", ["paragraph", "article"])
@pytest.mark.parametrize("left", ["north-atlantic-1949", "us-japan-1960", "anzus-1951"])
def test_only_weak_text_pairs_doing_another_job_yield(left: str, level: Level) -> None:
    """Text and function in one decision (issue 19): a text pair the function tier
    breaks was weak (below STRONG_TEXT) and a clause of it is now in a corresponds
    pair; every other text pair stands."""
    a, b = bundled(left), bundled("us-philippines-1951")
    on = compare(a, b, CompareOptions(level=level))
    off = compare(a, b, CompareOptions(level=level, functional=False))
    text_on = {(p.kind, p.left, p.right) for p in on.pairs if p.kind in TEXTUAL}
    taken = {c.id for p in on.pairs if p.kind == "corresponds" for c in (*p.left, *p.right)}
    for p in off.pairs:
        if p.kind in TEXTUAL and (p.kind, p.left, p.right) not in text_on:
            assert p.kind in WEAK_KINDS, p
            assert p.score < STRONG_TEXT, p
            assert taken & {c.id for c in (*p.left, *p.right)}, p


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_a_weak_text_pair_never_hides_the_defence_clause_in_diff(level: Level) -> None:
    """NATO 8 (no conflicting engagements) pairs by its words with US-Philippines IV
    (0.51), the defence clause, which kept NATO 5 out; now 5 corresponds to IV, 8 is
    removed, and NATO 10 (accession) stays unpaired. Swapped, the same."""
    a, b = bundled("north-atlantic-1949"), bundled("us-philippines-1951")
    five = "5" if level == "article" else "5.1"
    for c, flip in (
        (compare(a, b, CompareOptions(level=level)), False),
        (compare(b, a, CompareOptions(level=level)), True),
    ):
        got = {
            (p.right[0].id, p.left[0].id) if flip else (p.left[0].id, p.right[0].id): p.kind
            for p in c.pairs
            if p.left and p.right
        }
        assert got[five, "IV"] == "corresponds"
        assert not any(k[0] in ("8", "8.1", "10", "10.1") for k in got), got
        assert got["1", "I"] == "changed"  # 0.98: strong wording stands


def test_a_weak_text_pair_without_a_counterpart_stands() -> None:
    """No clear functional counterpart, no change: the weak pair stays a text pair."""
    from treatycmp.align.pairs import ClausePair
    from treatycmp.analysis import bundled_rules
    from treatycmp.functional import pair_by_function
    from treatycmp.model import Clause

    defence = Clause(
        "IV",
        "Each Party recognizes that an armed attack on either of the Parties would be "
        "dangerous to its own peace and safety and declares that it would act to meet "
        "the common dangers in accordance with its constitutional processes.",
        1,
        "IV",
    )
    other = Clause(
        "8",
        "Each Party declares that none of the engagements now in force between it and "
        "any third State is in conflict with the provisions of this Treaty.",
        1,
        "8",
    )
    weak = (ClausePair("changed", (other,), (defence,), 0.51),)
    assert [(p, m) for p, m in pair_by_function(weak, ("en", "en"), bundled_rules())] == [
        (weak[0], None)
    ]
    clear = Clause(
        "5",
        "The Parties agree that an armed attack against one of them shall be considered "
        "an attack against them all and that each will assist the Party so attacked by "
        "such action as it deems necessary, including the use of armed force.",
        1,
        "5",
    )
    both = (*weak, ClausePair("removed", (clear,), (), 0.0))
    got = [
        (p.kind, p.left, p.right) for p, _ in pair_by_function(both, ("en", "en"), bundled_rules())
    ]
    assert got == [("removed", (other,), ()), ("corresponds", (clear,), (defence,))]


def test_1961_and_2024_assistance_clause_pairs_by_function() -> None:
    # By their words 1.2 -> 4 is a move at 0.42 that is not claimed (issue 19: 1.1 ->
    # 2.1 ties Article 1 elsewhere); the function tier finds it and its wording reaches
    # the threshold, so it is what it is: changed, with its word diff and its function.
    c = compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"))
    assert corresponds(c) == {}
    pair = pair_of(c, "1.2")
    assert (pair.kind, [x.id for x in pair.right]) == ("changed", ["4"])
    assert pair.function is not None
    assert pair.function.score == 1.0
    assert pair.score == pair.function.text_score == pytest.approx(0.4156, abs=1e-4)
    assert any(op.op != "equal" for op in pair.ops)
    assert [x.id for x in pair_of(c, "1.1").right] == ["2.1"]


def test_general_consultation_and_preambles_never_pair() -> None:
    # 1961 Art. 3 (consult on all important questions) has no crisis trigger; the
    # preamble's "resolved to extend assistance" is a purpose, not an obligation.
    c = compare(bundled("ussr-dprk-1961"), bundled("north-atlantic-1949"))
    paired = corresponds(c)
    assert "3" not in paired
    assert not any(k.startswith("preamble") for k in paired)
    assert paired.get("1.2") == "5.1"
    assert paired.get("2") == "1"  # no hostile alliance ~ no use of force: non-aggression


def test_no_rules_no_functional_pairs() -> None:
    c = compare(
        bundled("north-atlantic-1949"), bundled("dprk-russia-2024@meduza"), rules=RuleSet(())
    )
    assert corresponds(c) == {}


def test_summary_similarity_measures_wording_only() -> None:
    c = compare(bundled("north-atlantic-1949"), bundled("dprk-russia-2024@meduza"))
    assert c.summary.count("corresponds") == 1
    assert c.summary.similarity == 0.0


def test_json_documents_the_reason_and_evidence() -> None:
    c = compare(bundled("north-atlantic-1949"), bundled("dprk-russia-2024@meduza"))
    doc = json.loads(json.dumps(comparison_to_dict(c), ensure_ascii=False))
    assert doc["schema_version"] == 1  # fields added within version 1 (docs/json.md)
    assert doc["options"]["functional"] is True
    (note,) = doc["notes"]
    assert "share no wording" not in note
    assert "no clause pair was aligned by its wording (text threshold 0.35)" in note
    (pair,) = [p for p in doc["pairs"] if p["kind"] == "corresponds"]
    assert pair["ops"] == []
    fn = pair["function"]
    assert fn["score"] == pair["score"]
    assert f"text similarity {fn['text_score']:.2f}" in note
    assert list(fn) == [
        "reason",
        "score",
        "obligations",
        "triggers",
        "left_response",
        "right_response",
        "text_score",
        "left_evidence",
        "right_evidence",
    ]
    assert fn["obligations"] == ["defence"]
    assert fn["triggers"] == ["armed-attack"]
    left_text = c.left.paragraph("5.1")
    assert left_text is not None
    for obligation, cue, start, end in fn["left_evidence"]:
        assert obligation == "defence"
        assert cue
        assert 0 <= start < end <= len(left_text.text)

    assert all(p["function"] is None for p in doc["pairs"] if p["kind"] != "corresponds")


def test_cli_diff_says_when_nothing_pairs_textually(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["diff", "north-atlantic-1949", "dprk-russia-2024@meduza", "--color", "never"]
    )
    assert result.exit_code == 1
    assert (
        "5.1 → 4 · corresponds · function 0.85, text similarity 0.27 (threshold 0.35)"
        in result.stdout
    )
    assert "both: defence\nobligation" in result.stdout
    assert (
        "(left\n“assist”; right “assistance”, “by all the means at its disposal”)" in result.stdout
    )
    assert "Buffers kept (paired by function): UN Charter Article 51 (5.1 → 4)" in result.stdout
    assert "Buffers added: domestic law / constitutional processes (5.1 → 4)" in result.stdout
    assert "discretion over the response (5.1 → 4)" in result.stdout
    assert "no clause pair was aligned by its wording" in result.stderr
    assert "treatycmp diff north-atlantic-1949:5.1 dprk-russia-2024@meduza:4" in result.stderr
    off = runner.invoke(
        cli, ["diff", "north-atlantic-1949", "dprk-russia-2024@meduza", "--no-functional"]
    )
    assert "corresponds" not in off.stdout
    assert "would pair by function" in off.stderr
    none = runner.invoke(cli, ["diff", "prc-dprk-1961", "un-charter-51"])
    assert "no two clauses do the same job" in none.stderr
    assert "prc-dprk-1961:CLAUSE un-charter-51:CLAUSE" in none.stderr
    related = runner.invoke(cli, ["diff", "ussr-dprk-1961", "dprk-russia-2024"])
    assert "share no wording" not in related.stderr


def test_fail_on_corresponds(runner: CliRunner) -> None:
    args = ["diff", "north-atlantic-1949", "dprk-russia-2024@meduza", "-q"]
    assert runner.invoke(cli, [*args, "--fail-on", "corresponds"]).exit_code == 1
    assert runner.invoke(cli, [*args, "--fail-on", "moved"]).exit_code == 0


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "If either Party suffers an armed attack, the other shall assist it.",
                "The Parties will consult together whenever security is threatened.",
                "The Parties refrain from the threat or use of force.",
                "Each Party undertakes not to enter into any alliance directed against the other.",
                "This Treaty shall be ratified.",
                "The Parties shall develop cultural ties.",
            ]
        ),
        min_size=1,
        max_size=5,
    ),
    st.lists(
        st.sampled_from(
            [
                "Should a Party be put in a state of war by an armed invasion, the other "
                "shall provide military assistance with all means.",
                "In case of a direct threat of armed invasion, the sides shall immediately "
                "operate the channel of bilateral negotiations.",
                "The sides will never attack each other.",
                "Done in two copies.",
            ]
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_every_clause_sits_in_exactly_one_pair(left: list[str], right: list[str]) -> None:
    a = make_treaty("a", [[t] for t in left])
    b = make_treaty("b", [[t] for t in right])
    forward = {(p.left[0].id, p.right[0].id) for p in compare(a, b).pairs if p.function}
    backward = {(p.right[0].id, p.left[0].id) for p in compare(b, a).pairs if p.function}
    assert forward == backward  # swapping the texts mirrors the functional pairs
    _one_pair_each(left, right)


def _one_pair_each(left: list[str], right: list[str]) -> None:
    a = make_treaty("a", [[t] for t in left])
    b = make_treaty("b", [[t] for t in right])
    c = compare(a, b)
    seen_left = [x.id for p in c.pairs for x in p.left]
    seen_right = [x.id for p in c.pairs for x in p.right]
    assert sorted(seen_left) == sorted(x.id for x in a.clauses())
    assert sorted(seen_right) == sorted(x.id for x in b.clauses())
    for p in c.pairs:
        if p.kind == "corresponds":
            assert p.function is not None
            assert p.score >= MIN_SCORE - 1e-9
            assert p.function.reason.startswith("both: ")
        else:
            assert p.function is None


def test_check_expects_a_functional_pair(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "expect.yaml"
    spec.write_text(
        "expectations:\n"
        "  - north-atlantic-1949:5.1 aligns with dprk-russia-2024@meduza:4 as corresponds\n"
        # found by function, its wording at the threshold: a changed pair (issue 19)
        "  - ussr-dprk-1961:1.2 aligns with dprk-russia-2024:4 as changed\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", str(spec)])
    assert result.exit_code == 0
    assert result.stdout.count("PASS") == 2
    spec.write_text(
        "expectations:\n  - ussr-dprk-1961:1.1 aligns with dprk-russia-2024:2.1 as corresponds\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", str(spec)])
    assert result.exit_code == 1
    assert "paired, but as changed" in result.stdout  # a text pair: 1961 -> 2024


def test_within_one_family_it_fills_in_what_the_text_misses() -> None:
    # At article level 1961 Art. 1 holds two paragraphs and scores below the threshold
    # against 2024 Art. 4; the text pairs it makes are kept, the clause is paired by function.
    c = compare(
        bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"), CompareOptions(level="article")
    )
    assert corresponds(c) == {"1": "4"}
    pair = pair_of(c, "1")
    assert pair.function is not None
    assert pair.function.reason.startswith("both: defence obligation")
    assert pair.score == pytest.approx(1.0)
