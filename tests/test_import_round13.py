"""Issue 21's thirteenth round, mended by kind (short excerpts written for the test, in
the shapes of the round's source: Slovak treaty notices as Markdown, each treaty's
headings on ``#####`` lines): the abbreviated designator ``Čl.``, an article whose first
sentence names the article it amends, a language pick misled by one paragraph, Slovak."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

FRONT = '---\ntitle: "Oznámenie o dohode"\ntype_code: "Oznamenie"\n---\n# Oznámenie o dohode\n\n'
PREAMBLE = (
    "Slovenská republika a Česká republika (ďalej len „zmluvné strany“), želajúc si "
    "rozvíjať vzájomnú spoluprácu, dohodli sa takto:\n\n"
)


def _import(
    tmp_path: Path, runner: CliRunner, text: str, *args: str
) -> tuple[dict[str, object], str]:
    src = tmp_path / "n.md"
    src.write_text(FRONT + text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "n", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


@pytest.mark.parametrize("word", ["Čl.", "ČL."])
def test_the_abbreviated_designator_cl_heads_articles_with_a_caption_below(
    tmp_path: Path, runner: CliRunner, word: str
) -> None:
    # Slovak and Czech abbreviate článok / článek as Čl. (as Art. is Article); the
    # caption stands on a second heading line of its own.
    text = PREAMBLE + (
        f"##### {word} 1\n\n##### Vymedzenie pojmov\n\n"
        "Na účely tejto dohody sa pojmom „investícia“ rozumie každá hodnota, ktorú investor "
        "jednej zmluvnej strany vložil na území druhej zmluvnej strany.\n\n"
        f"##### {word} 2\n\n##### Ochrana investícií\n\n"
        "Každá zmluvná strana bude chrániť investície investorov druhej zmluvnej strany.\n\n"
        f"##### {word} 3\n\n1.\n\nTáto dohoda nadobudne platnosť dňom výmeny ratifikačných "
        "listín.\n"
    )
    doc, _ = _import(tmp_path, runner, text, "--language", "sk")
    articles = doc["articles"]
    assert isinstance(articles, list)
    assert [a["number"] for a in articles] == ["1", "2", "3"]
    assert [a.get("heading") for a in articles] == ["Vymedzenie pojmov", "Ochrana investícií", None]
    assert articles[0]["label"] == f"{word} 1"
