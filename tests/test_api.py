"""The public library API: exported names resolve; the library never imports click or rich."""

from __future__ import annotations

import subprocess
import sys

import treatycmp


def test_every_exported_name_resolves() -> None:
    for name in treatycmp.__all__:
        assert getattr(treatycmp, name) is not None


def test_library_runs_without_click_or_rich() -> None:
    code = (
        "import sys, treatycmp\n"
        "c = treatycmp.Corpus.load(env={})\n"
        "r = treatycmp.compare(c.get('ussr-dprk-1961@ko'), c.get('dprk-russia-2024@ko'))\n"
        "treatycmp.render_json(r)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('click', 'rich')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert sorted(treatycmp.__all__) == sorted(treatycmp._EXPORTS)
