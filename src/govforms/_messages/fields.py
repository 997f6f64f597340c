"""Messages for :mod:`govforms.fields` and configuration errors."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "config.invalid_option": {
        "params": ("option", "value"),
        "ja": "設定 {option} の値 {value} は使えません。",
        "en": "Option {option} does not accept {value}.",
        "ja-easy": "設定（せってい） {option}に {value}は 使えません。",
    },
    "my_number.format": {
        "params": ("position",),
        "ja": "個人番号は数字で入力してください（{position}文字目）。",
        "en": "A My Number has digits only: please check character {position}.",
        "ja-easy": (
            "個人番号（こじん ばんごう）は 数字（すうじ）だけで 書いて ください。"
            "前から {position}番目の 文字を もう一度 見て ください。"
        ),
    },
    "my_number.length": {
        "params": ("expected", "actual"),
        "ja": "個人番号は{expected}桁です（入力は{actual}桁）。",
        "en": "A My Number has {expected} digits; {actual} were entered.",
        "ja-easy": (
            "個人番号（こじん ばんごう）は {expected}けたです。"
            "あなたが 書いたのは {actual}けたです。"
        ),
    },
    "my_number.checksum": {
        "params": (),
        "ja": "個人番号の検査用数字が一致しません。入力に誤りがないか確認してください。",
        "en": "The My Number's check digit does not match: please check for a typo.",
        "ja-easy": (
            "個人番号（こじん ばんごう）が 正しく ありません。"
            "数字（すうじ）を もう一度 見て ください。"
        ),
    },
    "corporate_number.format": {
        "params": ("position", "character"),
        "ja": "法人番号は数字で入力してください（{position}文字目の「{character}」）。",
        "en": "A Corporate Number has digits only: character {position} is '{character}'.",
        "ja-easy": (
            "法人番号（ほうじん ばんごう）は 数字（すうじ）だけで 書いて ください。"
            "前から {position}番目の 「{character}」は 使えません。"
        ),
    },
    "corporate_number.length": {
        "params": ("expected", "actual"),
        "ja": "法人番号は{expected}桁です（入力は{actual}桁）。",
        "en": "A Corporate Number has {expected} digits; {actual} were entered.",
        "ja-easy": (
            "法人番号（ほうじん ばんごう）は {expected}けたです。"
            "あなたが 書いたのは {actual}けたです。"
        ),
    },
    "corporate_number.checksum": {
        "params": (),
        "ja": "法人番号の検査用数字が一致しません。入力に誤りがないか確認してください。",
        "en": "The Corporate Number's check digit does not match: please check for a typo.",
        "ja-easy": (
            "法人番号（ほうじん ばんごう）が 正しく ありません。"
            "数字（すうじ）を もう一度 見て ください。"
        ),
    },
    "postal_code.format": {
        "params": (),
        "ja": "郵便番号は7桁の数字で入力してください（例: 100-0001）。",
        "en": "A postal code has 7 digits, like 100-0001.",
        "ja-easy": (
            "郵便番号（ゆうびん ばんごう）は 7つの 数字（すうじ）です。"
            "「100-0001」のように 書いて ください。"
        ),
    },
    "kana.empty": {
        "params": (),
        "ja": "フリガナを入力してください。",
        "en": "Please enter the name reading in katakana.",
        "ja-easy": "名前の 読み方を カタカナで 書いて ください。",
    },
    "kana.too_long": {
        "params": ("max_length", "length"),
        "ja": "フリガナは{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "The name reading can have at most {max_length} characters ({length} entered).",
        "ja-easy": (
            "フリガナ（名前の 読み方）は {max_length}文字（もじ）までです。"
            "あなたが 書いたのは {length}文字です。"
        ),
    },
    "kana.invalid_character": {
        "params": ("characters", "positions"),
        "ja": "フリガナはカタカナと長音（ー）で入力してください。使えない文字: {characters}",
        "en": "Only katakana (with ー) can be used in a name reading; please change: {characters}.",
        "ja-easy": (
            "フリガナ（名前の 読み方）は カタカナと 「ー」で 書いて ください。"
            "次の 文字は 使えません：{characters}"
        ),
    },
    "name.empty": {
        "params": (),
        "ja": "氏名を入力してください。",
        "en": "Please enter the name.",
        "ja-easy": "名前を 書いて ください。",
    },
    "name.too_long": {
        "params": ("max_length", "length"),
        "ja": "氏名は{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "The name can have at most {max_length} characters ({length} entered).",
        "ja-easy": (
            "名前は {max_length}文字（もじ）までです。あなたが 書いたのは {length}文字です。"
        ),
    },
    "name.unsupported_character": {
        "params": ("characters", "positions", "charset"),
        "ja": "次の文字は使えません: {characters}。標準的な字形で入力してください。",
        "en": "These characters cannot be used: {characters}. Please use the standard form.",
        "ja-easy": "次の 文字は 使えません：{characters}。よく 使う 形の 字で 書いて ください。",
    },
    "phone.format": {
        "params": ("position",),
        "ja": "電話番号は数字とハイフンで入力してください（{position}文字目）。",
        "en": "A telephone number has digits and hyphens only: please check character {position}.",
        "ja-easy": (
            "電話番号（でんわ ばんごう）は 数字（すうじ）と 「-」だけで 書いて ください。"
            "前から {position}番目の 文字を もう一度 見て ください。"
        ),
    },
    "phone.invalid": {
        "params": (),
        "ja": "電話番号が正しくありません。市外局番から入力してください。",
        "en": "This is not a valid telephone number; please include the area code.",
        "ja-easy": (
            "電話番号（でんわ ばんごう）が 正しく ありません。"
            "市外局番（しがい きょくばん）から 書いて ください。"
        ),
    },
    "phone.kind_not_allowed": {
        "params": ("kind", "allowed"),
        "ja": "この種類の電話番号（{kind}）は使えません。使える種類: {allowed}",
        "en": "This kind of number ({kind}) is not accepted here; accepted: {allowed}.",
        "ja-easy": (
            "この 種類（しゅるい）の 電話番号（でんわ ばんごう）は 使えません（{kind}）。"
            "使える 種類：{allowed}"
        ),
    },
    "date.format": {
        "params": (),
        "ja": "日付は 2024-04-01 や 令和6年4月1日 の形で入力してください。",
        "en": "Please write the date like 2024-04-01 or 令和6年4月1日.",
        "ja-easy": "日付（ひづけ）は 「2024-04-01」か 「令和6年4月1日」の 形で 書いて ください。",
    },
    "date.invalid": {
        "params": (),
        "ja": "存在しない日付です。",
        "en": "There is no such date.",
        "ja-easy": "この 日付（ひづけ）は ありません。もう一度 見て ください。",
    },
    "date.era_out_of_range": {
        "params": ("era", "span"),
        "ja": "{era}は {span} の元号です。この日付は範囲外です。",
        "en": "{era} covers {span}; this date is outside it.",
        "ja-easy": (
            "{era}は {span}の 間（あいだ）です。この 日付（ひづけ）は {era}の 中に ありません。"
        ),
    },
    "date.before_gregorian_calendar": {
        "params": (),
        "ja": "明治6年（1873年）より前の和暦の日付は扱えません。西暦で入力してください。",
        "en": "Era dates before 1873 used the lunisolar calendar; please give the Gregorian date.",
        "ja-easy": (
            "明治（めいじ）6年（1873年）より 前の 日付（ひづけ）は 和暦（われき）で 書けません。"
            "西暦（せいれき）で 書いて ください。"
        ),
    },
    "date.before_birth": {
        "params": (),
        "ja": "基準日が生年月日より前です。",
        "en": "The reference date is before the date of birth.",
        "ja-easy": "年齢（ねんれい）を 数える 日が、生まれた 日より 前に なって います。",
    },
}
