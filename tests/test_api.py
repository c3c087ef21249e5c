"""The public library API: exported names resolve; the library never imports click or rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import treatycmp


def test_every_exported_name_resolves() -> None:
    for name in treatycmp.__all__:
        assert getattr(treatycmp, name) is not None


def test_library_runs_without_click_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys, treatycmp\n"
        "c = treatycmp.Corpus.load(env={})\n"
        "r = treatycmp.compare(c.get('ussr-dprk-1961@ko'), c.get('dprk-russia-2024@ko'))\n"
        "treatycmp.render_json(r)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('click', 'rich')]\n"
        "assert not bad, bad\n"
    )
    # Run outside the checkout so the installed package is the one imported.
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert sorted(treatycmp.__all__) == sorted(treatycmp._EXPORTS)


def test_cli_scorer_choices_are_the_aligners() -> None:
    from treatycmp import defaults
    from treatycmp.align import scorers as align

    assert sorted(defaults.SCORER_NAMES) == sorted([*align.SCORERS, align.LEXICAL])
    assert defaults.DEFAULT_SCORER in defaults.SCORER_NAMES


def test_help_imports_neither_numpy_nor_yaml_nor_rich_nor_format_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from treatycmp.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('numpy', 'rapidfuzz', 'yaml', 'rich', 'pypdf', 'docx', 'readability', 'lxml')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=tmp_path)
