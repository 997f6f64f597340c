"""Adversarial review of govforms.submissions, continued: exports (formula injection, cp932,
My Numbers and the digests that commit to them), attachments checked by content, retention.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest

from govforms.fields import MyNumber
from govforms.submissions import (
    AttachmentPolicy,
    Contact,
    Envelope,
    FormDefinition,
    Person,
    ScanVerdict,
    Submission,
    apply_retention,
    check_attachment,
    export_csv,
    export_jsonl,
    iter_csv_rows,
    neutralise_formula,
    return_for_correction,
    set_envelope,
    submit_correction,
)
from tests.conftest import raises_code
from tests.submissions.conftest import NOW, raw_answers

MY_NUMBER = "123456789018"


def _form(my_number_type: str = "my_number", version: int = 1, **extra: Any) -> FormDefinition:
    return FormDefinition.from_dict(
        {
            "id": "review",
            "version": version,
            "title": {"ja": "審査", "en": "Review"},
            "fields": [
                {"name": "name", "type": "name", "label": {"ja": "氏名", "en": "Name"}},
                {"name": "note", "type": "text", "label": {"ja": "備考", "en": "Note"}},
                {"name": "zip", "type": "postal_code", "label": {"ja": "郵便", "en": "Zip"}},
                {"name": "mn", "type": my_number_type, "label": {"ja": "番号", "en": "No."}},
                {"name": "n", "type": "number", "label": {"ja": "数", "en": "N"}},
            ],
            **extra,
        }
    )


def _submitted(form: FormDefinition, **answers: Any) -> Submission:
    values = {"name": "山田 太郎", "note": "よろしく", "zip": "1000013", "mn": MY_NUMBER, "n": 2}
    values.update(answers)
    sub = Submission.create(
        form,
        form.validate(values),
        actor="r",
        now=NOW,
        receipt_numbers=lambda *, now: "R0001",
        new_id=lambda: "s1",
    )
    return sub.transition("submitted", actor="r", role="resident", now=NOW)


# --- (5) CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [" =1+1", "\u3000=1+1", "\u00a0=1", "\n=1", "\r\n@SUM(A1)", "\u200b=1", "\ufeff+1", "  －1"],
)
def test_white_space_before_a_formula_does_not_hide_it(text: str) -> None:
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("text", [" 1", "\u3000山田", "a =1", "1=1", "\n", "０１２"])
def test_text_that_is_not_a_formula_is_kept(text: str) -> None:
    assert neutralise_formula(text) == text


def test_every_text_cell_is_neutralised_even_from_tampered_data() -> None:
    form = _form()
    sub = _submitted(form)
    data = json.loads(sub.to_json(reveal_my_number=True))
    # Stored values are not validated again when loaded: a postal code and a payment status.
    data["answers"]["values"]["zip"] = "=1+2+34"
    data["answers"]["values"]["note"] = "\u3000=HYPERLINK(1)"  # validation would strip it
    data["payment"] = {
        "payment_id": "p1",
        "method": "card",
        "status": "=cmd|' /C calc'!A0",
        "amount": 0,
        "reference": "R0001",
        "recorded_at": NOW.isoformat(),
    }
    tampered = Submission.model_validate(data)
    (row,) = iter_csv_rows([tampered], form)
    for cell in row:
        rest = cell.lstrip(" \u3000\u00a0\n")
        assert not rest or rest[0] not in "=+-@＝＋－＠" or cell.startswith("'"), cell
    assert "'\u3000=HYPERLINK(1)" in row and "'=cmd|' /C calc'!A0" in row
    assert row[-1] == "2"  # a number answer is written as the number


def test_a_cp932_header_is_never_replaced_silently() -> None:
    base = _form().model_dump(by_alias=True, exclude_none=True)
    base["fields"][1]["label"]["ja"] = "差\u2212引"  # U+2212: cp932 reads it back as U+FF0D
    form = FormDefinition.from_dict(base)
    sub = _submitted(form)
    with raises_code("export.unencodable", encoding="cp932", count=1):
        export_csv([sub], form, io.BytesIO(), encoding="cp932")
    out = io.BytesIO()
    report = export_csv([sub], form, out, encoding="cp932", on_unencodable="substitute")
    assert [cell.describe() for cell in report.substituted] == ["row 0 (header) note: U+2212"]
    assert "差〓引" in out.getvalue().decode("cp932")
    base["fields"][0]["label"]["ja"] = "\U00020bb7"  # 𠮷: not in cp932 at all
    with raises_code("export.unencodable", encoding="cp932", count=2):
        export_csv([sub], FormDefinition.from_dict(base), io.BytesIO(), encoding="cp932")


def test_a_my_number_of_another_form_version_is_not_revealed() -> None:
    # Version 1 asked for a My Number under "mn"; version 2 uses "mn" for text.
    old = _submitted(_form())
    newer = _form(my_number_type="text", version=2)
    out = io.BytesIO()
    export_csv([old], newer, out, header="name")
    text = out.getvalue().decode("utf-8-sig")
    assert MY_NUMBER not in text
    header, row = csv.reader(io.StringIO(text))
    assert row[header.index("mn")] == MyNumber.MASK
    out = io.BytesIO()
    export_csv([old], newer, out, include_my_number=True)
    assert MY_NUMBER in out.getvalue().decode("utf-8-sig")


# --- (5) JSON Lines ------------------------------------------------------------------------------


def test_jsonl_withholds_every_commitment_after_corrections_and_messages() -> None:
    form = _form()
    sub = _submitted(form)
    sub = sub.transition("accepted", actor="s", role="staff", now=NOW)
    sub = return_for_correction(sub, form, {"note": "書き直して ください"}, actor="s", now=NOW)
    sub = submit_correction(sub, form, {"note": "直しました"}, actor="r", now=NOW)
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = sub.post_message("番号は 1234 です", sender="r", sender_role="resident", now=NOW)
    assert sub.versions and sub.corrections
    out = io.BytesIO()
    export_jsonl([sub], out)
    line = out.getvalue().decode("utf-8")
    assert MY_NUMBER not in line
    digests = {e.payload_digest for e in sub.history if e.payload_digest}
    digests |= {v.payload_digest for v in sub.versions if v.payload_digest}
    digests |= {e.entry_hash for e in sub.history}
    assert digests and not any(d in line for d in digests)
    data = json.loads(line)
    assert data["evidence_withheld"] == "my_number" and data["signature"] is None
    assert all(v["payload_digest"] is None for v in data["versions"])


# --- (4) attachments -----------------------------------------------------------------------------


class _Scanner:
    def __init__(self) -> None:
        self.seen: list[bytes] = []

    def scan(self, data: bytes) -> ScanVerdict:
        self.seen.append(data)
        return ScanVerdict(verdict="clean", engine="test 1")


def test_polyglots_follow_the_documented_policy() -> None:
    policy = AttachmentPolicy(allowed_types=("pdf", "jpeg"), max_file_size=1024)
    # Bytes before %PDF- are refused, though some readers tolerate them.
    for junk in (b"<?php system($_GET[0]); ?>%PDF-1.7", b" %PDF-1.7", b"\xef\xbb\xbf%PDF-1.7"):
        with raises_code("attachment.type_unknown"):
            check_attachment("a.pdf", junk, policy=policy)
    # A JPEG with a script in a comment is a JPEG by its leading bytes: the type check is not a
    # content check, so every byte goes to the host's scanner (documented).
    scanner = _Scanner()
    data = b"\xff\xd8\xff\xfe\x00\x1e<?php system($_GET[0]); ?>\xff\xd9"
    ref = check_attachment("a.php", data, policy=policy, scanner=scanner, now=NOW)
    assert ref.content_type == "image/jpeg" and scanner.seen == [data]


def test_limits_hold_before_scanning_or_hashing() -> None:
    policy = AttachmentPolicy(max_file_size=16, max_count=1, max_total_size=20)
    scanner = _Scanner()
    big = memoryview(b"%PDF-" + b"x" * 100)
    with raises_code("attachment.too_large", max_size=16, size=105):
        check_attachment("a.pdf", big, policy=policy, scanner=scanner, now=NOW)
    assert scanner.seen == []
    wide = memoryview(bytearray(b"%PDF-1.7" + b"\x00" * 12)).cast("I")  # 5 items, 20 bytes
    with raises_code("attachment.too_large", max_size=16, size=20):
        check_attachment("a.pdf", wide, policy=policy)


# --- (8) retention -------------------------------------------------------------------------------


def _retained(form: FormDefinition, **policy: Any) -> FormDefinition:
    data = form.model_dump(by_alias=True, exclude_none=True)
    return FormDefinition.from_dict(
        {**data, "requires_signature": False, "fee": None, "retention": policy}
    )


def test_retention_never_keeps_a_my_number(form: FormDefinition) -> None:
    kept = _retained(form, keep_days=0, keep_fields=["copies", "my_number"])
    sub = Submission.create(kept, kept.validate(raw_answers()), actor="r", now=NOW)
    sub = sub.transition("withdrawn", actor="r", role="resident", now=NOW)
    report = apply_retention([sub], now=NOW)
    (stripped,) = report.stripped
    assert "my_number" in report.removed[0].fields
    assert dict(stripped.answers) == {"copies": 2}
    assert not stripped.answers.my_number_paths
    assert MY_NUMBER not in stripped.to_json(reveal_my_number=True)


def test_strip_leaves_no_personal_data_anywhere(form: FormDefinition) -> None:
    kept = _retained(form, keep_days=30, keep_fields=["copies"])
    sub = Submission.create(kept, kept.validate(raw_answers()), actor="r", now=NOW)
    envelope = Envelope(
        recipient="千代田区長",
        date=NOW.date(),
        applicant=Person(name="代理 花子", birth_date=datetime.date(1970, 2, 3)),
        contact=Contact(phone="090-1111-2222", email="hanako@example.jp"),
    )
    sub = set_envelope(sub, kept, envelope, actor="r", now=NOW)
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = return_for_correction(
        sub, kept, {"address": "試験さんの 番地が ない"}, actor="s", now=NOW
    )
    sub = submit_correction(
        sub,
        kept,
        {"address": "東京都港区芝公園4-2-8"},
        replies={"address": "芝公園に 引っ越しました"},
        actor="r",
        now=NOW,
    )
    sub = sub.transition("submitted", actor="r", role="resident", now=NOW)
    sub = sub.post_message(
        "試験 太郎です。電話 090-1111-2222", sender="r", sender_role="resident", now=NOW
    )
    sub = sub.transition("rejected", actor="s", role="staff", now=NOW)
    assert not apply_retention([sub], now=NOW + datetime.timedelta(days=29)).stripped
    (stripped,) = apply_retention([sub], now=NOW + datetime.timedelta(days=30)).stripped
    text = stripped.to_json(reveal_my_number=True)
    # Whole values only: short digit runs also occur in the hex digests of the history.
    secrets = ("試験", "霞が関", "芝公園", MY_NUMBER, "代理", "1970-02-03", "090-1111", "hanako")
    for secret in secrets:
        assert secret not in text, secret
    assert stripped.versions == () and stripped.envelope is None
    assert json.loads(text)["answers"]["values"] == {"copies": 2}


@pytest.mark.parametrize(
    "steps",
    [
        (),
        (("submitted", "resident"),),
        (("submitted", "resident"), ("accepted", "staff")),
        (("submitted", "resident"), ("accepted", "staff"), ("in_review", "staff")),
        (("submitted", "resident"), ("returned", "staff")),
        (
            ("submitted", "resident"),
            ("accepted", "staff"),
            ("in_review", "staff"),
            ("approved", "staff"),
        ),
    ],
)
def test_retention_never_touches_an_unfinished_submission(
    form: FormDefinition, steps: tuple[tuple[str, str], ...]
) -> None:
    kept = _retained(form, keep_days=0, action="delete")
    sub = Submission.create(kept, kept.validate(raw_answers()), actor="r", now=NOW)
    for status, role in steps:
        sub = sub.transition(status, actor=role, role=role, now=NOW)  # type: ignore[arg-type]
    report = apply_retention([sub], now=NOW + datetime.timedelta(days=36_500))
    assert report.kept == (sub,) and not report.removed and not report.deleted
