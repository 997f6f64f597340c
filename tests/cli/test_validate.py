"""``govforms validate``: bulk validation with a progress bar and a report by row, field, code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govforms.cli import main
from govforms.cli.validate import validate_file
from govforms.errors import GovFormsError

FORM = {
    "id": "pet-permit",
    "version": 2,
    "title": {"ja": "飼い犬の登録", "en": "Dog registration"},
    "fee": {"base": 3000},
    "payment_methods": ["card"],
    "fields": [
        {"name": "owner", "type": "name", "required": True, "label": {"ja": "氏名", "en": "Name"}},
        {
            "name": "owner_kana",
            "type": "name_kana",
            "required": True,
            "label": {"ja": "フリガナ", "en": "Name (kana)"},
        },
        {
            "name": "postal_code",
            "type": "postal_code",
            "required": True,
            "label": {"ja": "郵便番号", "en": "Postal code"},
        },
        {
            "name": "dogs",
            "type": "number",
            "required": True,
            "min": 1,
            "max": 3,
            "label": {"ja": "頭数", "en": "Dogs"},
        },
        {
            "name": "colours",
            "type": "multi_choice",
            "choices": ["white", "black", "brown"],
            "label": {"ja": "毛色", "en": "Colours"},
        },
        {
            "name": "my_number",
            "type": "my_number",
            "label": {"ja": "個人番号", "en": "My Number"},
        },
    ],
}
HEADER = "owner,owner_kana,postal_code,dogs,colours,my_number\n"
GOOD_ROW = '山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,100-0001,2,"[""white"", ""brown""]",1234 5678 9018\n'


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    path = tmp_path / "form.json"
    path.write_text(json.dumps(FORM, ensure_ascii=False), encoding="utf-8")
    return path


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_all_rows_valid_exit_zero(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.csv", "\ufeff" + HEADER + GOOD_ROW * 3)
    assert main(["validate", str(form_path), str(answers), "--locale", "en"]) == 0
    out, err = capsys.readouterr()
    assert out == "3 rows checked: 3 valid, 0 with errors\n"
    assert err.rstrip("\n").split("\r")[-1] == (
        "[############################] 100% 3 rows, 0 failed"
    )


def test_every_error_by_row_field_and_code(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        GOOD_ROW,
        '山田 太郎,やまだ,100-001,4,"[""pink""]",123456789012\n',
        ",ヤマダ,1000001,1,,\n",
        GOOD_ROW,
        "a,b,c,d,e,f,g\n",
    ]
    answers = write(tmp_path, "a.csv", HEADER + "".join(rows))
    code = main(["validate", str(form_path), str(answers), "--locale", "en", "--quiet"])
    assert code == 1
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert [line.split(": [")[0] for line in lines[:-1]] == [
        "row 2, postal_code",
        "row 2, dogs",
        "row 2, colours",
        "row 2, my_number",
        "row 3, owner",
        "row 5",
    ]
    assert lines[3] == (
        "row 2, my_number: [my_number.checksum] "
        "The My Number's check digit does not match: please check for a typo."
    )
    assert "[field.required]" in lines[4]
    assert lines[5] == "row 5: [cli.csv_row_length] This row has 7 cells; the header names 6."
    assert lines[-1] == "5 rows checked: 2 valid, 3 with errors (6 errors)"
    assert "123456789012" not in out


def test_jsonl_report_in_japanese(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {
        "owner": "山田 太郎",
        "owner_kana": "ヤマダ",
        "postal_code": "1000001",
        "dogs": 1,
        "colours": ["black"],
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "",
        json.dumps(good | {"my_number": "12345"}),
        "{not json",
        "[1, 2]",
    ]
    answers = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    code = main(["validate", str(form_path), str(answers), "--locale", "ja", "--format", "jsonl"])
    assert code == 1
    out, err = capsys.readouterr()
    report = [json.loads(line) for line in out.splitlines()]
    assert report == [
        {
            "row": 2,
            "field": "my_number",
            "code": "my_number.length",
            "params": {"expected": 12, "actual": 5},
            "message": "個人番号は12桁です（入力は5桁）。",
        },
        {
            "row": 3,
            "field": "",
            "code": "cli.row_not_json",
            "params": {},
            "message": "この行は JSON として読めません。",
        },
        {
            "row": 4,
            "field": "",
            "code": "cli.row_not_object",
            "params": {"actual": "list"},
            "message": "この行は JSON のオブジェクトではありません（list）。",
        },
    ]
    assert err.endswith("4 rows checked: 1 valid, 3 with errors\n")


def test_cp932_file(tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path, "a.csv", HEADER + GOOD_ROW.replace("\n", "\r\n"), "cp932")
    args = ["validate", str(form_path), str(answers), "--quiet"]
    assert main([*args, "--encoding", "cp932"]) == 0
    capsys.readouterr()
    assert main(args) == 1  # read as UTF-8, the file is unreadable: a coded error
    assert "[cli.file_unreadable]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("a.txt", "x", "cli.file_format"),
        ("a.csv", "", "cli.csv_no_header"),
        ("a.csv", "owner,owner\n", "cli.csv_header_invalid"),
    ],
)
def test_file_level_errors(
    tmp_path: Path,
    form_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    code: str,
) -> None:
    answers = write(tmp_path, name, text)
    assert main(["validate", str(form_path), str(answers), "--quiet"]) == 1
    assert f"[{code}]" in capsys.readouterr().err


def test_missing_file(tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(form_path), str(tmp_path / "none.csv"), "--quiet"]) == 1
    assert "[cli.file_missing]" in capsys.readouterr().err
    answers = write(tmp_path, "a.csv", HEADER)
    assert main(["validate", str(tmp_path / "none.json"), str(answers), "--quiet"]) == 1
    assert "[cli.file_missing]" in capsys.readouterr().err


def test_invalid_definition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = write(tmp_path, "form.json", '{"id": "x"}')
    answers = write(tmp_path, "a.csv", HEADER)
    assert main(["validate", str(form), str(answers), "--quiet"]) == 1
    assert "[form.definition_invalid]" in capsys.readouterr().err


def test_unknown_column_is_reported(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(
        tmp_path, "a.csv", HEADER.rstrip("\n") + ",extra\n" + GOOD_ROW.rstrip() + ",x\n"
    )
    assert main(["validate", str(form_path), str(answers), "--quiet", "--locale", "en"]) == 1
    assert "row 1, extra: [form.unknown_field]" in capsys.readouterr().out


def test_progress_bar_is_redrawn_while_reading(tmp_path: Path, form_path: Path) -> None:
    answers = write(tmp_path, "a.csv", HEADER + GOOD_ROW * 2000)
    out, err = io.StringIO(), io.StringIO()
    assert validate_file(form_path, answers, out=out, err=err) == 0
    frames = err.getvalue().split("\r")[1:]
    assert frames[-1].endswith("100% 2,000 rows, 0 failed\n")
    assert frames[0].startswith("[") and "1 row," in frames[0]


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(max_size=200))
def test_any_file_gives_a_report_never_a_crash(tmp_path: Path, form_path: Path, body: str) -> None:
    for name in ("a.csv", "a.jsonl"):
        answers = write(tmp_path, name, body)
        out, err = io.StringIO(), io.StringIO()
        try:
            code = validate_file(form_path, answers, out=out, err=err, progress=False)
        except GovFormsError:
            continue  # a coded file-level error (no header, bad encoding...): fine
        assert code in (0, 1)
