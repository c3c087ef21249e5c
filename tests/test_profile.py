"""Obligation profiles on the real corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.corpus import Corpus
from treatycmp.kinds import COLUMNS
from treatycmp.profile import Profile, profile_treaty, profiles_record
from treatycmp.rule_model import RuleSet, literal_groups
from treatycmp.rules.load import load_rules


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(env={})


def rows_by_clause(profile: Profile) -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        r.clause_id: {"obligation": r.obligations, **{c: r.ids(c) for c in COLUMNS}}
        for r in profile.rows
    }


def test_north_atlantic_profile(corpus: Corpus, rules: RuleSet) -> None:
    rows = rows_by_clause(profile_treaty(corpus.get("north-atlantic-1949"), rules))
    assert set(rows) == {"1", "4", "5"}
    assert rows["1"]["obligation"] == ("non-aggression",)
    assert rows["4"]["obligation"] == ("consultation",)
    assert rows["4"]["trigger"] == ("threat-of-attack",)
    art5 = rows["5"]
    assert art5["obligation"] == ("defence",)
    assert "armed-attack" in art5["trigger"]
    assert art5["conditions"] == ("defined-area",)
    assert {"un-charter-51", "discretion", "security-council"} <= set(art5["buffers"])
    assert {"obligatory", "discretionary"} <= set(art5["modality"])
    assert art5["intensifiers"] == ("immediacy",)


def test_us_rok_profile(corpus: Corpus, rules: RuleSet) -> None:
    rows = rows_by_clause(profile_treaty(corpus.get("us-rok-1953"), rules))
    assert rows["II"]["obligation"] == ("consultation",)
    assert rows["III"]["obligation"] == ("defence",)
    assert "domestic-law" in rows["III"]["buffers"]
    assert rows["III"]["modality"] == ("hortatory",)  # "would act"


def test_1961_and_2024_side_by_side_in_korean(corpus: Corpus, rules: RuleSet) -> None:
    old = rows_by_clause(profile_treaty(corpus.get("ussr-dprk-1961@ko"), rules))
    new = rows_by_clause(profile_treaty(corpus.get("dprk-russia-2024@ko"), rules))
    assert old["1"]["obligation"] == new["4"]["obligation"] == ("defence",)
    assert old["1"]["buffers"] == ()
    assert set(new["4"]["buffers"]) == {"un-charter-51", "domestic-law"}
    assert set(old["1"]["intensifiers"]) == set(new["4"]["intensifiers"])
    assert new["3"]["obligation"] == ("consultation",)


def test_the_charter_itself_is_not_an_alliance_obligation(corpus: Corpus, rules: RuleSet) -> None:
    rows = rows_by_clause(profile_treaty(corpus.get("un-charter-51"), rules))
    assert "defence" not in rows.get("51", {}).get("obligation", ())


def test_preambles_carry_no_obligation(corpus: Corpus, rules: RuleSet) -> None:
    for treaty in corpus.treaties:
        for row in profile_treaty(treaty, rules).rows:
            assert not row.clause_id.startswith(("preamble", "closing", "preface"))


def test_profile_record_is_json_ready(corpus: Corpus, rules: RuleSet) -> None:
    profiles = [
        profile_treaty(corpus.get(t), rules) for t in ("ussr-dprk-1961", "dprk-russia-2024")
    ]
    record = profiles_record(profiles)
    text = json.dumps(record, ensure_ascii=False)
    back = json.loads(text)
    assert [t["id"] for t in back["treaties"]] == ["ussr-dprk-1961", "dprk-russia-2024"]
    row = back["treaties"][1]["rows"][-1]
    assert list(row)[:8] == ["treaty", "clause", "obligation", *COLUMNS]
    assert row["partial"] is True  # KCNA Article 4 breaks off after "without delay"
    for finding in row["findings"]:
        clause = next(c for c in profiles[1].rows if c.clause_id == row["clause"])
        assert clause.text[finding["start"] : finding["end"]] == finding["text"]


def test_profile_reports_rules_without_patterns(corpus: Corpus, rules: RuleSet) -> None:
    profile = profile_treaty(corpus.get("us-rok-1953"), rules)
    assert profile.missing == ()
    assert profile.warning is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The Parties refrain from the threat or use of force against each other.",
            "en",
            "non-aggression",
        ),
        (
            "Each Party undertakes not to enter into any alliance directed against the other.",
            "en",
            "non-aggression",
        ),
        (
            "체약 각방은 체약 상대방을 반대하는 어떠한 동맹도 체결하지 않는다.",
            "ko",
            "non-aggression",
        ),
        ("Стороны воздерживаются от применения силы.", "ru", "non-aggression"),
        ("Should one Party be at war, the other shall remain neutral.", "en", "neutrality"),
        ("The other Party shall not assist the aggressor.", "en", "neutrality"),
        ("다른 체약국은 중립을 지킨다.", "ko", "neutrality"),
        ("Другая сторона соблюдает нейтралитет.", "ru", "neutrality"),
        ("The Parties shall jointly attack the third state.", "en", "offence"),
        ("The Parties will take part in the war against that Power.", "en", "offence"),
    ],
)
def test_obligation_cues(text: str, language: str, expected: str, rules: RuleSet) -> None:
    from treatycmp.profile import obligation_evidence
    from treatycmp.rules.match import find_rules

    found = dict(obligation_evidence(text, language, find_rules(text, language, rules)))
    assert expected in found
    for e in found[expected]:
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "text",
    [
        "The Parties shall not attack together any third state.",
        "Nothing in this Treaty obliges a Party to take part in a war it did not choose.",
        "The Parties shall consult together on all important international questions.",
    ],
)
def test_no_offence_or_crisis_consultation_where_there_is_none(text: str, rules: RuleSet) -> None:
    from treatycmp.profile import obligation_types
    from treatycmp.rules.match import find_rules

    kinds = obligation_types(text, "en", find_rules(text, "en", rules))
    assert "offence" not in kinds
    assert "consultation" not in kinds


def test_consultation_needs_a_crisis(corpus: Corpus, rules: RuleSet) -> None:
    rows = rows_by_clause(profile_treaty(corpus.get("ussr-dprk-1961"), rules))
    assert rows["3"]["obligation"] == ("general-consultation",)
    assert rows["2"]["obligation"] == ("non-aggression",)
    row = next(
        r for r in profile_treaty(corpus.get("ussr-dprk-1961"), rules).rows if r.clause_id == "2"
    )
    assert [e.text for e in row.evidence] == ["not to enter into any alliance"]


def test_measured_against_the_reading_by_hand() -> None:
    """bench/measure_profile.py's hand reading: no miss and no false alarm."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "measure_profile.py"
    spec = importlib.util.spec_from_file_location("measure_profile", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["measure_profile"] = module
    spec.loader.exec_module(module)
    corpus = Corpus.load(env={})
    bundled = {t.id: t for t in corpus.treaties if t.id not in module.NOT_ALLIANCES}
    treaties = [(tid, t) for tid, t in bundled.items() if tid in module.TRUTH]
    treaties += module.source_treaties(bundled)
    _rows, notes = module.measure(treaties)
    # Chinese included (issue 20): no miss and no false alarm in any language.
    assert notes == []
    # every bundled alliance text has a reading by hand
    assert {tid for tid, _ in treaties} >= set(bundled)


_CUE_WORDS = (
    "refrain from the use of force",
    "shall not attack",
    "remain neutral",
    "exchange views",
    "jointly attack",
    "take part in the war against",
    "offensive action against",
    "aid",
    "consult on all",
    "military",
    "all available means",
    "organ of consultation",
    "Neutrality",
    "REFRAIN",
    "the",
    "Party",
    "enter into",
    "join",
    ",",
    "\n",
    "sea",
)


@given(st.lists(st.sampled_from(_CUE_WORDS), max_size=25))
@settings(max_examples=300, deadline=None)
def test_cue_prefilter_finds_what_the_regex_finds(words: list[str]) -> None:
    """The cues' literal prefilter (issue 22) only skips ASCII texts the regex cannot
    match: the same matches, every language table and cue."""
    import treatycmp.profile as prof

    text = " ".join(words)
    for name in dir(prof):
        cues = getattr(prof, name)
        if isinstance(cues, prof._Cues):
            for lang in cues:
                fast = [m.span() for m in cues.finditer(lang, text)]
                assert fast == [m.span() for m in cues[lang].finditer(text)], (name, text)


class _Counted:
    """A regex that keeps the texts it searched."""

    def __init__(self, real: re.Pattern[str]) -> None:
        self.real = real
        self.searched: list[str] = []

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.searched.append(text)
        return self.real.finditer(text)


def test_cues_search_only_texts_holding_their_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted, not timed (issue 22): on the bundled English paragraphs the
    non-aggression, neutrality, offence and consultation cues search under half of the
    ASCII texts, and never one lacking their literals."""
    import treatycmp.profile as prof

    corpus = Corpus.load(env={})
    texts = [
        c.text
        for t in corpus.treaties
        if t.language == "en"
        for c in t.clauses("paragraph")
        if c.text.isascii()
    ]
    for cues in (prof._NON_AGGRESSION, prof._NEUTRALITY, prof._OFFENCE, prof._GENERAL_CONSULTATION):
        real = cues["en"]
        counted = _Counted(real)
        monkeypatch.setitem(cues._compiled, "en", cast("re.Pattern[str]", counted))
        searched = counted.searched
        found = [m.span() for t in texts for m in cues.finditer("en", t)]
        assert found == [m.span() for t in texts for m in real.finditer(t)]
        assert len(searched) * 2 < len(texts), (len(searched), len(texts))
        branches = cues._needs("en")[1]
        assert all(
            any(all(any(x in t.lower() for x in g) for g in groups) for groups in branches)
            for t in searched
        )


def test_cues_are_prefiltered_branch_by_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted, not timed (issue 22): a text is searched only when one branch of
    a cue finds a literal of each of its own groups, so "join" or "take" alone no longer
    sends a text through the offence regex. On the bundled English paragraphs the
    non-aggression and offence cues search under half of the texts that the literal
    groups of their whole alternation let through, with the same matches."""
    import treatycmp.profile as prof

    corpus = Corpus.load(env={})
    texts = [
        c.text
        for t in corpus.treaties
        if t.language == "en"
        for c in t.clauses("paragraph")
        if c.text.isascii()
    ]
    for cues in (prof._NON_AGGRESSION, prof._OFFENCE):
        real = cues["en"]
        counted = _Counted(real)
        monkeypatch.setitem(cues._compiled, "en", cast("re.Pattern[str]", counted))
        found = [m.span() for t in texts for m in cues.finditer("en", t)]
        assert found == [m.span() for t in texts for m in real.finditer(t)]
        whole = literal_groups(re.compile(real.pattern))
        through = [t for t in texts if all(any(x.lower() in t.lower() for x in g) for g in whole)]
        assert len(counted.searched) * 2 < len(through), (len(counted.searched), len(through))
