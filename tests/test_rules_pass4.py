"""Issue 20, fourth pass: buffers, triggers, intensifiers and modals read by meaning family.

Each case is a sentence of the third pass's fresh unit (bench/labels/fresh_open.yaml,
tuning since this pass) or of a tuning text, with what a reader finds in it
(bench/labels/README.md). Every FOUND and NOT_FOUND case failed on the rules of main
1987638, except two NOT_FOUND guards that keep the new patterns from overreaching ("in
time of peace or in time of war", 文明人類所認為) and the immediacy cases that must keep
passing. The second fresh unit (bench/labels/fresh2_open.yaml, held apart) is never
quoted here.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from _open_treaties import measure_rules, require_data
from _rule_findings import rule_words

REFUGEE_9 = (
    "Nothing in this Convention shall prevent a Contracting State,in time of war or other "
    "grave and exceptional circumstances, fromtaking provisionally measures which it "
    "considers to be essentialto the national security in the case of a particular person."
)
REFUGEE_9_ZH = (
    "本公約的任何規定並不妨礙一締約國在戰時或其他嚴重和特殊情況下對個別的人在該締約國斷定"
    "該人確為難民以前，並且認為有必要為了國家安全的利益應對該人繼續採取措施時，對他臨時採取"
    "該國所認為對其國家安全是迫切需要的措施。"
)

# (text, language, rule, words a reader finds there)
FOUND = [
    # domestic law in any wording: legal system, Constitutions, 法律制度
    (
        "Each State Party shall, in accordance with the fundamental principles of its legal "
        "system, develop and implement or maintain effective anti-corruption policies.",
        "en",
        "domestic-law",
        "in accordance with the fundamental principles of its legal system",
    ),
    (
        "The Contracting Parties undertake to enact, in accordance withtheir respective "
        "Constitutions, the necessary legislation.",
        "en",
        "domestic-law",
        "in accordance withtheir respective Constitutions",
    ),
    (
        "1.各締約國均應依其國家法律制度之基本原則，訂定及執行或堅持有效而協調之反貪腐政策。",
        "zh",
        "domestic-law",
        "依其國家法律",
    ),
    # the party's own judgement, and war as the time that sets its measures off
    (REFUGEE_9, "en", "discretion", "which it considers to be essential"),
    (REFUGEE_9, "en", "discretionary", "which it considers to be essential"),
    (REFUGEE_9, "en", "state-of-war", "in time of war"),
    (REFUGEE_9_ZH, "zh", "discretion", "所認為"),
    (REFUGEE_9_ZH, "zh", "state-of-war", "在戰時"),
    # modals: "no ... may be made" forbids; 承允 / 允 undertake; 本公約締約國 is a party
    (
        "No derogation from articles 6, 7, 8 (paragraphs 1 and 2), 11, 15, 16 and 18 may be "
        "made under this provision.",
        "en",
        "obligatory",
        "No derogation from articles 6, 7, 8 (paragraphs 1 and 2), 11, 15, 16 and 18 may be made",
    ),
    ("一  本公約締約國承允尊重並確保所有境內受其管轄之人", "zh", "obligatory", "承允"),
    ("締約國允各依照其本國憲法制定必要之法律以實施本公約各項規定", "zh", "obligatory", "允"),
    (
        "一  如經當局正式宣布緊急狀態，危及國本，本公約締約國得在此種危急情勢絕對必要之限度內，"
        "採取措施",
        "zh",
        "hortatory",
        "國得",
    ),
    (
        "If any warship does not comply with the laws and regulations of the coastal State, "
        "the coastal State may require it to leave the territorial sea immediately.",
        "en",
        "hortatory",
        "may",
    ),
]

# (text, language, rule): a reader gives that rule nothing there
NOT_FOUND = [
    # "immediately" / "forthwith" / "without delay" on acts that answer no attack
    (
        "If any warship does not comply with the laws and regulations of the coastal State, "
        "the coastal State may require it to leave the territorial sea immediately.",
        "en",
        "immediacy",
    ),
    (
        "Pending the final decision, notice of the measures suggested shall forthwith be given "
        "to the parties and to the Security Council.",
        "en",
        "immediacy",
    ),
    (
        "Prisoners of war shall be released and repatriated without delay after the cessation "
        "of active hostilities.",
        "en",
        "immediacy",
    ),
    (
        "本公約締約國行使其減免履行義務之權利者，應立即將其減免履行之條款，及減免履行之理由，"
        "經由聯合國秘書長轉知本公約其他締約國。",
        "zh",
        "immediacy",
    ),
    # a legal zone of the sea is no named area
    ("the coastal State may require it to leave the territorial sea.", "en", "geographic-scope"),
    ("the coastal State may require it to leave the territorial sea.", "en", "defined-area"),
    # an organ's judgement is no party's
    (
        "Any Contracting Party may call upon the competent organs ofthe United Nations to take "
        "such action under the Charter of theUnited Nations as they consider appropriate.",
        "en",
        "discretion",
    ),
    ("任何締約國得提清聯合國之主管機關遵照聯合國憲章採取其認為適當之行動", "zh", "discretion"),
    ("未經具有文明人類所認為必需之司法保障的正規組織之法庭之宣判", "zh", "discretion"),
    # war beside peace, or refused as a justification, sets nothing off
    (
        "The Contracting Parties confirm that genocide, whether committed in time of peace or "
        "in time of war, is a crime under international law.",
        "en",
        "state-of-war",
    ),
    ("任何特殊情況，不論為戰爭狀態、戰爭威脅、國內政局動盪", "zh", "state-of-war"),
    # a modal inside what the party ensures, a power held, an effect, a content
    (
        "(c) To ensure that the competent authorities shall enforce such remedies when granted.",
        "en",
        "obligatory",
    ),
    ("The Court shall have the power to indicate provisional measures.", "en", "obligatory"),
    (
        "The conclusion of this agreement shall in no circumstances justify any delay in the "
        "repatriation of the prisoners of war.",
        "en",
        "obligatory",
    ),
    (
        "That collaboration may include participation in international programmes.",
        "en",
        "hortatory",
    ),
    ("此等政策應促進社會參與", "zh", "obligatory"),
]


@pytest.mark.parametrize(("text", "language", "rule_id", "words"), FOUND)
def test_the_family_is_found(text: str, language: str, rule_id: str, words: str) -> None:
    assert words in rule_words(text, language, rule_id)


@pytest.mark.parametrize(("text", "language", "rule_id"), NOT_FOUND)
def test_not_where_the_meaning_is_absent(text: str, language: str, rule_id: str) -> None:
    assert rule_words(text, language, rule_id) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("If an armed attack occurs, the other Party shall immediately render assistance.", "en"),
        ("締約一方受到武裝進攻時，締約另一方應立即盡其全力給予軍事及其他援助。", "zh"),
        ("체약일방이 무력침공을 당하는 경우 상대방은 지체없이 원조를 제공한다.", "ko"),
        ("при агрессии Стороны незамедлительно окажут помощь.", "ru"),
    ],
)
def test_immediacy_stays_on_the_response_to_an_attack(text: str, language: str) -> None:
    assert rule_words(text, language, "immediacy")


def test_second_fresh_unit_labels_still_match_their_texts() -> None:
    """The second fresh unit is read, never measured, here: every digest and span still
    stands in the dataset."""
    data = require_data()
    module = measure_rules()
    entries = yaml.safe_load(module.FRESH2_LABELS.read_text(encoding="utf-8"))["clauses"]
    assert len(entries) == 36
    assert {e["part"] for e in entries} == {"fresh2"}
    assert module.check_open(entries, data) == []


# The alliance units of web pages (fifth, sixth and seventh passes, and the sixth and seventh
# held-apart units): clauses, treaties.
PAGE_UNITS = {
    "fresh3": (38, 10),
    "fresh4": (40, 8),
    "fresh5": (60, 11),
    "fresh6": (68, 14),
    "fresh7": (57, 14),
}


def _page_unit(module: ModuleType, part: str) -> list[dict[str, Any]]:
    path = module.PAGE_LABELS[part]
    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]
    return entries


@pytest.mark.parametrize("part", sorted(PAGE_UNITS))
def test_page_unit_labels_are_well_formed(part: str) -> None:
    """Whole treaties, no treaty in two units, each entry with its page and digest,
    labels only of rules of the bundled set (or the family without one)."""
    from treatycmp import Corpus, load_rules

    module = measure_rules()
    clauses, treaties = PAGE_UNITS[part]
    entries = _page_unit(module, part)
    known = {r.id for r in load_rules([], env={})} | set(module.NEW_FAMILIES)
    assert len(entries) == clauses
    assert len({e["treaty"] for e in entries}) == treaties
    mine = {e["treaty"] for e in entries}
    for other in set(PAGE_UNITS) - {part}:
        assert not mine & {e["treaty"] for e in _page_unit(module, other)}
    assert not mine & {t.split("@")[0] for t in Corpus.load(env={}).ids}
    for e in entries:
        assert e["part"] == part
        assert e["source"] == "pages"
        assert e["url"].startswith("http")
        assert len(e["digest"]) == 12
        assert set(e["labels"]) <= known
        assert set(e["unknown"]) <= known
        assert all(span for spans in e["labels"].values() for span in spans)


@pytest.mark.parametrize("part", sorted(PAGE_UNITS))
def test_page_unit_labels_still_match_their_texts(part: str) -> None:
    """Only where the page texts were kept (they are not in the repository)."""
    module = measure_rules()
    texts = module.PAGE_TEXTS[part]
    if not texts.is_file():
        pytest.skip(f"the {part} page texts are not on this machine ({texts})")
    pages = module.load_pages(texts)
    assert module.check_pages(_page_unit(module, part), pages, texts) == []


# fresh3 is tuning since the sixth pass (read twice in the fifth), fresh4 since the seventh,
# fresh5 since the eighth, fresh6 since the ninth; fresh7 is held apart, and "all" holds every unit
@pytest.mark.parametrize("part", ["fresh7", "all"])
def test_misses_of_the_held_apart_unit_are_never_listed(
    part: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused by argparse (exit 2, before any label is read), not by some later failure."""
    with pytest.raises(SystemExit) as stopped:
        measure_rules().main(["--part", part, "--list"])
    assert stopped.value.code == 2
    assert "--list is refused on the fresh held-apart unit" in capsys.readouterr().err


@pytest.mark.parametrize("part", sorted(PAGE_UNITS))
def test_check_labels_runs_no_rule(part: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--check-labels on a page unit gives the label check only, never a table of what the
    rules find (a held-apart unit's figures are read once, by its own run)."""
    module = measure_rules()
    if not module.PAGE_TEXTS[part].is_file():
        pytest.skip(f"the {part} page texts are not on this machine")
    assert module.main(["--part", part, "--check-labels"]) == 0
    out = capsys.readouterr().out
    assert f"label check ({part}): all {PAGE_UNITS[part][0]} clause digests" in out
    assert "| category |" not in out


@pytest.mark.parametrize("part", ["fresh5", "fresh6", "fresh7"])
def test_check_labels_names_absent_texts(
    part: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without its texts (as in CI) a page unit is skipped with one line naming the file and
    the setting, and the check fails rather than passing on nothing."""
    absent = tmp_path / "texts.json"
    argv = ["--part", part, "--check-labels", f"--{part}-texts", str(absent)]
    assert measure_rules().main(argv) == 1
    out = capsys.readouterr().out
    assert f"{part}: no texts at {absent} (set TREATYCMP_{part.upper()}_TEXTS" in out
    assert f"its {PAGE_UNITS[part][0]} clauses are skipped" in out
    assert "| category |" not in out


def test_a_bare_run_reads_no_part(capsys: pytest.CaptureFixture[str]) -> None:
    """The held-apart unit is read once per checkpoint: never by a run that named no part."""
    with pytest.raises(SystemExit) as stopped:
        measure_rules().main([])
    assert stopped.value.code == 2
    assert "--part" in capsys.readouterr().err
