"""Messages for :mod:`govforms.contrib` (framework adapters) and :mod:`govforms.cli`."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "contrib.missing_dependency": {
        "params": ("module", "package", "extra"),
        "ja": "{module} には {package} が必要です: pip install 'govforms[{extra}]'",
        "en": "{module} needs {package}: pip install 'govforms[{extra}]'",
        "ja-easy": (
            "{module}には {package}が 必要（ひつよう）です。入れ方：pip install 'govforms[{extra}]'"
        ),
    },
    "contrib.unsupported_field_type": {
        "params": ("field", "type", "framework"),
        "ja": "項目 {field} の型 {type} は {framework} のフォームに変換できません。",
        "en": "Field {field} of type {type} cannot be turned into a {framework} form field.",
        "ja-easy": (
            "項目（こうもく） {field}の 型（かた） {type}は、{framework}の フォームに できません。"
        ),
    },
    "cli.file_format": {
        "params": ("suffix",),
        "ja": "回答ファイルは .csv か .jsonl にしてください（{suffix} は読めません）。",
        "en": "An answers file must be .csv or .jsonl, not {suffix}.",
        "ja-easy": "答えの ファイルは .csv か .jsonl に して ください。{suffix}は 読めません。",
    },
    "cli.file_missing": {
        "params": ("path", "reason"),
        "ja": "ファイル {path} を開けません: {reason}",
        "en": "Cannot open {path}: {reason}",
        "ja-easy": "ファイル {path}を 開けません（{reason}）。",
    },
    "cli.file_unreadable": {
        "params": ("format", "encoding"),
        "ja": "{format} ファイルを {encoding} として読めません（--encoding を確認）。",
        "en": "The {format} file cannot be read as {encoding} (check --encoding).",
        "ja-easy": (
            "{format}の ファイルを {encoding}として 読めません。"
            "--encoding を もう一度 見て ください。"
        ),
    },
    "cli.csv_no_header": {
        "params": (),
        "ja": "CSV ファイルの1行目に項目名がありません。",
        "en": "The CSV file has no header row of field names.",
        "ja-easy": "CSVファイルの 1行目に 項目（こうもく）の 名前が ありません。",
    },
    "cli.csv_header_invalid": {
        "params": ("duplicates",),
        "ja": "CSV の項目名が空か重複しています: {duplicates}",
        "en": "The CSV header has an empty or repeated field name: {duplicates}",
        "ja-easy": (
            "CSVの 項目（こうもく）の 名前に、空（から）の ものか 同じ ものが "
            "あります：{duplicates}"
        ),
    },
    "cli.csv_row_length": {
        "params": ("expected", "actual"),
        "ja": "この行の列数（{actual}）が項目名の数（{expected}）より多くなっています。",
        "en": "This row has {actual} cells; the header names {expected}.",
        "ja-easy": (
            "この 行（ぎょう）の 列（れつ）は {actual}こです。"
            "項目（こうもく）の 名前（{expected}こ）より 多いです。"
        ),
    },
    "cli.row_unreadable": {
        "params": (),
        "ja": "この行は CSV として読めません。",
        "en": "This row cannot be read as CSV.",
        "ja-easy": "この 行（ぎょう）は CSVとして 読めません。",
    },
    "cli.row_not_json": {
        "params": (),
        "ja": "この行は JSON として読めません。",
        "en": "This line is not valid JSON.",
        "ja-easy": "この 行（ぎょう）は JSONとして 読めません。",
    },
    "cli.row_not_object": {
        "params": ("actual",),
        "ja": "この行は JSON のオブジェクトではありません（{actual}）。",
        "en": "This line must be a JSON object, not {actual}.",
        "ja-easy": "この 行（ぎょう）は JSONの オブジェクトでは ありません（{actual}）。",
    },
    "cli.my_number_argument": {
        "params": ("position",),
        "ja": (
            "コマンドライン引数（{position}番目）に個人番号は指定できません（シェルの履歴に残るため）。"
            "標準入力から渡してください。"
        ),
        "en": (
            "Argument {position} looks like a My Number: a My Number is never accepted on the "
            "command line (it stays in the shell history); pass it on standard input."
        ),
        "ja-easy": (
            "コマンドの {position}番目の 引数（ひきすう）に 個人番号（こじん ばんごう）は "
            "書けません。シェルの 記録（きろく）に 残るからです。stdin から 渡して ください。"
        ),
    },
}
