"""``lineup``: one clause across many treaties, on the real corpus, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.analysis import bundled_rules
from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.lineup import BUFFERS, Lineup, line_up, lineup_record, row_cells
from treatycmp.render.lineup import lineup_html, lineup_markdown, lineup_rows
from treatycmp.render.tables import csv_text

SEEDS = ["ussr-dprk-1961", "north-atlantic-1949", "us-rok-1953", "us-japan-1960"]
ARGS = ["lineup", "dprk-russia-2024:4", *SEEDS]


def lined(corpus: Corpus, ref: str, treaties: list[str], level: str = "article") -> Lineup:
    treaty, clause = corpus.clause(ref, level)  # type: ignore[arg-type]
    return line_up(
        treaty,
        clause,
        [corpus.get(t) for t in treaties],
        bundled_rules(),
        level=level,  # type: ignore[arg-type]
    )


def test_the_seeds_analysis(corpus: Corpus) -> None:
    rows = {r.treaty.id: r for r in lined(corpus, "dprk-russia-2024@meduza:4", SEEDS).rows}
    ref = rows["dprk-russia-2024@meduza"]
    assert ref.how == "reference"
    assert ref.buffer("un-charter-51").state == "present"
    assert ref.buffer("domestic-law").words == (
        "in compliance with the legislation of the Democratic People's Republic of Korea "
        "and the Russian Federation",
    )
    assert ref.buffer("discretion").state == "absent"
    # 1961 Art. 1 holds the same sentence (its second paragraph): found by its words
    assert rows["ussr-dprk-1961"].how == "text"
    assert [c.id for c in rows["ussr-dprk-1961"].clauses] == ["1"]
    assert all(c.state == "absent" for _, c in rows["ussr-dprk-1961"].buffers)
    nato = rows["north-atlantic-1949"]
    assert (nato.how, [c.id for c in nato.clauses]) == ("function", ["5"])
    assert nato.reason.startswith("both: defence obligation; trigger armed attack")
    assert nato.buffer("discretion").words == ("such action as it deems necessary",)
    assert nato.buffer("security-council").state == "present"
    rok = rows["us-rok-1953"]
    assert [c.id for c in rok.clauses] == ["III"]
    assert rok.buffer("domestic-law").words == ("in accordance with its constitutional processes",)
    assert rok.response == "action"
    japan = rows["us-japan-1960"]
    assert [c.id for c in japan.clauses] == ["V"]
    assert {b for b, c in japan.buffers if c.state == "present"} == {
        "un-charter-51",
        "security-council",
        "domestic-law",
        "geographic-scope",
    }


def test_a_text_that_breaks_off_has_gaps_never_a_no(corpus: Corpus) -> None:
    (ref, *_) = lined(corpus, "dprk-russia-2024:4", ["north-atlantic-1949"]).rows
    assert ref.partial
    assert {c.state for _, c in ref.buffers} == {"unknown"}
    cells = row_cells(ref)
    assert {cells[b] for b in BUFFERS} == {"gap"}
    assert "no" not in {cells[b] for b in BUFFERS}


def test_korean_reference_lines_up_across_languages(corpus: Corpus) -> None:
    lineup = lined(corpus, "dprk-russia-2024@ko:4", ["ussr-dprk-1961@ko", "north-atlantic-1949"])
    ref, old, nato = lineup.rows
    assert ref.buffer("un-charter-51").words == ("유엔헌장 제51조",)
    assert old.how == "text"
    assert nato.how == "function"
    assert [c.id for c in nato.clauses] == ["5"]


def test_consultation_lines_up_with_consultation(corpus: Corpus) -> None:
    lineup = lined(corpus, "north-atlantic-1949:4", ["dprk-russia-2024", "us-rok-1953"])
    _, kcna, rok = lineup.rows
    assert [c.id for c in kcna.clauses] == ["3"]
    assert [c.id for c in rok.clauses] == ["II"]
    assert kcna.obligations == rok.obligations == ("consultation",)


def test_nothing_corresponds(corpus: Corpus) -> None:
    lineup = lined(corpus, "north-atlantic-1949:14", ["us-rok-1953"])
    row = lineup.rows[1]
    assert row.how == "none"
    assert row.clauses == ()
    # US-ROK has gaps: what is missing may be there
    assert row_cells(row)["clause"] == "gap"


def test_no_counterpart_in_a_text_with_gaps_is_not_said_flatly(corpus: Corpus) -> None:
    """The 2000 treaty has no text at all: "no corresponding clause in the text"
    read as a finding; what was not read may hold one.
    """
    row = lined(corpus, "north-atlantic-1949:5", ["russia-dprk-2000"]).rows[1]
    assert row.how == "none"
    assert row.reason == "no corresponding clause in the text read; a gap may hold one"


def test_csv_is_one_row_per_treaty(corpus: Corpus) -> None:
    lineup = lined(corpus, "dprk-russia-2024:4", SEEDS)
    rows = list(csv.DictReader(io.StringIO(csv_text(lineup_rows(lineup)))))
    assert [r["treaty"] for r in rows] == ["dprk-russia-2024", *SEEDS]
    assert rows[3]["domestic-law"] == "“in accordance with its constitutional processes”"
    assert rows[1]["discretion"] == ""
    assert rows[0]["discretion"] == "gap"


def test_csv_clause_ids_stay_joinable_with_partial_its_own_column(corpus: Corpus) -> None:
    # A new-user trial found "4 (partial)" in the clause column: not a clause id.
    lineup = lined(corpus, "dprk-russia-2024:4", SEEDS)
    rows = list(csv.DictReader(io.StringIO(csv_text(lineup_rows(lineup)))))
    assert list(rows[0])[:3] == ["treaty", "clause", "partial"]
    assert (rows[0]["clause"], rows[0]["partial"]) == ("4", "true")
    record = lineup_record(lineup)["rows"]
    for row, data in zip(rows, record, strict=True):
        assert row["partial"] == ("true" if data["partial"] else "false")
        if data["clauses"]:
            assert row["clause"].split(", ") == data["clauses"]


def test_treaty_words_are_data_in_every_format(corpus: Corpus) -> None:
    lineup = lined(corpus, "dprk-russia-2024:4", ["us-rok-1953"])
    hostile = '=HYPERLINK("x") <b>|*x*'
    ref = lineup.rows[0]
    patched = type(ref)(
        ref.treaty,
        ref.clauses,
        ref.how,
        ref.score,
        ref.reason,
        ref.obligations,
        ref.triggers,
        ref.response,
        (hostile,),
        ref.strength,
        ref.buffers,
    )
    bad = Lineup(lineup.reference, lineup.clause, lineup.level, (patched,), lineup.buffer_labels)
    assert "<b>" not in lineup_html(bad)
    assert "\\<b\\>" in lineup_markdown(bad)
    assert "\\|" in lineup_markdown(bad)
    (row,) = list(csv.DictReader(io.StringIO(csv_text(lineup_rows(bad)))))
    assert row["response_words"].startswith("“=HYPERLINK")  # kept whole: data


def test_json_record(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*ARGS, "-f", "json"])
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert [b["id"] for b in doc["buffers"]] == list(BUFFERS)
    assert [r["treaty"] for r in doc["rows"]] == ["dprk-russia-2024", *SEEDS]
    cell = doc["rows"][0]["buffers"]["un-charter-51"]
    assert cell["state"] == "unknown"
    assert cell["words"] == []
    # the other renderings of the 2024 treaty that carry Article 51 (never merged)
    assert {"treaty": "dprk-russia-2024@ko", "clauses": ["4"], "words": ["유엔헌장 제51조"]} in (
        cell["elsewhere"]
    )
    assert doc["rows"][3]["match"] == "function"


def test_bad_reference_is_a_one_line_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lineup", "dprk-russia-2024", "nato"])
    assert result.exit_code == 2
    assert "TREATY:CLAUSE" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_clause_cut_off_before_its_promise_may_correspond(corpus: Corpus) -> None:
    # The Russian 2024 Art. 4 stops after its trigger ("... и окажется таким"):
    # what the clause does is in the gap, so it is offered, said as such, all gaps.
    lineup = lined(corpus, "dprk-russia-2024@meduza:4", ["dprk-russia-2024@ru", "un-charter-51"])
    _, ru, charter = lineup.rows
    assert ru.how == "partial"
    assert [c.id for c in ru.clauses] == ["4"]
    cells = row_cells(ru)
    assert cells["match"] == "partial"
    assert cells["reason"].startswith("may correspond: trigger armed attack")
    assert cells["obligation"] == cells["response"] == cells["un-charter-51"] == "gap"
    assert charter.how == "none"


HOSTILE = (
    "=cmd|' /C calc'!A0 [bold]If[/] a Party suffers an armed attack \x1b[31mred\x1b[0m "
    "<script>alert(1)</script> | *x* the other shall assist it in accordance with its "
    "constitutional processes."
)


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    import yaml

    doc = {
        "id": "hostile-2000",
        "title": "Hostile <b>title</b>",
        "short_title": "Hostile [red]x[/red]",
        "parties": ["A", "B"],
        "language": "en",
        "source": {"text": "made up"},
        "completeness": "complete",
        "articles": [{"number": "1", "paragraphs": [HOSTILE]}],
    }
    (tmp_path / "hostile.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json", "csv"])
def test_hostile_treaty_text_is_data(runner: CliRunner, hostile_corpus: Path, fmt: str) -> None:
    result = runner.invoke(
        cli,
        [
            *("lineup", "hostile-2000:1", "nato", "--corpus", str(hostile_corpus), "-f", fmt),
            *("--color", "always", "--width", "200"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[31mred" not in out
    if fmt in ("html", "markdown"):
        assert "<script>" not in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["rows"][0]["buffers"]["domestic-law"]["words"] == [
            "in accordance with its constitutional processes"
        ]
        assert doc["rows"][1]["clauses"] == ["5"]
    if fmt == "csv":
        (ref, nato) = list(csv.DictReader(io.StringIO(out)))
        assert ref["domestic-law"] == "“in accordance with its constitutional processes”"
        assert nato["clause"] == "5"


def test_narrow_terminal_folds_never_cuts(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["lineup", "nato:5", "us-rok-1953", "--width", "40"])
    assert result.exit_code == 0
    assert "…" not in result.stdout


def test_a_weak_text_pair_never_hides_a_clear_functional_counterpart(corpus: Corpus) -> None:
    # Issue 19: NATO 5 against US-Philippines I + II (non-aggression and self-help, text
    # 0.37) was the answer although Article IV is the defence clause.
    treaties = ["us-philippines-1951", "us-rok-1953", "anzus-1951", "seato-1954"]
    rows = {r.treaty.id: r for r in lined(corpus, "north-atlantic-1949:5", treaties).rows}
    for tid, clause in (("us-philippines-1951", "IV"), ("us-rok-1953", "III")):
        row = rows[tid]
        assert (row.how, [c.id for c in row.clauses]) == ("function", [clause]), tid
        assert "defence" in row.obligations
        # Since issue 19's third round no split joins two articles at article level, so
        # the weak I + II text pair (0.37) is not proposed at all: IV is found by function.
        assert row.reason.startswith("both: defence obligation"), row.reason
    # A text pair that does the same job stands, however weak its wording (SEATO 0.38).
    for tid in ("anzus-1951", "seato-1954"):
        assert (rows[tid].how, [c.id for c in rows[tid].clauses]) == ("text", ["IV"]), tid


def test_clauses_without_a_counterpart_stay_unpaired(corpus: Corpus) -> None:
    # NATO 10 (accession) and NATO 4 (consultation) have no counterpart in US-Philippines;
    # NATO 1 keeps its strong text pair (0.98) whatever the functions say.
    for ref, want in (("10", []), ("4", []), ("1", ["I"])):
        (_, row) = lined(corpus, f"north-atlantic-1949:{ref}", ["us-philippines-1951"]).rows
        assert [c.id for c in row.clauses] == want, ref
        assert row.how == ("text" if want else "none"), ref


def test_lineup_cli_picks_us_philippines_iv(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["lineup", "north-atlantic-1949:5", "us-philippines-1951", "-f", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    row = json.loads(result.stdout)["rows"][1]
    assert (row["clauses"], row["match"]) == (["IV"], "function")
