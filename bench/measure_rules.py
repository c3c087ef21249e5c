"""Measure the rules against the hand-labelled clauses of bench/labels/clauses.yaml.

Every labelled clause is looked up in the bundled corpus, its text checked against the
digest recorded when it was labelled, and the rules run on it through the public API.
A finding is right when it overlaps a labelled span of its rule; a labelled span is
found when a finding of its rule overlaps it. A rule marked ``unknown`` on a clause
(its words may stand in a gap) counts neither way there. Labels with no rule yet
(``political-decision``) count as misses of their category. Prints markdown tables:
per rule, per category, per language, per language and category.

    python bench/measure_rules.py --part held-out   # the old held-out part (tuning since pass 3)
    python bench/measure_rules.py --part tune       # the part rules may be fitted on
    python bench/measure_rules.py --part tune --list  # every miss and false alarm
    python bench/measure_rules.py --part tune-open --list  # the second tuning unit
    python bench/measure_rules.py --part fresh --list  # the third pass's unit (tuning since pass 4)
    python bench/measure_rules.py --part fresh2 --list  # the fourth pass's unit (tuning now)
    python bench/measure_rules.py --part fresh3 --list  # the alliance unit (tuning since pass 6)
    python bench/measure_rules.py --part fresh4 --list  # the second alliance unit (tuning, pass 7)
    python bench/measure_rules.py --part fresh5 --list  # second annotator's (tuning, pass 8)
    python bench/measure_rules.py --part fresh5 --check-labels  # spans and digests, no rule run
    python bench/measure_rules.py --part fresh6 --list  # sixth, blind annotator (tuning, pass 9)
    python bench/measure_rules.py --part fresh6 --check-labels  # spans and digests, no rule run
    python bench/measure_rules.py --part fresh7    # the seventh, blind annotator (figures, once)
    python bench/measure_rules.py --part fresh7 --check-labels  # spans and digests, no rule run

The second tuning unit (bench/labels/open_treaties.yaml, part ``tune-open``) labels
treaties outside the bundle; their texts are read from the open-treaties dataset
(--open-treaties, default ../shared/corpora/open-treaties/data, CC0), never copied here.

Since the third pass the old held-out part is tuning too (its checkpoints were used up);
since the fourth pass so is ``fresh`` (bench/labels/fresh_open.yaml), and since the fifth
``fresh2`` (bench/labels/fresh2_open.yaml, read at three checkpoints), and since the sixth
the fifth pass's ``fresh3`` (bench/labels/fresh3_alliance.yaml, read twice): alliance
treaties read from web pages whose texts are kept outside the repository
(--fresh3-texts, default ../data/fresh3/texts.json beside the checkout's parent, or
$TREATYCMP_FRESH3_TEXTS), never copied here. Since the seventh pass so is the sixth pass's
``fresh4`` (bench/labels/fresh4_alliance.yaml, read on its branch and twice on main: spent;
texts likewise outside: --fresh4-texts, ../data/fresh4/texts.json or
$TREATYCMP_FRESH4_TEXTS), and since the eighth the seventh pass's ``fresh5``
(bench/labels/fresh5_alliance.yaml, labelled by a second annotator blind to the rules and
read once on main: spent; --fresh5-texts, ../data/fresh5/texts.json or
$TREATYCMP_FRESH5_TEXTS), and since the ninth the sixth unit ``fresh6``
(bench/labels/fresh6_alliance.yaml, labelled by an annotator blind to the rules, with German,
Japanese, Korean and French clauses as well as English, Russian and Chinese, read once on main
cf7e7a1: spent; --fresh6-texts, ../data/fresh6/texts.json or $TREATYCMP_FRESH6_TEXTS). The seventh
held-apart unit ``fresh7`` (bench/labels/fresh7_alliance.yaml, labelled by an annotator blind to
the rules in English, Japanese, German, Chinese and Russian; --fresh7-texts,
../data/fresh7/texts.json or $TREATYCMP_FRESH7_TEXTS) is the held-apart part now
(``HELD_APART``): ``--list`` is refused on it, as on ``all``, which holds every unit.
``--check-labels`` checks a part's spans and digests against its texts and runs no rule.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from treatycmp import Corpus, find_rules, load_rules

LABELS = Path(__file__).resolve().parent / "labels" / "clauses.yaml"
OPEN_LABELS = LABELS.with_name("open_treaties.yaml")
# The third pass's fresh unit (part ``fresh``), tuning since the fourth pass.
FRESH_LABELS = LABELS.with_name("fresh_open.yaml")
# The second fresh held-apart unit (part ``fresh2``, fourth pass): labelled before any rule
# ran on it; read its figures once per checkpoint, never its misses (``--list`` is refused).
FRESH2_LABELS = LABELS.with_name("fresh2_open.yaml")
# The third fresh held-apart unit (part ``fresh3``, fifth pass): alliance treaties from web
# pages, labelled before any rule ran on them; their texts live outside the repository.
FRESH3_LABELS = LABELS.with_name("fresh3_alliance.yaml")
# The fourth fresh held-apart unit (part ``fresh4``, sixth pass): alliance treaties of 1919-1948
# from web pages, labelled before any rule ran on them; read three times (spent).
FRESH4_LABELS = LABELS.with_name("fresh4_alliance.yaml")
# The fifth fresh held-apart unit (part ``fresh5``, seventh pass): alliance, neutrality and
# guarantee treaties of 1879-1971 from web pages, labelled by a second annotator who wrote
# no rule and ran none on them.
FRESH5_LABELS = LABELS.with_name("fresh5_alliance.yaml")
# The sixth fresh held-apart unit (part ``fresh6``): alliance, guarantee, neutrality and
# friendship treaties of 1882-1970 from web pages in seven languages, labelled by an annotator who
# wrote no rule and ran none on them.
FRESH6_LABELS = LABELS.with_name("fresh6_alliance.yaml")
# The seventh fresh held-apart unit (part ``fresh7``): alliance, mutual-assistance, friendship and
# collective-defence treaties of 1926-2025 from web pages in five languages, labelled by an
# annotator who wrote no rule and ran none on them.
FRESH7_LABELS = LABELS.with_name("fresh7_alliance.yaml")
# fresh2 was read at three checkpoints (fourth pass and after): tuning since the fifth pass.
# fresh3 was read twice in the fifth pass (spent): tuning since the sixth pass.
# fresh4 was read on its branch and twice on main (spent): tuning since the seventh pass.
# fresh5 was read once on main (24d1cb7) and listed by the eighth pass: tuning since then.
# fresh6 was read once on main (cf7e7a1) and listed by the ninth pass: tuning since then.
HELD_APART = ("fresh7", "all")
OPEN_DATA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "open-treaties" / "data"
FRESH3_TEXTS = Path(
    os.environ.get("TREATYCMP_FRESH3_TEXTS")
    or Path(__file__).resolve().parents[2] / "data" / "fresh3" / "texts.json"
)
FRESH4_TEXTS = Path(
    os.environ.get("TREATYCMP_FRESH4_TEXTS")
    or Path(__file__).resolve().parents[2] / "data" / "fresh4" / "texts.json"
)
FRESH5_TEXTS = Path(
    os.environ.get("TREATYCMP_FRESH5_TEXTS")
    or Path(__file__).resolve().parents[2] / "data" / "fresh5" / "texts.json"
)
FRESH6_TEXTS = Path(
    os.environ.get("TREATYCMP_FRESH6_TEXTS")
    or Path(__file__).resolve().parents[2] / "data" / "fresh6" / "texts.json"
)
FRESH7_TEXTS = Path(
    os.environ.get("TREATYCMP_FRESH7_TEXTS")
    or Path(__file__).resolve().parents[2] / "data" / "fresh7" / "texts.json"
)
# The web-page units: their labels, and where their texts are kept (never in the repository).
PAGE_LABELS = {
    "fresh3": FRESH3_LABELS,
    "fresh4": FRESH4_LABELS,
    "fresh5": FRESH5_LABELS,
    "fresh6": FRESH6_LABELS,
    "fresh7": FRESH7_LABELS,
}
PAGE_TEXTS = {
    "fresh3": FRESH3_TEXTS,
    "fresh4": FRESH4_TEXTS,
    "fresh5": FRESH5_TEXTS,
    "fresh6": FRESH6_TEXTS,
    "fresh7": FRESH7_TEXTS,
}
PARTS = (
    "tune",
    "tune-open",
    "held-out",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "all",
)
# Label families that no bundled rule covers yet, and the category they belong to.
NEW_FAMILIES = {"political-decision": "buffer"}


@dataclass
class Tally:
    """One row: labelled spans and how many were found; findings and how many are right."""

    spans: int = 0
    found: int = 0
    findings: int = 0
    right: int = 0
    unknown: int = 0

    def add(self, other: Tally) -> None:
        self.spans += other.spans
        self.found += other.found
        self.findings += other.findings
        self.right += other.right
        self.unknown += other.unknown

    def cells(self) -> str:
        recall = f"{self.found / self.spans:.2f}" if self.spans else "-"
        precision = f"{self.right / self.findings:.2f}" if self.findings else "-"
        return (
            f"{self.spans} | {self.found} | {recall} | {self.findings} | {self.right} | "
            f"{precision} | {self.unknown or ''}"
        )


HEAD = "| spans | found | recall | findings | right | precision | unknown |"
RULE = "|---:|---:|---:|---:|---:|---:|---:|"


@dataclass
class Result:
    by_rule: dict[str, Tally] = field(default_factory=dict)
    by_language: dict[tuple[str, str], Tally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    clauses: int = 0


def digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of a clause text, as recorded in the labels."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def locate(text: str, spans: Iterable[str]) -> list[tuple[int, int]] | None:
    """Each span's (start, end) in ``text``; None if one is missing or not unique."""
    out = []
    for span in spans:
        start = text.find(span)
        if start < 0 or text.find(span, start + 1) >= 0:
            return None
        out.append((start, start + len(span)))
    return out


def open_text(entry: dict[str, Any], data: Path) -> str | None:
    """The text of an open-treaties entry (an article or the preamble, one language)."""
    path = data / f"{entry['treaty']}.json"
    if not path.is_file():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    lang = entry["language"]
    if entry["article"] == "preamble":
        return str(doc[f"preamble_{lang}"])
    article = next((a for a in doc["articles"] if a["article"] == entry["article"]), None)
    return None if article is None else str(article[f"content_{lang}"])


def check_open(entries: Sequence[dict[str, Any]], data: Path) -> list[str]:
    """Every open-treaties label whose text is missing, changed or has lost a span."""
    return _check(entries, lambda e: open_text(e, data), lambda e: f"not found under {data}")


def _check(
    entries: Sequence[dict[str, Any]],
    text_of: Callable[[dict[str, Any]], str | None],
    missing: Callable[[dict[str, Any]], str],
) -> list[str]:
    """Every label whose text ``text_of`` cannot give, whose text changed since it was
    labelled (digest), or whose span is no longer once in its text."""
    problems: list[str] = []
    for e in entries:
        where = f"{e['treaty']}:{e['clause']}@{e['language']}"
        text = text_of(e)
        if text is None:
            problems.append(f"{where}: {missing(e)}")
            continue
        if digest(text) != e["digest"]:
            problems.append(f"{where}: text changed since labelling (digest {digest(text)})")
        for rule_id, spans in e["labels"].items():
            if locate(text, spans) is None:
                problems.append(f"{where}: a span of {rule_id} is not (once) in the text")
    return problems


def page_key(entry: dict[str, Any]) -> str:
    """The key of a web-page entry's text in the fresh3 texts file."""
    return f"{entry['treaty']}:{entry['clause']}@{entry['language']}"


def load_pages(path: Path) -> dict[str, str]:
    """Clause texts of the web-page unit by key; empty when the file is absent (reported)."""
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: str(value["text"]) for key, value in raw.items()}


def check_pages(entries: Sequence[dict[str, Any]], pages: dict[str, str], path: Path) -> list[str]:
    """Every web-page label whose text is missing, changed or has lost a span."""
    return _check(
        entries,
        lambda e: pages.get(page_key(e)),
        lambda e: f"text not found in {path} (read from {e['url']})",
    )


def load_page_units(
    part: str, texts: dict[str, Path]
) -> tuple[list[dict[str, Any]], dict[str, str], list[str]]:
    """The web-page units' entries, their clause texts, and the label problems of the part
    read (the page texts are only on the machine they were read on: other parts skip them)."""
    entries: list[dict[str, Any]] = []
    pages: dict[str, str] = {}
    problems: list[str] = []
    for unit, path in PAGE_LABELS.items():
        unit_entries = yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]
        unit_pages = load_pages(texts[unit])
        entries += unit_entries
        pages.update(unit_pages)
        if part not in (unit, "all"):
            continue
        if texts[unit].is_file():
            problems += check_pages(unit_entries, unit_pages, texts[unit])
        else:  # one line, not one per clause: the texts are kept off the repository
            problems.append(
                f"{unit}: no texts at {texts[unit]} (set TREATYCMP_{unit.upper()}_TEXTS or "
                f"--{unit}-texts): its {len(unit_entries)} clauses are skipped"
            )
    return entries, pages, problems


def check_labels(part: str, problems: Sequence[str], count: int) -> int:
    """Report the label check alone (``--check-labels``): no rule runs, so nothing of what
    the rules find on a held-apart unit is shown."""
    if problems:
        print(f"label check ({part}): {len(problems)} problem(s)")
        print("\n".join(f"- {p}" for p in problems))
        return 1
    print(f"label check ({part}): all {count} clause digests and spans match their texts")
    return 0


def check(entries: Sequence[dict[str, Any]], corpus: Corpus) -> list[str]:
    """Every label whose clause is gone, changed (digest) or whose spans no longer stand in it."""
    problems: list[str] = []
    labelled = {(e["treaty"], e["clause"]) for e in entries}
    treaty_ids = {e["treaty"] for e in entries}
    for e in entries:
        where = f"{e['treaty']}:{e['clause']}"
        try:
            treaty = corpus.get(e["treaty"])
        except Exception as err:  # the corpus reports an unknown id with its own error type
            problems.append(f"{where}: treaty not in the corpus ({err})")
            continue
        clause = next((c for c in treaty.clauses("paragraph") if c.id == e["clause"]), None)
        if clause is None:
            problems.append(f"{where}: clause not in the bundled text")
            continue
        if digest(clause.text) != e["digest"]:
            problems.append(f"{where}: text changed since labelling (digest {digest(clause.text)})")
        for rule_id, spans in e["labels"].items():
            if locate(clause.text, spans) is None:
                problems.append(f"{where}: a span of {rule_id} is not (once) in the text")
    for treaty_id in sorted(treaty_ids):
        try:
            treaty = corpus.get(treaty_id)
        except Exception:
            continue
        problems.extend(
            f"{treaty_id}:{c.id}: clause has no labels"
            for c in treaty.clauses("paragraph")
            if (treaty_id, c.id) not in labelled
        )
    return problems


def entry_text(
    e: dict[str, Any], corpus: Corpus, data: Path, pages: dict[str, str] | None = None
) -> str | None:
    """The labelled text of an entry, from the bundle, the open-treaties dataset or the pages."""
    if e.get("source") == "open-treaties":
        return open_text(e, data)
    if e.get("source") == "pages":
        return (pages or {}).get(page_key(e))
    treaty = corpus.get(e["treaty"])
    clause = next((c for c in treaty.clauses("paragraph") if c.id == e["clause"]), None)
    return None if clause is None else clause.text


def measure(
    entries: Sequence[dict[str, Any]],
    corpus: Corpus,
    rules: Any,
    data: Path = OPEN_DATA,
    pages: dict[str, str] | None = None,
) -> Result:
    """Tally every rule (and every label family without a rule) over ``entries``."""
    result = Result()
    rule_ids = [r.id for r in rules] + [f for f in NEW_FAMILIES if rules.get(f) is None]
    for e in entries:
        text = entry_text(e, corpus, data, pages)
        if text is None or digest(text) != e["digest"]:
            continue  # reported by check(); never measured on a text that was not labelled
        result.clauses += 1
        language = e["language"]
        findings = find_rules(text, language, rules)
        for rule_id in rule_ids:
            tally = Tally()
            if rule_id in e["unknown"]:
                tally.unknown = 1
            else:
                spans = locate(text, e["labels"].get(rule_id, ())) or []
                mine = [(f.start, f.end, f.text) for f in findings if f.rule_id == rule_id]
                tally.spans = len(spans)
                tally.found = sum(any(overlaps(s, m[:2]) for m in mine) for s in spans)
                tally.findings = len(mine)
                tally.right = sum(any(overlaps(m[:2], s) for s in spans) for m in mine)
                where = f"{e['treaty']}:{e['clause']}@{language}"
                for s in spans:
                    if not any(overlaps(s, m[:2]) for m in mine):
                        result.notes.append(f"miss: {where} {rule_id}: {text[s[0] : s[1]]!r}")
                for m in mine:
                    if not any(overlaps(m[:2], s) for s in spans):
                        result.notes.append(f"false alarm: {where} {rule_id}: {m[2]!r}")
            result.by_rule.setdefault(rule_id, Tally()).add(tally)
            result.by_language.setdefault((language, rule_id), Tally()).add(tally)
    return result


def categories(rules: Any) -> dict[str, str]:
    """Rule id -> category, the families without a rule included."""
    out = {r.id: r.category for r in rules}
    for family, category in NEW_FAMILIES.items():
        out.setdefault(family, category)
    return out


def tables(result: Result, rules: Any) -> list[str]:
    category_of = categories(rules)
    order = list(dict.fromkeys(category_of.values()))
    lines = ["| category | rule | " + HEAD[2:], "|---|---|" + RULE[1:]]
    for cat in order:
        for rule_id, cat_of in category_of.items():
            if cat_of == cat and rule_id in result.by_rule:
                name = rule_id if rules.get(rule_id) else f"{rule_id} (no rule)"
                lines.append(f"| {cat} | {name} | {result.by_rule[rule_id].cells()} |")
    lines += ["", "| category | " + HEAD[2:], "|---|" + RULE[1:]]
    total = Tally()
    for cat in order:
        tally = Tally()
        for rule_id, t in result.by_rule.items():
            if category_of[rule_id] == cat:
                tally.add(t)
        total.add(tally)
        lines.append(f"| {cat} | {tally.cells()} |")
    lines.append(f"| **all** | {total.cells()} |")
    languages = sorted({lang for lang, _ in result.by_language})
    lines += ["", "| language | category | " + HEAD[2:], "|---|---|" + RULE[1:]]
    for lang in languages:
        whole = Tally()
        for cat in order:
            tally = Tally()
            for (lg, rule_id), t in result.by_language.items():
                if lg == lang and category_of[rule_id] == cat:
                    tally.add(t)
            whole.add(tally)
            lines.append(f"| {lang} | {cat} | {tally.cells()} |")
        lines.append(f"| **{lang}** | all | {whole.cells()} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # No default: a bare run must not read the held-apart unit (one read per checkpoint).
    parser.add_argument("--part", choices=PARTS, required=True, help="which part to measure")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labelled clauses (YAML)")
    parser.add_argument(
        "--rules", action="append", default=[], metavar="FILE", help="extra rule file (repeatable)"
    )
    parser.add_argument("--list", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--open-treaties", type=Path, default=OPEN_DATA, help="the open-treaties data folder"
    )
    parser.add_argument(
        "--fresh3-texts", type=Path, default=FRESH3_TEXTS, help="the fresh3 clause texts (JSON)"
    )
    parser.add_argument(
        "--fresh4-texts", type=Path, default=FRESH4_TEXTS, help="the fresh4 clause texts (JSON)"
    )
    parser.add_argument(
        "--fresh5-texts", type=Path, default=FRESH5_TEXTS, help="the fresh5 clause texts (JSON)"
    )
    parser.add_argument(
        "--fresh6-texts", type=Path, default=FRESH6_TEXTS, help="the fresh6 clause texts (JSON)"
    )
    parser.add_argument(
        "--fresh7-texts", type=Path, default=FRESH7_TEXTS, help="the fresh7 clause texts (JSON)"
    )
    parser.add_argument(
        "--check-labels",
        action="store_true",
        help="check the part's spans and digests against its texts; run no rule",
    )
    args = parser.parse_args(argv)
    entries = yaml.safe_load(args.labels.read_text(encoding="utf-8"))["clauses"]
    if args.list and args.part in HELD_APART:
        parser.error("--list is refused on the fresh held-apart unit: read its figures only")
    open_entries = [
        entry
        for path in (OPEN_LABELS, FRESH_LABELS, FRESH2_LABELS)
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]
    ]
    page_entries, pages, page_problems = load_page_units(
        args.part,
        {
            "fresh3": args.fresh3_texts,
            "fresh4": args.fresh4_texts,
            "fresh5": args.fresh5_texts,
            "fresh6": args.fresh6_texts,
            "fresh7": args.fresh7_texts,
        },
    )
    if args.check_labels and args.part in PAGE_LABELS:
        chosen_pages = [e for e in page_entries if e["part"] == args.part]
        return check_labels(args.part, page_problems, len(chosen_pages))
    corpus = Corpus.load(env={})
    rules = load_rules(args.rules, env={})
    problems = check(entries, corpus) + check_open(open_entries, args.open_treaties)
    problems += page_problems
    entries = [*entries, *open_entries, *page_entries]
    if args.check_labels:
        return check_labels(args.part, problems, len(entries))
    chosen = [e for e in entries if args.part == "all" or e["part"] == args.part]
    result = measure(chosen, corpus, rules, args.open_treaties, pages)
    groups = sorted({e["treaty"].split("@")[0] for e in chosen})
    print(f"part: {args.part} ({result.clauses} clauses; {', '.join(groups)})")
    print()
    print(
        "spans: labelled spans; found: spans a finding of the rule overlaps; findings: the "
        "rule's findings; right: findings that overlap a labelled span; unknown: clauses "
        "where the rule's words may stand in a gap (left out of both counts)."
    )
    print()
    print("\n".join(tables(result, rules)))
    print()
    if problems:
        print(f"label check: {len(problems)} problem(s)")
        print("\n".join(f"- {p}" for p in problems))
    else:
        print(f"label check: all {len(entries)} clause digests and spans match the bundled texts")
    if args.list and result.notes:
        print()
        print("\n".join(f"- {n}" for n in result.notes))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
