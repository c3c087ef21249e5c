"""A paragraph that ends at the foot of a page without a stop (the slow round-trip hunt
found one): the next page's first paragraph is its own, not the rest of it."""

from __future__ import annotations

import io

import pypdf
from _documents import to_pdf
from _treaties import make_treaty

from treatycmp.formats.documents import read_document
from treatycmp.formats.segment import Meta
from treatycmp.model import Treaty

_LONG = (
    "The Parties shall take measures number {k} to promote co-operation in the field of "
    "science and shall report on them to the Council every year in writing."
)
_OPEN = "The list of the fields of co-operation agreed in the annex shall include energy"


def _treaty(fillers: int) -> Treaty:
    texts = [_LONG.format(k=k) for k in range(1, fillers + 1)]
    return make_treaty("generated", [[*texts, _OPEN, "The Council shall meet once a year."]])


def _last_line_of_page_one(data: bytes) -> str:
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    body = [line for line in lines if not line.isdigit()]  # the page number aside
    return body[-1]


def test_a_paragraph_with_no_stop_at_a_page_foot_ends_there() -> None:
    for fillers in range(10, 40):  # the count that sets the open paragraph at the foot
        data = to_pdf(_treaty(fillers))
        if _last_line_of_page_one(data) == _OPEN:
            break
    else:
        raise AssertionError("no layout set the paragraph at the foot of page one")
    back = read_document(data, "t.pdf", treaty_id="generated", meta=Meta())
    texts = [p.text for p in back.article_list[0].paragraphs]
    assert texts[-2:] == [_OPEN, "The Council shall meet once a year."]
