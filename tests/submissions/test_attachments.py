"""Attachments checked by content: the sniffer, per-form limits, the virus-scanner hook."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govforms.errors import GovFormsError
from govforms.submissions import (
    AttachmentPolicy,
    AttachmentRef,
    FileType,
    FormDefinition,
    ScanVerdict,
    Submission,
    check_attachment,
    check_attachments,
    sniff_file_type,
)
from tests.conftest import check_error, raises_code

NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def heif(brand: bytes, size: int = 24) -> bytes:
    return size.to_bytes(4, "big") + b"ftyp" + brand + b"\x00\x00\x00\x00mif1heic"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, FileType.PDF),
        (b"%PDF-", FileType.PDF),
        (JPEG, FileType.JPEG),
        (b"\xff\xd8\xff", FileType.JPEG),
        (PNG, FileType.PNG),
        (heif(b"heic"), FileType.HEIC),
        (heif(b"heix"), FileType.HEIC),
        (heif(b"mif1"), FileType.HEIC),
        (heif(b"msf1"), FileType.HEIC),
        (bytearray(PDF), FileType.PDF),
        (memoryview(PNG), FileType.PNG),
    ],
)
def test_sniffs_by_leading_bytes(data: bytes, kind: FileType) -> None:
    assert sniff_file_type(data) is kind


@pytest.mark.parametrize(
    "data",
    [
        b" %PDF-1.7",  # bytes before the header
        b"%PDF",  # incomplete
        b"\xff\xd8",  # SOI without a marker
        b"\x89PNG\r\n\x1a",  # signature cut short
        b"\x89PNG\n\r\x1a\n",  # line ends swapped (what a text-mode transfer does)
        heif(b"avif"),  # AVIF is HEIF, but not HEIC
        heif(b"heic", size=8),  # ftyp box smaller than its own header
        heif(b"heic", size=4096),  # ftyp box longer than the file
        b"\x00\x00\x00\x18ftyphei",  # too short for a brand
        b"GIF89a",
        b"PK\x03\x04",  # a ZIP (or .docx)
        b"MZ\x90\x00",  # a Windows executable
        b"<html>",
    ],
)
def test_other_content_is_unknown(data: bytes) -> None:
    with raises_code("attachment.type_unknown"):
        sniff_file_type(data)


def test_empty_and_wrong_types() -> None:
    with raises_code("attachment.empty"):
        sniff_file_type(b"")
    with raises_code("field.type", expected="bytes", actual="str"):
        sniff_file_type("%PDF-1.7")  # type: ignore[arg-type]


@given(st.binary(max_size=64))
def test_any_bytes_give_a_type_or_a_coded_error(data: bytes) -> None:
    outcome: str
    try:
        outcome = sniff_file_type(data)
    except GovFormsError as error:
        check_error(error, error.code)
        outcome = error.code
    assert outcome in {*FileType, "attachment.empty", "attachment.type_unknown"}


@given(
    st.sampled_from([(PDF, FileType.PDF), (JPEG, FileType.JPEG), (PNG, FileType.PNG)]),
    st.binary(max_size=64),
)
def test_whatever_follows_the_magic_number_does_not_matter(
    sample: tuple[bytes, FileType], tail: bytes
) -> None:
    head, kind = sample
    assert sniff_file_type(head + tail) is kind


class Scanner:
    def __init__(self, verdict: ScanVerdict | Exception) -> None:
        self.verdict = verdict
        self.seen: list[bytes] = []

    def scan(self, data: bytes) -> ScanVerdict:
        self.seen.append(data)
        if isinstance(self.verdict, Exception):
            raise self.verdict
        return self.verdict


def test_check_attachment_records_sniffed_type_digest_and_verdict() -> None:
    scanner = Scanner(ScanVerdict("clean", "clamav 1.4"))
    ref = check_attachment("写真.pdf", JPEG, policy=AttachmentPolicy(), scanner=scanner, now=NOW)
    assert ref.content_type == "image/jpeg" and ref.name == "写真.pdf"
    assert ref.sha256 == hashlib.sha256(JPEG).hexdigest() and ref.size == len(JPEG)
    assert ref.scan is not None and ref.scan.verdict == "clean" and ref.scan.scanned_at == NOW
    assert scanner.seen == [JPEG]
    assert ref.signed_fields() == {
        "name": "写真.pdf",
        "content_type": "image/jpeg",
        "size": len(JPEG),
        "sha256": ref.sha256,
    }
    assert AttachmentRef.model_validate_json(ref.model_dump_json()) == ref
    unscanned = check_attachment("x.heic", heif(b"heic"), policy=AttachmentPolicy())
    assert unscanned.scan is None and unscanned.content_type == "image/heic"


def test_check_attachment_refusals() -> None:
    pdf_only = AttachmentPolicy(allowed_types=("pdf",), max_file_size=20)
    with raises_code("attachment.empty"):
        check_attachment("a.pdf", b"", policy=pdf_only)
    with raises_code("attachment.too_large", max_size=20, size=21):
        check_attachment("a.pdf", b"%PDF-" + b"x" * 16, policy=pdf_only)
    with raises_code("attachment.type_not_allowed", type="png", allowed=["pdf"]):
        check_attachment("a.pdf", PNG, policy=pdf_only)
    with raises_code("attachment.type_unknown"):
        check_attachment("a.pdf", b"MZ", policy=pdf_only)
    with raises_code("field.type", expected="bytes", actual="str"):
        check_attachment("a.pdf", "%PDF-", policy=pdf_only)  # type: ignore[arg-type]
    with raises_code("attachment.scanner_required"):
        check_attachment("a.pdf", PDF, policy=AttachmentPolicy(require_scan=True))
    with raises_code("config.invalid_option", option="now", value="missing"):
        check_attachment("a.pdf", PDF, policy=pdf_only, scanner=Scanner(ScanVerdict("clean", "x")))


@pytest.mark.parametrize(
    ("verdict", "code", "params"),
    [
        (
            ScanVerdict("infected", "clamav", "Eicar-Test-Signature"),
            "attachment.infected",
            {"engine": "clamav", "threat": "Eicar-Test-Signature"},
        ),
        (ScanVerdict("infected", "clamav"), "attachment.infected", {"threat": "unknown"}),
        (ScanVerdict("error", "clamav"), "attachment.scan_failed", {"engine": "clamav"}),
        (OSError("socket closed"), "attachment.scan_failed", {"engine": ""}),
        (ScanVerdict("clean", ""), "attachment.scan_failed", {"engine": ""}),
    ],
)
def test_scanner_verdicts_that_refuse(
    verdict: ScanVerdict | Exception, code: str, params: dict[str, str]
) -> None:
    with raises_code(code, **params):
        check_attachment("a.pdf", PDF, policy=AttachmentPolicy(), scanner=Scanner(verdict), now=NOW)


def _ref(data: bytes, name: str = "f") -> AttachmentRef:
    return check_attachment(name, data, policy=AttachmentPolicy())


def test_check_attachments_together() -> None:
    policy = AttachmentPolicy(max_count=2, max_file_size=30, max_total_size=40)
    check_attachments([_ref(PDF), _ref(PNG)], policy)
    with raises_code("attachment.too_many", max_count=2, count=3):
        check_attachments([_ref(PDF), _ref(PNG), _ref(JPEG)], policy)
    big = _ref(b"%PDF-" + b"x" * 25)
    with raises_code("attachment.total_too_large", max_total_size=40, size=30 + len(PDF)):
        check_attachments([big, _ref(PDF)], policy)
    with raises_code("attachment.too_large", max_size=10, size=30):
        check_attachments([big], AttachmentPolicy(max_file_size=10))
    declared = AttachmentRef.from_bytes("a.exe", "application/x-msdownload", b"MZ")
    with raises_code("attachment.type_not_allowed", type="application/x-msdownload"):
        check_attachments([declared], policy)
    with raises_code("attachment.not_scanned"):
        check_attachments([_ref(PDF)], AttachmentPolicy(require_scan=True))


def test_a_form_applies_its_policy_when_a_submission_is_created() -> None:
    form = FormDefinition.from_dict(
        {
            "id": "photo",
            "version": 1,
            "title": {"ja": "写真", "en": "Photo"},
            "fields": [{"name": "note", "type": "text", "label": {"ja": "備考", "en": "Note"}}],
            "attachments": {"max_count": 1, "allowed_types": ["jpeg", "heic"]},
        }
    )
    answers = form.validate({})
    ok = Submission.create(form, answers, actor="r", now=NOW, attachments=[_ref(JPEG)])
    assert ok.attachments[0].content_type == "image/jpeg"
    with raises_code("attachment.type_not_allowed", type="application/pdf"):
        Submission.create(form, answers, actor="r", now=NOW, attachments=[_ref(PDF)])
    with raises_code("attachment.too_many", max_count=1, count=2):
        ok.amend(form, answers, actor="r", now=NOW, attachments=[_ref(JPEG), _ref(JPEG)])
