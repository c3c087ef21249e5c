"""treatycmp: compare treaties clause by clause.

The library API, importable without click or rich::

    from treatycmp import Corpus, compare
    corpus = Corpus.load()
    result = compare(corpus.get("ussr-dprk-1961@ko"), corpus.get("dprk-russia-2024@ko"))
    for pair in result.pairs:
        print(pair.kind, [c.id for c in pair.left], [c.id for c in pair.right], pair.findings.added)

Names are imported on first use, so ``treatycmp --help`` does not pay for numpy
and rapidfuzz.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"  # pyproject.toml's, kept equal by tests/test_packaging.py

_EXPORTS = {
    "Treaty": "model",
    "Article": "model",
    "Paragraph": "model",
    "Clause": "model",
    "Gap": "model",
    "load_treaty": "formats.treaty_yaml",
    "check_file": "formats.treaty_yaml",
    "Corpus": "corpus",
    "TreatycmpError": "errors",
    "Problem": "errors",
    "compare": "analysis",
    "CompareOptions": "analysis",
    "Comparison": "analysis",
    "PairResult": "analysis",
    "align_clauses": "align.aligner",
    "diff_words": "diff",
    "load_rules": "rules.load",
    "find_rules": "rules.match",
    "scan_treaty": "rules.match",
    "render_json": "render.diff.json",
    "treaty_to_yaml": "formats.treaty_writer",
    "import_text": "formats.importing",
    "read_document": "formats.documents",
    "treaty_to_akn": "formats.akn",
    "treaty_from_akn": "formats.akn",
    "pair_by_function": "functional",
    "FunctionalMatch": "functional",
    "line_up": "lineup",
    "Lineup": "lineup",
    "profile_treaty": "profile",
}

__all__ = [
    "Article",
    "Clause",
    "CompareOptions",
    "Comparison",
    "Corpus",
    "FunctionalMatch",
    "Gap",
    "Lineup",
    "PairResult",
    "Paragraph",
    "Problem",
    "Treaty",
    "TreatycmpError",
    "align_clauses",
    "check_file",
    "compare",
    "diff_words",
    "find_rules",
    "import_text",
    "line_up",
    "load_rules",
    "load_treaty",
    "pair_by_function",
    "profile_treaty",
    "read_document",
    "render_json",
    "scan_treaty",
    "treaty_from_akn",
    "treaty_to_akn",
    "treaty_to_yaml",
]

if TYPE_CHECKING:
    from treatycmp.align.aligner import align_clauses
    from treatycmp.analysis import CompareOptions, Comparison, PairResult, compare
    from treatycmp.corpus import Corpus
    from treatycmp.diff import diff_words
    from treatycmp.errors import Problem, TreatycmpError
    from treatycmp.formats.akn import treaty_from_akn, treaty_to_akn
    from treatycmp.formats.documents import read_document
    from treatycmp.formats.importing import import_text
    from treatycmp.formats.treaty_writer import treaty_to_yaml
    from treatycmp.formats.treaty_yaml import check_file, load_treaty
    from treatycmp.functional import FunctionalMatch, pair_by_function
    from treatycmp.lineup import Lineup, line_up
    from treatycmp.model import Article, Clause, Gap, Paragraph, Treaty
    from treatycmp.profile import profile_treaty
    from treatycmp.render.diff.json import render_json
    from treatycmp.rules.load import load_rules
    from treatycmp.rules.match import find_rules, scan_treaty


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'treatycmp' has no attribute {name!r}")
