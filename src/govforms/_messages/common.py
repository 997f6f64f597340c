"""Messages for codes shared by every part of govforms."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "validation.failed": {
        "params": ("count",),
        "ja": "入力内容に{count}件の誤りがあります。",
        "en": "{count} answer(s) need correcting.",
        "ja-easy": "まちがいが {count}か所（かしょ） あります。直して ください。",
    },
    "field.type": {
        "params": ("expected", "actual"),
        "ja": "入力の形式が正しくありません（{expected}が必要です）。",
        "en": "This answer must be {expected}, not {actual}.",
        "ja-easy": "書き方が ちがいます。ここには {expected}が 必要（ひつよう）です。",
    },
    "field.required": {
        "params": (),
        "ja": "入力してください。",
        "en": "This answer is required.",
        "ja-easy": "ここは 必ず（かならず） 書いて ください。",
    },
}
