"""Mends of this stop's reads and trials (one test each, failing before its mend)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli


@pytest.mark.parametrize(
    ("name", "treaty"), [("nato::", "nato"), ("nato:5", "nato"), (":5", "the treaty's id")]
)
@pytest.mark.parametrize("command", ["buffers", "profile"])
def test_a_clause_where_a_whole_treaty_is_read_is_said_in_one_line(
    runner: CliRunner, name: str, treaty: str, command: str
) -> None:
    result = runner.invoke(cli, [command, name])
    assert result.exit_code == 2
    assert result.stderr == (
        f"treatycmp: error: '{name}' names a clause (TREATY:CLAUSE); this command reads a "
        f"whole treaty. Fix: write the treaty alone ({treaty}).\n"
    )
