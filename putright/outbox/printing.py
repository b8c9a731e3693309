"""The post room's batch PDF: every letter waiting for the post, one after another."""

from __future__ import annotations

import io
from collections.abc import Iterable

from pypdf import PdfReader, PdfWriter

from putright.core.pdf import html_to_pdf


def batch_pdf(documents: Iterable[str]) -> bytes:
    """One PDF of the given HTML documents, each starting on a fresh sheet of paper.

    A letter with an odd number of pages gets a blank page after it, so that printed
    double-sided no letter shares a sheet with the next one's first page (and so with
    another resident's personal details).
    """
    writer = PdfWriter()
    for html in documents:
        reader = PdfReader(io.BytesIO(html_to_pdf(html)))
        for page in reader.pages:
            writer.add_page(page)
        if len(reader.pages) % 2:
            last = reader.pages[-1]
            writer.add_blank_page(width=last.mediabox.width, height=last.mediabox.height)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def letters_text(count: int) -> str:
    """How many letters, in words: "1 letter", "2 letters"."""
    return f"{count} letter" if count == 1 else f"{count} letters"
