"""Test fixtures: a treaty written out as PDF (fpdf2), Word (python-docx) and web pages.

Each writer lays the treaty out as a person would find it: a title, the
preamble, ``Article N`` headings (chapters where the treaty has them), one
paragraph after another; PDFs get running heads and page numbers, web pages a
menu, a sidebar, a cookie notice, scripts and styles around the text. Gaps are
written as ``[GAP: reason]`` so that a round trip can keep them.
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta
from treatycmp.model import Article, Gap, Paragraph, Source, Treaty, paragraph_id

Kind = Literal["title", "chapter", "heading", "para"]
UN_CHARTER_JSON = (
    Path(__file__).resolve().parents[2] / "shared/corpora/open-treaties/data/un-charter.json"
)


@dataclass(frozen=True)
class Line:
    kind: Kind
    text: str


def _para_text(p: Paragraph) -> str:
    if p.is_gap:
        return f"[GAP: {p.gap}]"
    text = p.text
    if p.gap_before:
        text = f"[GAP: {p.gap_before}] {text}"
    if p.gap_after:
        text = f"{text} [GAP: {p.gap_after}]"
    return text


def layout(t: Treaty) -> list[Line]:
    """The treaty as a document shows it, line by line."""
    out = [Line("title", t.title)]
    out.extend(Line("para", _para_text(p)) for p in t.preamble)
    chapter: str | None = None
    for a in t.articles:
        if isinstance(a, Gap):
            # A gap for "the preamble and Articles 1-2" stands in both lists of the model;
            # a document prints it once.
            if not (out[-1].kind == "para" and out[-1].text == f"[GAP: {a.reason}]"):
                out.append(Line("para", f"[GAP: {a.reason}]"))
            continue
        if a.chapter and a.chapter != chapter:
            chapter = a.chapter
            out.append(Line("chapter", chapter))
        out.append(Line("heading", a.label or f"Article {a.number}"))
        out.extend(Line("para", _para_text(p)) for p in a.paragraphs)
    # A gap for "Articles 5 onward and the closing formula" stands in both lists of the
    # model; a document prints it once.
    last = t.articles[-1] if t.articles else None
    out.extend(
        Line("para", _para_text(p))
        for p in t.closing
        if not (isinstance(last, Gap) and p.is_gap and p.gap == last.reason)
    )
    return out


def un_charter() -> Treaty | None:
    """The whole UN Charter (111 articles), built from open-treaties' JSON, or None if absent."""
    if not UN_CHARTER_JSON.is_file():
        return None
    data: dict[str, Any] = json.loads(UN_CHARTER_JSON.read_text(encoding="utf-8"))
    articles = []
    for n, raw in enumerate(data["articles"], start=1):
        texts = [" ".join(p.split()) for p in raw["content_en"].split("\n\n") if p.strip()]
        number = str(n)
        paras = tuple(
            Paragraph(paragraph_id(number, k, len(texts)), text, 0)
            for k, text in enumerate(texts, start=1)
        )
        articles.append(Article(number, paras, 0, label=f"Article {n}"))
    preamble = (Paragraph("preamble.1", " ".join(data["preamble_en"].split()), 0),)
    return Treaty(
        id="un-charter",
        title=data["treaty_en"],
        language="en",
        source=Source(text="open-treaties (CC0)", authentic=False, official=False),
        completeness="complete",
        preamble=preamble,
        articles=tuple(articles),
        short_title="UN Charter",
        parties=("Members of the United Nations",),
    )


# --- PDF ------------------------------------------------------------------------


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def to_pdf(
    t: Treaty,
    *,
    header: str = "United Nations - Treaty Series",
    justify: bool = False,
    unicode_font: bool = False,
) -> bytes:
    """A PDF: running head and page numbers; paragraphs spaced, or (``justify``) justified
    and told apart only by a first-line indent, as many printed treaties are."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"{header} {1949 + 0}", align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 8, str(self.page_no()), align="C")

    pdf = Doc(format="A4")
    family = "Helvetica"
    if unicode_font:  # an embedded TrueType font, for Cyrillic and other scripts
        pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        family = "DejaVu"
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for line in layout(t):
        if line.kind == "title":
            pdf.set_font(family, "B", 14)
        elif line.kind in ("heading", "chapter"):
            pdf.set_font(family, "B", 11)
        else:
            pdf.set_font(family, size=11)
        if justify and line.kind == "para":
            pdf.multi_cell(0, 6, "      " + line.text, new_x="LMARGIN", new_y="NEXT", align="J")
        else:
            pdf.multi_cell(0, 6, line.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def to_pdf_reportlab(t: Treaty) -> bytes:
    """A PDF from another producer: reportlab's flowables, justified text, a running
    head and page numbers drawn on every page."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as Flowing
    from reportlab.platypus import SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = TA_JUSTIFY

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 30, "UNITED NATIONS - TREATY SERIES")
        canvas.drawCentredString(A4[0] / 2, 25, str(doc.page))
        canvas.restoreState()

    kinds = {"title": styles["Title"], "chapter": styles["Heading2"], "heading": styles["Heading3"]}
    story = [Flowing(html.escape(line.text), kinds.get(line.kind, body)) for line in layout(t)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def two_column_pdf(left: list[str], right: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 20.0
    for a, b in zip(left, right, strict=True):
        pdf.set_xy(15, y)
        pdf.cell(85, 5, a)
        pdf.set_xy(110, y)
        pdf.cell(85, 5, b)
        y += 6
    return bytes(pdf.output())


def lines_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with exactly these lines on these pages (to test joining and furniture)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        y = 20.0
        for line in lines:
            if line:
                pdf.set_xy(15, y)
                pdf.cell(0, 6, line)
            y += 6
    return bytes(pdf.output())


def image_pdf() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(picture, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(picture.getvalue()), x=10, y=10, w=100)
    return bytes(pdf.output())


def encrypted_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Word -----------------------------------------------------------------------


def to_docx(t: Treaty, *, styled: bool = True) -> bytes:
    """A .docx: headings in Heading styles (``styled``), or as plain paragraphs."""
    import docx

    document = docx.Document()
    for line in layout(t):
        if line.kind == "title":
            document.add_heading(line.text, 0) if styled else document.add_paragraph(line.text)
        elif line.kind == "chapter":
            document.add_heading(line.text, 1) if styled else document.add_paragraph(line.text)
        elif line.kind == "heading":
            document.add_heading(line.text, 2) if styled else document.add_paragraph(line.text)
        else:
            document.add_paragraph(line.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def two_column_docx(left: list[str], right: list[str]) -> bytes:
    """A bilingual Word file: a title, then a table with one language in each column."""
    import docx

    document = docx.Document()
    document.add_heading("A Bilingual Treaty", 0)
    table = document.add_table(rows=0, cols=2)
    for a, b in zip(left, right, strict=True):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = a, b
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- web pages ------------------------------------------------------------------

CHROME_TOP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Ministry of Foreign Affairs</title>
<style>body {{ font-family: sans-serif }} .menu li {{ display: inline }}</style>
<script>var tracking = "Article 99 shall apply"; window.dataLayer = [];</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p>
<button>Accept</button></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/treaties">Treaties</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<div class="layout"><aside class="sidebar"><h3>Related</h3><ul>
<li><a href="/a">Minister meets counterpart</a></li>
<li><a href="/b">Press briefing schedule</a></li>
</ul></aside>
"""
CHROME_BOTTOM = """</div>
<footer><p>Copyright Ministry of Foreign Affairs. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms of use</a></p></footer>
<script>console.log("Article 100 loaded")</script>
</body></html>
"""


def to_html(t: Treaty, *, chrome: bool = True, tags: str = "semantic") -> bytes:
    """A web page: ``semantic`` uses <main>, <h1>, <h2>, <p>; ``divs`` a news CMS's divs."""
    body: list[str] = []
    for line in layout(t):
        text = html.escape(line.text)
        if tags == "divs":
            cls = {"title": "headline", "chapter": "sub", "heading": "sub", "para": "txt"}
            body.append(f'<div class="{cls[line.kind]}">{text}</div>')
            continue
        tag = {"title": "h1", "chapter": "h2", "heading": "h3", "para": "p"}[line.kind]
        body.append(f"<{tag}>{text}</{tag}>")
    inner = "\n".join(body)
    if tags == "divs":
        main = f'<div id="content"><div class="story">\n{inner}\n</div></div>\n'
    else:
        main = f"<main><article>\n{inner}\n</article></main>\n"
    if not chrome:
        return f"<!DOCTYPE html><html><body>{main}</body></html>".encode()
    return (CHROME_TOP.format(title=html.escape(t.title)) + main + CHROME_BOTTOM).encode()


def to_html_lines(t: Treaty) -> bytes:
    """A news agency's page: the whole text as lines in one block, separated by <br>."""
    lines = "<br>\n".join(html.escape(line.text) for line in layout(t)[1:])
    title = html.escape(t.title)
    page = (
        CHROME_TOP.format(title=title)
        + f'<div class="content"><h1 class="title">{title}</h1>\n'
        + f'<div class="article-body">{lines}</div></div>\n'
        + CHROME_BOTTOM
    )
    return page.encode()


def to_html_busy(t: Treaty) -> bytes:
    """A page whose sidebar and comments hold as many sentences as a short treaty."""
    teaser = (
        "<p>The foreign minister said on Tuesday that the talks had been constructive and "
        "that both sides would continue consultations in the coming weeks.</p>"
    )
    comments = "".join(
        f'<div class="comment"><p>Reader {i}: this agreement changes everything about the '
        "security situation in the region, in my opinion.</p></div>"
        for i in range(6)
    )
    body = "\n".join(
        f"<{'h1' if line.kind == 'title' else 'h3' if line.kind != 'para' else 'p'}>"
        f"{html.escape(line.text)}"
        f"</{'h1' if line.kind == 'title' else 'h3' if line.kind != 'para' else 'p'}>"
        for line in layout(t)
    )
    page = (
        CHROME_TOP.format(title=html.escape(t.title))
        + '<div class="related">'
        + teaser * 4
        + "</div>"
        + f'<div class="post">{body}</div>'
        + f'<section class="comments"><h3>Comments</h3>{comments}</section>'
        + CHROME_BOTTOM
    )
    return page.encode()


def imported_numbers(text: str, **kw: object) -> tuple[list[str], list[str]]:
    """The article numbers a plain text imports to (as complete), and the warnings."""
    warnings: list[str] = []
    meta = Meta(complete=True, **kw)  # type: ignore[arg-type]
    treaty = import_text(text, treaty_id="t", meta=meta, warnings=warnings)
    return [a.number for a in treaty.article_list], warnings
