"""What a new user's trial of main found (session 33): each a regression test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from treatycmp.cli import cli

MARKDOWN = (
    "# Pact of Mutual Help between Arden and Brill\n\n"
    "The High Contracting Parties have agreed as follows:\n\n"
    "## Article 1\n\nThe Parties shall settle disputes by peaceful means.\n\n"
    "## Article 2\n\nIn the event of an armed attack against either Party, the other "
    "Party shall render such assistance as it deems necessary.\n"
)


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".text"])
def test_diff_reads_a_markdown_document_as_import_does(
    tmp_path: Path, runner: CliRunner, suffix: str
) -> None:
    src = tmp_path / f"pact{suffix}"
    src.write_text(MARKDOWN, encoding="utf-8")
    imported = runner.invoke(
        cli, ["import", str(src), "--id", "pact", "-o", str(tmp_path / "p.yaml")]
    )
    assert imported.exit_code == 0, imported.stderr
    diffed = runner.invoke(cli, ["diff", str(src), str(tmp_path / "p.yaml"), "-f", "json"])
    assert diffed.stderr == ""
    assert diffed.exit_code == 0, diffed.stdout
