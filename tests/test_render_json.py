"""JSON rendering: documented shape, stable order, rounding, UTF-8."""

from __future__ import annotations

import json

from _treaties import bundled, make_treaty

from treatycmp.analysis import compare
from treatycmp.render.diff.json import SCHEMA_VERSION, comparison_to_dict, render_json


def test_shape_and_key_order() -> None:
    left = make_treaty("a", [["The Parties shall consult."], ["Gone away entirely now."]])
    right = make_treaty("b", [["The Parties shall consult together."], ["체약 쌍방은"]])
    text = render_json(compare(left, right))
    assert text.endswith("}\n")
    assert "체약 쌍방은" in text
    doc = json.loads(text)
    assert list(doc) == [
        "schema_version",
        "left",
        "right",
        "options",
        "summary",
        "warnings",
        "notes",
        "pairs",
    ]
    assert doc["notes"] == []
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["left"] == {
        "id": "a",
        "title": "Treaty a",
        "signed": "2000-01-01",
        "caveats": ["official translation/rendering: test"],
    }
    assert list(doc["options"]) == [
        "level",
        "threshold",
        "scorer",
        "scope",
        "functional",
        "ignore_case",
        "ignore_punctuation",
    ]
    assert doc["options"]["scope"] == "treaties"
    assert list(doc["summary"]) == ["counts", "similarity", "findings"]
    assert list(doc["summary"]["findings"]) == [
        "buffer",
        "intensifier",
        "trigger",
        "condition",
        "modality",
    ]
    pair = doc["pairs"][0]
    assert list(pair) == [
        "kind",
        "left",
        "right",
        "score",
        "change",
        "note",
        "may_be_in_gap",
        "ops",
        "findings",
        "function",
    ]
    assert pair["function"] is None
    assert list(pair["findings"]) == [
        "added",
        "removed",
        "kept",
        "unknown",
        "elsewhere",
        "modality_shift",
        "left_spans",
        "right_spans",
    ]
    assert pair["findings"]["kept"] == ["consultation", "consultative"]
    assert pair["kind"] == "changed"
    assert pair["left"] == ["1"]
    assert pair["ops"][-1] == ["insert", "", " together"] or pair["ops"][-2][0] == "insert"
    assert [p["kind"] for p in doc["pairs"][1:]] == ["added", "removed"]
    assert doc["pairs"][2]["ops"] == [["delete", "Gone away entirely now.", ""]]
    assert doc["pairs"][2]["may_be_in_gap"] is False


def test_findings_on_the_headline_pair() -> None:
    doc = comparison_to_dict(
        compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    )
    (pair,) = doc["pairs"]
    assert pair["findings"]["added"] == ["domestic-law", "un-charter-51"]
    assert {"immediacy", "all-means", "state-of-war"} <= set(pair["findings"]["kept"])
    assert doc["summary"]["findings"]["buffer"]["added"] == 2
    right_text = "".join(op[2] for op in pair["ops"])
    spans = {rule: right_text[a:b] for rule, a, b in pair["findings"]["right_spans"]}
    assert spans["un-charter-51"] == "Article 51 of the UN Charter"


def test_scores_are_rounded() -> None:
    left = make_treaty("a", [["The Parties shall consult on questions of peace."]])
    right = make_treaty("b", [["The Parties will consult on issues of peace."]])
    doc = comparison_to_dict(compare(left, right))
    score = doc["pairs"][0]["score"]
    assert score == round(score, 4)


def test_real_corpus_renders_and_roundtrips() -> None:
    c = compare(bundled("ussr-dprk-1961@ko"), bundled("dprk-russia-2024@ko"))
    doc = json.loads(render_json(c))
    assert doc["right"]["id"] == "dprk-russia-2024@ko"
    assert sum(doc["summary"]["counts"].values()) == len(doc["pairs"])
