"""What a new user's trial of main found (session 36): each a regression test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

PACT = (
    "# Title: Pact of Mutual Help between Arden and Brill\n"
    "# Parties: Arden; Brill\n\n"
    "The Parties, wishing to live in peace,\n\n"
    "Article 1\nThe Parties shall settle any dispute by peaceful means.\n\n"
    "Article 2\nIn the event of an armed attack on one Party, the other Party shall "
    "immediately render assistance: in accordance with Article 51 of the Charter.\n"
)


@pytest.fixture
def pact(tmp_path: Path) -> Path:
    src = tmp_path / "pact.txt"
    src.write_text(PACT, encoding="utf-8")
    return src


# 1. nearest: a free-text query that is a treaty's name


@pytest.mark.parametrize("cache", ["off", "stored"])
def test_nearest_says_a_word_query_names_a_treaty(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    """``nearest nato`` compared the word 'nato' with every clause and said nothing of the
    North Atlantic Treaty, whose alias it is; the result stays what it was."""
    if cache == "stored":  # the index stored by a first run, opened without the corpus
        monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
        assert runner.invoke(cli, ["nearest", "anzus", "-k", "1"]).exit_code == 0
    out = runner.invoke(cli, ["nearest", "nato", "-k", "3", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "north-atlantic-1949" in out.stderr
    assert "treatycmp nearest nato:1" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert len(json.loads(out.stdout)["neighbours"]) == 3


@pytest.mark.parametrize("query", ["NATO", " seato-1954 "])
def test_nearest_notes_an_id_or_alias_in_any_case(runner: CliRunner, query: str) -> None:
    out = runner.invoke(cli, ["nearest", query, "-k", "1", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "note:" in out.stderr
    assert f"{query.strip()}:" in out.stderr


@pytest.mark.parametrize(
    "query", ["nato treaty", "natoo", "north", "The Parties to this Treaty,", "nato:5"]
)
def test_nearest_says_nothing_of_other_queries(runner: CliRunner, query: str) -> None:
    out = runner.invoke(cli, ["nearest", query, "-k", "1", "-f", "json"])
    assert out.exit_code == 0, out.stderr
    assert "note:" not in out.stderr
