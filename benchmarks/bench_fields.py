"""Fields benchmark: our validators against python-stdnum and jaconv, same inputs, same run.

    pip install -e '.[bench]'
    python -m benchmarks.bench_fields

Targets (issue 2): My Number and Corporate Number validation at least 3x python-stdnum's
throughput; ``to_katakana`` at least as fast as jaconv's ``hira2kata`` + ``h2z`` on name-length
strings; ``import govforms`` under 150 ms with no reference data loaded (measured in a fresh
interpreter, best of several runs).
"""

from __future__ import annotations

import random
import string
import subprocess
import sys

import jaconv  # type: ignore[import-untyped]
from stdnum.jp import cn, in_  # type: ignore[import-untyped]

from benchmarks.harness import Comparison, compare, print_table
from govforms.fields import (
    calc_corporate_number_check_digit,
    calc_my_number_check_digit,
    to_katakana,
    validate_corporate_number,
    validate_my_number,
)


def my_numbers(count: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(count):
        body = "".join(rng.choice(string.digits) for _ in range(11))
        number = body + calc_my_number_check_digit(body)
        # A realistic mix: as stored (plain), as typed on the card (grouped by spaces).
        out.append(number if i % 2 else f"{number[:4]} {number[4:8]} {number[8:]}")
    return out


def corporate_numbers(count: int, rng: random.Random) -> list[str]:
    out = []
    for i in range(count):
        body = "".join(rng.choice(string.digits) for _ in range(12))
        number = calc_corporate_number_check_digit(body) + body
        out.append(number if i % 2 else f"{number[0]}-{number[1:5]}-{number[5:9]}-{number[9:]}")
    return out


READINGS = [
    "やまだ たろう", "ﾔﾏﾀﾞ ﾊﾅｺ", "すずき いちろう", "ｻﾄｳ ｹﾝｼﾞ", "たかはし きょうこ",
    "ﾀﾅｶ ﾕｳｺ", "わたなべ じゅん", "ｲﾄｳ ﾀﾞｲｽｹ", "ヤマモト ショウタ", "なかむら みさき",
]  # fmt: skip


def peer_katakana(text: str) -> str:
    return str(jaconv.h2z(jaconv.hira2kata(text), kana=True, ascii=False, digit=False))


def import_time_ms(runs: int = 7) -> float:
    code = (
        "import time, sys; t = time.perf_counter(); import govforms; "
        "d = time.perf_counter() - t; "
        "assert not any(m.startswith(('govforms._data', 'govforms.fields')) for m in sys.modules); "
        "print(d * 1000)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return min(times)


def main() -> list[Comparison]:
    rng = random.Random(2024)
    mine = my_numbers(1000, rng)
    corps = corporate_numbers(1000, rng)
    # Sanity: both sides agree on every input before we time them.
    assert all(in_.validate(n) == validate_my_number(n) for n in mine)
    assert all(cn.validate(n) == validate_corporate_number(n) for n in corps)
    assert all(peer_katakana(t) == to_katakana(t) for t in READINGS)
    rows = [
        compare("validate_my_number", validate_my_number, "stdnum jp.in_", in_.validate,
                mine, target=3.0),
        compare("validate_corporate_number", validate_corporate_number, "stdnum jp.cn",
                cn.validate, corps, target=3.0),
        compare("to_katakana (names)", to_katakana, "jaconv hira2kata+h2z", peer_katakana,
                READINGS * 100, target=1.0),
    ]  # fmt: skip
    print_table(rows)
    print(f"import govforms: {import_time_ms():.1f} ms (target < 150 ms, no data loaded)")
    return rows


if __name__ == "__main__":
    main()
