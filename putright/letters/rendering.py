"""Turning a letter template and its facts into what is sent: HTML, plain text, a printable
document and its PDF.

Templates are Jinja2, run in an immutable sandbox with autoescape on, over plain data (strings,
numbers, lists and dicts — never models), so a template can neither run code nor reach
anything the letter was not given. What the template produces is then rebuilt from a short
list of plain tags with no attributes: whatever an administrator or a resident typed, the
letter can only contain paragraphs, headings, lists and emphasis.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from putright.core.errors import DomainError
from putright.core.pdf import html_to_pdf
from putright.letters.models import Letter, LetterKind

DEFAULTS = Path(__file__).parent / "defaults"

DEFAULT_SUBJECTS: dict[str, str] = {
    LetterKind.STAGE1_ACKNOWLEDGEMENT: "We have received your complaint {{ complaint.reference }}",
    LetterKind.STAGE2_ACKNOWLEDGEMENT: (
        "We have received your request for stage 2: complaint {{ complaint.reference }}"
    ),
    LetterKind.EXTENSION: "We need more time to respond: complaint {{ complaint.reference }}",
    LetterKind.STAGE1_RESPONSE: "Our stage 1 response: complaint {{ complaint.reference }}",
    LetterKind.STAGE2_RESPONSE: "Our final response: complaint {{ complaint.reference }}",
    LetterKind.NOT_ACCEPTED: "Your complaint {{ complaint.reference }}: our decision",
    LetterKind.ESCALATION_REFUSED: "Your request for stage 2: complaint {{ complaint.reference }}",
    LetterKind.ACTION_UPDATE: "An update on your complaint {{ complaint.reference }}",
    LetterKind.REMEDY_OFFER: "Putting things right: complaint {{ complaint.reference }}",
}

#: The only tags a letter's body may contain; none may carry attributes.
ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "br", "dl", "dt", "dd"}
)
#: Tags whose content is dropped with them, not kept as text.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "title"})
BLOCK_TAGS = frozenset({"p", "h2", "h3", "li", "dt", "dd", "ul", "ol", "dl"})


def default_template(kind: str) -> tuple[str, str]:
    """Putright's own subject and body for ``kind``."""
    return DEFAULT_SUBJECTS[kind], (DEFAULTS / f"{kind}.html").read_text(encoding="utf-8")


def _paragraphs(value: Any) -> Markup:
    """Text typed with blank lines between paragraphs, as paragraphs; each line kept."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", str(value or "").replace("\r\n", "\n"))]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in b.split("\n")))
        for b in blocks
        if b
    )


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters["paragraphs"] = _paragraphs
    return env


ENVIRONMENT = _environment()


def render_template_text(source: str, context: dict[str, Any], *, what: str) -> str:
    """``source`` rendered over ``context``; a template that will not render is refused."""
    try:
        return ENVIRONMENT.from_string(source).render(context)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        raise DomainError(
            f"The {what} could not be used{where}: {error.message or error}.", field=what
        ) from error


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []
        self.refused: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.refused.add(tag)
            self.dropping.append(tag)
        elif tag in ALLOWED_TAGS:
            if attrs:
                self.refused.add(f"{tag} attributes")
            self.out.append(f"<{tag}>")
        else:
            self.refused.add(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in DROPPED_WITH_CONTENT and self.dropping:
            self.dropping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in ALLOWED_TAGS and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))


def sanitise(fragment: str) -> tuple[str, set[str]]:
    """The fragment rebuilt from the allowed tags and escaped text, and what was left out."""
    parser = _Sanitiser()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip(), parser.refused


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]

    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(self.current))
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.current.append("\n")
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.current.append(f"{self.lists[-1][1]}. ")
            else:
                self.current.append("- ")
        elif tag == "dd":
            self.current.append("  ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
            if tag in ("h2", "h3") and self.blocks:
                self.blocks[-1] = self.blocks[-1].upper() if tag == "h2" else self.blocks[-1]
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.current.append(data.replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """A sanitised fragment as plain text: blocks apart, list items marked, headings in capitals."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks) + "\n"


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body_html: str
    body_text: str


def render_letter(*, subject: str, body: str, context: dict[str, Any]) -> RenderedLetter:
    """Render a template's subject and body; refuse a body that uses anything but plain tags."""
    rendered_subject = " ".join(
        html.unescape(render_template_text(subject, context, what="subject")).split()
    )
    if not rendered_subject:
        raise DomainError("The subject of the letter is empty.", field="subject")
    body_html, refused = sanitise(render_template_text(body, context, what="body"))
    if refused:
        raise DomainError(
            "A letter can use only paragraphs, headings, lists and emphasis, with no attributes: "
            f"remove {', '.join(sorted(refused))} from the template.",
            field="body",
        )
    return RenderedLetter(
        subject=rendered_subject, body_html=body_html, body_text=html_to_text(body_html)
    )


def plain_text(fragment: str) -> str:
    """The letter's text as read, whitespace collapsed and case folded, for checking content."""
    return " ".join(html_to_text(fragment).split()).casefold()


# ---------------------------------------------------------------- whole documents

_DOCUMENT_CSS = """
@page { size: A4; margin: 20mm 20mm 22mm 20mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt;
    font-family: "DejaVu Sans", Arial, sans-serif; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: {size}pt; line-height: 1.45;
  color: #0b0c0c; }
header { display: flex; justify-content: space-between; margin-bottom: 12mm; }
header img { max-height: 22mm; max-width: 70mm; }
.from { text-align: right; white-space: pre-line; font-size: {small}pt; }
.to { white-space: pre-line; margin-bottom: 8mm; }
.meta { margin-bottom: 8mm; }
h1 { font-size: {h1}pt; margin: 0 0 6mm; }
h2 { font-size: {h2}pt; margin: 7mm 0 2mm; }
h3 { font-size: {size}pt; margin: 5mm 0 2mm; }
.signature { white-space: pre-line; margin-top: 8mm; }
"""


def _css(large_print: bool) -> str:
    # Large print: at least 16 point, as the RNIB's clear print guidance advises.
    size, small, h1, h2 = (16, 14, 22, 19) if large_print else (11, 9, 16, 13)
    return (
        _DOCUMENT_CSS.replace("{size}", str(size))
        .replace("{small}", str(small))
        .replace("{h1}", str(h1))
        .replace("{h2}", str(h2))
    )


@dataclass(frozen=True)
class Letterhead:
    """What every page of a landlord's letter carries, from its records and letter settings."""

    landlord_name: str
    landlord_address: str
    contact_lines: tuple[str, ...]
    sender_name: str
    signature: str
    logo_data_uri: str = ""


def logo_data_uri(content: bytes, content_type: str) -> str:
    """A logo as a data: URI — the only way an uploaded image reaches the PDF renderer."""
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def document_html(
    *,
    letterhead: Letterhead,
    subject: str,
    body_html: str,
    recipient_name: str,
    recipient_address: str,
    dated: str,
    reference: str,
    large_print: bool,
) -> str:
    """The complete printable letter: letterhead, address, date, body and signature."""
    logo = (
        Markup('<img src="{}" alt="{}">').format(letterhead.logo_data_uri, letterhead.landlord_name)
        if letterhead.logo_data_uri
        else Markup("<strong>{}</strong>").format(letterhead.landlord_name)
    )
    sender = "\n".join(
        line
        for line in (
            letterhead.landlord_name,
            letterhead.landlord_address,
            *letterhead.contact_lines,
        )
        if line
    )
    signature = "\n".join(
        line
        for line in ("Yours sincerely", "", letterhead.signature, letterhead.sender_name)
        if line
    )
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            "<title>{subject}</title><style>{css}</style></head><body>"
            '<header><div class="logo">{logo}</div><div class="from">{sender}</div></header>'
            '<div class="to">{name}\n{address}</div>'
            '<div class="meta">{dated}<br>Our reference: {reference}</div>'
            "<h1>{subject}</h1>{body}"
            '<div class="signature">{signature}</div>'
            "</body></html>"
        ).format(
            subject=subject,
            css=Markup(_css(large_print)),  # noqa: S704 - our own stylesheet
            logo=logo,
            sender=sender,
            name=recipient_name,
            address=recipient_address,
            dated=dated,
            reference=reference,
            body=Markup(body_html),  # noqa: S704 - rebuilt by sanitise()
            signature=signature,
        )
    )


def email_html(*, subject: str, body_html: str, letterhead: Letterhead, large_print: bool) -> str:
    """The HTML part of the email: the same body, simply styled, with no images to fetch."""
    size = 19 if large_print else 16
    return str(
        Markup(
            '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            "<title>{subject}</title></head>"
            '<body style="font-family: Arial, sans-serif; font-size: {size}px; '
            'line-height: 1.5; color: #0b0c0c; max-width: 640px;">'
            "<p><strong>{landlord}</strong></p><h1>{subject}</h1>{body}"
            '<p style="white-space: pre-line;">{signature}</p></body></html>'
        ).format(
            subject=subject,
            size=size,
            landlord=letterhead.landlord_name,
            body=Markup(body_html),  # noqa: S704 - rebuilt by sanitise()
            signature="\n".join(
                line
                for line in ("Yours sincerely", letterhead.signature, letterhead.sender_name)
                if line
            ),
        )
    )


def email_text(*, body_text: str, letterhead: Letterhead) -> str:
    closing = "\n".join(
        line for line in ("Yours sincerely", letterhead.signature, letterhead.sender_name) if line
    )
    return f"{body_text}\n{closing}\n"


def letter_pdf(*, letter: Letter) -> bytes:
    """The PDF of the letter, from the printable document stored when it was sent."""
    return html_to_pdf(letter.document_html)
