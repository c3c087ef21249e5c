"""Issue 22 (branch s31-speed): the compiled literal scan of the rule prefilter gives the
same literals as ``literal in text`` for each, and its work is counted, never timed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import ClassVar

import pytest
from _rules_oracle import Reference
from hypothesis import given, settings
from hypothesis import strategies as st

import treatycmp.rules.match as match
from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.rule_model import Pattern
from treatycmp.rules.literals import LiteralScan
from treatycmp.text import normalize

_ALPHABET = "ab n\u0430"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(_ALPHABET, max_size=5), max_size=12),
    st.text(_ALPHABET, max_size=40),
)
def test_the_scan_finds_what_in_finds(literals: list[str], text: str) -> None:
    """Overlapping literals, literals inside others, prefixes, the empty literal."""
    assert LiteralScan(literals).present(text) == {x for x in literals if x in text}


def test_a_literal_inside_a_longer_match_is_found() -> None:
    scan = LiteralScan(["shall not", "shall", "hall", "not", "all n", "l"])
    assert scan.present("it shall not") == {"shall not", "shall", "hall", "not", "all n", "l"}
    assert scan.present("shal") == {"l"}
    assert LiteralScan([]).present("anything") == set()
    assert LiteralScan(["", "x"]).present("") == {""}


def _english_paragraphs() -> list[str]:
    out = []
    for treaty in Corpus.load(env={}).treaties:
        if treaty.language == "en":
            for clause in treaty.clauses("paragraph"):
                out += [normalize(x, strip_number=False) for x in clause.text.split("\n")]
    return [x for x in out if x.strip()]


def test_the_bundled_index_literals_are_found_exactly() -> None:
    """The scan finds exactly the index literals and the exclusions' ``needs``."""
    plan, _, index, scanner = match._plan(bundled_rules(), "en")
    literals = list(index()[0])
    scan, order = scanner()
    assert list(order) == literals
    excluded = {x for _, _, exclude in plan for p in exclude for x in p.needs}
    assert excluded - set(literals)
    paragraphs = _english_paragraphs()
    assert len(paragraphs) > 300
    for text in paragraphs:
        assert scan.present(text) == {x for x in {*literals, *excluded} if x in text}


def test_exclusions_lacking_their_needs_ask_no_group(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted, not timed (issue 22): with the scan, an exclusion none of whose
    ``needs`` literals the paragraph holds is dropped without a group search, so on the
    bundled English paragraphs the exclusions ask under half the groups they asked
    without it ("obligatory"'s 36 exclusions, each its own group), with the same
    findings."""
    monkeypatch.setattr(match, "PREFILTER_AFTER", 0)
    rules = bundled_rules()
    texts = _english_paragraphs()
    asked = {"scan": 0, "no scan": 0}
    found = {}
    real = match.group_held

    for mode, after in (("scan", 0), ("no scan", 10**9)):
        monkeypatch.setattr(match, "SCAN_AFTER", after)
        match._PLANS.clear()

        def counted(group: tuple[str, ...], whole: str, mode: str = mode) -> bool:
            if sys._getframe(2).f_code.co_name == "_matches":  # an exclusion's ask
                asked[mode] += 1
            return real(group, whole)

        monkeypatch.setattr(match, "group_held", counted)
        found[mode] = [match.find_rules(t, "en", rules) for t in texts]
    match._PLANS.clear()
    assert found["scan"] == found["no scan"]
    assert asked["scan"] * 2 < asked["no scan"], asked


@pytest.mark.parametrize("scan_after", [0, 10**9])
def test_matching_with_the_scan_equals_the_reference(
    scan_after: int, monkeypatch: pytest.MonkeyPatch, reference: Reference
) -> None:
    monkeypatch.setattr(match, "PREFILTER_AFTER", 0)
    monkeypatch.setattr(match, "SCAN_AFTER", scan_after)
    rules = bundled_rules()
    checked = 0
    for treaty in Corpus.load(env={}).treaties:
        for level in ("paragraph", "article"):
            for clause in treaty.clauses(level):
                got = match.find_rules(clause.text, treaty.language, rules)
                assert got == reference(clause.text, treaty.language)
                checked += len(got)
    assert checked > 100


def test_each_paragraph_is_read_once_for_the_index_literals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Work counted: with the scan, each paragraph is scanned once, no clause is searched
    literal by literal (``_among``), and choosing its patterns visits only the index
    literals it holds: on the bundled English articles a small part of the 265 x
    paragraphs that searching each literal reads."""
    monkeypatch.setattr(match, "PREFILTER_AFTER", 0)
    monkeypatch.setattr(match, "SCAN_AFTER", 0)
    rules = bundled_rules()
    _, _, index, scanner = match._plan(rules, "en")
    scan, _ = scanner()
    scans: list[str] = []
    visited: list[int] = []
    real_present, real_live = scan.present, match._live

    def present(text: str) -> set[str]:
        scans.append(text)
        return real_present(text)

    def live(
        index: match._Index,
        whole: str,
        held: Callable[[tuple[str, ...]], bool],
        among: Sequence[str] | None = None,
        *,
        present: bool = False,
    ) -> dict[int, list[Pattern]]:
        assert among is not None
        assert present
        visited.append(len(among))
        return real_live(index, whole, held, among, present=present)

    def among(*_: object) -> list[str]:
        raise AssertionError("a clause searched literal by literal")

    monkeypatch.setattr(scan, "present", present)
    monkeypatch.setattr(match, "_live", live)
    monkeypatch.setattr(match, "_among", among)
    paragraphs = 0
    for treaty in Corpus.load(env={}).treaties:
        if treaty.language == "en":
            for clause in treaty.clauses("article"):
                match.find_rules(clause.text, "en", rules)
                paragraphs += sum(1 for x in clause.text.split("\n") if x.strip())
    assert len(scans) == len(visited) == paragraphs > 300
    literals = len(index()[0])
    assert sum(visited) * 5 < paragraphs * literals, (sum(visited), paragraphs * literals)


def test_the_scan_is_built_only_for_a_long_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted: building the scan costs ~20 ms (English): a bundled diff, a few
    hundred paragraphs, never builds it; a long run builds it once."""
    monkeypatch.setattr(match, "_PLANS", {})
    built: list[object] = []
    real = match._literal_scan

    def counted(plan: match._Plan, index: match._Index) -> match._Scan:
        built.append(index)
        return real(plan, index)

    monkeypatch.setattr(match, "_literal_scan", counted)
    from _treaties import bundled

    from treatycmp.analysis import compare

    compare(bundled("anzus-1951"), bundled("csto-1992"))
    assert built == []
    text = "\n".join(["The Parties shall consult together."] * (match.SCAN_AFTER + 10))
    match.find_rules(text, "en", bundled_rules())
    match.find_rules(text, "en", bundled_rules())
    assert len(built) == 1


class _Reported(set[str]):
    """The scan's answer, counting the passes made over it with another collection."""

    passes: ClassVar[list[int]] = []

    def intersection(self, *others: Iterable[object]) -> set[str]:
        _Reported.passes.append(len(others))
        return set(self).intersection(*others)

    def __and__(self, other: AbstractSet[object]) -> set[str]:
        _Reported.passes.append(1)
        return set(self) & other


def test_the_scanned_literals_are_not_intersected_with_the_index(
    monkeypatch: pytest.MonkeyPatch, reference: Reference
) -> None:
    """Work counted: the scan reports the index's literals only (``present``), so a
    paragraph's literals are sorted as they come, with no pass over the index's few
    hundred literals a paragraph (issue 22: 7,247 such passes on the TPP diff); the
    findings are the reference's."""
    monkeypatch.setattr(match, "PREFILTER_AFTER", 0)
    monkeypatch.setattr(match, "SCAN_AFTER", 0)
    rules = bundled_rules()
    _, _, _, scanner = match._plan(rules, "en")
    scan, _ = scanner()
    real_present = scan.present
    asked: list[str] = []

    def present(text: str) -> set[str]:
        asked.append(text)
        return _Reported(real_present(text))

    monkeypatch.setattr(scan, "present", present)
    monkeypatch.setattr(_Reported, "passes", [])
    for treaty in Corpus.load(env={}).treaties:
        if treaty.language == "en":
            for clause in treaty.clauses("article")[:20]:
                got = match.find_rules(clause.text, "en", rules)
                assert got == reference(clause.text, "en")
    assert len(asked) > 150
    assert _Reported.passes == []
