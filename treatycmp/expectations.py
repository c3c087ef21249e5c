"""Checking the expectations a research repository states about its treaties.

The file and its sentences (``CLAUSE has RULE``, ``A aligns with B as KIND``,
``similarity(A, B) >= X``, ``no RULE removed between A and B``) are described in
``formats.expectations_file``, which reads the file (every problem in it is reported
with its line before anything is checked); here every reference
(treaty, clause, rule, category) is resolved up front, so a typo is a located
error (exit 2), not a failed check (exit 1), and then each sentence is checked.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from treatycmp.analysis import CompareOptions, Comparison, compare
from treatycmp.corpus import Corpus
from treatycmp.errors import OutputError, Problem, TreatycmpError, TreatyFileError
from treatycmp.formats.budget import MAX_CLAUSES
from treatycmp.formats.expectations_file import Expectation, Expectations
from treatycmp.formats.expectations_file import load_expectations as load_expectations
from treatycmp.formats.folders import is_document
from treatycmp.formats.writing import exists_error
from treatycmp.kinds import CATEGORIES
from treatycmp.kinds import PAIRED_KINDS as KINDS
from treatycmp.rule_model import RuleSet
from treatycmp.rules.load import load_rules
from treatycmp.rules.match import find_rules

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


@dataclass(frozen=True)
class Outcome:
    """The result of checking one expectation: pass or fail, and why."""

    expectation: Expectation
    passed: bool
    detail: str


class Checker:
    """Resolves and checks expectations against one corpus, caching comparisons."""

    def __init__(
        self, spec: Expectations, corpus: Corpus, rules: RuleSet, max_clauses: int = MAX_CLAUSES
    ) -> None:
        self.spec = spec
        self.corpus = corpus
        self.rules = rules
        self._comparisons: dict[tuple[str, str], Comparison] = {}
        self.options = CompareOptions(level=spec.level, max_clauses=max_clauses)
        if spec.threshold is not None:
            self.options = replace(self.options, threshold=spec.threshold)

    def resolve(self) -> None:
        """Resolve every reference up front: a typo is a located error, not a failure."""
        problems: list[Problem] = []
        rule_ids = {r.id for r in self.rules}
        for e in self.spec.items:
            try:
                self._resolve_one(e, rule_ids)
            except TreatycmpError as exc:
                for p in exc.problems:
                    if p.line is not None and p.path:  # in a treaty file named: its own line
                        at = f"named at {self.spec.path}:{e.line}"
                        problems.append(Problem(p.path, p.line, f"{p.message} ({at})", p.hint))
                        continue
                    named = f"'{p.path}'" in p.message
                    message = p.message if named else f"{p.message} ('{p.path}')"
                    problems.append(Problem(self.spec.path, e.line, message, p.hint))
        if problems:
            raise TreatyFileError(problems)

    def _resolve_one(self, e: Expectation, rule_ids: set[str]) -> None:
        def need_rule(rule: str, categories: bool = False) -> None:
            if rule in rule_ids or (categories and rule in CATEGORIES):
                return
            allowed = "rule" + (" or category" if categories else "")
            raise TreatyFileError(
                Problem(
                    rule,
                    None,
                    f"unknown {allowed} '{rule}'",
                    "see 'treatycmp buffers' or docs/rules.md for ids",
                )
            )

        for name in _treaty_names(e):
            _refuse_document(name)
        if e.verb in ("has", "lacks"):
            self.corpus.clause(e.args[0], self.spec.level)
            need_rule(e.args[1])
        elif e.verb == "aligns":
            self.corpus.clause(e.args[0], self.spec.level)
            self.corpus.clause(e.args[1], self.spec.level)
            if e.args[2] and e.args[2] not in KINDS:
                raise TreatyFileError(
                    Problem(e.args[2], None, "is not a pair kind", "use one of " + ", ".join(KINDS))
                )
        elif e.verb == "similarity":
            self.corpus.get(e.args[0])
            self.corpus.get(e.args[1])
        else:
            need_rule(e.args[0], categories=True)
            self.corpus.get(e.args[1])
            self.corpus.get(e.args[2])

    def comparison(self, a: str, b: str) -> Comparison:
        left, right = self.corpus.get(a), self.corpus.get(b)
        key = (left.id, right.id)
        if key not in self._comparisons:
            self._comparisons[key] = compare(left, right, self.options, self.rules)
        return self._comparisons[key]

    def check(self, e: Expectation) -> Outcome:
        if e.verb in ("has", "lacks"):
            return self._has(e)
        if e.verb == "aligns":
            return self._aligns(e)
        if e.verb == "similarity":
            c = self.comparison(e.args[0], e.args[1])
            value = c.summary.similarity
            ok = _OPS[e.args[2]](round(value, 4), float(e.args[3]))
            return Outcome(e, ok, f"similarity is {value:.4f}")
        return self._no_change(e)

    def _has(self, e: Expectation) -> Outcome:
        treaty, clause = self.corpus.clause(e.args[0], self.spec.level)
        rule = e.args[1]
        if rule in self.rules.languages_missing(treaty.language):
            return Outcome(
                e,
                False,
                f"rule {rule} has no patterns for language '{treaty.language}': cannot tell",
            )
        found = [
            f for f in find_rules(clause.text, treaty.language, self.rules) if f.rule_id == rule
        ]
        if e.verb == "has":
            if found:
                return Outcome(e, True, "found: " + "; ".join(f"“{f.text}”" for f in found))
            note = (
                " (the clause is partial: the missing words may hold it)" if clause.partial else ""
            )
            return Outcome(e, False, "not found" + note)
        if found:
            return Outcome(e, False, "found: " + "; ".join(f"“{f.text}”" for f in found))
        if clause.partial:
            return Outcome(
                e, False, "not in the words present, but the clause is partial: cannot confirm"
            )
        return Outcome(e, True, "not found")

    def _aligns(self, e: Expectation) -> Outcome:
        lt, lc = self.corpus.clause(e.args[0], self.spec.level)
        rt, rc = self.corpus.clause(e.args[1], self.spec.level)
        c = self.comparison(lt.id, rt.id)
        for p in c.pairs:
            if lc.id in [x.id for x in p.left]:
                ids = "+".join(x.id for x in p.right) or "nothing"
                if rc.id not in [x.id for x in p.right]:
                    return Outcome(e, False, f"{lc.id} is {p.kind}, paired with {ids}")
                if e.args[2] and p.kind != e.args[2]:
                    return Outcome(e, False, f"paired, but as {p.kind} (score {p.score:.3f})")
                return Outcome(e, True, f"{p.kind}, score {p.score:.3f}")
        return Outcome(e, False, f"{lc.id} is not in the comparison")

    def _no_change(self, e: Expectation) -> Outcome:
        what, a, b = e.args
        c = self.comparison(a, b)
        category = {r.id: r.category for r in self.rules}
        blind = self._blind(what, (self.corpus.get(a).language, self.corpus.get(b).language))
        hits: list[str] = []
        unknown: list[str] = []
        for p in c.pairs:
            ids = p.findings.removed if e.verb == "no-removed" else p.findings.added
            where = "+".join(x.id for x in (p.left if e.verb == "no-removed" else p.right))
            for rule_id in ids:
                if what in (rule_id, category.get(rule_id)):
                    hits.append(f"{rule_id} at {where}")
            unknown.extend(u for u in p.findings.unknown if what in (u, category.get(u)))
        if hits:
            return Outcome(e, False, e.verb.removeprefix("no-") + ": " + ", ".join(hits))
        if blind:
            return Outcome(e, False, blind)
        note = f" ({len(unknown)} unknown: a text is partial)" if unknown else ""
        return Outcome(e, True, "none" + note)

    def _blind(self, what: str, languages: tuple[str, ...]) -> str:
        """Why ``no WHAT removed/added`` cannot be told, or "" when every rule can look.

        A category is only as good as its weakest rule: if any of its rules has
        no patterns for either text's language, the check cannot say that none
        was removed, so it fails naming those rules (as ``has``/``lacks`` do).
        """
        wanted = {r.id for r in self.rules if what in (r.id, r.category)}
        reasons: list[str] = []
        for language in dict.fromkeys(languages):
            missing = [r for r in self.rules.languages_missing(language) if r in wanted]
            if not missing:
                continue
            if missing == [what]:
                reasons.append(f"rule {what} has no patterns for language '{language}'")
            else:
                reasons.append(
                    f"{what} rule(s) {', '.join(missing)} have no patterns for "
                    f"language '{language}'"
                )
        return "; ".join(reasons) + ": cannot tell" if reasons else ""


def _treaty_names(e: Expectation) -> tuple[str, ...]:
    """The treaty names an expectation holds (a clause's treaty, without its clause id)."""
    if e.verb in ("has", "lacks"):
        return (e.args[0].rpartition(":")[0],)
    if e.verb == "aligns":
        return tuple(ref.rpartition(":")[0] for ref in e.args[:2])
    return tuple(e.args[:2]) if e.verb == "similarity" else tuple(e.args[1:3])


def _refuse_document(name: str) -> None:
    """A document file (text, Markdown, PDF, ...) named as a treaty is refused as what it
    is: read as treaty YAML, its text was the error, blamed on the expectations line. A
    name without a document's suffix is an id, whatever file of that name is beside."""
    if not is_document(name):
        return
    from treatycmp.formats.documents import id_from_name  # on this error only

    new_id = id_from_name(Path(name))
    raise TreatyFileError(
        Problem(
            name,
            None,
            f"'{name}' is a document, not a treaty YAML file: check reads treaty YAML",
            f"import it first ('treatycmp import {name} --id {new_id} -o {new_id}.yaml') and "
            "name that file (or its id, with its folder under 'corpus:')",
        )
    )


def run_checks(
    spec: Expectations,
    corpus: Corpus,
    rules: RuleSet | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_clauses: int = MAX_CLAUSES,
) -> tuple[Outcome, ...]:
    """Resolve every reference, then check every expectation in file order
    (``progress(done, total)`` after each; ``max_clauses``: each comparison's budget,
    ``check --max-clauses``)."""
    ruleset = rules if rules is not None else load_rules(spec.rules)
    checker = Checker(spec, corpus, ruleset, max_clauses)
    checker.resolve()
    outcomes: list[Outcome] = []
    for e in spec.items:
        outcomes.append(checker.check(e))
        if progress is not None:
            progress(len(outcomes), len(spec.items))
    return tuple(outcomes)


def check_junit_path(path: Path, *, force: bool = False) -> None:
    """Refuse a JUnit output path that cannot be written, before any check runs; an
    existing file is the user's, replaced only with ``force``, as ``-o`` is.

    Raises:
        OutputError: ``path`` is a folder, exists (without ``force``), or its folder does
            not exist.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(
            Problem(str(path), None, "is a folder", "give --junit a file name such as junit.xml")
        )
    if not force and path.exists():
        raise exists_error(str(path))
    if not folder.is_dir():
        raise OutputError(
            Problem(
                str(path),
                None,
                f"its folder '{folder}' does not exist",
                "create the folder first, or give --junit another path",
            )
        )


def junit_xml(path: str, outcomes: Sequence[Outcome]) -> str:
    """JUnit XML for CI systems: one testcase per expectation."""
    from xml.etree import ElementTree as ET

    failures = sum(not o.passed for o in outcomes)
    suite = ET.Element(
        "testsuite",
        name="treatycmp check",
        tests=str(len(outcomes)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for o in outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=Path(path).name,
            name=o.expectation.name or o.expectation.text,
            file=path,
            line=str(o.expectation.line),
        )
        if o.passed:
            ET.SubElement(case, "system-out").text = o.detail
        else:
            failure = ET.SubElement(case, "failure", message=o.detail, type="ExpectationFailed")
            failure.text = f"{path}:{o.expectation.line}: {o.expectation.text}: {o.detail}"
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
