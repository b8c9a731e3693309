"""Documents and photos a resident sends: what kinds are accepted, judged by what the file
contains rather than what it is called (an executable renamed ``photo.jpg`` is refused), and
how big they may be. Files wait in storage under opaque names until the complaint is sent."""

from __future__ import annotations

import datetime
import io
import uuid
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from putright.complaints.services import UploadedDocument

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
# A request bigger than this is refused before its files are read.
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024
PENDING_FOLDER = "resident-uploads"
# A file waiting longer than this belongs to a complaint that was never sent: it is deleted.
PENDING_LIFETIME = datetime.timedelta(days=1)
ACCEPTED_DESCRIPTION = "JPG, PNG, GIF, WEBP, HEIC, PDF or Word (DOCX)"


class UploadRefused(ValueError):
    """A file the resident service will not accept; the message says why, in plain words."""


def sniff_content_type(content: bytes) -> str | None:
    """The type the file's own bytes say it is, among those accepted; None for anything else."""
    head = content[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:8] == b"ftyp" and content[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "image/heic"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04") and _is_word_document(content):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


def _is_word_document(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def document_accept(upload: UploadedFile) -> UploadedDocument:
    """The upload as a document to store, or ``UploadRefused`` saying what is wrong with it."""
    name = (upload.name or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise UploadRefused(
            _("%(name)s must be smaller than %(size)s MB")
            % {"name": name, "size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    content = upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise UploadRefused(
            _("%(name)s must be smaller than %(size)s MB")
            % {"name": name, "size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not content:
        raise UploadRefused(_("%(name)s is empty") % {"name": name})
    content_type = sniff_content_type(content)
    if content_type is None:
        raise UploadRefused(
            _("%(name)s must be a %(kinds)s file") % {"name": name, "kinds": ACCEPTED_DESCRIPTION}
        )
    return UploadedDocument(name=name, content_type=content_type, content=content)


@dataclass(frozen=True)
class PendingDocument:
    """A document waiting in storage until the complaint is sent; kept in the session."""

    key: str
    name: str
    content_type: str
    size: int

    def as_session(self) -> dict[str, str | int]:
        return {
            "key": self.key,
            "name": self.name,
            "content_type": self.content_type,
            "size": self.size,
        }

    @classmethod
    def from_session(cls, data: dict[str, str | int]) -> PendingDocument:
        return cls(
            key=str(data["key"]),
            name=str(data["name"]),
            content_type=str(data["content_type"]),
            size=int(data["size"]),
        )


class PendingDocumentGone(LookupError):
    """A document kept for a complaint not yet sent was deleted for waiting too long."""

    def __init__(self, pending: PendingDocument) -> None:
        super().__init__(pending.name)
        self.pending = pending


def pending_documents_sweep() -> int:
    """Delete files that have waited longer than ``PENDING_LIFETIME``; how many were deleted."""
    if not default_storage.exists(PENDING_FOLDER):
        return 0
    cutoff = timezone.now() - PENDING_LIFETIME
    deleted = 0
    for name in default_storage.listdir(PENDING_FOLDER)[1]:
        key = f"{PENDING_FOLDER}/{name}"
        if default_storage.get_modified_time(key) < cutoff:
            default_storage.delete(key)
            deleted += 1
    return deleted


def pending_document_keep(document: UploadedDocument) -> PendingDocument:
    # Each new file clears out the ones abandoned before it, so none are kept for long.
    pending_documents_sweep()
    key = f"{PENDING_FOLDER}/{uuid.uuid4().hex}"
    default_storage.save(key, ContentFile(document.content))
    return PendingDocument(
        key=key, name=document.name, content_type=document.content_type, size=len(document.content)
    )


def pending_document_read(pending: PendingDocument) -> UploadedDocument:
    if not default_storage.exists(pending.key):
        raise PendingDocumentGone(pending)
    with default_storage.open(pending.key, "rb") as stored:
        return UploadedDocument(
            name=pending.name, content_type=pending.content_type, content=stored.read()
        )


def pending_document_discard(pending: PendingDocument) -> None:
    if pending.key.startswith(f"{PENDING_FOLDER}/"):
        default_storage.delete(pending.key)
