"""A learnt span tagger beside the rules, measured on treaties it never saw (issue 20, spike).

Every labelled part but the held-apart one is loaded through measure_rules' loaders; each
clause is cut into clause-level segments (at punctuation, in any script) and, per rule, a
linear model says which segments carry the rule's words. Features: character n-gram TF-IDF
of the segment (no tokenizer, no language resource), the rule engine's own hits on the
segment (the rules as the explainable layer) and the language. A tagged segment is a finding
and is scored exactly as measure_rules scores the rules: right when it overlaps a labelled
span of its rule; a labelled span found when a finding of its rule overlaps it; ``unknown``
rules of a clause left out of both counts.

Cross-validation never splits a treaty: leave one part out, and grouped k-fold by treaty;
the rules, the tagger and their union (a finding from either) are scored on the same folds
in the same run. ``--final`` then trains once on every part and reads the held-apart unit
(figures only: no clause of it is listed).

    python bench/span_tagger.py                 # CV only (~2-4 min CPU)
    python bench/span_tagger.py --final         # CV, then the one fresh7 reading

Needs scikit-learn in the venv (bench only, never a dependency: bench/README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure_rules as mr  # a sibling script, not a package

from treatycmp import Corpus, find_rules, load_rules

CV_PARTS = (
    "tune",
    "held-out",
    "tune-open",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
)
FINAL_PART = "fresh7"
# Segment boundaries: Latin, CJK and full-width punctuation, and line breaks.
BOUNDARY = re.compile(r"[,;:.!?()\[\]\n，；：。、！？（）「」『』]+")
MIN_POSITIVES = 3  # a rule with fewer positive training segments gets no model

Span = tuple[int, int]


@dataclass(frozen=True)
class Clause:
    """One labelled clause: its text, spans per rule, unknown rules and the rules' hits."""

    key: str
    part: str
    group: str
    language: str
    text: str
    spans: dict[str, tuple[Span, ...]]
    unknown: frozenset[str]
    hits: dict[str, tuple[Span, ...]]


def segments(text: str) -> list[Span]:
    """Clause-level segments: the stretches between punctuation, stripped, never empty."""
    out: list[Span] = []
    start = 0
    for m in [*BOUNDARY.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + lead, start + len(piece.rstrip())
        if e > s:
            out.append((s, e))
        if m:
            start = m.end()
    return out


def load_clauses(
    parts: Iterable[str], texts: dict[str, Path], corpus: Corpus, rules: Any
) -> list[Clause]:
    """Every labelled clause of ``parts`` whose text is there and matches its digest."""
    wanted = set(parts)
    entries = yaml.safe_load(mr.LABELS.read_text(encoding="utf-8"))["clauses"]
    entries += [
        e
        for path in (mr.OPEN_LABELS, mr.FRESH_LABELS, mr.FRESH2_LABELS)
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]
    ]
    page_entries, pages, _ = mr.load_page_units("none", texts)
    out: list[Clause] = []
    for e in [*entries, *page_entries]:
        if e["part"] not in wanted:
            continue
        text = mr.entry_text(e, corpus, mr.OPEN_DATA, pages)
        if text is None or mr.digest(text) != e["digest"]:
            continue
        hits: dict[str, list[Span]] = {}
        for f in find_rules(text, e["language"], rules):
            hits.setdefault(f.rule_id, []).append((f.start, f.end))
        out.append(
            Clause(
                key=f"{e['treaty']}:{e['clause']}@{e['language']}",
                part=e["part"],
                group=e["treaty"].split("@")[0],
                language=e["language"],
                text=text,
                spans={r: tuple(mr.locate(text, s) or ()) for r, s in e["labels"].items()},
                unknown=frozenset(e["unknown"]),
                hits={r: tuple(v) for r, v in hits.items()},
            )
        )
    return out


Findings = dict[str, dict[str, list[Span]]]  # clause key -> rule id -> finding spans


def score(clauses: Sequence[Clause], findings: Findings, rule_ids: Sequence[str]) -> mr.Result:
    """Tally findings as measure_rules.measure tallies the rules' findings."""
    result = mr.Result()
    for c in clauses:
        result.clauses += 1
        for rule_id in rule_ids:
            tally = mr.Tally()
            if rule_id in c.unknown:
                tally.unknown = 1
            else:
                spans = c.spans.get(rule_id, ())
                mine = findings.get(c.key, {}).get(rule_id, [])
                tally.spans = len(spans)
                tally.found = sum(any(mr.overlaps(s, m) for m in mine) for s in spans)
                tally.findings = len(mine)
                tally.right = sum(any(mr.overlaps(m, s) for s in spans) for m in mine)
            result.by_rule.setdefault(rule_id, mr.Tally()).add(tally)
            result.by_language.setdefault((c.language, rule_id), mr.Tally()).add(tally)
    return result


def rule_findings(clauses: Sequence[Clause]) -> Findings:
    return {c.key: {r: list(v) for r, v in c.hits.items()} for c in clauses}


def union(a: Findings, b: Findings) -> Findings:
    """Every finding of either (a span both give is counted once): a union never finds
    fewer labelled spans than either reader, and pays for both readers' false alarms."""
    out: Findings = {}
    for key in {*a, *b}:
        rules_a, rules_b = a.get(key, {}), b.get(key, {})
        out[key] = {
            rule_id: list(dict.fromkeys([*rules_a.get(rule_id, []), *rules_b.get(rule_id, [])]))
            for rule_id in {*rules_a, *rules_b}
        }
    return out


@dataclass(frozen=True)
class Config:
    """The tagger's settings; chosen inside the cross-validation only."""

    c: float = 4.0
    balanced: bool = True
    threshold: float = 0.5
    rule_hits: bool = True  # the rules' hits as features (False: the text alone)


def _rows(clauses: Sequence[Clause]) -> list[tuple[Clause, Span]]:
    return [(c, s) for c in clauses for s in segments(c.text)]


def _features(
    rows: Sequence[tuple[Clause, Span]], vectorizer: Any, rule_ids: Sequence[str], fit: bool
) -> Any:  # rule_ids empty: no rule-hit features
    """TF-IDF of character n-grams, the rules' hits on the segment, the language."""
    from scipy.sparse import csr_matrix, hstack

    texts = [c.text[s[0] : s[1]].lower() for c, s in rows]
    tfidf = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
    languages = ("en", "ru", "zh", "ja", "ko", "de", "fr")
    extra = [
        [float(any(mr.overlaps(s, h) for h in c.hits.get(r, ()))) for r in rule_ids]
        + [float(c.language == lang) for lang in languages]
        for c, s in rows
    ]
    return hstack([tfidf, csr_matrix(extra)]).tocsr()


def train_and_tag(
    train: Sequence[Clause], test: Sequence[Clause], rule_ids: Sequence[str], config: Config
) -> Findings:
    """Fit one model per rule on ``train`` and tag the segments of ``test``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    train_rows, test_rows = _rows(train), _rows(test)
    hit_ids = rule_ids if config.rule_hits else []
    x_train = _features(train_rows, vectorizer, hit_ids, fit=True)
    x_test = _features(test_rows, vectorizer, hit_ids, fit=False)
    out: Findings = {c.key: {} for c in test}
    for rule_id in rule_ids:
        keep = [i for i, (c, _) in enumerate(train_rows) if rule_id not in c.unknown]
        y = [
            int(any(mr.overlaps(seg, t) for t in clause.spans.get(rule_id, ())))
            for clause, seg in (train_rows[i] for i in keep)
        ]
        if sum(y) < MIN_POSITIVES:
            continue
        model = LogisticRegression(
            C=config.c,
            class_weight="balanced" if config.balanced else None,
            solver="liblinear",
        )
        model.fit(x_train[keep], y)
        scores = model.predict_proba(x_test)[:, 1]
        for (c, s), p in zip(test_rows, scores, strict=True):
            if p >= config.threshold and rule_id not in c.unknown:
                out[c.key].setdefault(rule_id, []).append(s)
    return out


def folds(clauses: Sequence[Clause], scheme: str, k: int = 5) -> list[list[Clause]]:
    """The test clauses of each fold: one part each, or k folds grouped by treaty."""
    if scheme == "part":
        return [[c for c in clauses if c.part == p] for p in CV_PARTS]
    groups = sorted({c.group for c in clauses})
    sizes = {g: sum(c.group == g for c in clauses) for g in groups}
    bins: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for g in sorted(groups, key=lambda g: (-sizes[g], g)):  # largest first, to the lightest
        i = load.index(min(load))
        bins[i].add(g)
        load[i] += sizes[g]
    return [[c for c in clauses if c.group in b] for b in bins]


def cross_validate(
    clauses: Sequence[Clause], scheme: str, rule_ids: Sequence[str], config: Config
) -> Findings:
    """Out-of-fold tagger findings for every clause: a treaty of the test fold is never
    trained on, whatever part its other clauses are in (rome-statute is in two parts)."""
    out: Findings = {}
    for test in folds(clauses, scheme):
        held = {c.group for c in test}
        train = [c for c in clauses if c.group not in held]
        if test:
            out.update(train_and_tag(train, test, rule_ids, config))
    return out


def _pr(t: mr.Tally) -> str:
    recall = f"{t.found / t.spans:.2f}" if t.spans else "-"
    precision = f"{t.right / t.findings:.2f}" if t.findings else "-"
    return f"{recall} / {precision}"


def compare(results: dict[str, mr.Result], category_of: dict[str, str]) -> list[str]:
    """Per category and per language: spans, then recall / precision of each reader."""
    names = list(results)
    head = "| {} | spans | " + " | ".join(names) + " |"
    rule = "|---|---:|" + "---|" * len(names)
    order = list(dict.fromkeys(category_of.values()))

    def row(label: str, pick: Any) -> str | None:
        tallies = []
        for res in results.values():
            t = mr.Tally()
            for key, value in res.by_language.items():
                if pick(key):
                    t.add(value)
            tallies.append(t)
        if not tallies[0].spans and not any(t.findings for t in tallies):
            return None
        return f"| {label} | {tallies[0].spans} | " + " | ".join(_pr(t) for t in tallies) + " |"

    lines = [head.format("category"), rule]
    for cat in order:
        line = row(cat, lambda k, cat=cat: category_of[k[1]] == cat)
        if line:
            lines.append(line)
    lines.append(row("**all**", lambda k: True) or "")
    languages = sorted({lang for lang, _ in next(iter(results.values())).by_language})
    lines += ["", head.format("language"), rule]
    for lang in languages:
        lines.append(row(lang, lambda k, lang=lang: k[0] == lang) or f"| {lang} | 0 |")
    return lines


def report(title: str, clauses: Sequence[Clause], tagged: Findings, rules: Any) -> None:
    category_of = mr.categories(rules)
    rule_ids = list(category_of)
    mine = rule_findings(clauses)
    results = {
        "rules": score(clauses, mine, rule_ids),
        "tagger": score(clauses, tagged, rule_ids),
        "rules or tagger": score(clauses, union(mine, tagged), rule_ids),
    }
    print(f"### {title} ({len(clauses)} clauses, {len({c.group for c in clauses})} treaties)")
    print()
    print("\n".join(compare(results, category_of)))
    print()
    parts = list(dict.fromkeys(c.part for c in clauses))
    if len(parts) > 1:  # per part, every category pooled (the rules' first readings by part)
        by_part = {
            name: {p: score([c for c in clauses if c.part == p], found, rule_ids) for p in parts}
            for name, found in (
                ("rules", mine),
                ("tagger", tagged),
                ("rules or tagger", union(mine, tagged)),
            )
        }
        print("| part | spans | " + " | ".join(by_part) + " |")
        print("|---|---:|" + "---|" * len(by_part))
        for p in parts:
            tallies = []
            for per_part in by_part.values():
                t = mr.Tally()
                for value in per_part[p].by_rule.values():
                    t.add(value)
                tallies.append(t)
            print(f"| {p} | {tallies[0].spans} | " + " | ".join(_pr(t) for t in tallies) + " |")
        print()


# Fixed before any run, not tuned: "rules+text" is the tagger the issue asks for (the rules'
# hits among its features); "text" reads the characters alone, so that its CV figures are not
# lifted by rules that were themselves fitted on these parts.
CONFIGS = {
    "rules+text": Config(),
    "text": Config(rule_hits=False),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", choices=CONFIGS, action="append", help="tagger settings")
    parser.add_argument("--schemes", nargs="+", default=["part", "treaty"], help="CV schemes")
    parser.add_argument("--final", action="store_true", help="then read fresh7 once")
    for unit in mr.PAGE_TEXTS:
        default = Path("/work/data") / unit / "texts.json"
        parser.add_argument(f"--{unit}-texts", type=Path, default=default)
    args = parser.parse_args(argv)
    texts = {unit: getattr(args, f"{unit}_texts") for unit in mr.PAGE_TEXTS}
    cv_texts = {**texts, FINAL_PART: Path("/nonexistent")}  # fresh7 is not read in the CV
    started = time.process_time()
    corpus = Corpus.load(env={})
    rules = load_rules([], env={})
    rule_ids = list(mr.categories(rules))
    clauses = load_clauses(CV_PARTS, cv_texts, corpus, rules)
    configs = args.config or list(CONFIGS)
    for name in configs:
        for scheme in args.schemes:
            tagged = cross_validate(clauses, scheme, rule_ids, CONFIGS[name])
            what = "leave one part out" if scheme == "part" else "5 folds grouped by treaty"
            report(f"CV, {what}, tagger {name}", clauses, tagged, rules)
    if args.final:
        final = load_clauses([FINAL_PART], texts, corpus, rules)
        for name in configs:
            tagged = train_and_tag(clauses, final, rule_ids, CONFIGS[name])
            report(f"{FINAL_PART}, trained on every CV part, tagger {name}", final, tagged, rules)
    print(f"CPU seconds: {time.process_time() - started:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
