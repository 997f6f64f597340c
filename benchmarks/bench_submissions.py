"""Submissions benchmark: validating the issue's form, and exporting in constant memory.

    python -m benchmarks.bench_submissions

Targets (issue 6):

* validating the 住民票の写し form (``tests/submissions/data/juminhyo-copy.json``) at least
  5,000 submissions/s. The peer, measured in the same run on the same inputs, is a plain pydantic
  model doing the equivalent checks with the same govforms field types (name, kana, date, postal
  code, address, phone, a 1-10 integer, a yes/no choice, a My Number shown only for "yes",
  unknown keys refused); the ratio ours/peer is printed.
* exporting 100,000 submissions in constant memory: each export runs in a fresh subprocess that
  builds the submissions lazily and streams them to a temporary file; its peak resident memory
  (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is reported for 10,000 and 100,000
  submissions. Constant memory means the two peaks are about the same.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from benchmarks.harness import compare, print_table
from govforms.fields import (
    JapaneseDate,
    MyNumber,
    NameKana,
    PersonNameStr,
    Phone,
    PostalCode,
    calc_my_number_check_digit,
    validate_address,
)
from govforms.submissions import (
    JST,
    FormDefinition,
    SequentialReceiptNumbers,
    Submission,
    export_csv,
    export_jsonl,
)

FORM_PATH = Path(__file__).resolve().parents[1] / "tests" / "submissions" / "data"
FORM_PATH = FORM_PATH / "juminhyo-copy.json"
TARGET_PER_SECOND = 5_000

NAMES = ["山田 太郎", "鈴木　花子", "渡邊 健", "佐藤 一郎", "高橋 京子", "田中 裕子", "伊藤 大輔"]
KANA = ["やまだ たろう", "ｽｽﾞｷ ﾊﾅｺ", "ワタナベ ケン", "さとう いちろう", "ﾀｶﾊｼ ｷｮｳｺ"]
DATES = ["1980-01-02", "昭和55年1月2日", "H2.4.1", "1975/12/31", "平成元年1月8日", "20010911"]
PLACES = [
    ("100-0013", "東京都千代田区霞が関2-1-2"),
    ("〒160-0023", "東京都新宿区西新宿2丁目8番1号"),
    ("530-0005", "大阪府大阪市北区中之島1-3-20"),
    ("０６０－８５８８", "北海道札幌市中央区北3条西6丁目"),
    ("460-8508", "愛知県名古屋市中区三の丸3-1-1"),
    ("812-8577", "福岡県福岡市博多区東公園7-7"),
]
PHONES = [
    "03-1234-5678",
    "090-1234-5678",
    "０６（６２０８）８１８１",
    "011-231-4111",
    "0120-123-456",
]


def _my_number(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(11))
    return body + calc_my_number_check_digit(body)


def answers_set(count: int, seed: int = 6) -> list[dict[str, Any]]:
    """``count`` valid, varied answers to the issue's form (as a browser posts them)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        postal, address = rng.choice(PLACES)
        include = rng.choice(["yes", "no"])
        item = {
            "applicant_name": rng.choice(NAMES),
            "applicant_kana": rng.choice(KANA),
            "birth_date": rng.choice(DATES),
            "postal_code": postal,
            "address": address,
            "phone": rng.choice(PHONES),
            "copies": rng.choice(["1", "2", "３", 4, 10]),
            "include_my_number": include,
        }
        if include == "yes":
            item["my_number"] = _my_number(rng)
        out.append(item)
    return out


def _address(value: str) -> str:
    return validate_address(value).normalized


def _count(value: Any) -> int:
    # The same inputs as the form accepts: an int, or digits (full-width too).
    if isinstance(value, str):
        value = int(value.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("copies")
    return value


class PeerModel(BaseModel):
    """A plain pydantic model with the checks the form definition expresses."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    applicant_name: PersonNameStr
    applicant_kana: NameKana
    birth_date: JapaneseDate
    postal_code: PostalCode
    address: Annotated[str, AfterValidator(_address)]
    phone: Phone
    copies: Annotated[Any, AfterValidator(_count), Field()]
    include_my_number: Literal["yes", "no"]
    my_number: MyNumber | None = None

    @model_validator(mode="before")
    @classmethod
    def _hidden(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("include_my_number") != "yes":
            data = {k: v for k, v in data.items() if k != "my_number"}
        return data

    @model_validator(mode="after")
    def _rules(self) -> PeerModel:
        if not 1 <= self.copies <= 10:
            raise ValueError("copies out of range")
        if self.include_my_number == "yes" and self.my_number is None:
            raise ValueError("my_number required")
        return self


def bench_validation() -> None:
    form = FormDefinition.load(FORM_PATH)
    inputs = answers_set(500)
    for item in inputs:  # both sides accept every input
        form.validate(item)
        PeerModel.model_validate(item)
    row = compare(
        "validate juminhyo-copy form",
        form.validate,
        "pydantic model",
        PeerModel.model_validate,
        inputs,
        target=0.8,
    )
    print_table([row])
    mark = "met" if row.ours >= TARGET_PER_SECOND else "MISSED"
    print(f"absolute target: {row.ours:,.0f} submissions/s >= {TARGET_PER_SECOND:,} {mark}")


def submissions(count: int) -> Iterator[Submission]:
    """``count`` submitted submissions, built one at a time (nothing is kept)."""
    form = FormDefinition.load(FORM_PATH)
    unsigned = FormDefinition.from_dict(
        {**form.model_dump(by_alias=True, exclude_none=True), "requires_signature": False}
    )
    now = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=JST)
    receipts = SequentialReceiptNumbers()
    variants = [unsigned.validate(a) for a in answers_set(64)]
    ids = (f"s{i}" for i in itertools.count())
    for index in range(count):
        sub = Submission.create(
            unsigned,
            variants[index % len(variants)],
            actor="resident",
            now=now,
            receipt_numbers=receipts,
            new_id=lambda: next(ids),
        )
        yield sub.transition("submitted", actor="resident", role="resident", now=now)


def _export_child(kind: str, count: int) -> None:
    form = FormDefinition.load(FORM_PATH)
    next(submissions(1))  # load the reference data and warm up before the baseline
    baseline_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        if kind == "csv":
            rows = export_csv(submissions(count), form, out).rows
        else:
            rows = export_jsonl(submissions(count), out)
        size = out.tell()
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": elapsed,
                "baseline_kib": baseline_kib,
                "peak_kib": peak_kib,
                "bytes": size,
            }
        )
    )


def bench_export() -> None:
    print(
        f"\n{'export (fresh process each)':30} {'rows':>9} {'seconds':>8} {'rows/s':>9} "
        f"{'output MB':>10} {'RSS before MiB':>15} {'peak RSS MiB':>13}"
    )
    peaks: dict[str, list[float]] = {}
    for kind in ("csv", "jsonl"):
        for count in (10_000, 100_000):
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_submissions",
                    "--export-child",
                    kind,
                    str(count),
                ],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            data = json.loads(result.stdout)
            peak = data["peak_kib"] / 1024
            peaks.setdefault(kind, []).append(peak)
            print(
                f"{kind:30} {data['rows']:9,} {data['seconds']:8.2f} "
                f"{data['rows'] / data['seconds']:9,.0f} {data['bytes'] / 1e6:10.1f} "
                f"{data['baseline_kib'] / 1024:15.1f} {peak:13.1f}"
            )
    for kind, (small, large) in peaks.items():
        growth = large - small
        mark = "constant" if growth < 0.1 * small else "GROWS"
        print(f"{kind}: peak RSS 10k -> 100k grows by {growth:+.1f} MiB ({mark})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--export-child", nargs=2, metavar=("KIND", "COUNT"))
    args = parser.parse_args()
    if args.export_child:
        _export_child(args.export_child[0], int(args.export_child[1]))
        return
    bench_validation()
    bench_export()


if __name__ == "__main__":
    main()
