"""What a research repository installs: the version, the changelog, the recipes in
docs/ci.md, the composite action, the pre-commit hooks and shell completion."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def load_yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_version_and_changelog_agree() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'^version = "([^"]+)"$', pyproject, re.MULTILINE)
    assert m
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {m[1]}" in changelog
    assert version("treatycmp") == m[1]
    import treatycmp

    assert treatycmp.__version__ == m[1]  # the library's own said 0.1.0 through 0.2.0


def test_no_recipe_installs_a_package_index_entry_that_is_not_ours() -> None:
    """treatycmp is not on PyPI: `pip install treatycmp` would install someone else's."""
    texts = [
        (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"),
        (ROOT / "README.md").read_text(encoding="utf-8"),
        (ROOT / "action.yml").read_text(encoding="utf-8"),
    ]
    for text in texts:
        for m in re.finditer(r"pip install ([^\n`&;|]+)", text):
            targets = [a for a in shlex.split(m[1]) if not a.startswith("-")]
            for target in targets:
                assert (
                    target.startswith((".", "/", '"', "'", "$"))
                    or "@" in target
                    or (target.endswith(".whl"))
                ), f"installs an index entry: {m[0]}"
    assert "git+https://" in texts[0]
    assert ".whl" in texts[0]


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = load_yaml(".pre-commit-hooks.yaml")
    ids = {h["id"]: h for h in hooks}
    assert set(ids) == {"treatycmp-validate", "treatycmp-check"}
    for hook in hooks:
        assert hook["language"] == "python"  # installed from the tagged source
        command = hook["entry"].split()
        assert command[0] == "treatycmp"
        assert command[1] in cli.commands
    assert ids["treatycmp-check"]["pass_filenames"] is False
    assert re.search(ids["treatycmp-validate"]["files"], "treaties/nato.yaml")
    assert re.search(ids["treatycmp-validate"]["exclude"], "expectations.yaml")
    assert "try-repo . treatycmp-validate" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_the_action_installs_itself_and_publishes_junit() -> None:
    action = load_yaml("action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in runs
    assert "${{ github.action_path }}" in runs
    assert "treatycmp check" in runs
    assert "--junit" in runs
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    assert {"expectations", "junit", "validate"} <= set(action["inputs"])


def complete(words: str) -> list[str]:
    env = {"_TREATYCMP_COMPLETE": "bash_complete", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = CliRunner(env=env).invoke(cli, [], prog_name="treatycmp")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("treatycmp diff ussr-dprk", {"ussr-dprk-1961", "ussr-dprk-1961@ko"}),
        ("treatycmp show north-atl", {"north-atlantic-1949"}),
        ("treatycmp diff nato:5", {"nato:5", "nato:5.1", "nato:5.2"}),
        ("treatycmp nearest us-rok-1953:II", {"us-rok-1953:II", "us-rok-1953:III"}),
        ("treatycmp show nato:", {f"nato:{n}" for n in range(1, 15)}),
        # lineup's first argument is a TREATY:CLAUSE too; it completed nothing.
        ("treatycmp lineup dprk-russia-2024@k", {"dprk-russia-2024@ko"}),
        ("treatycmp lineup dprk-russia-2024@ko:", {"dprk-russia-2024@ko:4"}),
        # aliases, which every command takes: `na` gave nothing
        ("treatycmp show na", {"nato"}),
        ("treatycmp diff ussr-dprk-1961 nat", {"nato"}),
    ],
)
def test_treaty_and_clause_ids_complete(words: str, expected: set[str]) -> None:
    assert expected <= set(complete(words))


def test_show_completes_articles_only() -> None:
    """``show`` takes a whole article: a paragraph id would complete to a refused reference."""
    assert complete("treatycmp show nato:5") == ["nato:5"]


def test_show_completes_no_preamble_or_closing_clause() -> None:
    """Article-level clause ids include the preamble's and closing's (``preamble.1``),
    which ``show`` refuses ("has no article preamble.1"): only article numbers complete."""
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert complete("treatycmp show anzus-1951:") == [f"anzus-1951:{n}" for n in roman]


def test_completion_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_TREATYCMP_COMPLETE=bash_source treatycmp" in readme
