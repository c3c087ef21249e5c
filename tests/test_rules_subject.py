"""Issue 20, third pass: who a modal binds, and buffers read by meaning.

Each case comes from a tuning text (a bundled alliance clause of the former held-out part,
which became tuning in this pass, or the open-treaties tuning unit) with what a reader
finds in it (bench/labels/README.md); every case failed on the rules of main f8f80f2.
The fresh held-apart unit (bench/labels/fresh_open.yaml) is never quoted here.
"""

from __future__ import annotations

import pytest
import yaml
from _open_treaties import measure_rules, require_data
from _rule_findings import rule_words

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.rules.match import find_rules
from treatycmp.rules.subject import binds_party

# (bundled clause, rule, words a reader finds there)
FOUND_IN_CLAUSE = [
    ("anzus-1951:V", "geographic-scope", "aircraft in the Pacific"),
    ("anzus-1951:V", "defined-area", "aircraft in the Pacific"),
    ("anzus-1951:VIII", "hortatory", "is authorized"),
    ("csto-1992:1.3", "hortatory", "will enter into immediate consultations"),
    ("csto-1992:1.3", "hortatory", "will consistently be sought"),
    ("csto-1992:2.2", "threat-of-attack", "threat to international peace and security"),
    ("csto-1992:2.2", "hortatory", "will immediately put into action"),
    ("csto-1992@ru:1.1", "obligatory", "подтверждают обязательство"),
    ("csto-1992@ru:1.2", "obligatory", "не будут вступать"),
    ("csto-1992@ru:4.3", "obligatory", "будут придерживаться"),
    ("rio-1947:preamble.10", "threat-of-attack", "threats of aggression"),
    ("rio-1947:3.2", "political-decision", "agreeing upon the measures"),
    ("rio-1947:3.2", "immediacy", "immediate measures"),
    (
        "rio-1947:20",
        "political-decision",
        "Decisions which require the application of the measures",
    ),
    ("rio-1947:20", "obligatory", "shall be binding"),
    ("rio-1947:25", "hortatory", "may be denounced"),
    ("ussr-dprk-1961:1.1", "hortatory", "will continue to participate"),
    ("ussr-dprk-1961@ko:1.1", "hortatory", "참가할 것이며"),
]

# (bundled clause, rule, words a reader does not give that rule)
NOT_IN_CLAUSE = [
    ("anzus-1951:preamble.3", "hortatory", "may"),
    ("csto-1992:1.3", "obligatory", "will enter"),
    ("csto-1992@ru:4.1", "obligatory", "будет рассматриваться"),
    ("prc-dprk-1961@zh:preamble.1", "hortatory", "盡一切努力"),
    ("rio-1947:preamble.7", "obligatory", "will to cooperate"),
    ("rio-1947:3.2", "consultation", "Organ of Consultation"),
    ("ussr-dprk-1961:1.1", "obligatory", "will continue to participate"),
    ("ussr-dprk-1961:5", "hortatory", "should"),
    ("ussr-dprk-1961@ko:1.1", "obligatory", "성명한다"),
]


def _overlapping(corpus: Corpus, clause_id: str, rule_id: str, words: str) -> list[str]:
    """The findings of ``rule_id`` that overlap the first occurrence of ``words``."""
    treaty, clause = corpus.clause(clause_id)
    start = clause.text.index(words)
    end = start + len(words)
    return [
        f.text
        for f in find_rules(clause.text, treaty.language, bundled_rules())
        if f.rule_id == rule_id and f.start < end and start < f.end
    ]


@pytest.mark.parametrize(("clause_id", "rule_id", "words"), FOUND_IN_CLAUSE)
def test_found_in_a_tuning_clause(corpus: Corpus, clause_id: str, rule_id: str, words: str) -> None:
    assert _overlapping(corpus, clause_id, rule_id, words)


@pytest.mark.parametrize(("clause_id", "rule_id", "words"), NOT_IN_CLAUSE)
def test_not_found_in_a_tuning_clause(
    corpus: Corpus, clause_id: str, rule_id: str, words: str
) -> None:
    assert _overlapping(corpus, clause_id, rule_id, words) == []


def test_rio_19_and_25_hold_no_status_shall(corpus: Corpus) -> None:
    """A measure ("shall be at least equal") and a treaty's life ("shall remain in full
    force", "shall cease to be in force") are status, not duties; the depositary's
    "which shall inform" stays a duty."""
    treaty, clause = corpus.clause("rio-1947:19")
    assert rule_words(clause.text, treaty.language, "obligatory") == []
    treaty, clause = corpus.clause("rio-1947:25")
    starts = [
        f.start
        for f in find_rules(clause.text, treaty.language, bundled_rules())
        if f.rule_id == "obligatory"
    ]
    assert starts == [clause.text.index("shall inform")]


def test_no_state_shall_be_required_is_no_duty(corpus: Corpus) -> None:
    treaty, clause = corpus.clause("rio-1947:20")
    found = [
        f
        for f in find_rules(clause.text, treaty.language, bundled_rules())
        if f.rule_id == "obligatory"
    ]
    assert [clause.text[f.start : f.start + 23] for f in found] == ["shall be binding upon a"]


def test_a_policy_that_shall_include_is_content(corpus: Corpus) -> None:
    """TEU 42(2): "shall include the progressive framing" states content; "shall respect
    the obligations" is a duty."""
    treaty, clause = corpus.clause("teu-2007:42.2")
    starts = [
        f.start
        for f in find_rules(clause.text, treaty.language, bundled_rules())
        if f.rule_id == "obligatory"
    ]
    assert clause.text.index("shall include") not in starts
    assert clause.text.index("shall respect") in starts


# The subject check, on the tuning unit's wording (Outer Space Treaty Arts 5 and 11).
SUBJECTS = [
    # (text, modal, binds a party)
    ("the astronauts of one State Party shall render all possible assistance", "shall", False),
    ("States Parties to the Treaty shall regard astronauts as envoys", "shall", True),
    (
        "On receiving the said information, the Secretary-General of the United Nations "
        "should be prepared to disseminate it",
        "should",
        False,
    ),
    ("The Secretary-General shall be appointed by the General Assembly", "shall", True),
    ("Prisoners shall be released and repatriated", "shall", True),
    (
        "According to the treaty, the two sides, taking into account their national laws "
        "and international obligations, shall permanently maintain",
        "shall",
        True,
    ),
    ("a protocol drawn up by the Government which shall communicate copies", "shall", True),
    ("任一締約國的宇宙航行員應向其他締約國的宇宙航行員提供一切可能的援助", "應", False),
    ("聯合國秘書長接到上述情報後，應準備立即切實分發這種情報資料", "應", False),
    ("各締約國應把宇宙航行員視為人類派往外層空間的使節", "應", True),
    ("本條約應由交存國政府根據聯合國憲章第一百零二條的規定辦理登記", "應", True),
]


@pytest.mark.parametrize(("text", "modal", "party"), SUBJECTS)
def test_a_modal_binds_its_subject(text: str, modal: str, party: bool) -> None:
    start = text.index(modal)
    language = "en" if text.isascii() else "zh"
    assert binds_party(text, start, start + len(modal), language) is party


@pytest.mark.parametrize("language", ["zh", "zh-Hant", "zh_Hant", "ZH"])
def test_the_subject_check_reads_the_language_as_the_rules_do(language: str) -> None:
    text = "任一締約國的宇宙航行員應向其他締約國的宇宙航行員提供一切可能的援助"
    assert rule_words(text, language, "obligatory") == []
    assert rule_words("各締約國應把宇宙航行員視為人類派往外層空間的使節", language, "obligatory")


def test_a_party_duty_after_an_ensured_clause_is_its_own() -> None:
    """What a party ensures is content ("ensure that, where appropriate, each State Party
    shall notify"), but a new clause with a party as subject is a duty of its own."""
    text = (
        "Each Party shall take measures to ensure that its nationals comply, and each Party "
        "shall inform the depositary."
    )
    starts = [f.start for f in find_rules(text, "en", bundled_rules()) if f.rule_id == "obligatory"]
    assert starts == [text.index("shall take"), text.index("shall inform")]
    inside = "Each Party shall ensure that, where appropriate, each State Party shall notify."
    assert rule_words(inside, "en", "obligatory") == ["shall"]


def test_a_non_party_subject_drops_the_modality_finding() -> None:
    text = "the astronauts of one State Party shall render all possible assistance"
    assert rule_words(text, "en", "obligatory") == []
    assert rule_words("States Parties shall render all possible assistance", "en", "obligatory")


def test_handing_back_at_once_is_no_immediacy() -> None:
    """Outer Space 5 (zh): astronauts "應立即、安全地被交還" — returned, not a response."""
    assert (
        rule_words(
            "宇宙航行員緊急降落後，應立即、安全地被交還給他們宇宙飛行器的登記國家。",
            "zh",
            "immediacy",
        )
        == []
    )


def test_fresh_unit_labels_still_match_their_texts() -> None:
    """The fresh held-apart unit is read, never measured, here: every digest and span
    still stands in the dataset (a changed text would silently leave the unit)."""
    data = require_data()
    module = measure_rules()
    entries = yaml.safe_load(module.FRESH_LABELS.read_text(encoding="utf-8"))["clauses"]
    assert len(entries) == 35
    assert {e["part"] for e in entries} == {"fresh"}
    assert module.check_open(entries, data) == []
