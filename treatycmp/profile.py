"""Obligation profiles: one row per clause that obliges a party to help or to talk.

ATOP codes what *triggers* an alliance obligation and the conditions on it; it has
no variable for discretion over the *response* ("as it deems necessary",
"constitutional processes"). A profile row puts both layers side by side: the
obligation type, trigger and conditions as ATOP sees them, then modality,
intensifiers and buffers from the rule library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from treatycmp.kinds import COLUMN_CATEGORY, COLUMNS, Column
from treatycmp.model import Clause, Level, Treaty
from treatycmp.rule_model import RuleSet, language_key, literal_groups
from treatycmp.rules.findings import Finding, missing_warning
from treatycmp.rules.match import find_rules

ObligationType = Literal[
    "defence", "consultation", "non-aggression", "neutrality", "offence", "general-consultation"
]
OBLIGATION_TYPES: tuple[ObligationType, ...] = (
    "defence",
    "consultation",
    "non-aggression",
    "neutrality",
    "offence",
    "general-consultation",
)
# ATOP's obligation types; "general-consultation" (talk on all important questions, no
# crisis) is kept apart from consultation in a crisis and is not a security obligation.
SECURITY_TYPES: frozenset[ObligationType] = frozenset(OBLIGATION_TYPES[:5])
OBLIGATION_LABELS: dict[ObligationType, str] = {
    "defence": "defence obligation",
    "consultation": "consultation in a crisis",
    "non-aggression": "non-aggression",
    "neutrality": "neutrality",
    "offence": "offence",
    "general-consultation": "general consultation",
}

# An attack sets off defence only when the clause also promises help or action.
_ATTACK_TRIGGERS = frozenset({"armed-attack", "state-of-war"})
# Consultation is an obligation in a crisis only when a trigger says which crisis.
_CRISIS_TRIGGERS = frozenset({"armed-attack", "state-of-war", "threat-of-attack"})
_CONSULTATION_RULES = frozenset({"consultation", "consultative"})


class _Cues(Mapping[str, re.Pattern[str]]):
    """One case-insensitive regex per language, compiled when a text in that language
    first needs it (start-up: a comparison needs one or two of the languages)."""

    def __init__(self, branches: dict[str, tuple[str, ...]]) -> None:
        self._branches = branches
        self._sources = {
            lang: "|".join(f"(?:{b})" for b in items) for lang, items in branches.items()
        }
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._groups: dict[
            str, tuple[tuple[tuple[str, ...], ...], tuple[tuple[tuple[str, ...], ...], ...]]
        ] = {}

    def __getitem__(self, lang: str) -> re.Pattern[str]:
        found = self._compiled.get(lang)
        if found is None:
            found = self._compiled[lang] = re.compile(self._sources[lang], re.IGNORECASE)
        return found

    def finditer(self, lang: str, text: str) -> Iterator[re.Match[str]]:
        """The matches in ``text`` of ``lang``'s regex (none without one). An ASCII text
        in which no branch of the regex finds, in lower case, a literal of each group
        it needs is not searched: in ASCII, lower case is exactly what the
        case-insensitive regex folds, and a branch lacking a literal matches nowhere
        (issue 22: these cues ran on every clause of a long treaty; a test over the
        whole alternation let "join", "take" or "enter" alone through)."""
        if lang not in self._sources:
            return iter(())
        if text.isascii():
            whole, branches = self._needs(lang)
            folded = _folded(text)
            # The whole regex's groups first: one test turns most texts away.
            if not all(any(x in folded for x in g) for g in whole):
                return iter(())
            if branches and not any(
                all(any(x in folded for x in g) for g in groups) for groups in branches
            ):
                return iter(())
        return self[lang].finditer(text)

    def _needs(
        self, lang: str
    ) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[tuple[str, ...], ...], ...]]:
        """The literal groups of ``lang``'s regex and, per branch, the branch's, in lower
        case; none (every text searched) unless all are ASCII."""
        found = self._groups.get(lang)
        if found is None:
            whole = literal_groups(re.compile(self._sources[lang]))
            branches = [literal_groups(re.compile(b)) for b in self._branches[lang]]
            every = [x for groups in (whole, *branches) for g in groups for x in g]
            found = self._groups[lang] = (
                (_lower(whole), tuple(map(_lower, branches)))
                if all(x.isascii() for x in every)
                else ((), ())
            )
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """``text.lower()``, once for the several cues that read one clause in turn."""
    return text.lower()


def _lower(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(x.lower() for x in g) for g in groups)


def _cue(patterns: dict[str, tuple[str, ...]]) -> _Cues:
    """One case-insensitive regex per language; a space in a pattern matches a run of
    spaces (`` ?`` any), never a line break: cues stay within one paragraph."""

    def spaced(p: str) -> str:
        return re.sub(r" \??", lambda m: "[^\\S\\n]*" if m.group() == " ?" else "[^\\S\\n]+", p)

    return _Cues({lang: tuple(map(spaced, items)) for lang, items in patterns.items()})


# The words that promise help or action in a defence clause (the response).
_ASSISTANCE = _cue(
    {
        "en": (r"\b(?:assist\w*|aid|help|support|act to meet|defend|come to the aid)\b",),
        "ko": (r"원조|지원|협조|대처|방위",),
        "ru": (r"помощ\w*|содейств\w*|поддержк\w*|защит\w*",),
        "zh": (r"援助|支援|支持|協助|协助|幫助|帮助|保衛|保卫",),
    }
)
# Words that make the promised help military (armed force, all means).
_MILITARY = _cue(
    {
        "en": (r"\bmilitary\b", r"\barmed force", r"\ball (?:the )?(?:available )?means\b"),
        "ko": (r"군사", r"(?:모든|온갖) ?수단"),
        "ru": (r"военн\w*", r"вооруж[её]нн\w* сил\w*", r"всеми (?:\w+ ){0,4}средствами"),
        "zh": (r"軍事|军事|武裝力量|武装力量", r"(?:盡|尽)其?全力"),
    }
)
_NON_AGGRESSION = _cue(
    {
        "en": (
            r"\b(?:refrain|restrain) (?:\w+ ){0,5}from (?:the )?(?:threat or )?(?:the )?"
            r"use of force",
            r"\brefrain from (?:any )?(?:attack|aggression|acts? of aggression)",
            r"\bnot to resort (?:\w+ ){0,3}to the threat or (?:the )?use of force",
            r"\b(?:not to|shall not|will not|never) (?:\w+ ){0,2}(?:attack|commit aggression)\b",
            r"\bnot (?:to )?(?:enter|enter into|conclude|join|participate in) (?:any |an )?"
            r"(?:military )?(?:alliances?|coalitions?|blocs?)\b",
            r"\b(?:alliance|coalition|bloc)s? (?:\w+ ){0,8}directed against (?:the other|any)",
        ),
        "ko": (
            r"불가침",
            r"침략하지 않",
            r"반대하는 (?:\S+ ){0,2}동맹",
            r"동맹(?:도|을)? ?(?:체결하지|맺지) 않",
            r"무력(?:에 의한)? ?위협(?:이나|또는) (?:무력)?(?:의 )?(?:사용|행사)(?:을|를)? ?삼가",
        ),
        "ru": (
            r"ненападени",
            r"не нападать",
            r"воздерж\w* (?:\w+ ){0,4}от (?:угрозы силой|применения силы)",
            r"не (?:вступать|заключать|участвовать) (?:\w+ ){0,3}(?:союз|коалици|блок)\w*",
            r"(?:союз|коалици|блок)\w* (?:\w+ ){0,6}направленн\w* против",
        ),
        "zh": (
            r"互不侵犯",
            r"不(?:締結|缔结|參加|参加)(?:任何)?反對|不(?:締結|缔结|參加|参加)(?:任何)?反对",
        ),
    }
)
_NEUTRALITY = _cue(
    {
        "en": (
            r"\bremain neutral\b",
            r"\b(?:observe|maintain|keep) (?:\w+ ){0,2}neutrality\b",
            r"\bnot (?:to )?(?:assist|aid|support|help|give (?:any )?(?:assistance|aid|support) "
            r"to) (?:the |such |any )?(?:aggressor|attacker|attacking|third)",
        ),
        "ko": (r"중립",),
        "ru": (r"нейтралитет",),
        "zh": (r"中立",),
    }
)
_OFFENCE = _cue(
    {
        "en": (
            r"\b(?:jointly|together) (?:\w+ ){0,2}(?:attack|make war|wage war|declare war)\b",
            r"\b(?:take part|participate|join) in (?:the |a |any )?(?:war|hostilities|offensive) "
            r"(?:\w+ ){0,3}(?:against|on)\b",
            r"\boffensive (?:war|operations?|action) against\b",
        ),
        "ko": (r"공동으로 (?:\S+ ){0,2}(?:공격|선제)",),
        "ru": (r"совместн\w* (?:\w+ ){0,2}(?:нападени|наступлени)\w*",),
        "zh": (r"(?:共同|聯合|联合)(?:進攻|进攻|攻擊|攻击)",),
    }
)
# Talk on matters of common interest with no crisis named: general consultation even
# where no consultation rule fires ("exchange views on ... through dialogue").
_GENERAL_CONSULTATION = _cue(
    {
        "en": (r"\bexchange (?:of )?views\b", r"\bconsult (?:\w+ ){0,3}on all\b"),
        "ko": (r"의견을? ?교환",),
        "ru": (r"обмен\w* мнениями",),
        "zh": (r"(?:交換|交换)(?:意見|意见)",),
    }
)
# Talk that is a procedure, not the parties' duty to talk: a body that decides the
# measures ("agreed upon by the Organ of Consultation") or a review of the treaty.
_PROCEDURE = _cue(
    {
        "en": (
            r"\bconsult\w* (?:\w+ ){0,3}for the purpose of reviewing",
            # the Rio system's body that decides the measures of a defence
            r"\borgan of consultation(?: (?:\w+ ){0,4}shall (?:\w+ ){0,2}meet)?",
        ),
    }
)


def _without_procedure(text: str, lang: str, findings: Sequence[Finding]) -> Sequence[Finding]:
    """``findings`` less the consultation ones that sit in a ``_PROCEDURE`` phrase."""
    if lang not in _PROCEDURE:
        return findings
    spans = [m.span() for m in _PROCEDURE.finditer(lang, text)]
    return [
        f
        for f in findings
        if f.rule_id not in _CONSULTATION_RULES
        or not any(s < f.end and f.start < e for s, e in spans)
    ]


_NEGATED = re.compile(r"\b(?:not|never|no)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_TEXT_TYPES: tuple[tuple[ObligationType, _Cues], ...] = (
    ("non-aggression", _NON_AGGRESSION),
    ("neutrality", _NEUTRALITY),
    ("offence", _OFFENCE),
)


@dataclass(frozen=True)
class Evidence:
    """Words that made a clause carry an obligation type: a rule finding or a cue of this module.

    ``cue`` is a rule id (``armed-attack``, ``consultation``) or the name of a cue
    here (``assistance``, ``non-aggression``); ``start``/``end`` index the clause text.
    """

    obligation: ObligationType
    cue: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ProfileRow:
    """One obligation clause: its type, trigger, conditions, modality, intensifiers, buffers."""

    treaty_id: str
    clause_id: str
    obligations: tuple[ObligationType, ...]
    findings: tuple[Finding, ...]
    text: str
    partial: bool = False
    inferred: bool = False
    evidence: tuple[Evidence, ...] = ()

    def column(self, column: Column) -> tuple[Finding, ...]:
        """The findings that belong in ``column``, in text order."""
        category = COLUMN_CATEGORY[column]
        return tuple(f for f in self.findings if f.category == category)

    def ids(self, column: Column) -> tuple[str, ...]:
        """The rule ids in ``column``, each once, in text order."""
        return tuple(dict.fromkeys(f.rule_id for f in self.column(column)))


@dataclass(frozen=True)
class Profile:
    """The obligation rows of one treaty, and the rules that could not look."""

    treaty_id: str
    short_title: str
    language: str
    level: Level
    rows: tuple[ProfileRow, ...]
    missing: tuple[str, ...]
    partial: bool = False

    @property
    def warning(self) -> str | None:
        return missing_warning(self.language, self.missing)


def _matches(
    cues: _Cues, lang: str, text: str, obligation: ObligationType, cue: str
) -> list[Evidence]:
    return [
        Evidence(obligation, cue, m.start(), m.end(), m.group())
        for m in cues.finditer(lang, text)
        if m.end() > m.start()
    ]


def _from_findings(
    findings: Sequence[Finding], ids: frozenset[str], obligation: ObligationType
) -> list[Evidence]:
    return [
        Evidence(obligation, f.rule_id, f.start, f.end, f.text)
        for f in findings
        if f.rule_id in ids
    ]


def obligation_evidence(
    text: str, language: str, findings: Sequence[Finding]
) -> tuple[tuple[ObligationType, tuple[Evidence, ...]], ...]:
    """Which obligation types a clause carries, each with the words that show it.

    Defence: an attack trigger and a promise of help. Consultation: a consultation
    finding and a crisis trigger (without one it is general consultation). Non-aggression,
    neutrality and offence: their own phrases (a negated offence phrase does not count).
    """
    lang = language_key(language)
    findings = _without_procedure(text, lang, findings)
    ids = {f.rule_id for f in findings}
    out: list[tuple[ObligationType, tuple[Evidence, ...]]] = []
    if ids & _ATTACK_TRIGGERS:
        help_words = _matches(_ASSISTANCE, lang, text, "defence", "assistance")
        help_words += _from_findings(findings, frozenset({"all-means"}), "defence")
        if help_words:
            evidence = _from_findings(findings, _ATTACK_TRIGGERS, "defence") + help_words
            out.append(("defence", tuple(sorted(evidence, key=lambda e: (e.start, e.end)))))
    if ids & _CONSULTATION_RULES:
        crisis = bool(ids & _CRISIS_TRIGGERS)
        kind: ObligationType = "consultation" if crisis else "general-consultation"
        evidence = _from_findings(
            findings, _CONSULTATION_RULES | (_CRISIS_TRIGGERS if crisis else frozenset()), kind
        )
        out.append((kind, tuple(sorted(evidence, key=lambda e: (e.start, e.end)))))
    if not ids & _CONSULTATION_RULES:
        talk = _matches(
            _GENERAL_CONSULTATION, lang, text, "general-consultation", "general-consultation"
        )
        if talk:
            out.append(("general-consultation", tuple(talk)))
    for kind, table in _TEXT_TYPES:
        found = _matches(table, lang, text, kind, kind)
        if kind == "offence":
            found = [e for e in found if not _NEGATED.search(text[: e.start])]
        if found:
            out.append((kind, tuple(found)))
    return tuple(out)


def obligation_types(
    text: str, language: str, findings: Sequence[Finding]
) -> tuple[ObligationType, ...]:
    """Which of ATOP's obligation types a clause carries (may be none)."""
    return tuple(kind for kind, _ in obligation_evidence(text, language, findings))


def response_words(text: str, language: str) -> tuple[str, tuple[Evidence, ...]]:
    """The kind of help a defence clause promises (``military assistance``,
    ``assistance``, ``action``) and the words that say so."""
    lang = language_key(language)
    military = _matches(_MILITARY, lang, text, "defence", "military")
    helping = _matches(_ASSISTANCE, lang, text, "defence", "assistance")
    words = tuple(sorted(military + helping, key=lambda e: (e.start, e.end)))
    if military:
        return "military assistance", words
    if any(re.search(r"assist|aid|help|support|원조|지원|помощ", e.text, re.I) for e in helping):
        return "assistance", words
    return ("action", words) if helping else ("", words)


def profile_clause(
    treaty_id: str, clause: Clause, language: str, rules: RuleSet
) -> ProfileRow | None:
    """The profile row of one clause, or None when it carries no obligation."""
    findings = find_rules(clause.text, language, rules)
    found = obligation_evidence(clause.text, language, findings)
    if not found:
        return None
    return ProfileRow(
        treaty_id,
        clause.id,
        tuple(kind for kind, _ in found),
        findings,
        clause.text,
        clause.partial,
        clause.inferred,
        tuple(e for _, evidence in found for e in evidence),
    )


def profile_treaty(treaty: Treaty, rules: RuleSet, level: Level = "article") -> Profile:
    """Every obligation clause of ``treaty`` (preamble and closing carry none).

    Args:
        treaty: the treaty; only its real text is read, gaps never.
        rules: the rule set, from ``load_rules``.
        level: ``article`` (default: one row per article) or ``paragraph``.
    """
    rows = []
    for clause in treaty.clauses(level):
        if clause.article is None:
            continue
        row = profile_clause(treaty.id, clause, treaty.language, rules)
        if row is not None:
            rows.append(row)
    return Profile(
        treaty.id,
        treaty.short_title,
        treaty.language,
        level,
        tuple(rows),
        rules.languages_missing(treaty.language),
        treaty.completeness == "partial",
    )


def profile_record(row: ProfileRow) -> dict[str, Any]:
    """A row as plain data in a stable key order (for JSON and tables)."""
    record: dict[str, Any] = {
        "treaty": row.treaty_id,
        "clause": row.clause_id,
        "obligation": list(row.obligations),
    }
    for column in COLUMNS:
        record[column] = list(row.ids(column))
    record["partial"] = row.partial
    record["inferred"] = row.inferred
    record["findings"] = [
        {"rule": f.rule_id, "category": f.category, "start": f.start, "end": f.end, "text": f.text}
        for f in row.findings
    ]
    record["evidence"] = [
        {"obligation": e.obligation, "cue": e.cue, "start": e.start, "end": e.end, "text": e.text}
        for e in row.evidence
    ]
    return record


def profiles_record(profiles: Sequence[Profile]) -> dict[str, Any]:
    """Several treaties side by side as plain data (what ``profile -f json`` writes)."""
    return {
        "treaties": [
            {
                "id": p.treaty_id,
                "short_title": p.short_title,
                "language": p.language,
                "level": p.level,
                "partial": p.partial,
                "rules_without_patterns": list(p.missing),
                "rows": [profile_record(r) for r in p.rows],
            }
            for p in profiles
        ]
    }
