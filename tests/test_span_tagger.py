"""bench/span_tagger.py scores findings exactly as bench/measure_rules.py does (issue 20).

The tagger's figures stand beside the rules' only if one scorer reads both: here the
rules' own findings on the bundled tuning part go through both scorers and must tally the
same, rule by rule and language by language. The learnt part needs scikit-learn (a bench
tool, never a dependency): its test skips when it is missing.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from _open_treaties import _script, measure_rules

from treatycmp import Corpus, load_rules

ROOT = Path(__file__).resolve().parents[1]
NO_PAGES = Path("/nonexistent")  # the web-page units' texts are not needed (nor read) here


def _tagger() -> ModuleType:
    return _script(ROOT / "bench" / "span_tagger.py")


def _no_pages(mr: ModuleType) -> dict[str, Path]:
    return dict.fromkeys(mr.PAGE_TEXTS, NO_PAGES)


def _tally(t: object) -> tuple[int, ...]:
    return tuple(getattr(t, k) for k in ("spans", "found", "findings", "right", "unknown"))


def test_segments_cover_the_words_between_punctuation() -> None:
    tagger = _tagger()
    text = "1. The Parties shall consult; 双方应立即协商，并且 (in any case) act."
    pieces = [text[s:e] for s, e in tagger.segments(text)]
    assert pieces == [
        "1",
        "The Parties shall consult",
        "双方应立即协商",
        "并且",
        "in any case",
        "act",
    ]


def test_scorer_agrees_with_measure_rules_on_the_tune_part() -> None:
    mr = measure_rules()
    tagger = _tagger()
    corpus = Corpus.load(env={})
    rules = load_rules([], env={})
    entries = yaml.safe_load(mr.LABELS.read_text(encoding="utf-8"))["clauses"]
    expected = mr.measure([e for e in entries if e["part"] == "tune"], corpus, rules)
    clauses = tagger.load_clauses(["tune"], _no_pages(mr), corpus, rules)
    rule_ids = list(mr.categories(rules))
    got = tagger.score(clauses, tagger.rule_findings(clauses), rule_ids)
    assert got.clauses == expected.clauses > 100
    assert {k: _tally(v) for k, v in got.by_rule.items()} == {
        k: _tally(v) for k, v in expected.by_rule.items()
    }
    assert {k: _tally(v) for k, v in got.by_language.items()} == {
        k: _tally(v) for k, v in expected.by_language.items()
    }


def test_tagger_learns_from_one_part_and_tags_another() -> None:
    pytest.importorskip("sklearn")
    mr = measure_rules()
    tagger = _tagger()
    corpus = Corpus.load(env={})
    rules = load_rules([], env={})
    train = tagger.load_clauses(["tune"], _no_pages(mr), corpus, rules)
    test = tagger.load_clauses(["held-out"], _no_pages(mr), corpus, rules)
    assert not {c.group for c in train} & {c.group for c in test}
    config = tagger.Config(rule_hits=False)
    tagged = tagger.train_and_tag(train, test, list(mr.categories(rules)), config)
    result = tagger.score(test, tagged, ["obligatory"])
    tally = result.by_rule["obligatory"]
    assert tally.findings > 0
    assert tally.right / tally.findings > 0.5  # "shall" is learnt from the characters alone


def test_union_finds_every_span_either_reader_finds() -> None:
    tagger = _tagger()
    clause = tagger.Clause(
        key="k",
        part="tune",
        group="g",
        language="en",
        text="The Parties shall consult and shall assist.",
        spans={"obligatory": ((12, 17), (30, 35))},
        unknown=frozenset(),
        hits={},
    )
    rules = {"k": {"obligatory": [(30, 35)]}}
    segment = {"k": {"obligatory": [(0, 42)]}}  # overlaps the rule's hit and both spans
    both = tagger.score([clause], tagger.union(rules, segment), ["obligatory"])
    assert _tally(both.by_rule["obligatory"])[:4] == (2, 2, 2, 2)


def test_folds_hold_each_part_out_whole_and_never_split_a_treaty() -> None:
    tagger = _tagger()

    def clause(key: str, part: str, group: str) -> Any:
        return tagger.Clause(key, part, group, "en", "x", {}, frozenset(), {})

    clauses = [clause("a", "tune-open", "rome"), clause("b", "fresh", "rome")]
    clauses += [clause(f"c{i}", "tune", f"t{i}") for i in range(6)]
    by_part = tagger.folds(clauses, "part")
    assert [[c.key for c in fold] for fold in by_part if fold] == [
        [f"c{i}" for i in range(6)],
        ["a"],
        ["b"],
    ]
    by_treaty = tagger.folds(clauses, "treaty")
    assert sorted(c.key for fold in by_treaty for c in fold) == sorted(c.key for c in clauses)
    assert not any(
        {c.group for c in f} & {c.group for c in g}
        for i, f in enumerate(by_treaty)
        for g in by_treaty[i + 1 :]
    )
