"""The rule library: loading and validation, matching and spans, comparing findings."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _rules_oracle import Reference
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.errors import TreatyFileError
from treatycmp.formats.rules_file import ENV_VAR, parse_rules
from treatycmp.kinds import CATEGORIES
from treatycmp.model import Level, Treaty
from treatycmp.rule_model import Pattern, RuleSet
from treatycmp.rules.compare import compare_findings, summarize
from treatycmp.rules.findings import Finding
from treatycmp.rules.load import load_rules
from treatycmp.rules.match import find_rules, scan_treaty
from treatycmp.text import normalize


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(env={})


def ids_in(corpus: Corpus, rules: RuleSet, treaty_id: str, clause_id: str) -> set[str]:
    treaty = corpus.get(treaty_id)
    level: Level = "article" if "." not in clause_id else "paragraph"
    clause = next(c for c in treaty.clauses(level) if c.id == clause_id)
    return {f.rule_id for f in find_rules(clause.text, treaty.language, rules)}


def clause_findings(
    corpus: Corpus, rules: RuleSet, treaty_id: str, clause_id: str
) -> tuple[Finding, ...]:
    treaty = corpus.get(treaty_id)
    level: Level = "article" if "." not in clause_id else "paragraph"
    clause = next(c for c in treaty.clauses(level) if c.id == clause_id)
    return find_rules(clause.text, treaty.language, rules)


# --- the bundled library --------------------------------------------------------------


def test_bundled_library_has_the_required_rules(rules: RuleSet) -> None:
    required = {
        "buffer": {
            "un-charter-51",
            "domestic-law",
            "discretion",
            "security-council",
            "consultation",
            "geographic-scope",
        },
        "intensifier": {"immediacy", "all-means"},
        "trigger": {"armed-attack", "state-of-war", "threat-of-attack"},
        "condition": {
            "named-adversary",
            "defined-area",
            "specified-war",
            "number-of-attackers",
            "non-provocation",
        },
        "modality": {"obligatory", "consultative", "hortatory", "discretionary"},
    }
    for category, wanted in required.items():
        assert wanted <= {r.id for r in rules.by_category(category)}  # type: ignore[arg-type]
    assert {r.category for r in rules} == set(CATEGORIES)


@pytest.mark.parametrize("language", ["en", "ko", "ru"])
def test_every_bundled_rule_speaks_english_korean_and_russian(
    rules: RuleSet, language: str
) -> None:
    assert rules.languages_missing(language) == ()


def test_a_language_without_patterns_is_reported(rules: RuleSet, corpus: Corpus) -> None:
    treaty = corpus.get("north-atlantic-1949")
    spanish = Treaty(**{**treaty.__dict__, "language": "es", "id": "nato-es"})
    scanned = scan_treaty(spanish, rules)
    assert set(scanned.missing) == {r.id for r in rules}
    assert scanned.warning is not None
    assert "'es'" in scanned.warning
    assert "un-charter-51" in scanned.warning
    assert all(not c.findings for c in scanned.clauses)
    assert scan_treaty(treaty, rules).warning is None


# --- the "done when", on the real corpus -------------------------------------


def test_dprk_russia_2024_article_4_meduza(corpus: Corpus, rules: RuleSet) -> None:
    found = ids_in(corpus, rules, "dprk-russia-2024@meduza", "4")
    assert {"un-charter-51", "domestic-law", "immediacy", "all-means", "state-of-war"} <= found


@pytest.mark.parametrize(
    ("treaty_id", "clause_id"),
    [("ussr-dprk-1961", "1"), ("ussr-dprk-1961@meduza", "1"), ("ussr-dprk-1961@ko", "1")],
)
def test_ussr_dprk_1961_article_1_has_intensifiers_and_no_buffer(
    corpus: Corpus, rules: RuleSet, treaty_id: str, clause_id: str
) -> None:
    found = ids_in(corpus, rules, treaty_id, clause_id)
    assert {"immediacy", "all-means", "state-of-war"} <= found
    assert not {"un-charter-51", "domestic-law"} & found


def test_kcna_article_4_claims_nothing_inside_its_gap(corpus: Corpus, rules: RuleSet) -> None:
    treaty = corpus.get("dprk-russia-2024")
    clause = next(c for c in treaty.clauses("article") if c.id == "4")
    assert clause.partial
    found = {f.rule_id for f in find_rules(clause.text, "en", rules)}
    assert {"immediacy", "all-means", "state-of-war"} <= found
    assert not {"un-charter-51", "domestic-law"} & found


def test_russian_article_4_stops_where_the_quotation_stops(corpus: Corpus, rules: RuleSet) -> None:
    found = ids_in(corpus, rules, "dprk-russia-2024@ru", "4")
    assert "armed-attack" in found
    # "окажется таким [образом в состоянии войны]": the state of war is in the gap.
    assert "state-of-war" not in found


def test_korean_2024_article_4_matches_the_korean_patterns(corpus: Corpus, rules: RuleSet) -> None:
    by_rule = {
        f.rule_id: f.text for f in clause_findings(corpus, rules, "dprk-russia-2024@ko", "4")
    }
    assert by_rule["un-charter-51"] == "유엔헌장 제51조"
    assert by_rule["domestic-law"] == "법에 준해"
    assert by_rule["immediacy"] == "지체없이"
    assert by_rule["state-of-war"] == "전쟁상태"
    assert by_rule["all-means"] == "모든 수단"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("ussr-dprk-1961@meduza", "1.2"), ("dprk-russia-2024@meduza", "4")),
        (("ussr-dprk-1961@ko", "1.2"), ("dprk-russia-2024@ko", "4")),
    ],
)
def test_diff_1961_to_2024_adds_exactly_the_two_buffers(
    corpus: Corpus, rules: RuleSet, left: tuple[str, str], right: tuple[str, str]
) -> None:
    pair = compare_findings(
        clause_findings(corpus, rules, *left), clause_findings(corpus, rules, *right)
    )
    assert pair.added == ("domestic-law", "un-charter-51")
    assert pair.removed == ()
    assert {"immediacy", "all-means", "state-of-war", "armed-attack"} <= set(pair.kept)
    assert pair.modality_shift is None


def test_north_atlantic_article_5(corpus: Corpus, rules: RuleSet) -> None:
    found = ids_in(corpus, rules, "north-atlantic-1949", "5")
    assert {"un-charter-51", "discretion", "security-council", "immediacy"} <= found
    assert {"geographic-scope", "defined-area", "armed-attack"} <= found


def test_us_rok_article_3(corpus: Corpus, rules: RuleSet) -> None:
    found = ids_in(corpus, rules, "us-rok-1953", "III")
    assert {"domestic-law", "geographic-scope", "armed-attack"} <= found


def test_us_japan_article_5(corpus: Corpus, rules: RuleSet) -> None:
    found = ids_in(corpus, rules, "us-japan-1960", "V")
    assert {"domestic-law", "geographic-scope", "security-council", "un-charter-51"} <= found


_UN_MENTION = re.compile(r"united nations|\bun\b|charter|유엔|국제연합|оон|устав", re.IGNORECASE)
_ART51_OR_COUNCIL = re.compile(
    r"article 51|security council|self-defen|제51조|안전보장이사회"
    r"|стать\w* 51|совет\w* безопасности",
    re.IGNORECASE,
)
_UN_RULES = {"un-charter-51", "security-council", "discretion"}


def test_no_un_rule_fires_on_a_passing_mention_of_the_united_nations(
    corpus: Corpus, rules: RuleSet
) -> None:
    passing = []
    for treaty in corpus.treaties:
        for clause in treaty.clauses("paragraph"):
            if _UN_MENTION.search(clause.text) and not _ART51_OR_COUNCIL.search(clause.text):
                passing.append(clause.id)
                found = {f.rule_id for f in find_rules(clause.text, treaty.language, rules)}
                assert not found & _UN_RULES, (treaty.id, clause.id, found)
    assert len(passing) >= 8  # the corpus has many such mentions; make sure we looked


def test_known_false_positive_traps_stay_quiet(corpus: Corpus, rules: RuleSet) -> None:
    # Reporting to the Council and setting up a committee are not an immediate response.
    assert "immediacy" not in ids_in(corpus, rules, "north-atlantic-1949", "5.2")
    assert "immediacy" not in ids_in(corpus, rules, "north-atlantic-1949", "9")
    # A review clause is not crisis consultation; ratification is not a response buffer.
    assert "consultation" not in ids_in(corpus, rules, "north-atlantic-1949", "12")
    assert "domestic-law" not in ids_in(corpus, rules, "us-rok-1953", "V")
    # The capacity to resist an armed attack is not a trigger.
    assert "armed-attack" not in ids_in(corpus, rules, "north-atlantic-1949", "3")
    # Article 51 itself: the Security Council's discretion, not a party's.
    assert "discretion" not in ids_in(corpus, rules, "un-charter-51", "51")


def test_every_corpus_finding_points_at_its_words(corpus: Corpus, rules: RuleSet) -> None:
    for treaty in corpus.treaties:
        for level in ("paragraph", "article"):
            for clause in treaty.clauses(level):
                findings = find_rules(clause.text, treaty.language, rules)
                assert list(findings) == sorted(findings, key=lambda f: (f.start, f.end, f.rule_id))
                for f in findings:
                    assert 0 <= f.start < f.end <= len(clause.text)
                    assert clause.text[f.start : f.end] == f.text
                    assert "\n" not in f.text
                    assert normalize(f.text, strip_number=False) in normalize(
                        clause.text, strip_number=False
                    )
                by_rule: dict[str, list[Finding]] = {}
                for f in findings:
                    by_rule.setdefault(f.rule_id, []).append(f)
                for same in by_rule.values():
                    for a, b in itertools.pairwise(same):
                        assert a.end <= b.start


# --- matching ------------------------------------------------------------------------


def test_spans_index_the_original_text(rules: RuleSet) -> None:
    text = (
        "If attacked, the other Party   shall,  WITHOUT\u00a0delay, act in accordance with its "
        "[c]onstitutional processes."
    )
    by_rule = {f.rule_id: f for f in find_rules(text, "en", rules)}
    assert by_rule["immediacy"].text == "WITHOUT\u00a0delay"
    assert by_rule["domestic-law"].text == "in accordance with its [c]onstitutional processes"


def test_matching_never_crosses_a_paragraph(rules: RuleSet) -> None:
    assert find_rules("assistance without\ndelay", "en", rules) == ()


def test_korean_spacing_is_optional() -> None:
    ruleset = RuleSet(parse_rules(_rule("immediacy", "intensifier", {"ko": ["지체없이"]}))[0])
    found = find_rules("타방은 지체 없이 제공한다", "ko", ruleset)
    assert [f.text for f in found] == ["지체 없이"]


_WORDS = st.lists(
    st.sampled_from(
        [
            "the",
            "Party",
            "shall",
            ",",
            "  ",
            "[T]he",
            "assist",
            "\u2013",
            "\u201cwar\u201d",
            "\u00a0",
        ]
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    before=_WORDS,
    after=_WORDS,
    phrase=st.sampled_from(["without delay", "Without  Delay", "forthwith"]),
)
def test_a_phrase_is_found_wherever_it_stands(
    rules: RuleSet, before: str, after: str, phrase: str
) -> None:
    # immediacy qualifies a response: the paragraph names what sets it off (an attack)
    text = f"If attacked, {before} {phrase}, {after}"
    hits = [f for f in find_rules(text, "en", rules) if f.rule_id == "immediacy"]
    assert [normalize(f.text, strip_number=False) for f in hits] == [
        normalize(phrase, strip_number=False)
    ]
    assert text[hits[0].start : hits[0].end] == hits[0].text


# --- comparing -----------------------------------------------------------------------


def test_modality_shift_from_providing_to_consulting(rules: RuleSet) -> None:
    left = find_rules("The other Party shall provide military assistance.", "en", rules)
    right = find_rules("The Parties shall consult together.", "en", rules)
    pair = compare_findings(left, right)
    assert pair.modality_shift is not None
    assert pair.modality_shift.direction == "weaker"
    assert pair.modality_shift.from_ids == ("obligatory",)
    assert pair.modality_shift.to_ids == ("consultative",)
    assert "consultation" in pair.added
    back = compare_findings(right, left)
    assert back.modality_shift is not None
    assert back.modality_shift.direction == "stronger"
    totals = summarize([pair, back], rules)
    assert totals["modality"]["shifted"] == 2
    assert totals["buffer"]["added"] == 1
    assert totals["buffer"]["removed"] == 1


def test_a_partial_side_makes_absence_unknown(corpus: Corpus, rules: RuleSet) -> None:
    meduza = clause_findings(corpus, rules, "dprk-russia-2024@meduza", "4")
    kcna = clause_findings(corpus, rules, "dprk-russia-2024", "4")
    pair = compare_findings(meduza, kcna, right_partial=True)
    assert pair.removed == ()
    assert {"un-charter-51", "domestic-law"} <= set(pair.unknown)


# --- rule files ----------------------------------------------------------------------


def _rule(rule_id: str, category: str, patterns: dict[str, list[str]]) -> str:
    lines = [
        "rules:",
        f"  - id: {rule_id}",
        f"    category: {category}",
        "    label: a label",
        "    description: a description",
        "    patterns:",
    ]
    for lang, items in patterns.items():
        lines.append(f"      {lang}:")
        lines.extend(f"        - {item}" for item in items)
    return "\n".join(lines) + "\n"


def test_user_file_overrides_by_id_and_env_adds(tmp_path: Path) -> None:
    override = tmp_path / "mine.yaml"
    override.write_text(_rule("immediacy", "intensifier", {"en": ["at once"]}), encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(_rule("my-rule", "buffer", {"en": ["good faith"]}), encoding="utf-8")
    ruleset = load_rules([override], env={ENV_VAR: str(extra)})
    immediacy = ruleset.get("immediacy")
    assert immediacy is not None
    assert immediacy.path == str(override)
    assert [p.source for p in immediacy.patterns] == ["at once"]
    found = {f.rule_id for f in find_rules("act at once in good faith", "en", ruleset)}
    assert {"immediacy", "my-rule"} <= found
    assert ruleset.languages_missing("ko")[:0] == ()
    assert "immediacy" in ruleset.languages_missing("ko")


def test_enabled_false_drops_a_bundled_rule(tmp_path: Path) -> None:
    off = tmp_path / "off.yaml"
    off.write_text("rules:\n  - id: discretion\n    enabled: false\n", encoding="utf-8")
    assert load_rules([off], env={}).get("discretion") is None


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (_rule("bad-re", "buffer", {"en": ["{regex: 'a(b'}"]}), 8, "rule 'bad-re': bad regex"),
        (_rule("odd", "bufer", {"en": ["x"]}), 3, "did you mean 'buffer'"),
        (
            _rule("dup", "buffer", {"en": ["x"]}) + _rule("dup", "buffer", {"en": ["y"]})[7:],
            9,
            "duplicate rule id 'dup' (first at line 2)",
        ),
        (_rule("empty", "buffer", {"en": ["{regex: 'a?'}"]}), 8, "matches empty text"),
        (_rule("lang", "buffer", {"EN!": ["x"]}), 7, "'EN!' is not a language code"),
        ("rules:\n  - id: x\n    categry: buffer\n", 3, "did you mean 'category'"),
        ("rules: [\n", 2, "not valid YAML"),
    ],
)
def test_bad_rule_files_name_file_line_and_rule(
    tmp_path: Path, body: str, line: int, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TreatyFileError) as caught:
        load_rules([path], env={})
    message = str(caught.value)
    assert f"{path}:{line}:" in message
    assert expected in message


def test_missing_rule_file_from_the_environment(tmp_path: Path) -> None:
    with pytest.raises(TreatyFileError, match="rule file not found"):
        load_rules(env={ENV_VAR: str(tmp_path / "nope.yaml")})


@pytest.mark.parametrize(
    ("rule_id", "language", "text"),
    [
        ("named-adversary", "en", "in the event of aggression on the part of Japan"),
        ("specified-war", "en", "shall assist each other in the present war"),
        ("number-of-attackers", "en", "if attacked by two or more Powers"),
        ("non-provocation", "en", "in case of an unprovoked attack"),
        ("non-provocation", "ru", "в случае неспровоцированного нападения"),
        ("discretion", "ru", "такие действия, которые она сочтет необходимыми"),
        ("security-council", "ko", "즉시 안전보장이사회에 보고되어야 한다"),
    ],
)
def test_rules_the_corpus_does_not_exercise(
    rules: RuleSet, rule_id: str, language: str, text: str
) -> None:
    assert rule_id in {f.rule_id for f in find_rules(text, language, rules)}


def test_any_state_or_coalition_is_not_a_limit_on_attackers(rules: RuleSet) -> None:
    text = "attack by any State or coalition of States"
    assert "number-of-attackers" not in {f.rule_id for f in find_rules(text, "en", rules)}


# --- user regexes cannot hang or crash; typed scalars are read strictly ---------------


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        ("a{9999999999}", "bad regex 'a{9999999999}'"),
        ("(" * 2000 + "a" + ")" * 2000, "nested more than 100 deep"),
        ("(" * 90 + "a" + ")" * 90 + "{99999999999}", "bad regex"),
        ("(unclosed", "missing )"),
        ("a**", "multiple repeat"),
    ],
)
def test_user_regexes_that_cannot_compile_are_located_errors(
    tmp_path: Path, regex: str, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(_rule("bad-re", "buffer", {"en": [f"{{regex: '{regex}'}}"]}), encoding="utf-8")
    with pytest.raises(TreatyFileError) as caught:
        load_rules([path], env={})
    message = str(caught.value)
    assert message.startswith(f"{path}:8: rule 'bad-re': ")
    assert expected in message
    assert len(message) < 400  # the pattern is cut, not echoed whole


@pytest.mark.parametrize("value", ["0x1F", "0b101", "190:20:30", "1" * 5000, "1_000", "2.5", "x"])
def test_strength_must_be_plain_decimal(tmp_path: Path, value: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        _rule("odd", "modality", {"en": ["shall"]}) + f"    strength: {value}\n", encoding="utf-8"
    )
    with pytest.raises(TreatyFileError) as caught:
        load_rules([path], env={})
    assert f"{path}:9: rule 'odd': 'strength' must be a whole number" in str(caught.value)


def test_plain_strength_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        _rule("odd", "modality", {"en": ["shall"]}) + "    strength: -2\n", encoding="utf-8"
    )
    rule = load_rules([path], env={}).get("odd")
    assert rule is not None
    assert rule.strength == -2


def test_catastrophic_user_regex_stops_with_an_error_naming_the_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import treatycmp.rules.match as rules_module

    path = tmp_path / "slow.yaml"
    path.write_text(_rule("slow", "buffer", {"en": ["{regex: '(a|aa)+b'}"]}), encoding="utf-8")
    ruleset = load_rules([path], env={})
    pattern = next(p for r in ruleset if r.id == "slow" for p in r.patterns)
    monkeypatch.setattr(pattern.regex, "timeout", 0.05)
    with pytest.raises(rules_module.RegexTimeout) as caught:
        find_rules("a" * 40, "en", ruleset)
    assert str(caught.value).startswith(f"{path}:8: rule 'slow': regex '(a|aa)+b' ran longer")


def test_nested_quantifier_on_a_long_run_finishes(tmp_path: Path) -> None:
    path = tmp_path / "nested.yaml"
    path.write_text(_rule("nested", "buffer", {"en": ["{regex: '(a+)+$'}"]}), encoding="utf-8")
    ruleset = load_rules([path], env={})
    # With re this backtracks for hours; the regex package answers at once (and
    # would otherwise stop at the time limit with an error naming the rule).
    assert "nested" not in {f.rule_id for f in find_rules("a" * 32 + "b", "en", ruleset)}
    assert "nested" in {f.rule_id for f in find_rules("a" * 32, "en", ruleset)}


def test_bundled_patterns_carry_exact_literal_prefilters(rules: RuleSet) -> None:
    from treatycmp.rule_model import literal_groups, required_literals

    assert required_literals(re.compile("article 51 of the (?:charter|un charter)")) == (
        "article 51 of the ",
    )
    assert set(required_literals(re.compile("(?:rapid|swift)ly"))) == {"rapid", "swift"}
    assert required_literals(re.compile("(?:a|bcd)x?")) == ()  # a branch is too short
    assert required_literals(re.compile("(?i)article")) == ()
    # every group a match needs, not only the most selective one
    assert literal_groups(re.compile("the (?:\\w+ )?(?:sea|ocean)\\b")) == (
        ("the ",),
        ("sea", "ocean"),
    )
    assert literal_groups(re.compile("undertakes? (?:\\w+ ){0,2}to consult")) == (
        ("undertake",),
        ("to consult",),
    )
    with_needs = [p for r in rules for p in r.patterns if p.needs]
    assert len(with_needs) > len(list(p for r in rules for p in r.patterns)) // 2
    # every literal is really in every match, on the whole bundled corpus
    corpus = Corpus.load(env={})
    for treaty in corpus.treaties:
        for clause in treaty.clauses("paragraph"):
            for line in clause.text.split("\n"):
                norm = normalize(line, strip_number=False)
                for p in with_needs:
                    for m in p.regex.finditer(norm):
                        assert any(n in m.group() for n in p.needs), (p.source, m.group())
                        for group in p.requires:  # each group, not only ``needs``
                            assert any(n in m.group() for n in group), (p.source, group)


@pytest.mark.parametrize("prefilter_after", [0, 10**9])
def test_fast_matching_equals_the_reference_on_the_bundled_corpus(
    rules: RuleSet, prefilter_after: int, monkeypatch: pytest.MonkeyPatch, reference: Reference
) -> None:
    import treatycmp.rules.match as rules_module

    assert rules == bundled_rules()  # the rules ``reference`` matches with
    monkeypatch.setattr(rules_module, "PREFILTER_AFTER", prefilter_after)
    corpus = Corpus.load(env={})
    checked = 0
    for treaty in corpus.treaties:
        for level in ("paragraph", "article"):
            for clause in treaty.clauses(level):
                fast = find_rules(clause.text, treaty.language, rules)
                assert fast == reference(clause.text, treaty.language)
                checked += len(fast)
    assert checked > 100


@pytest.mark.parametrize("prefilter_after", [0, 10**9])
def test_fast_matching_equals_the_reference_on_synthetic_text(
    rules: RuleSet, prefilter_after: int, monkeypatch: pytest.MonkeyPatch, reference: Reference
) -> None:
    import random

    import treatycmp.rules.match as rules_module

    assert rules == bundled_rules()  # the rules ``reference`` matches with
    monkeypatch.setattr(rules_module, "PREFILTER_AFTER", prefilter_after)
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import synth_corpus  # type: ignore[import-not-found]

    treaties = synth_corpus(12, 25, seed=7)
    for treaty in treaties:
        for clause in treaty.clauses("article"):
            assert find_rules(clause.text, "en", rules) == reference(clause.text, "en")
    rng = random.Random(3)
    phrases = ["shall", "immediately", "all means", "armed attack", "Article 51 of the Charter"]
    for _ in range(200):
        text = " ".join(rng.choice([*phrases, "the", "Party", ",", "\n"]) for _ in range(30))
        assert find_rules(text, "en", rules) == reference(text, "en")


def test_every_bundled_pattern_compiles_and_needs_words(rules: RuleSet) -> None:
    """Bundled patterns are compiled on first use, so check them all here."""
    from treatycmp.rule_model import LazyRegex

    patterns = [p for r in rules for p in (*r.patterns, *r.exclude)]
    assert all(isinstance(p.regex, LazyRegex) for p in patterns)
    for p in patterns:
        assert p.regex.search("") is None, p.source


def test_bundled_rules_through_the_cache_equal_a_fresh_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pickled bundled library is the parsed one: same rules, same patterns, same findings."""
    from treatycmp.corpus import bundled_paths
    from treatycmp.formats.rules_file import parse_rules_file
    from treatycmp.formats.treaty_yaml import load_treaty
    from treatycmp.rule_model import LazyRegex
    from treatycmp.rules.load import default_rules_path, parse_bundled_rules
    from treatycmp.rules.match import find_rules

    fresh = parse_rules_file(default_rules_path(), trusted=True)
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path))
    first = parse_bundled_rules(default_rules_path())
    assert list((tmp_path / "rules").glob("*.pickle"))
    again = parse_bundled_rules(default_rules_path())
    for got in (first, again):
        assert got == fresh
        texts = [
            p.regex.pattern
            for r in got[0]
            for p in (*r.patterns, *r.exclude)
            if isinstance(p.regex, LazyRegex)
        ]
        want = [
            p.regex.pattern
            for r in fresh[0]
            for p in (*r.patterns, *r.exclude)
            if isinstance(p.regex, LazyRegex)
        ]
        assert texts == want
        assert len(texts) > 50
    treaty = load_treaty(next(p for p in bundled_paths() if p.name == "dprk-russia-2024.yaml"))
    for clause in treaty.clauses("paragraph"):
        assert find_rules(clause.text, treaty.language, RuleSet(again[0])) == find_rules(
            clause.text, treaty.language, RuleSet(fresh[0])
        )
    for entry in (tmp_path / "rules").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert parse_bundled_rules(default_rules_path()) == fresh


def test_patterns_run_only_on_paragraphs_holding_every_literal_group(
    rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work counted, not timed (issue 22): a pattern runs only on a paragraph holding a
    literal of each of its groups (``Pattern.requires``), not of the most selective one
    alone (``needs``: "the " of "the (?:\\w+ )?(?:sea|ocean)" is in nearly every
    paragraph), and the paragraph's own literals decide, not its clause's."""
    import treatycmp.rules.match as rules_module

    monkeypatch.setattr(rules_module, "PREFILTER_AFTER", 0)
    runs: list[tuple[tuple[tuple[str, ...], ...], str]] = []
    for rule in rules:
        for p in (*rule.patterns_for("en"), *rule.exclude_for("en")):
            real = p.finditer

            def counted(
                norm: str, real: Callable[[str], Iterator[re.Match[str]]] = real, p: Pattern = p
            ) -> Iterator[re.Match[str]]:
                runs.append((p.requires, norm))
                return real(norm)

            monkeypatch.setitem(p.__dict__, "finditer", counted)
    corpus = Corpus.load(env={})
    lines = []
    for treaty in corpus.treaties:
        if treaty.language == "en":
            for clause in treaty.clauses("article"):
                find_rules(clause.text, "en", rules)
                lines += [normalize(x, strip_number=False) for x in clause.text.split("\n")]
    assert runs
    assert all(all(any(n in norm for n in g) for g in groups) for groups, norm in runs)
    # what prefiltering on ``needs`` alone would run, patterns only (exclusions run less)
    by_needs = sum(
        any(n in norm for n in p.needs) or not p.needs
        for norm in lines
        if norm.strip()
        for rule in rules
        for p in rule.patterns_for("en")
    )
    assert len(runs) * 3 < by_needs, (len(runs), by_needs)


def test_each_literal_group_is_asked_once_a_paragraph(
    rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work counted, not timed (issue 22): many patterns share a group ("shall " or
    "the Parties"); choosing a paragraph's patterns searches each group once, not once
    per pattern, and chooses the same patterns as asking every pattern's groups."""
    import treatycmp.rules.match as rules_module

    _, _, index, _ = rules_module._plan(rules, "en")
    by_literal, always = index()
    asked: list[tuple[str, ...]] = []

    def counted(group: tuple[str, ...], whole: str) -> bool:
        asked.append(group)
        return any(x in whole for x in group)

    monkeypatch.setattr(rules_module, "group_held", counted)
    corpus = Corpus.load(env={})
    per_pattern = 0
    paragraphs = 0
    for treaty in corpus.treaties:
        if treaty.language != "en":
            continue
        for clause in treaty.clauses("paragraph"):
            for line in clause.text.split("\n"):
                whole = normalize(line, strip_number=False)
                before = len(asked)
                got = rules_module._live(index(), whole, rules_module._held_in(whole))
                mine = asked[before:]
                assert len(mine) == len(set(mine))  # no group asked twice
                # the reference: every pattern holding a literal asks its own groups
                want: dict[int, list[Pattern]] = {}
                for number, pattern, _ in always:
                    want.setdefault(number, []).append(pattern)
                for literal, users in by_literal.items():
                    if literal not in whole:
                        continue
                    for number, pattern, others in users:
                        if pattern in want.get(number, []):
                            continue
                        held = True
                        for group in others:
                            per_pattern += 1
                            if not any(x in whole for x in group):
                                held = False
                                break
                        if held:
                            want.setdefault(number, []).append(pattern)
                assert {k: [id(p) for p in v] for k, v in got.items()} == {
                    k: [id(p) for p in v] for k, v in want.items()
                }
                paragraphs += 1
    assert paragraphs > 300
    # bundled corpus on 4c5e160's rules: 8,853 searches against 13,028
    assert len(asked) * 4 < per_pattern * 3, (len(asked), per_pattern)


def test_exclusions_ask_the_paragraphs_groups_once_too(
    rules: RuleSet, monkeypatch: pytest.MonkeyPatch, reference: Reference
) -> None:
    """Work counted (issue 22): a rule's exclusions are prefiltered with the groups the
    paragraph's patterns asked already ("shall " for most of "obligatory"'s), so no group
    is searched twice in a paragraph, and the findings stay the reference's."""
    import treatycmp.rules.match as rules_module

    assert rules == bundled_rules()  # the rules ``reference`` matches with
    asked: list[tuple[tuple[str, ...], str]] = []

    def counted(group: tuple[str, ...], whole: str) -> bool:
        asked.append((group, whole))
        return any(x in whole for x in group)

    monkeypatch.setattr(rules_module, "group_held", counted)
    monkeypatch.setattr(rules_module, "PREFILTER_AFTER", 0)
    corpus = Corpus.load(env={})
    of_patterns = {g for r in rules for p in r.patterns_for("en") for g in p.requires}
    only_exclusions = {
        g for r in rules for p in r.exclude_for("en") for g in p.requires
    } - of_patterns
    excluded = 0
    for treaty in corpus.treaties:
        if treaty.language != "en":
            continue
        for clause in treaty.clauses("paragraph"):
            if "\n" in clause.text:
                continue
            asked.clear()
            got = find_rules(clause.text, "en", rules)
            assert got == reference(clause.text, "en")
            assert len(asked) == len(set(asked)), clause.id
            excluded += sum(group in only_exclusions for group, _ in asked)
    assert excluded > 100, excluded  # the exclusions' own groups go through the memo
