"""Issue 20, second pass: the rules read modality, triggers and buffers by meaning.

Each case is a phrase from a treaty outside the bundle (the open-treaties dataset, CC0:
Outer Space Treaty, Geneva Convention I, Rome Statute, VCLT) or a bundled clause, with
what a reader finds in it (bench/labels/README.md, "Second tuning unit").
"""

from __future__ import annotations

import pytest
from _open_treaties import measure_rules, require_data
from _rule_findings import rule_words

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus

# (text, language, rule, words that must be found)
FOUND = [
    ("States Parties agree to inform the Secretary-General", "en", "obligatory", "agree to inform"),
    ("may not be invoked as a ground for terminating", "en", "obligatory", "may not be invoked"),
    ("purposes shall not be prohibited.", "en", "hortatory", "shall not be prohibited"),
    (
        "it shall undertake appropriate international consultations",
        "en",
        "consultation",
        "undertake appropriate international consultations",
    ),
    (
        "each Party to the conflict may request consultation",
        "en",
        "consultation",
        "request consultation",
    ),
    (
        # the domestic-law buffer coordinated after the Charter's (a new user's draft)
        "would act in accordance with Article 51 of the Charter of the United Nations "
        "and with its constitutional processes",
        "en",
        "domestic-law",
        "and with its constitutional processes",
    ),
    ("每個締約國均可對本條約提出修正。", "zh", "hortatory", "均可"),
    ("一當事國得退出條約", "zh", "hortatory", "得"),
    ("各締約國保證：不在繞地球軌道放置", "zh", "obligatory", "保證"),
    ("禁止在天體建立軍事基地", "zh", "obligatory", "禁止"),
    ("不禁止使用軍事人員進行科學研究", "zh", "hortatory", "不禁止"),
    ("第六十五條第一項規定之通知須以書面為之。", "zh", "obligatory", "須"),
    ("觀測機會的性質以及提供的條件，要由有關國家以協議定之。", "zh", "obligatory", "要由"),
    ("該國應保證於實施這種活動或實驗前，進行適當地國際磋商。", "zh", "consultative", "應保證"),
]

# (text, language, rule): a reader finds nothing of the rule here
NOT_FOUND = [
    ("Outer space shall be free for exploration and use by all States", "en", "obligatory"),
    ("there shall be free access to all areas of celestial bodies", "en", "obligatory"),
    ("The provisions of this Treaty shall apply to the activities of States", "en", "obligatory"),
    ("This Treaty shall be open to all States for signature.", "en", "obligatory"),
    ("This Treaty shall be subject to ratification by signatory States.", "en", "obligatory"),
    ("shall retain jurisdiction and control over such object", "en", "obligatory"),
    ("a period which shall not be less than three months", "en", "obligatory"),
    ("Believing that the exploration of outer space should be carried on", "en", "hortatory"),
    ("any other armed conflict which may arise between two or more", "en", "hortatory"),
    ("the withdrawal of a party may take place", "en", "hortatory"),
    ("Any State which does not sign may accede to it at any time.", "en", "hortatory"),
    (
        "one of the Powers in conflict may not be a party to the present Convention",
        "en",
        "obligatory",
    ),
    ("States Parties shall immediately inform the other States Parties", "en", "immediacy"),
    ("should be prepared to disseminate it immediately and effectively", "en", "immediacy"),
    ('"act of aggression" means the use of armed force by a State', "en", "armed-attack"),
    ("shall qualify as an act of aggression", "en", "armed-attack"),
    ("even if the state of war is not recognized by one of them", "en", "state-of-war"),
    (
        "An attack by the armed forces of a State on the land, sea or air forces",
        "en",
        "geographic-scope",
    ),
    (
        "notify each other of the completion of their constitutional procedures",
        "en",
        "domestic-law",
    ),
    ("任何威脅和平、破壞和平或侵略行爲的宣傳", "zh", "threat-of-attack"),
    ("應為所有國家謀福利和利益", "zh", "obligatory"),
    ("本條約應於其交存批准書或加入文件之日起生效。", "zh", "obligatory"),
    ("本條約須經簽署國批准。", "zh", "obligatory"),
    ("不禁止使用為和平探索月球和其他天體所必須的任何器材設備", "zh", "obligatory"),
    ("聯合國秘書長接到上述情報後，應準備立即切實分發這種情報資料。", "zh", "immediacy"),
    ("即使其中一國不承認有戰爭狀態", "zh", "state-of-war"),
    ("上述各項不妨礙條約內適用於違約情事之任何規定", "zh", "hortatory"),
    ("這些代表應將計劃的參觀事宜，提前通知，以便進行適當磋商", "zh", "consultation"),
]


@pytest.mark.parametrize(("text", "language", "rule_id", "words"), FOUND)
def test_found_by_meaning(text: str, language: str, rule_id: str, words: str) -> None:
    found = rule_words(text, language, rule_id)
    assert any(words in f or f in words for f in found), (rule_id, found)


@pytest.mark.parametrize(("text", "language", "rule_id"), NOT_FOUND)
def test_not_found_where_the_meaning_is_absent(text: str, language: str, rule_id: str) -> None:
    assert rule_words(text, language, rule_id) == []


def test_aggression_by_means_of_armed_attack_keeps_its_whole_span(corpus: Corpus) -> None:
    """'means' of a definition must not cut SEATO IV.1's "aggression by means of armed attack"."""
    treaty, clause = corpus.clause("seato-1954:IV.1")
    found = rule_words(clause.text, treaty.language, "armed-attack")
    assert "aggression by means of armed attack" in found


def test_a_duty_stated_as_status_stays_a_duty(corpus: Corpus) -> None:
    """UN Charter 84 "It shall be the duty of ...": a noun after "shall be", but a duty."""
    treaty, clause = corpus.clause("un-charter-1945:84")
    assert rule_words(clause.text, treaty.language, "obligatory")


def test_undertaking_span_is_the_verb_only(corpus: Corpus) -> None:
    """PRC-DPRK II in Chinese: the party before 保證 is not part of the span."""
    treaty, clause = corpus.clause("prc-dprk-1961@zh:2")
    assert "保證" in rule_words(clause.text, treaty.language, "obligatory")


def test_second_tuning_unit_holds_its_measured_level() -> None:
    """bench/measure_rules.py --part tune-open: the figures this change reached (modality
    recall .98, precision .94) do not slip back."""
    data = require_data()
    module = measure_rules()
    import yaml

    entries = yaml.safe_load(module.OPEN_LABELS.read_text(encoding="utf-8"))["clauses"]
    assert module.check_open(entries, data) == []
    result = module.measure(entries, Corpus.load(env={}), bundled_rules(), data)
    modality = [
        t for r, t in result.by_rule.items() if module.categories(bundled_rules())[r] == "modality"
    ]
    spans = sum(t.spans for t in modality)
    found = sum(t.found for t in modality)
    findings = sum(t.findings for t in modality)
    right = sum(t.right for t in modality)
    assert found / spans >= 0.97
    assert right / findings >= 0.92
