"""Small helpers shared by the align/analysis/json tests: build treaties, load bundled ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from treatycmp.model import Article, Paragraph, Source, Treaty, paragraph_id

DATA = Path(__file__).resolve().parent.parent / "data" / "treaties"

# A user's own draft as plain text, with a header (the new-user trials' tests).
PACT = (
    "# Title: Pact of Mutual Help between Arden and Brill\n"
    "# Parties: Arden; Brill\n\n"
    "The Parties, wishing to live in peace,\n\n"
    "Article 1\nThe Parties shall settle any dispute by peaceful means.\n\n"
    "Article 2\nIn the event of an armed attack on one Party, the other Party shall "
    "immediately render assistance: in accordance with Article 51 of the Charter.\n"
)

# Three trade clauses that share few words: for the aligner's passes (test_clear, test_optimum).
CUSTOMS = (
    "The customs authorities of each Party shall exchange information on tariff "
    "classification and valuation of imported goods."
)
DISPUTES = (
    "Disputes concerning the interpretation of this chapter shall be settled by "
    "consultations between the competent ministries within ninety days."
)
MORALS = (
    "Nothing in this Agreement shall prevent a Party from adopting measures necessary "
    "to protect public morals or human health."
)


def make_treaty(tid: str, arts: list[list[str]], preamble: tuple[str, ...] = ()) -> Treaty:
    articles = tuple(
        Article(
            str(n),
            tuple(Paragraph(paragraph_id(str(n), k, len(ps)), t, 1) for k, t in enumerate(ps, 1)),
            1,
        )
        for n, ps in enumerate(arts, 1)
    )
    pre = tuple(Paragraph(f"preamble.{k}", t, 1) for k, t in enumerate(preamble, 1))
    return Treaty(
        id=tid,
        title=f"Treaty {tid}",
        short_title=tid,
        parties=("A", "B"),
        language="en",
        source=Source("test"),
        completeness="complete",
        signed="2000-01-01",
        preamble=pre,
        articles=articles,
    )


def bundled(tid: str) -> Treaty:
    """A bundled treaty by id; the test is skipped while the corpus or loader is missing."""
    path = DATA / f"{tid.replace('@', '_at_')}.yaml"
    try:
        from treatycmp.formats.treaty_yaml import load_treaty
    except ImportError:  # pragma: no cover - until the loader lands
        pytest.skip("treatycmp.formats.treaty_yaml not available")
    if not path.exists():
        pytest.skip(f"{path.name} not in the corpus yet")
    return load_treaty(path)


def bundled_ids() -> list[str]:
    return sorted(p.stem.replace("_at_", "@") for p in DATA.glob("*.yaml"))


def tota_dir() -> Path | None:
    """ToTA's XML where this machine has it unpacked (tests that need it skip without)."""
    here = Path(__file__).resolve().parents[2]
    for p in (Path("/tmp/tota/xml"), here / "shared" / "corpora" / "tota" / "xml"):
        if p.is_dir() and any(p.glob("pta_*.xml")):
            return p
    return None
