"""Exports: streaming CSV (UTF-8 with BOM, cp932 with reported characters), JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from govforms.errors import GovFormsError
from govforms.submissions import (
    AttachmentRef,
    FormDefinition,
    Submission,
    csv_header,
    export_csv,
    export_jsonl,
    iter_csv_rows,
    neutralise_formula,
)
from tests.conftest import check_error, raises_code
from tests.submissions.conftest import NOW

FORM = FormDefinition.from_dict(
    {
        "id": "export-test",
        "version": 1,
        "title": {"ja": "出力試験", "en": "Export test"},
        "fields": [
            {
                "name": "name",
                "type": "name",
                "required": True,
                "label": {"ja": "氏名", "en": "Name"},
            },
            {"name": "note", "type": "text", "label": {"ja": "備考", "en": "Note"}},
            {"name": "phone", "type": "phone", "label": {"ja": "電話番号", "en": "Phone"}},
            {"name": "mn", "type": "my_number", "label": {"ja": "個人番号", "en": "My Number"}},
            {
                "name": "topics",
                "type": "multi_choice",
                "choices": ["a", "b"],
                "label": {"ja": "項目", "en": "Topics"},
            },
            {"name": "agree", "type": "consent", "label": {"ja": "同意", "en": "Agree"}},
            {"name": "doc", "type": "file", "label": {"ja": "書類", "en": "Document"}},
            {
                "name": "kids",
                "type": "group",
                "label": {"ja": "子", "en": "Children"},
                "fields": [
                    {"name": "n", "type": "name", "label": {"ja": "氏名", "en": "Name"}},
                    {"name": "m", "type": "my_number", "label": {"ja": "番号", "en": "No."}},
                ],
            },
            {"name": "count", "type": "number", "label": {"ja": "数", "en": "Count"}},
        ],
    }
)
DOC = AttachmentRef.from_bytes("=evil.pdf", "application/pdf", b"%PDF").model_dump()


def _submission(serial: int, **answers: Any) -> Submission:
    values = {
        "name": "山田 太郎",
        "note": "よろしく",
        "phone": "03-1234-5678",
        "mn": "123456789018",
        "topics": ["b", "a"],
        "agree": True,
        "doc": DOC,
        "kids": [{"n": "山田 花子", "m": "123456789018"}],
        "count": -2,
    }
    values.update(answers)
    sub = Submission.create(
        FORM,
        FORM.validate(values),
        actor="r",
        now=NOW,
        receipt_numbers=lambda *, now: f"R{serial:04d}",
        new_id=lambda: f"s{serial}",
    )
    return sub.transition("submitted", actor="r", role="resident", now=NOW)


def _read(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_utf8_csv() -> None:
    out = io.BytesIO()
    report = export_csv([_submission(1), _submission(2, note="=1+1")], FORM, out)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = _read(data)
    assert rows[0] == [
        "受付番号", "状態", "受付日時", "様式の版", "手数料", "支払状況",
        "氏名", "備考", "電話番号", "項目", "同意", "書類", "子", "数",
    ]  # fmt: skip
    assert rows[1][:6] == ["R0001", "submitted", "2026-11-27 10:00:00", "1", "0", ""]
    assert rows[1][6:] == [
        "山田 太郎",
        "よろしく",
        "03-1234-5678",
        "a; b",
        "true",
        "'=evil.pdf",
        '[{"n":"山田 花子","m":"************"}]',
        "-2",
    ]
    assert rows[2][7] == "'=1+1"
    assert "123456789018" not in data.decode("utf-8-sig")
    assert (report.rows, report.encoding, report.substituted) == (2, "utf-8-sig", ())


def test_my_numbers_only_when_asked() -> None:
    out = io.BytesIO()
    export_csv([_submission(1)], FORM, out, include_my_number=True, header="name", locale="en")
    rows = _read(out.getvalue())
    assert rows[0][:7] == [
        "receipt_number", "status", "submitted_at", "form_version", "fee", "payment_status", "name"
    ]  # fmt: skip
    assert rows[1][rows[0].index("mn")] == "123456789018"
    assert '"m":"123456789018"' in rows[1][rows[0].index("kids")]
    assert csv_header(FORM, locale="en")[6:8] == ["Name", "Note"]


def test_cp932_reports_and_refuses() -> None:
    subs = [
        _submission(1),
        _submission(2, name="森 鷗外"),  # 鷗 (U+9DD7) is JIS X 0213, not cp932
        _submission(3, note="10時〜12時"),  # U+301C would come back as U+FF5E
        _submission(4, note="髙橋"),  # IBM extension: cp932 has it
    ]
    out = io.BytesIO()
    with pytest.raises(GovFormsError) as info:
        export_csv(subs, FORM, out, encoding="cp932")
    check_error(info.value, "export.unencodable", encoding="cp932", count=2)
    assert info.value.params["cells"] == [
        "row 2 (R0002) name: U+9DD7",
        "row 3 (R0003) note: U+301C",
    ]
    rows = _read(out.getvalue(), "cp932")
    assert [row[0] for row in rows[1:]] == ["R0001", "R0004"]  # bad rows were not written
    assert rows[2][7] == "髙橋"


def test_cp932_substitution_is_reported() -> None:
    out = io.BytesIO()
    report = export_csv(
        [_submission(1, name="森 鷗外", note="〜")],
        FORM,
        out,
        encoding="cp932",
        on_unencodable="substitute",
    )
    rows = _read(out.getvalue(), "cp932")
    assert rows[1][6:8] == ["森 〓外", "〓"]
    assert [cell.describe() for cell in report.substituted] == [
        "row 1 (R0001) name: U+9DD7",
        "row 1 (R0001) note: U+301C",
    ]
    assert not out.getvalue().startswith(b"\xef\xbb\xbf")


def test_csv_streams() -> None:
    out = io.BytesIO()
    seen: list[int] = []

    def produce() -> Iterator[Submission]:
        for serial in range(1, 4):
            seen.append(out.getvalue().count(b"\r\n"))
            yield _submission(serial)

    export_csv(produce(), FORM, out)
    # Before each submission is produced, every earlier row has already been written.
    assert seen == [1, 2, 3]


def test_rows_iterator_and_errors() -> None:
    rows = list(iter_csv_rows([_submission(1)], FORM))
    assert rows[0][0] == "R0001" and len(rows[0]) == len(csv_header(FORM))
    other = FormDefinition.from_dict({**FORM.model_dump(by_alias=True), "id": "other"})
    sub = Submission.create(other, other.validate({"name": "山田 太郎"}), actor="r", now=NOW)
    with raises_code("export.form_mismatch", form_id="other"):
        export_csv([sub], FORM, io.BytesIO())
    with raises_code("export.unsupported_encoding", encoding="latin-1"):
        export_csv([], FORM, io.BytesIO(), encoding="latin-1")  # type: ignore[arg-type]
    masked = Submission.from_json(_submission(1).to_json())
    with raises_code("submission.my_number_withheld"):
        export_csv([masked], FORM, io.BytesIO(), include_my_number=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+81", "'+81"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1", "'＝1"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_formula(text: str, expected: str) -> None:
    assert neutralise_formula(text) == expected


def test_jsonl() -> None:
    out = io.BytesIO()
    subs = [_submission(1), _submission(2)]
    assert export_jsonl(subs, out) == 2
    lines = out.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line)["receipt_number"] for line in lines] == ["R0001", "R0002"]
    assert "123456789018" not in out.getvalue().decode("utf-8")
    first_masked = json.loads(lines[0])
    assert first_masked["answers"]["values"]["name"] == "山田 太郎"
    # Digests over a payload with a My Number would let anyone recover it: withheld.
    assert first_masked["evidence_withheld"] == "my_number"
    assert subs[0].payload_digest() not in lines[0]
    assert all(
        entry[key] is None
        for entry in first_masked["history"]
        for key in ("payload_digest", "prev_hash", "entry_hash")
    )
    revealed = io.BytesIO()
    export_jsonl(subs, revealed, include_my_number=True)
    first = revealed.getvalue().decode("utf-8").splitlines()[0]
    assert Submission.from_json(first) == subs[0]


def test_jsonl_without_my_numbers_keeps_the_evidence() -> None:
    sub = _submission(3, mn=None, kids=[{"n": "山田 花子"}])
    assert not sub.answers.my_number_paths
    out = io.BytesIO()
    export_jsonl([sub], out)
    line = out.getvalue().decode("utf-8").strip()
    assert "evidence_withheld" not in line
    assert Submission.from_json(line) == sub
