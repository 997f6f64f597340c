"""Messages for codes shared by every part of govforms."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "validation.failed": {
        "params": ("count",),
        "ja": "入力内容に{count}件の誤りがあります。",
        "en": "{count} answer(s) need correcting.",
    },
    "field.type": {
        "params": ("expected", "actual"),
        "ja": "入力の形式が正しくありません（{expected}が必要です）。",
        "en": "This answer must be {expected}, not {actual}.",
    },
    "field.required": {
        "params": (),
        "ja": "入力してください。",
        "en": "This answer is required.",
    },
}
