"""やさしい日本語 (``"ja-easy"``): every code of the finished catalogue modules has its own text.

The texts follow the spirit of 出入国在留管理庁・文化庁
「在留支援のためのやさしい日本語ガイドライン」 (2020): short sentences, one instruction per
sentence, plain words instead of 漢語 where one exists, polite です/ます, readings in
full-width parentheses after harder words, and a space between phrases.
"""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest

from govforms._messages import Entry, catalogue, placeholders, render
from govforms.errors import FieldError, GovFormsError, IdentityError, ValidationErrors
from govforms.fields import (
    validate_corporate_number,
    validate_local_government_code,
    validate_my_number,
    validate_name_kana,
    validate_phone,
)
from govforms.payments import Capabilities, PaymentMethod, PaymentRequest

#: Catalogue modules whose every code has a ``"ja-easy"`` text (the others fall back to ``"ja"``).
EASY_MODULES = ("address", "common", "contrib", "fields", "identity", "payments", "submissions")

#: Words the guideline replaces with plain ones (入力→書く, 確認→見る, 誤り→まちがい, ...).
HARD_WORDS = (
    "入力", "確認", "誤り", "一致", "範囲外", "不明", "実行", "再試行", "指定",
    "添付", "該当", "申請者", "完了", "下さい",
)  # fmt: skip

#: How a polite sentence ends (before an optional trailing note in full-width parentheses).
POLITE_END = re.compile(r"(です|ます|ません|ました|ください|でした)(（[^（）]*）)?$")


def _entries() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for name in EASY_MODULES:
        module = importlib.import_module(f"govforms._messages.{name}")
        entries.update(module.MESSAGES)
    return entries


ENTRIES = _entries()
CODES = sorted(ENTRIES)


def _easy(code: str) -> str:
    text = catalogue()[code].get("ja-easy")
    assert isinstance(text, str), code
    return text


def test_the_finished_modules_are_not_empty() -> None:
    assert len(CODES) == len(set(CODES)) > 0
    assert set(CODES) <= set(catalogue())


@pytest.mark.parametrize("code", CODES)
def test_easy_text_exists_and_is_its_own(code: str) -> None:
    entry = catalogue()[code]
    text = _easy(code)
    assert text.strip() == text and text, code
    assert placeholders(text) <= set(entry["params"]), (code, placeholders(text))
    assert text != entry["ja"], code


@pytest.mark.parametrize("code", CODES)
def test_easy_text_renders_through_the_error(code: str) -> None:
    entry = catalogue()[code]
    params = {name: f"<{name}>" for name in entry["params"]}
    error = GovFormsError(code, **params)
    text = error.message("ja-easy")
    assert "{" not in text and "}" not in text, (code, text)
    assert text != error.message("ja"), code  # the easy text is used, not the ja fallback
    assert text == render(code, params, "ja-easy")
    for name in placeholders(_easy(code)):
        assert f"<{name}>" in text, (code, name)


@pytest.mark.parametrize("code", CODES)
def test_easy_text_is_plain_and_polite(code: str) -> None:
    text = _easy(code)
    assert not [word for word in HARD_WORDS if word in text], code
    for sentence in filter(None, text.split("。")):
        if "：" in sentence:  # "使える もの：{known}" ends with a list, not a verb
            continue
        assert POLITE_END.search(sentence), (code, sentence)
    # readings are hiragana (with spaces between words), right after the word they read
    for reading in re.findall(r"（([ぁ-ゖー ]+)）", text):
        assert reading.strip() == reading, (code, reading)


def _raised(call: object, *args: object, **kwargs: object) -> GovFormsError:
    assert callable(call)
    with pytest.raises(GovFormsError) as info:
        call(*args, **kwargs)
    return info.value


def test_concrete_renderings() -> None:
    assert _raised(validate_my_number, "12345").message("ja-easy") == (
        "個人番号（こじん ばんごう）は 12けたです。あなたが 書いたのは 5けたです。"
    )
    assert _raised(validate_corporate_number, "12345678901A3").message("ja-easy") == (
        "法人番号（ほうじん ばんごう）は 数字（すうじ）だけで 書いて ください。"
        "前から 12番目の 「A」は 使えません。"
    )
    assert _raised(validate_local_government_code, "1310").message("ja-easy") == (
        "地方公共団体（ちほう こうきょう だんたい）コードは 6けたです。"
        "あなたが 書いたのは 4けたです。"
    )
    kana = _raised(validate_name_kana, "ヤマダ1タロウ２")
    assert kana.code == "kana.invalid_character"
    assert kana.message("ja-easy").endswith("次の 文字は 使えません：1、２")
    phone = _raised(validate_phone, "090-1234-5678", kinds={"fixed_line"})
    assert phone.message("ja-easy") == (
        "この 種類（しゅるい）の 電話番号（でんわ ばんごう）は 使えません（mobile）。"
        "使える 種類：fixed_line"
    )
    many = ValidationErrors([("a", FieldError("field.required")), ("b", FieldError("name.empty"))])
    assert many.message("ja-easy") == "まちがいが 2か所（かしょ） あります。直して ください。"
    assert (
        FieldError("field.required").message("ja-easy")
        == "ここは 必ず（かならず） 書いて ください。"
    )


def test_concrete_renderings_payments_and_identity() -> None:
    caps = Capabilities(methods=frozenset({PaymentMethod.CARD}), min_amount=100, max_amount=50_000)
    request = PaymentRequest(
        amount=99, method="card", reference="R7-000123", idempotency_key="R7-000123-1"
    )
    error = _raised(caps.check_request, request, today=date(2026, 4, 1))
    assert error.message("ja-easy") == (
        "この 払い方（はらいかた）で 払える 金額（きんがく）は 100円から 50000円までです。"
        "いまは 99円です。"
    )
    pin = IdentityError("identity.pin_incorrect", kind="signature", remaining=2)
    assert pin.message("ja-easy") == (
        "暗証番号（あんしょう ばんごう）が ちがいます。あと 2回 ためせます。"
    )
    # the PIN kind is an English token: the resident knows which PIN they just typed
    assert "signature" not in pin.message("ja-easy")


#: A reading in full-width parentheses, as the easy texts write them: （じゅうしょ）.
READING = re.compile(r"（[ぁ-ゖー ]+）")


@pytest.mark.parametrize("code", CODES)
def test_easy_sentences_are_short(code: str) -> None:
    for sentence in _easy(code).split("。"):
        # Readings and the spaces between phrases do not count; lists in params may be long.
        plain = READING.sub("", sentence).replace(" ", "")
        assert len(plain) <= 45 or "{" in plain, (code, sentence)
