"""Reading an email as it arrives, from anyone: whatever the bytes, this never raises.

Mail from the public is often malformed (broken headers, unknown character sets, HTML with
no text part). Every part of a message is read on its own; what cannot be read is named in
``problems`` and the message is still stored, so a member of staff can look at it. HTML is
only ever turned into plain text here (parsed, never run or rendered); the HTML itself stays
in the stored original.
"""

from __future__ import annotations

import datetime
import hashlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import errors, policy
from email.message import EmailMessage, Message
from email.parser import BytesParser, HeaderParser
from html.parser import HTMLParser
from typing import Any

# Enough for any letter a person writes; the whole message is in the stored original.
MAX_BODY_CHARACTERS = 200_000
MAX_HEADER_CHARACTERS = 2_000
# A Message-ID longer than this is stored as a digest (message keys are indexed).
MAX_KEY_CHARACTERS = 255

_MESSAGE_IDS = re.compile(r"<[^<>\s]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_ORIGINAL_MESSAGE_ID = re.compile(r"(?im)^message-id:[ \t]*(<[^<>\s]+>)")
_REPLY_CODE = re.compile(r"\b[45]\d\d\b|\b[45]\.\d{1,3}\.\d{1,3}\b")
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|returned mail|returned to sender|delivery (status notification|failure|has failed"
    r"|notification)|mail delivery (failed|failure|subsystem)|failure notice|non-?delivery",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content_type: str
    content: bytes


class ReportOutcome:
    FAILED = "failed"  # the email will never arrive
    NO_ACTION = "no_action"  # delayed but still trying, delivered, relayed: nothing to do
    UNCLEAR = "unclear"  # a report that does not say: a person reads it


@dataclass(frozen=True)
class DeliveryReport:
    """A report from a mail server about an email sent earlier (RFC 3464, or an older format)."""

    original_message_ids: tuple[str, ...]
    outcome: str  # a ReportOutcome
    reason: str


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    message_key: str
    from_name: str
    from_address: str
    to: str
    subject: str
    sent_at: datetime.datetime | None
    body_text: str
    html: str  # the HTML the text was made from, when the message had no plain text
    attachments: tuple[ParsedAttachment, ...]
    reply_to_ids: tuple[str, ...]  # In-Reply-To and References, oldest last
    delivery_report: DeliveryReport | None
    problems: tuple[str, ...]
    sha256: str


def parse_message(raw: bytes) -> ParsedMessage:
    """Everything Putright needs from one RFC 822 message."""
    problems: list[str] = []
    sha256 = hashlib.sha256(raw).hexdigest()
    message: EmailMessage = BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[assignment]
    # The same headers, parsed without interpretation: the fallback when a header is malformed.
    lenient = BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)
    if message.defects:
        problems.append("The message is not well formed; it was read as far as possible.")

    message_id = _first_id(_raw_header(lenient, "Message-ID"))
    subject = _header(message, lenient, "Subject", problems)
    from_name, from_address = _sender(message, lenient, problems)
    leaves = list(_leaves(message))
    body_text, html, attachments = _content(leaves, problems)
    return ParsedMessage(
        message_id=message_id,
        message_key=_message_key(message_id, sha256),
        from_name=from_name[:200],
        from_address=from_address[:320],
        to=_header(message, lenient, "To", problems),
        subject=subject,
        sent_at=_sent_at(message, problems),
        body_text=_limited(body_text, problems),
        html=html,
        attachments=tuple(attachments),
        reply_to_ids=tuple(
            dict.fromkeys(
                _MESSAGE_IDS.findall(
                    f"{_raw_header(lenient, 'References')} {_raw_header(lenient, 'In-Reply-To')}"
                )
            )
        ),
        delivery_report=_delivery_report(message, leaves, from_address, subject, body_text),
        problems=tuple(problems),
        sha256=sha256,
    )


# ---------------------------------------------------------------- headers


def clean_text(text: str) -> str:
    """Text safe to store anywhere: no NUL or other control characters, Unix line ends."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())[:MAX_HEADER_CHARACTERS]


def _raw_header(lenient: Message, name: str) -> str:
    value = lenient.get(name)
    if value is None:
        return ""
    # compat32 keeps undecodable bytes as surrogates; they become replacement characters.
    return _one_line(str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _header(message: EmailMessage, lenient: Message, name: str, problems: list[str]) -> str:
    try:
        value = message.get(name)
        well_formed = not any(
            isinstance(defect, errors.InvalidHeaderDefect)
            for defect in getattr(value, "defects", ())
        )
    except Exception:  # the email package raises many kinds of error on malformed headers
        well_formed = False
    if well_formed:
        return "" if value is None else _one_line(str(value))
    problems.append(f"The {name} header is not well formed; it is shown as it arrived.")
    return _raw_header(lenient, name)


def _sender(message: EmailMessage, lenient: Message, problems: list[str]) -> tuple[str, str]:
    try:
        header = message.get("From")
        addresses = getattr(header, "addresses", ()) if header is not None else ()
    except Exception:  # as in _header
        addresses = ()
    if addresses and addresses[0].addr_spec and "@" in addresses[0].addr_spec:
        return _one_line(addresses[0].display_name), _one_line(addresses[0].addr_spec)
    raw_from = _raw_header(lenient, "From")
    problems.append(
        "The sender's address could not be read; the From header is shown as it arrived."
        if raw_from
        else "The message does not say who sent it."
    )
    return raw_from, ""


def _sent_at(message: EmailMessage, problems: list[str]) -> datetime.datetime | None:
    if "Date" not in message:
        return None
    try:
        moment = getattr(message.get("Date"), "datetime", None)
    except Exception:  # as in _header
        moment = None
    if moment is None:
        problems.append("The date the message was sent could not be read.")
        return None
    if moment.tzinfo is None:  # "-0000": the sender's zone is unknown; the time is UTC
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _first_id(text: str) -> str:
    found = _MESSAGE_IDS.search(text)
    return found.group(0) if found else text.strip()


def _message_key(message_id: str, sha256: str) -> str:
    if not message_id:
        return f"sha256:{sha256}"
    if len(message_id) > MAX_KEY_CHARACTERS:
        return f"sha256-id:{hashlib.sha256(message_id.encode('utf-8', 'replace')).hexdigest()}"
    return message_id


# ---------------------------------------------------------------- body and attachments


def _leaves(part: Message) -> Iterator[Message]:
    """The parts that hold content, in order; an attached email counts as one part."""
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        for sub in part.get_payload():  # type: ignore[union-attr]
            if isinstance(sub, Message):
                yield from _leaves(sub)
    else:
        yield part


def _is_inline_text(part: Message, subtype: str) -> bool:
    if part.get_content_type() != f"text/{subtype}":
        return False
    try:
        disposition = part.get_content_disposition()
        filename = part.get_filename()
    except Exception:  # a malformed Content-Disposition: treat it as a file
        return False
    return disposition != "attachment" and not filename


def _text_of(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        text = payload.decode(part.get_content_charset() or "utf-8", "replace")
    except (LookupError, ValueError):  # a character set Python does not know, or nonsense
        text = payload.decode("utf-8", "replace")
    return clean_text(text)


def _content(leaves: list[Message], problems: list[str]) -> tuple[str, str, list[ParsedAttachment]]:
    plain = [part for part in leaves if _is_inline_text(part, "plain")]
    html_parts = [part for part in leaves if _is_inline_text(part, "html")]
    html = ""
    if plain:
        body = "\n\n".join(text for text in (_text_of(part).strip() for part in plain) if text)
        # With a plain text part, the HTML parts are the same message again (alternatives).
        kept_out = {id(part) for part in plain + html_parts}
    elif html_parts:
        html = _text_of(html_parts[0])
        body = "\n\n".join(html_to_text(_text_of(part)) for part in html_parts)
        kept_out = {id(part) for part in html_parts}
    else:
        body, kept_out = "", set()
    attachments = []
    for number, part in enumerate(leaves, start=1):
        if id(part) in kept_out:
            continue
        attachment = _attachment(part, number, problems)
        if attachment is not None:
            attachments.append(attachment)
    return body.strip(), html, attachments


def _attachment(part: Message, number: int, problems: list[str]) -> ParsedAttachment | None:
    content_type = part.get_content_type()
    try:
        if part.get_content_maintype() == "message":
            inner = part.get_payload(0)
            content = inner.as_bytes(policy=policy.compat32)  # type: ignore[union-attr]
        else:
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
    except Exception:  # a part the email package cannot take apart
        problems.append(f"Part {number} of the message could not be read.")
        return None
    if not content.strip():
        return None
    return ParsedAttachment(
        filename=_filename(part, number, content_type),
        content_type=content_type,
        content=content,
    )


def _filename(part: Message, number: int, content_type: str) -> str:
    try:
        given = part.get_filename() or ""
    except Exception:  # an unreadable RFC 2231 file name
        given = ""
    # Only the last path element, with no control characters: a name, never a path.
    name = _one_line(re.split(r"[\\/]", str(given))[-1]).strip(". ")
    if name:
        return name[:200]
    extension = ".eml" if content_type == "message/rfc822" else ""
    extension = extension or mimetypes.guess_extension(content_type) or ".bin"
    return f"attachment-{number}{extension}"


def _limited(text: str, problems: list[str]) -> str:
    if len(text) <= MAX_BODY_CHARACTERS:
        return text
    problems.append("The message text is very long: only its beginning is shown here.")
    return text[:MAX_BODY_CHARACTERS]


# ---------------------------------------------------------------- HTML to plain text


class _TextFromHtml(HTMLParser):
    """Plain text from HTML, as a reader would see it: no scripts, styles or markup."""

    HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
    BLOCKS = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "header",
            "footer",
            "blockquote",
            "table",
            "tr",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "hr",
            "address",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden_depth = 0
        self.links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden_depth = 0  # a <head> left open must not hide the whole message
        elif tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "li":
            self.pieces.append("\n- ")
        elif tag in ("td", "th"):
            self.pieces.append(" ")
        elif tag in self.BLOCKS:
            self.pieces.append("\n\n")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if href.startswith(("http://", "https://")) else None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCKS:
            self.pieces.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            # A link's address is part of what the sender said ("the photos are here").
            if href and not self.hidden_depth:
                self.pieces.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            # Runs of white space are one space in HTML; newlines come from the markup.
            self.pieces.append(_SPACES.sub(" ", data))

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.pieces).split("\n"))
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """The text of an HTML email. Parsing only: nothing in it is run, fetched or rendered."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    return clean_text(parser.text())


# ---------------------------------------------------------------- delivery reports (bounces)


def _delivery_report(
    message: EmailMessage, leaves: list[Message], from_address: str, subject: str, body: str
) -> DeliveryReport | None:
    try:
        is_dsn = (
            message.get_content_type() == "multipart/report"
            and (message.get_param("report-type") or "").lower() == "delivery-status"  # type: ignore[union-attr]
        )
    except Exception:  # a malformed Content-Type is not a report
        is_dsn = False
    if is_dsn:
        return _standard_report(leaves)
    return _older_report(leaves, from_address, subject, body)


def _standard_report(leaves: list[Message]) -> DeliveryReport:
    """RFC 3464: per-recipient fields in message/delivery-status, the original's headers after."""
    blocks: list[Any] = []
    original_ids: list[str] = []
    for part in leaves:
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            blocks.extend(_status_blocks(part))
        elif content_type == "message/rfc822":
            original_ids.extend(_ids_in_headers(_inner_headers(part)))
        elif content_type == "text/rfc822-headers":
            original_ids.extend(_ids_in_headers(_text_of(part)))
    failures: list[str] = []
    actions: set[str] = set()
    # The first block is about the report itself; each later one names a recipient and its
    # Action: failed, delayed, delivered, relayed or expanded.
    for block in blocks:
        action = " ".join(str(block.get("Action", "")).split()).lower()
        if not action:
            continue
        actions.add(action)
        if action == "failed":
            status = _one_line(str(block.get("Status", "")))
            diagnostic = _one_line(str(block.get("Diagnostic-Code", "")))
            failures.append(" ".join(part for part in (status, diagnostic) if part))
    if "failed" in actions:
        outcome = ReportOutcome.FAILED
    elif actions:
        outcome = ReportOutcome.NO_ACTION
    else:
        outcome = ReportOutcome.UNCLEAR
    reason = "; ".join(failures) or "The receiving mail server could not deliver the email."
    return DeliveryReport(
        original_message_ids=tuple(dict.fromkeys(original_ids)),
        outcome=outcome,
        reason=reason[:1000],
    )


def _status_blocks(part: Message) -> list[Any]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    # Some servers send the fields as one text: blocks of headers, separated by blank lines.
    text = clean_text(str(payload))
    return [HeaderParser().parsestr(chunk) for chunk in re.split(r"\n\s*\n", text) if chunk]


def _inner_headers(part: Message) -> str:
    try:
        inner = part.get_payload(0)
        return "".join(f"{name}: {value}\n" for name, value in inner.items())  # type: ignore[union-attr]
    except Exception:  # an attached message that cannot be read
        return ""


def _ids_in_headers(headers: str) -> list[str]:
    return _ORIGINAL_MESSAGE_ID.findall(headers)


def _older_report(
    leaves: list[Message], from_address: str, subject: str, body: str
) -> DeliveryReport | None:
    """Servers that send a plain message instead (qmail, old Exim): it must come from the
    mail system, and quote the returned email's Message-ID."""
    local_part = from_address.split("@", 1)[0].lower()
    if local_part not in _BOUNCE_SENDERS and not _BOUNCE_SUBJECT.search(subject):
        return None
    quoted = body + "\n" + "\n".join(_quoted_text(part) for part in leaves)
    original_ids = _ORIGINAL_MESSAGE_ID.findall(quoted)
    if not original_ids:
        return None
    # The line with the server's reply code (550, 5.1.1) says why; else the first line.
    explanation = next(
        (line.strip() for line in body.splitlines() if _REPLY_CODE.search(line)), ""
    ) or next((line.strip() for line in body.splitlines() if line.strip()), "")
    return DeliveryReport(
        original_message_ids=tuple(dict.fromkeys(original_ids)),
        outcome=ReportOutcome.FAILED,
        reason=(explanation or "The receiving mail server returned the email.")[:1000],
    )


def _quoted_text(part: Message) -> str:
    if part.get_content_type() == "message/rfc822":
        return _inner_headers(part)
    if part.get_content_maintype() == "text":
        return _text_of(part)
    return ""
