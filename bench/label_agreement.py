"""Agreement between two readers' labels of the same clauses (issue 20).

Labelling is interpretive: the rules are scored against one reader, so part of any gap may be
that reader's own choices. This script scores reader 2 against reader 1 on the same texts, as
a rule would be scored, without running any rule:

- **spans**: a span of reader 1 is *recalled* when reader 2 has the same label on an
  overlapping span, and a span of reader 2 is *precise* when reader 1 has; recall, precision
  and F1 of reader 2 against reader 1 (swap the files to swap the roles: F1 stays);
- **clauses**: Cohen's kappa for the presence of each label, each category and each
  obligation type per clause (observed agreement beside it; "-" where kappa is undefined,
  every clause alike in both readings).

A rule a reader marked ``unknown`` on a clause (its words may stand in a gap of the page) is
left out there for both readers, as ``measure_rules.py`` leaves it out of its figures; a group
(a category, all labels) is left out of a clause's kappa when any of its labels is.

    python bench/label_agreement.py bench/labels/fresh5_alliance.yaml \\
        bench/labels/fresh5_alliance.reader2.yaml --texts /work/data/fresh5/texts.json
    ... --list        # every disagreement, span by span
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Label -> category, as in docs/rules.md's table of the bundled rules; `political-decision`
# is the buffer family the rules lack. A label outside this map is refused, not dropped.
CATEGORIES: dict[str, str] = {
    "un-charter-51": "buffer",
    "domestic-law": "buffer",
    "discretion": "buffer",
    "security-council": "buffer",
    "consultation": "buffer",
    "geographic-scope": "buffer",
    "political-decision": "buffer",
    "immediacy": "intensifier",
    "all-means": "intensifier",
    "armed-attack": "trigger",
    "state-of-war": "trigger",
    "threat-of-attack": "trigger",
    "named-adversary": "condition",
    "defined-area": "condition",
    "specified-war": "condition",
    "number-of-attackers": "condition",
    "non-provocation": "condition",
    "obligatory": "modality",
    "consultative": "modality",
    "hortatory": "modality",
    "discretionary": "modality",
}
CATEGORY_ORDER = ("buffer", "intensifier", "trigger", "condition", "modality")
OBLIGATIONS = (
    "defence",
    "consultation",
    "general-consultation",
    "non-aggression",
    "neutrality",
    "offence",
)
Span = tuple[int, int]


class LabelError(Exception):
    """A label file that cannot be compared: the message names file, clause and fix."""


@dataclass(frozen=True)
class Reading:
    """One reader's labels of one clause, with each span located in the clause text."""

    key: str
    language: str
    text: str
    spans: Mapping[str, tuple[Span, ...]]
    unknown: frozenset[str]
    obligations: frozenset[str]
    obligations_unknown: frozenset[str]


@dataclass
class Tally:
    """Spans of both readers and how many the other reader agrees with; clause presence."""

    spans1: int = 0
    spans2: int = 0
    recalled: int = 0  # reader 1's spans that reader 2 overlaps with the same label
    precise: int = 0  # reader 2's spans that reader 1 overlaps with the same label
    both: int = 0  # clauses where both readers have the label (or group)
    only1: int = 0
    only2: int = 0
    neither: int = 0

    def add_presence(self, has1: bool, has2: bool) -> None:
        if has1 and has2:
            self.both += 1
        elif has1:
            self.only1 += 1
        elif has2:
            self.only2 += 1
        else:
            self.neither += 1

    @property
    def recall(self) -> float | None:
        return self.recalled / self.spans1 if self.spans1 else None

    @property
    def precision(self) -> float | None:
        return self.precise / self.spans2 if self.spans2 else None

    @property
    def f1(self) -> float | None:
        """F1 of reader 2 against reader 1; 0 when only one reader has spans, None when neither."""
        if not self.spans1 and not self.spans2:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def observed(self) -> float | None:
        n = self.both + self.only1 + self.only2 + self.neither
        return (self.both + self.neither) / n if n else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa of presence; None when chance agreement is 1 (kappa undefined)."""
        return cohen_kappa(self.both, self.only1, self.only2, self.neither)


def cohen_kappa(both: int, only1: int, only2: int, neither: int) -> float | None:
    """Cohen's kappa of a 2x2 table of two readers' yes/no; None where it is undefined.

    >>> cohen_kappa(1, 1, 0, 2)
    0.5
    """
    n = both + only1 + only2 + neither
    if not n:
        return None
    observed = (both + neither) / n
    yes1, yes2 = (both + only1) / n, (both + only2) / n
    chance = yes1 * yes2 + (1 - yes1) * (1 - yes2)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


@dataclass
class Agreement:
    """Tallies by group (a label, a category or ``all``), by (language, group) and by
    obligation type, and every disagreement in words."""

    by_group: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[tuple[str, str], Tally] = field(default_factory=dict)
    obligations: dict[str, Tally] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    excluded: int = 0  # (clause, label) pairs left out because a reader marked them unknown


def digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of a clause text, as the label files record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def entry_key(entry: Mapping[str, object]) -> str:
    """The key of a web-page entry's text in a texts file (as measure_rules.py reads it)."""
    return f"{entry['treaty']}:{entry['clause']}@{entry['language']}"


def _locate(text: str, span: str, where: str) -> Span:
    start = text.find(span)
    if start < 0 or text.find(span, start + 1) >= 0:
        raise LabelError(
            f"{where}: span {span!r} is not once in the clause. Fix: quote a longer span"
        )
    return (start, start + len(span))


def read_entry(entry: Mapping[str, object], text: str, where: str) -> Reading:
    """One entry of a label file, checked against its clause text."""
    key = entry_key(entry)
    if digest(text) != entry["digest"]:
        raise LabelError(f"{where}: {key}: text changed since labelling. Fix: relabel the clause")
    labels = entry.get("labels") or {}
    unknown = entry.get("unknown") or []
    if not isinstance(labels, dict) or not isinstance(unknown, list):
        raise LabelError(f"{where}: {key}: labels must be a mapping, unknown a list")
    for label in [*labels, *unknown]:
        if label not in CATEGORIES:
            raise LabelError(f"{where}: {key}: unknown label {label!r}. Fix: use a rule id")
    spans = {
        str(label): tuple(_locate(text, str(s), f"{where}: {key}: {label}") for s in items)
        for label, items in labels.items()
    }
    obligations = entry.get("obligations") or []
    obligations_unknown = entry.get("obligations_unknown") or []
    if not isinstance(obligations, list) or not isinstance(obligations_unknown, list):
        raise LabelError(f"{where}: {key}: obligations must be lists")
    for kind in [*obligations, *obligations_unknown]:
        if kind not in OBLIGATIONS:
            raise LabelError(f"{where}: {key}: unknown obligation type {kind!r}")
    return Reading(
        key,
        str(entry["language"]),
        text,
        spans,
        frozenset(map(str, unknown)),
        frozenset(map(str, obligations)),
        frozenset(map(str, obligations_unknown)),
    )


def load_reading(path: Path, texts: Mapping[str, str]) -> dict[str, Reading]:
    """A label file's readings by clause key; every clause must have its text in ``texts``."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise LabelError(
            f"{path}:{line}: not a label file ({exc.problem}). Fix: mend the YAML"
        ) from None
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        problem = " ".join(str(exc).split())
        raise LabelError(f"{path}: not a label file ({problem}). Fix: give a labels YAML") from None
    out: dict[str, Reading] = {}
    for entry in entries:
        key = entry_key(entry)
        if key not in texts:
            raise LabelError(f"{path}: {key}: no text for this clause. Fix: give its texts file")
        if key in out:
            raise LabelError(f"{path}: {key}: labelled twice. Fix: keep one entry")
        out[key] = read_entry(entry, texts[key], str(path))
    return out


def load_texts(path: Path) -> dict[str, str]:
    """Clause texts by key, from a texts file as /work/data/fresh5/texts.json."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LabelError(f"{path}: cannot read the texts ({exc}). Fix: --texts FILE") from None
    return {key: str(value["text"]) for key, value in raw.items()}


def groups(label: str) -> tuple[str, ...]:
    """The groups a label counts in: itself, its category, all."""
    return (label, CATEGORIES[label], "all")


def _spans(one: Reading, two: Reading, label: str, agreement: Agreement) -> tuple[int, int]:
    """Reader 1's spans recalled by reader 2 and reader 2's spans precise; disagreements noted."""
    a, b = one.spans.get(label, ()), two.spans.get(label, ())
    recalled = precise = 0
    for span in a:
        if any(overlaps(span, other) for other in b):
            recalled += 1
        else:
            agreement.disagreements.append(f"only reader 1: {one.key} {label}: {_quote(one, span)}")
    for span in b:
        if any(overlaps(span, other) for other in a):
            precise += 1
        else:
            agreement.disagreements.append(f"only reader 2: {two.key} {label}: {_quote(two, span)}")
    return recalled, precise


def _quote(reading: Reading, span: Span) -> str:
    return repr(reading.text[span[0] : span[1]])


def compare_clause(one: Reading, two: Reading, agreement: Agreement) -> None:
    """Add one clause's spans and presence to every group's tallies."""
    unknown = one.unknown | two.unknown
    present: dict[str, tuple[bool, bool]] = {}
    blocked: set[str] = set()
    for label in CATEGORIES:
        if label in unknown:
            agreement.excluded += 1
            blocked.update(groups(label))
            continue
        recalled, precise = _spans(one, two, label, agreement)
        has1, has2 = bool(one.spans.get(label)), bool(two.spans.get(label))
        for group in groups(label):
            for tally in (
                agreement.by_group.setdefault(group, Tally()),
                agreement.by_language.setdefault((one.language, group), Tally()),
            ):
                tally.spans1 += len(one.spans.get(label, ()))
                tally.spans2 += len(two.spans.get(label, ()))
                tally.recalled += recalled
                tally.precise += precise
            old1, old2 = present.get(group, (False, False))
            present[group] = (old1 or has1, old2 or has2)
    for group, (has1, has2) in present.items():
        if group in blocked:
            continue
        agreement.by_group[group].add_presence(has1, has2)
        agreement.by_language[(one.language, group)].add_presence(has1, has2)
    for kind in OBLIGATIONS:
        if kind in one.obligations_unknown | two.obligations_unknown:
            continue
        has1, has2 = kind in one.obligations, kind in two.obligations
        agreement.obligations.setdefault(kind, Tally()).add_presence(has1, has2)
        if has1 != has2:
            who = "reader 1" if has1 else "reader 2"
            agreement.disagreements.append(f"only {who}: {one.key} obligation {kind}")


def compare(one: Mapping[str, Reading], two: Mapping[str, Reading]) -> Agreement:
    """Reader 2 against reader 1, clause by clause; both must label the same clauses."""
    if set(one) != set(two):
        missing = sorted(set(one) ^ set(two))
        raise LabelError(f"the two readings differ in clauses: {', '.join(missing[:5])}")
    agreement = Agreement()
    for key in sorted(one):
        if (one[key].language, one[key].text) != (two[key].language, two[key].text):
            raise LabelError(f"{key}: the readings are of different texts")
        compare_clause(one[key], two[key], agreement)
    return agreement


def treaty_of(key: str) -> str:
    return key.split(":", 1)[0]


def bootstrap(
    one: Mapping[str, Reading], two: Mapping[str, Reading], rounds: int, seed: int = 20
) -> dict[str, tuple[float, float]]:
    """A 95 % interval of each category's F1 and of all, resampling whole treaties (clauses
    of one treaty share a drafter and a translator, so they are not independent draws)."""
    compare(one, two)  # the same checks as the point figure
    treaties = sorted({treaty_of(key) for key in one})
    keys = {t: [k for k in sorted(one) if treaty_of(k) == t] for t in treaties}
    rng = random.Random(seed)
    scores: dict[str, list[float]] = {}
    for _ in range(rounds):
        agreement = Agreement()
        for treaty in rng.choices(treaties, k=len(treaties)):
            for key in keys[treaty]:
                compare_clause(one[key], two[key], agreement)
        for group in (*CATEGORY_ORDER, "all"):
            tally = agreement.by_group.get(group)
            f1 = None if tally is None else tally.f1
            if f1 is not None:  # a draw with no span of the group has no F1 for it
                scores.setdefault(group, []).append(f1)
    return {group: _interval(values) for group, values in scores.items()}


def _interval(values: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(0.025 * last)], ordered[round(0.975 * last)]


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


HEAD = (
    "| {name} | spans r1 | spans r2 | recall | precision | F1 | clauses both / r1 / r2 / "
    "neither | agreement | kappa |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(name: str, t: Tally) -> str:
    return (
        f"| {name} | {t.spans1} | {t.spans2} | {_cell(t.recall)} | {_cell(t.precision)} | "
        f"{_cell(t.f1)} | {t.both} / {t.only1} / {t.only2} / {t.neither} | "
        f"{_cell(t.observed)} | {_cell(t.kappa)} |"
    )


def tables(agreement: Agreement) -> list[str]:
    """Markdown tables: by category (with its labels), by language, by obligation type."""
    out = [
        "Reader 2 against reader 1 (recall, precision and F1 of reader 2's spans; kappa of "
        "presence per clause).",
        "",
        HEAD.format(name="category / label"),
    ]
    for category in CATEGORY_ORDER:
        if category in agreement.by_group:
            out.append(row(f"**{category}**", agreement.by_group[category]))
        for label, cat in CATEGORIES.items():
            tally = agreement.by_group.get(label)
            if cat == category and tally is not None and (tally.spans1 or tally.spans2):
                out.append(row(f"  {label}", tally))
    if "all" in agreement.by_group:
        out.append(row("**all**", agreement.by_group["all"]))
    out += ["", HEAD.format(name="language / category")]
    for language in sorted({lang for lang, _ in agreement.by_language}):
        for group in (*CATEGORY_ORDER, "all"):
            tally = agreement.by_language.get((language, group))
            if tally is not None and (group == "all" or tally.spans1 or tally.spans2):
                name = f"**{language}**" if group == "all" else f"{language} {group}"
                out.append(row(name, tally))
    out += [
        "",
        "| obligation type | clauses both / r1 / r2 / neither | agreement | kappa |",
        "|---|---:|---:|---:|",
    ]
    for kind in OBLIGATIONS:
        if kind in agreement.obligations:
            t = agreement.obligations[kind]
            out.append(
                f"| {kind} | {t.both} / {t.only1} / {t.only2} / {t.neither} | "
                f"{_cell(t.observed)} | {_cell(t.kappa)} |"
            )
    out.append(
        f"\n(clause, label) pairs left out as unknown by either reader: {agreement.excluded}"
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("reader1", type=Path, help="the first reader's labels (the reference)")
    parser.add_argument("reader2", type=Path, help="the second reader's labels, same clauses")
    parser.add_argument(
        "--texts",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "data" / "fresh5" / "texts.json",
        help="the clause texts (JSON, key -> {text}); default ../data/fresh5/texts.json",
    )
    parser.add_argument("--list", action="store_true", help="print every disagreement too")
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help="also a 95%% interval of each category's F1 from N draws of whole treaties",
    )
    args = parser.parse_args(argv)
    try:
        texts = load_texts(args.texts)
        one, two = load_reading(args.reader1, texts), load_reading(args.reader2, texts)
        agreement = compare(one, two)
    except LabelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(tables(agreement)))
    if args.bootstrap > 0:
        intervals = bootstrap(one, two, args.bootstrap)
        print(f"\nF1, 95 % interval over {args.bootstrap} draws of whole treaties (seed 20):")
        for group in (*CATEGORY_ORDER, "all"):
            if group in intervals:
                low, high = intervals[group]
                point = _cell(agreement.by_group[group].f1)
                print(f"- {group}: {point} [{low:.2f}, {high:.2f}]")
    if args.list:
        print("\n".join(["", "Disagreements:", *_listed(agreement.disagreements)]))
    return 0


def _listed(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


if __name__ == "__main__":
    sys.exit(main())
