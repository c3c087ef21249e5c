"""bench/label_agreement.py: span agreement and Cohen's kappa on small hand-made readings."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from treatycmp import load_rules

ROOT = Path(__file__).resolve().parents[1]


def _module() -> ModuleType:
    path = ROOT / "bench" / "label_agreement.py"
    spec = importlib.util.spec_from_file_location("label_agreement", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["label_agreement"] = module
    spec.loader.exec_module(module)
    return module


la = _module()

TEXTS = {
    "t:1@en": "In the event of an armed attack the other Party shall immediately assist it.",
    "t:2@en": "The Parties will consult together on all important questions.",
    "t:3@ru": "Стороны обязуются воздерживаться от нападения.",
    "t:4@en": "This Treaty shall remain in force for ten years.",
}


def _entry(key: str, labels: dict[str, list[str]], **extra: Any) -> dict[str, Any]:
    head, language = key.rsplit("@", 1)
    treaty, clause = head.split(":", 1)
    text = TEXTS[key]
    return {
        "source": "pages",
        "treaty": treaty,
        "clause": clause,
        "language": language,
        "digest": hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        "labels": labels,
        "unknown": extra.get("unknown", []),
        "obligations": extra.get("obligations", []),
        "obligations_unknown": extra.get("obligations_unknown", []),
    }


def _readings(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {la.entry_key(e): la.read_entry(e, TEXTS[la.entry_key(e)], "x.yaml") for e in entries}


READER1 = [
    _entry(
        "t:1@en",
        {
            "armed-attack": ["an armed attack"],
            "immediacy": ["immediately"],
            "obligatory": ["shall"],
        },
        obligations=["defence"],
    ),
    _entry("t:2@en", {"consultation": ["consult together"], "hortatory": ["will consult"]}),
    _entry("t:3@ru", {"obligatory": ["обязуются"]}, obligations=["non-aggression"]),
    _entry("t:4@en", {}),
]


def test_identical_readings_agree_fully() -> None:
    a = la.compare(_readings(READER1), _readings(READER1))
    t = a.by_group["all"]
    assert (t.spans1, t.spans2, t.recalled, t.precise) == (6, 6, 6, 6)
    assert (t.recall, t.precision, t.f1) == (1.0, 1.0, 1.0)
    assert a.by_group["trigger"].kappa == 1.0
    assert a.disagreements == []


def test_overlap_with_other_boundaries_agrees_and_other_label_does_not() -> None:
    two = [
        # wider span for the attack, a narrower one for the duty: overlap, agree;
        # "immediately" given as hortatory instead of immediacy: two disagreements
        _entry(
            "t:1@en",
            {
                "armed-attack": ["In the event of an armed attack"],
                "obligatory": ["shall immediately assist"],
                "hortatory": ["immediately"],
            },
            obligations=["defence"],
        ),
        *READER1[1:],
    ]
    a = la.compare(_readings(READER1), _readings(two))
    assert a.by_group["armed-attack"].recalled == 1
    assert a.by_group["obligatory"].precise == 2  # t:1 and t:3
    immediacy = a.by_group["immediacy"]
    assert (immediacy.spans1, immediacy.spans2, immediacy.recall, immediacy.precision) == (
        1,
        0,
        0.0,
        None,
    )
    hortatory = a.by_group["hortatory"]
    assert (hortatory.spans1, hortatory.spans2, hortatory.precise) == (1, 2, 1)
    assert hortatory.precision == 0.5
    assert sorted(a.disagreements) == [
        "only reader 1: t:1@en immediacy: 'immediately'",
        "only reader 2: t:1@en hortatory: 'immediately'",
    ]
    # the category sums its labels: modality r1 3 spans, r2 4, all agree but one
    modality = a.by_group["modality"]
    assert (modality.spans1, modality.spans2, modality.recalled, modality.precise) == (3, 4, 3, 3)
    assert modality.f1 == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_two_short_spans_against_one_long_span() -> None:
    two = [_entry("t:2@en", {"consultation": ["consult", "together"]}), *READER1[2:]]
    one = [READER1[1], *READER1[2:]]
    t = la.compare(_readings(one), _readings(two)).by_group["consultation"]
    assert (t.spans1, t.spans2, t.recalled, t.precise) == (1, 2, 1, 2)


def test_kappa_by_hand() -> None:
    # presence r1 yes, yes, no, no; r2 yes, no, no, no: po 3/4, pe 1/2, kappa 1/2
    assert la.cohen_kappa(1, 1, 0, 2) == 0.5
    # all clauses alike in both readings: chance agreement 1, kappa undefined
    assert la.cohen_kappa(0, 0, 0, 4) is None
    assert la.cohen_kappa(4, 0, 0, 0) is None
    # complete disagreement on a balanced table
    assert la.cohen_kappa(0, 2, 2, 0) == -1.0
    # 20 clauses, both 5, only1 3, only2 2, neither 10: po .75, pe .8*? by hand:
    # yes1 .4, yes2 .35, pe .4*.35 + .6*.65 = .53, kappa (.75-.53)/.47
    assert la.cohen_kappa(5, 3, 2, 10) == pytest.approx(0.22 / 0.47)


def test_clause_kappa_counts_presence_not_spans() -> None:
    two = [
        _entry("t:1@en", {"obligatory": ["shall"]}, obligations=["defence"]),
        _entry("t:2@en", {"consultation": ["consult together"], "hortatory": ["will consult"]}),
        _entry("t:3@ru", {"obligatory": ["обязуются"], "armed-attack": ["нападения"]}),
        READER1[3],
    ]
    a = la.compare(_readings(READER1), _readings(two))
    trigger = a.by_group["trigger"]
    # t:1 only reader 1, t:3 only reader 2, t:2 and t:4 neither
    assert (trigger.both, trigger.only1, trigger.only2, trigger.neither) == (0, 1, 1, 2)
    assert trigger.kappa == pytest.approx(-1 / 3)
    assert a.obligations["non-aggression"].only1 == 1
    assert "only reader 1: t:3@ru obligation non-aggression" in a.disagreements
    assert a.by_language[("ru", "all")].spans2 == 2


def test_unknown_leaves_the_label_out_for_both_readers() -> None:
    two = [
        _entry("t:1@en", {"obligatory": ["shall"]}, unknown=["armed-attack", "immediacy"]),
        *READER1[1:],
    ]
    a = la.compare(_readings(READER1), _readings(two))
    assert "armed-attack" not in a.by_group or a.by_group["armed-attack"].spans1 == 0
    assert a.by_group["intensifier"].spans1 == 0
    assert a.excluded == 2
    # the clause is left out of the trigger kappa, kept in the modality one
    trigger = a.by_group["trigger"]
    assert trigger.both + trigger.only1 + trigger.only2 + trigger.neither == 3
    modality = a.by_group["modality"]
    assert modality.both + modality.only1 + modality.only2 + modality.neither == 4
    # obligation type: reader 2 drops defence on t:1 (not unknown): a disagreement
    assert a.obligations["defence"].only1 == 1


def test_bad_labels_are_refused_with_file_and_fix() -> None:
    bad_span = _entry("t:1@en", {"obligatory": ["the"]})  # "the" twice in the clause
    with pytest.raises(la.LabelError, match=r"x\.yaml: t:1@en: obligatory: span 'the'"):
        _readings([bad_span])
    changed = {**_entry("t:4@en", {}), "digest": "000000000000"}
    with pytest.raises(la.LabelError, match="text changed since labelling"):
        _readings([changed])
    with pytest.raises(la.LabelError, match="unknown label 'imediacy'"):
        _readings([_entry("t:4@en", {"imediacy": ["ten"]})])
    with pytest.raises(la.LabelError, match="differ in clauses: t:4@en"):
        la.compare(_readings(READER1), _readings(READER1[:3]))


def test_main_prints_tables_and_exits_2_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tmp_path / "texts.json"
    texts.write_text(json.dumps({k: {"text": v} for k, v in TEXTS.items()}), encoding="utf-8")
    one = tmp_path / "one.yaml"
    one.write_text(yaml.safe_dump({"clauses": READER1}, allow_unicode=True), encoding="utf-8")
    assert la.main([str(one), str(one), "--texts", str(texts), "--list"]) == 0
    out = capsys.readouterr().out
    assert "| **all** | 6 | 6 | 1.00 | 1.00 | 1.00 | 3 / 0 / 0 / 1 | 1.00 | 1.00 |" in out
    assert "| **ru** | 1 | 1 | 1.00 | 1.00 | 1.00 |" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("clauses: [\n", encoding="utf-8")
    assert la.main([str(one), str(broken), "--texts", str(texts)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}:2: not a label file")
    assert err.count("\n") == 1


def test_categories_are_the_bundled_rules_plus_political_decision() -> None:
    """The script's label map follows the rule library (ids and categories), so a new rule
    is not silently refused or scored in the wrong category."""
    bundled = {r.id: r.category for r in load_rules()}
    assert {**bundled, "political-decision": "buffer"} == la.CATEGORIES


def test_the_two_fresh5_readings_label_the_same_clauses() -> None:
    """Both readings of fresh5 name the same 60 clauses with the same digests (the texts are
    kept off the repository, so the check is on the label files alone)."""
    keys = []
    for name in ("fresh5_alliance.yaml", "fresh5_alliance.reader2.yaml"):
        entries = yaml.safe_load((ROOT / "bench" / "labels" / name).read_text(encoding="utf-8"))
        keys.append({(la.entry_key(e), e["digest"]) for e in entries["clauses"]})
    assert keys[0] == keys[1]
    assert len(keys[0]) == 60


def test_f1_is_zero_when_only_one_reader_has_spans() -> None:
    two = [_entry("t:1@en", {"armed-attack": ["an armed attack"]}), *READER1[1:]]
    a = la.compare(_readings(READER1), _readings(two))
    assert a.by_group["immediacy"].f1 == 0.0
    assert a.by_group["discretion"].f1 is None  # neither reader has a span


def test_bootstrap_resamples_whole_treaties() -> None:
    one = _readings(READER1)
    assert la.bootstrap(one, one, 50)["all"] == (1.0, 1.0)
    two = _readings([READER1[0], READER1[1], _entry("t:3@ru", {}), READER1[3]])
    # every clause is of treaty "t": each draw is the whole unit, so the interval is the point
    point = la.compare(one, two).by_group["all"].f1
    assert la.bootstrap(one, two, 50)["all"] == (point, point)
    assert la.bootstrap(one, two, 50, seed=1) == la.bootstrap(one, two, 50, seed=1)
    assert la.treaty_of("locarno-1925:4.3@en") == "locarno-1925"
