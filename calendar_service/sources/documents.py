"""Text of attached documents: PDF (pypdf; pages without a text layer are scans and go to OCR)
and Word .docx (python-docx: paragraphs and table rows in document order)."""
from __future__ import annotations

import io
import logging
import zipfile

from ..errors import UnreadableArticle

SCAN_CHARS_PER_PAGE = 20  # a page with fewer characters of text than this is taken as a scan


def pdf_text(data: bytes) -> tuple[str, int, int]:
    """(the text layer of every page, pages, how many of them had next to no text); UnreadableArticle
    if the file is not a PDF pypdf can open."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on sloppy PDFs are not ours to show
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableArticle(f"not a PDF that can be read: {exc}") from None
    scanned = sum(1 for text in texts if len("".join(text.split())) < SCAN_CHARS_PER_PAGE)
    return "\n\n".join(t.strip() for t in texts if t.strip()), len(texts), scanned


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows (cells joined by a tab) of a .docx, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableArticle(f"not a Word .docx that can be read: {exc}") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:  # a merged cell repeats in each column it spans: once is enough
                    if not cells or cell.text != cells[-1]:
                        cells.append(cell.text)
                lines.append("\t".join(" ".join(c.split()) for c in cells))
    return "\n".join(lines).strip() + "\n"
