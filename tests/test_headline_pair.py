"""The brief's headline question, 1961 Art. 1 against 2024 Art. 4: one decision, one score.

A pair the function tier finds and whose wording reaches the text threshold is a
``changed`` pair with its word diff and its function noted; a ``corresponds`` pair is
below the threshold on the aligner's own scale, and every view prints that one number
(docs/alignment.md, "Which score is which"). Found by a new-user trial (issue 19).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from _treaties import bundled
from click.testing import CliRunner

from treatycmp.analysis import CompareOptions, compare
from treatycmp.cli import cli

KO = ("ussr-dprk-1961@ko", "dprk-russia-2024@ko")
EN = ("ussr-dprk-1961", "dprk-russia-2024")
# The TF-IDF cosines of the two pairs, IDF from the clauses of both texts at that level.
KO_ARTICLE = 0.3464
EN_PARAGRAPH = 0.4156


def _json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(cli, ["diff", *args, "-f", "json"])
    assert result.exit_code == 1, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _pair(doc: dict[str, Any], left: str) -> dict[str, Any]:
    (pair,) = [p for p in doc["pairs"] if p["left"] == [left]]
    assert isinstance(pair, dict)
    return pair


def test_paragraph_level_pair_is_changed_with_its_word_diff_in_every_format(
    runner: CliRunner,
) -> None:
    doc = _json(runner, *EN)
    pair = _pair(doc, "1.2")
    assert (pair["kind"], pair["right"]) == ("changed", ["4"])
    assert pair["score"] == pair["function"]["text_score"] == EN_PARAGRAPH
    assert pair["function"]["score"] == 1.0
    assert "equal" in {op for op, _, _ in pair["ops"]}
    assert len(pair["ops"]) > 1
    assert doc["summary"]["counts"]["corresponds"] == 0
    assert doc["summary"]["counts"]["changed"] == 3
    assert doc["notes"] == []
    # the summary counts the pair's wording (0.1047 when it was corresponds)
    assert doc["summary"]["similarity"] > 0.15

    text = runner.invoke(cli, ["diff", *EN, "--color", "never"])
    assert "1.2 → 4 · changed · similarity 0.42, function 1.00 · both: defence" in text.stdout
    block = text.stdout.split("1.2 → 4 · changed", 1)[1].split("\n\n", 1)[0]
    assert "[-Should either of the Contracting Parties" in block
    assert "{+In case any one of the two sides" in block
    assert "note:" not in text.stderr

    md = runner.invoke(cli, ["diff", *EN, "-f", "markdown"])
    head = "### 1.2 → 4 · changed · similarity 0.42, function 1.00"
    assert head in md.stdout
    row = md.stdout.split(head, 1)[1].split("###", 1)[0]
    assert "~~Should either of the Contracting Parties" in row
    assert "*both: defence obligation" in row

    csv = runner.invoke(cli, ["diff", *EN, "-f", "csv"])
    (line,) = [x for x in csv.stdout.splitlines() if x.startswith("1.2,4,")]
    assert line.startswith(f"1.2,4,changed,{EN_PARAGRAPH},")
    words = line.split(",")[4:6]
    assert all(w.isdigit() and int(w) > 0 for w in words)

    html = runner.invoke(cli, ["diff", *EN, "-f", "html"])
    assert "1.2 → 4 · changed · similarity 0.42, function 1.00" in html.stdout


def test_article_level_pair_below_the_threshold_says_so_with_one_number(
    runner: CliRunner,
) -> None:
    doc = _json(runner, *KO, "--level", "article")
    pair = _pair(doc, "1")
    assert (pair["kind"], pair["right"], pair["ops"]) == ("corresponds", ["4"], [])
    assert pair["score"] == pair["function"]["score"] == 1.0
    assert pair["function"]["text_score"] == KO_ARTICLE < doc["options"]["threshold"]
    (note,) = doc["notes"]
    assert "share no wording" not in note
    assert note.startswith("no clause pair was aligned by its wording (text threshold 0.35)")
    assert "1 → 4 (defence obligation, text similarity 0.346)" in note

    text = runner.invoke(cli, ["diff", *KO, "--level", "article", "--color", "never"])
    label = "1 → 4 · corresponds · function 1.00, text similarity 0.346 (threshold 0.35)"
    assert label in text.stdout
    assert "share no wording" not in text.stderr
    md = runner.invoke(cli, ["diff", *KO, "--level", "article", "-f", "markdown"])
    assert f"### {label}" in md.stdout

    # the two clauses side by side: the same text similarity, not a two-document IDF's
    alone = _json(runner, f"{KO[0]}:1", f"{KO[1]}:4")
    (only,) = alone["pairs"]
    assert (only["kind"], only["score"]) == ("changed", KO_ARTICLE)
    side = runner.invoke(cli, ["diff", f"{KO[0]}:1", f"{KO[1]}:4", "--color", "never"])
    assert "1 → 4 · changed · similarity 0.346" in side.stdout
    en = _json(runner, f"{EN[0]}:1.2", f"{EN[1]}:4")
    assert en["pairs"][0]["score"] == EN_PARAGRAPH


@pytest.mark.parametrize(
    ("left", "right"),
    [
        EN,
        KO,
        ("us-japan-1960", "us-rok-1953"),
        ("anzus-1951", "seato-1954"),
        ("north-atlantic-1949", "seato-1954"),
        ("north-atlantic-1949", "dprk-russia-2024@meduza"),
    ],
)
@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_one_decision_holds_both_ways(left: str, right: str, level: str) -> None:
    """No ``corresponds`` pair reaches the threshold; every pair found by function that
    does is a text pair with a word diff, and swapping the texts mirrors it."""
    for a, b in ((left, right), (right, left)):
        c = compare(bundled(a), bundled(b), CompareOptions(level=level))  # type: ignore[arg-type]
        threshold = c.options.threshold
        for p in c.pairs:
            if p.function is None:
                continue
            if p.kind == "corresponds":
                assert p.function.text_score < threshold
                assert p.ops == ()
            else:
                assert p.kind == "changed"
                assert p.score == p.function.text_score >= threshold
                assert p.ops
        if c.hint is not None:
            assert "share no wording" not in c.hint
            assert not any(p.kind == "changed" and p.function for p in c.pairs)
