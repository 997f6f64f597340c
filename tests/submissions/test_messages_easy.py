"""やさしい日本語: every code of the submissions catalogue has an easy-Japanese message."""

from __future__ import annotations

import re

import pytest

from govforms._messages import placeholders, render
from govforms._messages.submissions import MESSAGES

READING = re.compile(r"（[ぁ-んー]+）")
# Words やさしい日本語 avoids in favour of plain ones (ISO-style 漢語 a learner may not know).
HARD_WORDS = ("添付", "入力", "該当", "申請者", "完了", "確認してください", "下さい")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_easy_japanese(code: str) -> None:
    entry = MESSAGES[code]
    easy = entry.get("ja-easy")
    assert isinstance(easy, str) and easy.strip(), code
    assert placeholders(easy) <= set(entry["params"]), code
    # The facts the standard message gives, the easy one gives too.
    assert placeholders(entry["ja"]) <= placeholders(easy), code
    assert not any(word in easy for word in HARD_WORDS), (code, easy)
    params = {name: f"<{name}>" for name in entry["params"]}
    assert "{" not in render(code, params, "ja-easy")
    assert render(code, params, "ja-easy") != render(code, params, "ja")


def test_sentences_are_short() -> None:
    for code, entry in MESSAGES.items():
        for sentence in entry["ja-easy"].split("。"):  # type: ignore[typeddict-item]
            # Readings in brackets and the spaces between phrases do not count.
            text = READING.sub("", sentence).replace(" ", "")
            assert len(text) <= 45 or "{" in text, (code, sentence)


def test_readings_are_hiragana_after_kanji() -> None:
    for code, entry in MESSAGES.items():
        for match in READING.finditer(entry["ja-easy"]):  # type: ignore[typeddict-item]
            before = entry["ja-easy"][: match.start()]  # type: ignore[typeddict-item]
            assert before and "\u4e00" <= before[-1] <= "\u9fff", (
                code,
                match.group(),
            )
