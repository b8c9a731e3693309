"""HTML to PDF with WeasyPrint, for letters, reports and the post room.

A document may only load what Putright itself serves (its static files) and ``data:`` URIs.
Anything else — a web address typed into a template or a complaint — is refused, so rendering
never reaches the network and hostile text cannot make the server fetch a URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher

STATIC_PREFIX = "putright-static:"


class RefusedResource(ValueError):
    """A document asked for something other than Putright's own static files or data."""


class _OwnFilesOnly(URLFetcher):  # type: ignore[misc]
    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            found = finders.find(url.removeprefix(STATIC_PREFIX).lstrip("/"))
            if isinstance(found, str):
                return super().fetch(Path(found).resolve().as_uri(), headers)
        raise RefusedResource("A document may only use Putright's own static files.")


def static_reference(path: str) -> str:
    """How a document names one of Putright's static files (a logo, a stylesheet)."""
    return f"{STATIC_PREFIX}{path}"


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML document to PDF bytes."""
    document = weasyprint.HTML(
        string=html,
        base_url=f"{STATIC_PREFIX}/",
        url_fetcher=_OwnFilesOnly(allowed_protocols={"data", "file"}, allow_redirects=False),
        encoding="utf-8",
    )
    return document.write_pdf(pdf_identifier=settings.SECRET_KEY[:8].encode())
