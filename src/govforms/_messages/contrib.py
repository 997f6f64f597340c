"""Messages for :mod:`govforms.contrib` (framework adapters) and :mod:`govforms.cli`."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "contrib.missing_dependency": {
        "params": ("module", "package", "extra"),
        "ja": "{module} には {package} が必要です: pip install 'govforms[{extra}]'",
        "en": "{module} needs {package}: pip install 'govforms[{extra}]'",
    },
    "contrib.unsupported_field_type": {
        "params": ("field", "type", "framework"),
        "ja": "項目 {field} の型 {type} は {framework} のフォームに変換できません。",
        "en": "Field {field} of type {type} cannot be turned into a {framework} form field.",
    },
}
