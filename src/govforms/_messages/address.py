"""Messages for addresses, postal code look-ups and local government codes."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "address.ambiguous": {
        "params": ("candidates",),
        "ja": "住所を一つに決められません。都道府県名などを加えてください（候補: {candidates}）。",
        "en": "The address could be in more than one place; please add the prefecture or "
        "city (candidates: {candidates}).",
        "ja-easy": (
            "住所が どこか 一つに 決められません。"
            "都道府県（とどうふけん）や 市区町村（しくちょうそん）の 名前も 書いて ください。"
            "考えられる 場所：{candidates}"
        ),
    },
    "address.incomplete": {
        "params": ("level", "required"),
        "ja": "住所が不完全です（確認できた範囲: {level}、必要な範囲: {required}）。",
        "en": "The address is incomplete: it matched down to {level}, {required} is required.",
        "ja-easy": "住所が 足りません。もっと くわしく 書いて ください。",
    },
    "address.unknown_city": {
        "params": (),
        "ja": "住所の市区町村が見つかりません。都道府県名と市区町村名を確認してください。",
        "en": "The municipality of the address was not found: please check the prefecture "
        "and city.",
        "ja-easy": (
            "住所の 市区町村（しくちょうそん）が 見つかりません。"
            "都道府県（とどうふけん）と 市区町村の 名前を もう一度 見て ください。"
        ),
    },
    "address.postal_code_mismatch": {
        "params": ("expected",),
        "ja": "郵便番号が住所と一致しません（この郵便番号の地域: {expected}）。",
        "en": "The postal code does not match the address (the code covers: {expected}).",
        "ja-easy": (
            "郵便番号（ゆうびん ばんごう）と 住所が 合いません。この 郵便番号の 場所：{expected}"
        ),
    },
    "postal_code.unknown": {
        "params": (),
        "ja": "この郵便番号は日本郵便の郵便番号データにありません。",
        "en": "Japan Post has no such postal code.",
        "ja-easy": (
            "この 郵便番号（ゆうびん ばんごう）は 日本郵便（にっぽん ゆうびん）の リストに "
            "ありません。もう一度 見て ください。"
        ),
    },
    "local_government_code.format": {
        "params": (),
        "ja": "地方公共団体コードは数字で入力してください。",
        "en": "A local government code has digits only.",
        "ja-easy": (
            "地方公共団体（ちほう こうきょう だんたい）コードは 数字（すうじ）だけで 書いて "
            "ください。"
        ),
    },
    "local_government_code.length": {
        "params": ("expected", "actual"),
        "ja": "地方公共団体コードは{expected}桁です（入力は{actual}桁）。",
        "en": "A local government code has {expected} digits; {actual} were entered.",
        "ja-easy": (
            "地方公共団体（ちほう こうきょう だんたい）コードは {expected}けたです。"
            "あなたが 書いたのは {actual}けたです。"
        ),
    },
    "local_government_code.checksum": {
        "params": (),
        "ja": "地方公共団体コードの検査数字が一致しません。",
        "en": "The local government code's check digit does not match.",
        "ja-easy": (
            "地方公共団体（ちほう こうきょう だんたい）コードが 正しく ありません。"
            "数字（すうじ）を もう一度 見て ください。"
        ),
    },
    "local_government_code.prefecture": {
        "params": (),
        "ja": "地方公共団体コードの都道府県部分（01〜47）が正しくありません。",
        "en": "The prefecture part of a local government code is 01 to 47.",
        "ja-easy": (
            "地方公共団体（ちほう こうきょう だんたい）コードの はじめの 2けたは 01から "
            "47までです。"
        ),
    },
    "local_government_code.unknown": {
        "params": (),
        "ja": "この地方公共団体コードはデータにありません。",
        "en": "No local government has this code in the data.",
        "ja-easy": "この 地方公共団体（ちほう こうきょう だんたい）コードは データに ありません。",
    },
}
