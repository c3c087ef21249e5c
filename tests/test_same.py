"""A pair is ``same`` only when its texts are identical up to white space and Unicode
forms (issue 19): nothing at the start of a clause is dropped from the comparison, and a
case- or punctuation-only change is ``changed``, named in every format."""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from _treaties import make_treaty
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycmp.align.aligner import align_clauses
from treatycmp.analysis import CompareOptions, compare, compare_clauses, differs
from treatycmp.cli import cli
from treatycmp.diff import diff_words, mark_case
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.model import Level, Treaty
from treatycmp.rule_model import RuleSet
from treatycmp.text import same_text, surface, text_change, tokenize

VIII = "Article VIII of the GATT 1994 shall apply, mutatis mutandis, to trade between the Parties."
XX = "Article XX of the GATT 1994 shall apply, mutatis mutandis, to trade between the Parties."
FORMATS = ("table", "markdown", "html", "json")
LEVELS: tuple[Level, ...] = ("article", "paragraph")
WORDS_FOR_CASE = ["Parties", "party", "shall", "Article", "VIII", "GATT", "of", "the", "1994"]


def _corpus(tmp: Path, left: str, right: str) -> Path:
    for tid, text in (("left-text", left), ("right-text", right)):
        (tmp / f"{tid}.yaml").write_text(treaty_to_yaml(make_treaty(tid, [[text]])), "utf-8")
    return tmp


def _diff(tmp: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["diff", "left-text", "right-text", "--corpus", str(tmp), *args],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout


def test_surface_keeps_everything_but_white_space_and_unicode_forms() -> None:
    assert surface(" a\u00a0b\u200b \n c ") == "a b c"
    assert surface("\uff21rticle 5") == "Article 5"  # fullwidth forms
    assert surface("e\u0301") == surface("\u00e9")  # NFC
    for a, b in (
        (VIII, XX),
        ("1. The Parties", "2. The Parties"),
        ("(a) goods", "(b) goods"),
        ("the parties", "the Parties"),
        ("the Parties,", "the Parties"),
        ("\u201cParty\u201d", '"Party"'),
    ):
        assert not same_text(a, b), (a, b)


def test_text_change_names_case_and_punctuation() -> None:
    assert text_change("the parties", "the Parties") == "case"
    assert text_change("the Parties, shall", "the Parties shall") == "punctuation"
    assert text_change("[T]he Parties", "The Parties") == "punctuation"
    assert text_change("the parties, shall", "the Parties shall") == "case+punctuation"
    assert text_change(VIII, XX) is None
    assert same_text("the parties", "the Parties", ignore_case=True)
    assert not same_text("the parties,", "the Parties", ignore_case=True)
    assert same_text("the parties,", "the Parties", ignore_case=True, ignore_punctuation=True)
    assert not same_text(VIII, XX, ignore_case=True, ignore_punctuation=True)


@pytest.mark.parametrize("level", LEVELS)
def test_viii_xx_is_changed_at_library_level(level: Level) -> None:
    left, right = make_treaty("l", [[VIII]]), make_treaty("r", [[XX]])
    c = compare(left, right, CompareOptions(level=level), rules=RuleSet(()))
    (pair,) = c.pairs
    assert pair.kind == "changed"
    assert pair.score < 1.0
    assert differs(c, fail_on=frozenset({"changed"}))
    clause = compare_clauses(left, left.clauses("article")[0], right, right.clauses("article")[0])
    assert clause.pairs[0].kind == "changed"
    assert clause.pairs[0].score < 1.0


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_viii_xx_fails_on_changed_in_every_format(tmp_path: Path, level: Level, fmt: str) -> None:
    corpus = _corpus(tmp_path, VIII, XX)
    status, out = _diff(corpus, "--level", level, "-f", fmt, "--fail-on", "changed")
    assert status == 1
    if fmt == "json":
        (pair,) = json.loads(out)["pairs"]
        assert (pair["kind"], pair["change"]) == ("changed", None)
        assert pair["score"] < 1
    else:
        assert "1 → 1 · changed · similarity 0.9" in out
        assert "· same ·" not in out
    status, _ = _diff(corpus, "--level", level, "-q", "-i", "--ignore-punctuation")
    assert status == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_viii_xx_golden(tmp_path: Path, golden: Callable[[str, str], None], fmt: str) -> None:
    corpus = _corpus(tmp_path, VIII, XX)
    _, out = (
        _diff(corpus, "-f", fmt, "--width", "100") if fmt == "table" else _diff(corpus, "-f", fmt)
    )
    ext = {"table": "txt", "markdown": "md", "html": "html", "json": "json"}[fmt]
    golden(f"same/viii-xx.{ext}", out.replace(str(tmp_path), "TMP"))


@pytest.mark.parametrize(
    ("right", "change", "option"),
    [
        ("the Parties shall consult each Other.", "case", "-i"),
        ("the Parties shall consult each other", "punctuation", "--ignore-punctuation"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_case_and_punctuation_changes_are_named_and_can_be_folded(
    tmp_path: Path, right: str, change: str, option: str, fmt: str
) -> None:
    corpus = _corpus(tmp_path, "the Parties shall consult each other.", right)
    status, out = _diff(corpus, "-f", fmt, "--fail-on", "changed")
    assert status == 1
    if fmt == "json":
        (pair,) = json.loads(out)["pairs"]
        assert (pair["kind"], pair["change"]) == ("changed", change)
    else:
        assert f"changed ({change})" in out
    status, out = _diff(corpus, "-f", fmt, option)
    assert status == 0
    if fmt == "json":
        data = json.loads(out)
        assert (data["pairs"][0]["kind"], data["pairs"][0]["change"]) == ("same", change)
        assert data["options"]["ignore_case" if option == "-i" else "ignore_punctuation"]
    elif fmt != "markdown":  # markdown leaves same pairs out
        assert f"same (ignoring {change})" in out


@pytest.mark.parametrize(
    ("right", "change", "option"),
    [
        ("the Parties shall consult each Other.", "case", "-i"),
        ("the Parties shall consult each other", "punctuation", "--ignore-punctuation"),
    ],
)
def test_case_and_punctuation_changes_are_named_in_csv_tsv_and_stat(
    tmp_path: Path, right: str, change: str, option: str
) -> None:
    corpus = _corpus(tmp_path, "the Parties shall consult each other.", right)
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        for extra, kind in (((), "changed"), ((option,), "same")):
            status, out = _diff(corpus, "-f", fmt, "--fail-on", "changed", *extra)
            header, row = (line.split(sep) for line in out.splitlines())
            cells = dict(zip(header, row, strict=True))
            assert (cells["kind"], cells["change"], status) == (kind, change, int(not extra))
    status, out = _diff(corpus, "--stat")
    assert f"| changed ({change}) |" in out
    status, out = _diff(corpus, "--stat", option)
    assert f"| same (ignoring {change}) |" in out


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_the_recased_word_is_marked_unless_case_is_folded(tmp_path: Path, fmt: str) -> None:
    """``changed (case)`` names the change; the word diff shows which words (issue 19)."""
    corpus = _corpus(tmp_path, "The parties shall consult.", "The Parties shall consult.")
    _, out = _diff(corpus, "-f", fmt, "--color", "never")
    if fmt == "json":
        (pair,) = json.loads(out)["pairs"]
        assert pair["ops"] == [
            ["equal", "The ", "The "],
            ["replace", "parties", "Parties"],
            ["equal", " shall consult.", " shall consult."],
        ]
    else:
        assert "[-parties-]" in out
        assert "{+Parties+}" in out
    _, out = _diff(corpus, "-f", fmt, "--color", "never", "-i")
    if fmt == "json":
        assert [op for op, *_ in json.loads(out)["pairs"][0]["ops"]] == ["equal"]
    else:
        assert "[-parties-]" not in out
        assert "{+Parties+}" not in out


@given(st.lists(st.sampled_from(WORDS_FOR_CASE), min_size=1, max_size=12), st.data())
@settings(max_examples=150, deadline=None)
def test_mark_case_keeps_both_texts_and_marks_only_recased_words(
    tokens: list[str], data: st.DataObject
) -> None:
    left = " ".join(tokens)
    flips = data.draw(st.lists(st.booleans(), min_size=len(tokens), max_size=len(tokens)))
    right = " ".join(t.swapcase() if f else t for t, f in zip(tokens, flips, strict=True))
    ops = mark_case(diff_words(left, right))
    assert "".join(o.left for o in ops) == left
    assert "".join(o.right for o in ops) == right
    assert all(o.left == o.right for o in ops if o.op == "equal")
    assert all(o.left.casefold() == o.right.casefold() for o in ops)
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))


# ---- the edit property -----------------------------------------------------------------

WORDS = ["Article", "VIII", "XX", "IV", "5", "5(2)", "1994", "(a)", "1.", "GATT", "Parties"]
WORDS += ["shall", "apply", "the", "of", "trade", "mutatis", "mutandis", "between", "Annex"]
clause_tokens = st.lists(st.sampled_from(WORDS), min_size=6, max_size=14)
punct = st.sampled_from(["", ",", ".", ";"])


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A clause and the same clause with one token replaced, deleted or inserted."""
    tokens = draw(clause_tokens)
    text = " ".join(tokens) + draw(punct)
    parts = tokenize(text)
    words = [k for k, t in enumerate(parts) if not t.isspace()]
    k = draw(st.sampled_from(words))
    how = draw(st.sampled_from(["replace", "delete", "insert", "case"]))
    new = list(parts)
    if how == "replace":
        new[k] = draw(st.sampled_from([w for w in WORDS if w != parts[k]]))
    elif how == "delete":
        new[k] = ""
    elif how == "insert":
        new[k] = draw(st.sampled_from(WORDS)) + " " + parts[k]
    else:
        swapped = parts[k].swapcase()
        new[k] = swapped if swapped != parts[k] else parts[k] + "s"
    return text, "".join(new)


def _one(text: str, tid: str) -> Treaty:
    return make_treaty(tid, [[text]])


@given(edited(), st.sampled_from(LEVELS))
@settings(max_examples=80, deadline=None)
def test_a_one_token_edit_is_never_same(pair: tuple[str, str], level: Level) -> None:
    left, right = pair
    opts = CompareOptions(level=level)
    c = compare(_one(left, "l"), _one(right, "r"), opts, rules=RuleSet(()))
    assert all(p.kind != "same" for p in c.pairs)
    assert [p.kind for p in c.pairs] == ["changed"]
    assert differs(c, fail_on=frozenset({"changed"}))
    aligned = align_clauses(_one(left, "l").clauses(level), _one(right, "r").clauses(level))
    assert all(p.kind != "same" for p in aligned)


@given(edited())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_diff_fail_on_changed_exits_1_after_any_one_token_edit(pair: tuple[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(tmp), *pair)
        status, _ = _diff(corpus, "-q", "--fail-on", "changed")
        assert status == 1


@given(clause_tokens, st.sampled_from(LEVELS))
@settings(max_examples=30, deadline=None)
def test_a_clause_against_itself_is_same(tokens: list[str], level: Level) -> None:
    text = " ".join(tokens)
    c = compare(
        _one(text, "l"),
        _one("  " + text.replace(" ", "\u00a0 "), "r"),
        CompareOptions(level=level),
        rules=RuleSet(()),
    )
    assert [p.kind for p in c.pairs] == ["same"]
