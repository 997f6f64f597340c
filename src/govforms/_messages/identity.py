"""Messages for :mod:`govforms.identity` (JPKI certificates and signatures)."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    "identity.certificate_malformed": {
        "params": ("part",),
        "ja": "電子証明書を読み取れません（{part}）。",
        "en": "The certificate cannot be read ({part}).",
        "ja-easy": "電子証明書（でんし しょうめいしょ）を 読めません。",
    },
    "identity.untrusted_issuer": {
        "params": ("reason",),
        "ja": "電子証明書の発行者を信頼できません（{reason}）。",
        "en": "The certificate was not issued by a trusted authority ({reason}).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）は、信頼（しんらい）できる ところが 出した "
            "ものでは ありません。"
        ),
    },
    "identity.certificate_expired": {
        "params": ("position", "not_after"),
        "ja": "電子証明書の有効期間が終了しています（{position}、{not_after}まで）。",
        "en": "The certificate ({position}) expired at {not_after}.",
        "ja-easy": (
            "電子証明書（でんし しょうめいしょ）の 期限（きげん）が 切れて います。"
            "{not_after}まででした。"
        ),
    },
    "identity.certificate_not_yet_valid": {
        "params": ("position", "not_before"),
        "ja": "電子証明書の有効期間がまだ始まっていません（{position}、{not_before}から）。",
        "en": "The certificate ({position}) is not valid before {not_before}.",
        "ja-easy": (
            "電子証明書（でんし しょうめいしょ）は まだ 使えません。{not_before}から 使えます。"
        ),
    },
    "identity.certificate_revoked": {
        "params": ("position", "revoked_at", "reason"),
        "ja": "電子証明書は失効しています（{position}、{revoked_at}、理由：{reason}）。",
        "en": "The certificate ({position}) was revoked at {revoked_at} ({reason}).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）は もう 使えません。"
            "失効（しっこう）して います。"
        ),
    },
    "identity.revocation_unavailable": {
        "params": ("position", "reason"),
        "ja": "電子証明書の失効情報を確認できません（{position}、{reason}）。",
        "en": "The revocation status of the certificate ({position}) cannot be checked ({reason}).",
        "ja-easy": (
            "電子証明書（でんし しょうめいしょ）が まだ 使えるか どうか、いま 調べる（しらべる） "
            "ことが できません。"
        ),
    },
    "identity.revocation_malformed": {
        "params": ("kind",),
        "ja": "失効情報（{kind}）を読み取れません。",
        "en": "The revocation data ({kind}) cannot be read.",
        "ja-easy": (
            "電子証明書（でんし しょうめいしょ）が 使えるか どうかの 情報（じょうほう）を "
            "読めません。"
        ),
    },
    "identity.key_usage": {
        "params": ("position", "required"),
        "ja": "電子証明書の鍵用途が正しくありません（{position}、必要：{required}）。",
        "en": "The certificate ({position}) is not allowed for this use (needs {required}).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）は、この 目的（もくてき）には 使えません。"
        ),
    },
    "identity.policy": {
        "params": ("reason",),
        "ja": "電子証明書のポリシーが受け付けられません（{reason}）。",
        "en": "The certificate policy is not accepted ({reason}).",
        "ja-easy": (
            "この 種類（しゅるい）の 電子証明書（でんし しょうめいしょ）は、ここでは 使えません。"
        ),
    },
    "identity.weak_key": {
        "params": ("position", "bits"),
        "ja": "電子証明書の鍵が弱すぎます（{position}、{bits}ビット）。",
        "en": "The certificate key ({position}) is too weak ({bits} bits).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）の 鍵（かぎ）は 弱すぎます。"
            "安全（あんぜん）では ないので、使えません。"
        ),
    },
    "identity.unsupported_algorithm": {
        "params": ("position", "algorithm"),
        "ja": "電子証明書の暗号アルゴリズムに対応していません（{position}、{algorithm}）。",
        "en": "The certificate ({position}) uses an unsupported algorithm ({algorithm}).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）の 暗号（あんごう）の 方法（ほうほう）は、"
            "ここでは 使えません。"
        ),
    },
    "identity.unknown_critical_extension": {
        "params": ("position", "oid"),
        "ja": "電子証明書に処理できない重要な拡張があります（{position}、{oid}）。",
        "en": "The certificate ({position}) has a critical extension that cannot be "
        "processed ({oid}).",
        "ja-easy": (
            "この 電子証明書（でんし しょうめいしょ）には、ここでは 読めない 大切な "
            "情報（じょうほう）が あります。だから 使えません。"
        ),
    },
    "identity.signature_invalid": {
        "params": (),
        "ja": "電子署名を検証できません。",
        "en": "The signature does not verify.",
        "ja-easy": "電子署名（でんし しょめい）が 正しく ありません。",
    },
    "identity.naive_time": {
        "params": (),
        "ja": "検証時刻にはタイムゾーンが必要です。",
        "en": "The verification time must be timezone-aware.",
        "ja-easy": (
            "確かめる（たしかめる） 時刻（じこく）には、タイムゾーンが 必要（ひつよう）です。"
        ),
    },
    "identity.time_out_of_range": {
        "params": (),
        "ja": "検証時刻が扱える範囲（UTCで1年から9999年まで）を超えています。",
        "en": "The verification time is outside the supported range (years 1 to 9999 in UTC).",
        "ja-easy": ("確かめる（たしかめる） 時刻（じこく）が、使える はんいの 外（そと）です。"),
    },
    "identity.input_type": {
        "params": ("argument", "actual"),
        "ja": "引数 {argument} の型が正しくありません（{actual}）。",
        "en": "The argument {argument} has the wrong type ({actual}).",
        "ja-easy": "引数（ひきすう） {argument}の 型（かた）が ちがいます（{actual}）。",
    },
    "identity.pin_incorrect": {
        "params": ("kind", "remaining"),
        "ja": "暗証番号が違います（{kind}、残り{remaining}回）。",
        "en": "Wrong PIN ({kind}); {remaining} tries left.",
        "ja-easy": "暗証番号（あんしょう ばんごう）が ちがいます。あと {remaining}回 ためせます。",
    },
    "identity.pin_locked": {
        "params": ("kind",),
        "ja": "暗証番号がロックされています（{kind}）。市区町村の窓口で解除してください。",
        "en": "The PIN is locked ({kind}); it must be reset at the municipal office.",
        "ja-easy": (
            "暗証番号（あんしょう ばんごう）が ロックされて、使えなく なりました。"
            "住んで いる 市区町村（しくちょうそん）の 窓口（まどぐち）へ 行って ください。"
        ),
    },
}
