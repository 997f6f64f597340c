"""Attachments: references to files, checked by their content, never kept here.

The host stores the bytes (object storage, a database); a submission keeps the file's name, its
content type, size and SHA-256 digest (FIPS 180-4), so the digest can be signed with the answers
and the stored file checked against it later.

>>> ref = AttachmentRef.from_bytes("住民票.pdf", "application/pdf", b"%PDF-1.7 ...")
>>> ref.size, ref.sha256[:16]
(12, 'cd98c5bce101ab55')
>>> ref.matches(b"%PDF-1.7 ...")
True

**Checked by content.** :func:`check_attachment` decides the type from the file's leading bytes
(its "magic number"), never from its name or the content type the browser declared, and applies
a form's :class:`AttachmentPolicy` (count, per-file size, total size, allowed types):

==========  ==================================================  ==========================
type        leading bytes                                       source
==========  ==================================================  ==========================
``pdf``     ``%PDF-``                                           ISO 32000-2 section 7.5.2
``jpeg``    ``FF D8 FF`` (SOI, then a marker)                   ITU-T T.81 annex B
``png``     ``89 50 4E 47 0D 0A 1A 0A``                         ISO/IEC 15948 section 5.2
``heic``    an ``ftyp`` box at offset 4 whose major brand is    ISO/IEC 14496-12 4.3,
            ``heic``, ``heix``, ``mif1`` or ``msf1``            ISO/IEC 23008-12 annex B
==========  ==================================================  ==========================

The check is strict on purpose: a PDF with bytes before ``%PDF-`` (which some readers tolerate)
is refused, and so is an ``ftyp`` box whose declared size is under 16 bytes or beyond the file.
A host's virus scanner plugs in as a :class:`VirusScanner`; its verdict is recorded on the
reference (:class:`ScanRecord`) and an infected file is refused.

>>> policy = AttachmentPolicy(allowed_types=("pdf",), max_file_size=1024)
>>> check_attachment("委任状.pdf", b"%PDF-1.7 ...", policy=policy).content_type
'application/pdf'
>>> check_attachment("photo.pdf", b"\\x89PNG\\r\\n\\x1a\\n....", policy=policy)
Traceback (most recent call last):
govforms.errors.FieldError: [attachment.type_not_allowed] Files of type png cannot be ...
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import hmac
from collections.abc import Sequence
from typing import Annotated, Final, Literal, Protocol, TypeAlias, runtime_checkable

import attrs
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, StrictInt

from govforms.errors import ConfigurationError, FieldError

__all__ = [
    "SIGNED_ATTACHMENT_FIELDS",
    "AttachmentPolicy",
    "AttachmentRef",
    "FileType",
    "ScanRecord",
    "ScanVerdict",
    "VirusScanner",
    "check_attachment",
    "check_attachments",
    "sniff_file_type",
]

#: 2 GiB: larger than anything a municipal form accepts.
_MAX_SIZE = 2**31
#: The fields of a reference that are signed (and that file answers keep).
SIGNED_ATTACHMENT_FIELDS: Final = frozenset({"name", "content_type", "size", "sha256"})


class FileType(enum.StrEnum):
    """A file type recognised by its leading bytes."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"

    @property
    def media_type(self) -> str:
        """The media type recorded for files of this type."""
        return _MEDIA_TYPES[self]


_MEDIA_TYPES: Final = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
    FileType.HEIC: "image/heic",
}
_PNG: Final = b"\x89PNG\r\n\x1a\n"
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"mif1", b"msf1"})


def sniff_file_type(data: bytes) -> FileType:
    """The type of ``data`` from its leading bytes (see the module table):
    ``attachment.empty`` for no bytes, ``attachment.type_unknown`` for anything else.

    >>> sniff_file_type(b"\\xff\\xd8\\xff\\xe0rest")
    <FileType.JPEG: 'jpeg'>
    >>> sniff_file_type(b"\\x00\\x00\\x00\\x18ftypheic\\x00\\x00\\x00\\x00mif1heic")
    <FileType.HEIC: 'heic'>
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise FieldError("field.type", expected="bytes", actual=type(data).__name__)
    head = bytes(data[:32])
    if not head:
        raise FieldError("attachment.empty")
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith(_PNG):
        return FileType.PNG
    if len(head) >= 16 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        box_size = int.from_bytes(head[:4], "big")
        if 16 <= box_size <= len(data):
            return FileType.HEIC
    raise FieldError("attachment.type_unknown")


class ScanRecord(BaseModel):
    """A virus scanner's verdict on one file, as recorded on its reference."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Literal["clean", "infected", "error"]
    engine: Annotated[str, Field(min_length=1, max_length=200)]
    threat: Annotated[str, Field(max_length=200)] | None = None
    scanned_at: AwareDatetime


@attrs.frozen(slots=True)
class ScanVerdict:
    """What a :class:`VirusScanner` returns: ``verdict``, the scanner's name and version as
    ``engine``, and the threat's name when one was found."""

    verdict: Literal["clean", "infected", "error"]
    engine: str
    threat: str | None = None


@runtime_checkable
class VirusScanner(Protocol):
    """Implemented by the host: scan ``data`` (ClamAV, a cloud scanning API...)."""

    def scan(self, data: bytes) -> ScanVerdict: ...


class AttachmentRef(BaseModel):
    """A file by reference: ``name``, ``content_type``, ``size`` (bytes), ``sha256`` (hex) and,
    when a scanner looked at it, its ``scan`` record.

    ``name`` is a display name: path separators and control characters are refused, so it cannot
    be used to address another file. Only the first four fields are signed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    name: Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^/\\\x00-\x1f\x7f]+$")]
    content_type: Annotated[
        str,
        Field(max_length=127, pattern=r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$"),
    ]
    size: Annotated[StrictInt, Field(ge=0, le=_MAX_SIZE)]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    scan: ScanRecord | None = None

    @classmethod
    def from_bytes(cls, name: str, content_type: str, data: bytes) -> AttachmentRef:
        """The reference for ``data``: its size and SHA-256 computed here (the content type is
        taken as given; :func:`check_attachment` decides it from the content instead)."""
        return cls(
            name=name,
            content_type=content_type.lower(),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )

    def matches(self, data: bytes) -> bool:
        """Whether ``data`` is the file this reference describes (size and digest)."""
        digest = hashlib.sha256(data).hexdigest()
        return len(data) == self.size and hmac.compare_digest(digest, self.sha256)

    def signed_fields(self) -> dict[str, str | int]:
        """The fields that are signed: name, content type, size and SHA-256."""
        return {
            "name": self.name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


FileTypeName: TypeAlias = Literal["pdf", "jpeg", "png", "heic"]
_MiB: Final = 1024 * 1024


class AttachmentPolicy(BaseModel):
    """A form's limits on attachments (``"attachments"`` in a form definition): at most
    ``max_count`` files of ``max_file_size`` bytes each and ``max_total_size`` together, of the
    ``allowed_types``; with ``require_scan`` every file must carry a clean scan record."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_count: Annotated[StrictInt, Field(ge=0, le=1000)] = 10
    max_file_size: Annotated[StrictInt, Field(ge=1, le=_MAX_SIZE)] = 10 * _MiB
    max_total_size: Annotated[StrictInt, Field(ge=1, le=_MAX_SIZE)] = 50 * _MiB
    allowed_types: Annotated[tuple[FileTypeName, ...], Field(min_length=1)] = (
        "pdf",
        "jpeg",
        "png",
        "heic",
    )
    require_scan: StrictBool = False

    def media_types(self) -> list[str]:
        """The media types of the allowed types."""
        return [FileType(t).media_type for t in self.allowed_types]


def check_attachment(
    name: str,
    data: bytes,
    *,
    policy: AttachmentPolicy,
    scanner: VirusScanner | None = None,
    now: datetime.datetime | None = None,
) -> AttachmentRef:
    """The reference of one uploaded file, checked against ``policy``: ``attachment.empty``,
    ``attachment.too_large``, ``attachment.type_unknown``, ``attachment.type_not_allowed``;
    with a ``scanner`` (and ``now``, the time recorded), ``attachment.infected`` or
    ``attachment.scan_failed``; ``attachment.scanner_required`` when the policy requires a scan
    and no scanner is given. The content type is the sniffed one; a declared type is not used.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise FieldError("field.type", expected="bytes", actual=type(data).__name__)
    # The size limit holds before anything is copied, sniffed, scanned or hashed.
    size = data.nbytes if isinstance(data, memoryview) else len(data)
    if size > policy.max_file_size:
        raise FieldError("attachment.too_large", max_size=policy.max_file_size, size=size)
    data = bytes(data)
    kind = sniff_file_type(data)
    if kind.value not in policy.allowed_types:
        raise FieldError(
            "attachment.type_not_allowed", type=kind.value, allowed=list(policy.allowed_types)
        )
    record = None
    if scanner is not None:
        if now is None or now.tzinfo is None:
            raise ConfigurationError("config.invalid_option", option="now", value="missing")
        record = _scan(scanner, data, now)
    elif policy.require_scan:
        raise ConfigurationError("attachment.scanner_required")
    ref = AttachmentRef.from_bytes(name, kind.media_type, data)
    return ref.model_copy(update={"scan": record}) if record is not None else ref


def _scan(scanner: VirusScanner, data: bytes, now: datetime.datetime) -> ScanRecord:
    try:
        verdict = scanner.scan(data)
        record = ScanRecord(
            verdict=verdict.verdict,
            engine=verdict.engine,
            threat=verdict.threat,
            scanned_at=now,
        )
    except Exception:
        # Fail closed: a scanner that breaks is a file not known to be clean.
        raise FieldError("attachment.scan_failed", engine="") from None
    if record.verdict == "infected":
        raise FieldError(
            "attachment.infected", engine=record.engine, threat=record.threat or "unknown"
        )
    if record.verdict != "clean":
        raise FieldError("attachment.scan_failed", engine=record.engine)
    return record


def check_attachments(refs: Sequence[AttachmentRef], policy: AttachmentPolicy) -> None:
    """Check a submission's references together: ``attachment.too_many``,
    ``attachment.total_too_large``, and for each file ``attachment.too_large``,
    ``attachment.type_not_allowed`` (by its recorded, sniffed type) and, when the policy requires
    a scan, ``attachment.not_scanned``."""
    if len(refs) > policy.max_count:
        raise FieldError("attachment.too_many", max_count=policy.max_count, count=len(refs))
    total = sum(ref.size for ref in refs)
    if total > policy.max_total_size:
        raise FieldError(
            "attachment.total_too_large", max_total_size=policy.max_total_size, size=total
        )
    allowed = {FileType(t).media_type: t for t in policy.allowed_types}
    for ref in refs:
        if ref.size > policy.max_file_size:
            raise FieldError("attachment.too_large", max_size=policy.max_file_size, size=ref.size)
        if ref.content_type not in allowed:
            raise FieldError(
                "attachment.type_not_allowed",
                type=ref.content_type,
                allowed=list(policy.allowed_types),
            )
        if policy.require_scan and (ref.scan is None or ref.scan.verdict != "clean"):
            raise FieldError("attachment.not_scanned")
