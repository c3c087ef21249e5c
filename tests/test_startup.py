"""Start-up: what a command imports that its output does not need (issue 15).

Each case runs in a new interpreter; no timing here (bench/bench_startup.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUN = (
    "import sys, io, contextlib\n"
    "from treatycmp.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main({args!r})\n"
    "print(' '.join(m for m in {modules!r} if m in sys.modules))\n"
)

# Needed by neither the bundled diff as JSON nor a nearest query on a stored index.
NOT_FOR_JSON = (
    "rich",
    "csv",
    "regex",
    "treatycmp.formats.documents",
    "treatycmp.render.findings",
    "treatycmp.render.diff.terminal",
    "treatycmp.search",
    # hashlib loads OpenSSL; shutil imports zlib, bz2 and lzma; secrets imports hashlib
    # through hmac (issue 22: keys are BLAKE2b from ``_blake2``, ``stamps.py``).
    "hashlib",
    "_hashlib",
    "shutil",
    "secrets",
)
SIMILARITY = ("forms", "codes", "shingles", "matrix", "top_k", "columns", "shortlist", "nearest")
NOT_FOR_DIFF = (
    *NOT_FOR_JSON,
    "treatycmp.formats.registry",
    "numpy",
    *(f"treatycmp.similarity.{name}" for name in SIMILARITY),
    "treatycmp.similarity.store",
    "treatycmp.similarity.sets_store",
    # Standard-library modules the bundled JSON diff does not need (issue 22).
    "importlib.resources",
    "html",
    "zipfile",
    "tempfile",
    # The other commands' modules (the lazy command group, cli/__init__.py).
    *(f"treatycmp.cli.{m}" for m in ("corpus_cmds", "import_cmds", "rules_cmds", "lineup_cmd")),
    "treatycmp.cli.corpus_scale",
)
# A stored index answers without loading the corpus or the comparison engine.
NOT_FOR_NEAREST = (
    *NOT_FOR_JSON,
    "treatycmp.rule_model",
    "treatycmp.formats.rules_file",
    "treatycmp.rules.findings",
    "treatycmp.rules.match",
    "treatycmp.rules.compare",
    "treatycmp.rules.load",
    "treatycmp.analysis",
    "treatycmp.profile",
    "treatycmp.similarity.dask",
    *(f"treatycmp.cli.{m}" for m in ("corpus_cmds", "import_cmds", "lineup_cmd", "diff_cmd")),
)


def _imported(args: list[str], modules: tuple[str, ...], cache: Path) -> list[str]:
    env = {**os.environ, "TREATYCMP_CACHE": str(cache)}
    code = RUN.format(args=args, modules=modules)
    # Outside the checkout, so the installed package is what is imported.
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=cache.parent,
    )
    return done.stdout.split()


def test_bundled_json_diff_imports_no_renderer_or_numpy(tmp_path: Path) -> None:
    args = ["diff", "ussr-dprk-1961", "dprk-russia-2024", "-f", "json"]
    assert _imported(args, NOT_FOR_DIFF, tmp_path / "cache") == []
    # Again, with the bundled rules read from the parse cache the first run wrote.
    assert list((tmp_path / "cache" / "rules").glob("*.pickle"))
    assert _imported(args, NOT_FOR_DIFF, tmp_path / "cache") == []


# A query whose postings are few (``stored_query.LIGHT_LIMIT``; all on the bundled corpus)
# is answered from the stored index with the standard library: numpy's import was a third
# of a fresh process's time (issue 22).
NOT_FOR_LIGHT_NEAREST = (
    *NOT_FOR_NEAREST,
    "numpy",
    "yaml",
    *(f"treatycmp.similarity.{name}" for name in SIMILARITY if name != "forms"),
)


def test_nearest_on_a_stored_index_imports_no_comparison_engine(tmp_path: Path) -> None:
    args = ["nearest", "the parties shall consult together", "-k", "3", "-f", "json"]
    cache = tmp_path / "cache"
    _imported(args, (), cache)  # builds and stores the index
    assert list((cache / "nearest").iterdir())
    assert _imported(args, NOT_FOR_LIGHT_NEAREST, cache) == []
    clause = ["nearest", "nato:5", "-k", "3", "-f", "json"]  # reads nato's YAML (bundled)
    assert _imported(clause, tuple(m for m in NOT_FOR_LIGHT_NEAREST if m != "yaml"), cache) == []
    # At the index's own level the clause is read from the index: no treaty file read.
    article = ["nearest", "nato:5", "--level", "article", "-k", "3", "-f", "json"]
    _imported(article, (), cache)  # builds and stores the article index
    assert _imported(article, NOT_FOR_LIGHT_NEAREST, cache) == []


def test_what_replaced_the_imports_gives_the_same() -> None:
    """``html_escape`` is ``html.escape`` (quote=True); ``data_dir`` is ``files()``'s folder."""
    import html
    from importlib.resources import files

    from treatycmp.corpus import data_dir
    from treatycmp.escape import html_escape

    text = "a & b < c > d \" e ' f &amp; <script>\u00e9\u4e2d"
    assert html_escape(text) == html.escape(text, quote=True)
    assert data_dir() == Path(str(files("treatycmp.data")))


PATTERNS = (
    "import io, contextlib, re\n"
    "from treatycmp.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main({args!r})\n"
    "from treatycmp import escape\n"
    "from treatycmp.rules import subject\n"
    "lazy = {{**vars(subject), 'escape._CONTROL': escape._CONTROL}}\n"
    "print(' '.join(sorted(n for n, p in lazy.items() if getattr(p, '_compiled', 1) is None)))\n"
    "print(sum(isinstance(p, re.Pattern) for p in vars(subject).values()))\n"
)


def test_an_english_json_diff_compiles_no_pattern_it_does_not_run(tmp_path: Path) -> None:
    """Work count: the Chinese subject patterns and the escaping of human output are
    compiled on first use (``lazy_re``), so an English pair as JSON compiles none of
    them; the English subject patterns it runs are compiled."""
    args = ["diff", "ussr-dprk-1961@meduza", "dprk-russia-2024@meduza", "-f", "json"]
    env = {**os.environ, "TREATYCMP_CACHE": str(tmp_path / "cache")}
    _imported(args, (), tmp_path / "cache")  # the parse cache filled, as a user's is
    done = subprocess.run(
        [sys.executable, "-c", PATTERNS.format(args=args)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    uncompiled, plain = done.stdout.splitlines()
    zh = {"_NON_PARTY_ZH", "_PARTY_ZH", "_PASSIVE_ZH", "_PIECE_ZH", "_SENTENCE_ZH"}
    assert set(uncompiled.split()) >= {*zh, "escape._CONTROL"}
    assert "_NON_PARTY_EN" not in uncompiled  # the English ones did run
    assert plain == "0"  # every module-level pattern of ``subject`` is lazy


def test_lazy_patterns_answer_as_compiled_ones() -> None:
    import re

    from treatycmp.lazy_re import LazyPattern

    text = "The Parties shall, within ten days; consult. Each Party may act."
    for pattern, flags in ((r"\b(?:part(?:y|ies))\b", re.I), (r"[.;,]", 0), (r"shall\s+(\w+)", 0)):
        lazy, compiled = LazyPattern(pattern, flags), re.compile(pattern, flags)
        assert lazy.split(text) == compiled.split(text)
        assert lazy.split(text, 1) == compiled.split(text, 1)
        assert [m.span() for m in lazy.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert lazy.sub("#", text) == compiled.sub("#", text)
        for pos in (0, 5, 40):
            found, expected = lazy.match(text, pos), compiled.match(text, pos)
            assert (found and found.span()) == (expected and expected.span())
            found, expected = lazy.search(text, pos), compiled.search(text, pos)
            assert (found and found.span()) == (expected and expected.span())
        assert lazy.fullmatch(text) == compiled.fullmatch(text)
