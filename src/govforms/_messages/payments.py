"""Messages for :mod:`govforms.payments`: ``payment.*`` and ``webhook.*`` codes.

No message names a secret (a webhook secret, a signature) or personal data: params hold ids,
amounts, statuses and fixed reason tokens only.
"""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    # --- amounts and requests -------------------------------------------------------------
    "payment.amount_type": {
        "params": ("actual",),
        "ja": "金額は整数（円）で指定してください（{actual}は使えません）。",
        "en": "An amount is a whole number of yen, not {actual}.",
        "ja-easy": (
            "金額（きんがく）は 1円 単位（たんい）の 数字（すうじ）に して ください。"
            "{actual}は 使えません。"
        ),
    },
    "payment.amount_not_positive": {
        "params": ("amount",),
        "ja": "金額は1円以上で指定してください（指定は{amount}円）。",
        "en": "An amount must be at least 1 yen ({amount} given).",
        "ja-easy": (
            "金額（きんがく）は 1円 以上（いじょう）に して ください。いまは {amount}円です。"
        ),
    },
    "payment.amount_negative": {
        "params": ("amount",),
        "ja": "金額に負の値は使えません（指定は{amount}円）。",
        "en": "An amount cannot be negative ({amount} given).",
        "ja-easy": "金額（きんがく）に マイナスは 使えません。いまは {amount}円です。",
    },
    "payment.amount_out_of_range": {
        "params": ("amount", "minimum", "maximum"),
        "ja": "この決済方法で扱える金額は{minimum}円から{maximum}円までです（指定は{amount}円）。",
        "en": "This provider takes {minimum} to {maximum} yen ({amount} given).",
        "ja-easy": (
            "この 払い方（はらいかた）で 払える 金額（きんがく）は {minimum}円から "
            "{maximum}円までです。いまは {amount}円です。"
        ),
    },
    "payment.currency_unsupported": {
        "params": ("currency",),
        "ja": "通貨は日本円（JPY）のみ扱えます（指定は{currency}）。",
        "en": "Only Japanese yen (JPY) is supported, not {currency}.",
        "ja-easy": "お金は 日本の 円（JPY）しか 使えません。{currency}は 使えません。",
    },
    "payment.method_unsupported": {
        "params": ("method", "supported"),
        "ja": "この事業者は決済方法「{method}」を扱いません（扱える方法: {supported}）。",
        "en": "This provider does not take {method} (it takes: {supported}).",
        "ja-easy": (
            "この 会社では 「{method}」で 払えません。使える 払い方（はらいかた）：{supported}"
        ),
    },
    "payment.reference_invalid": {
        "params": ("max_length",),
        "ja": "受付番号は1文字以上{max_length}文字以内の印字可能な文字で指定してください。",
        "en": "A reference has 1 to {max_length} printable characters.",
        "ja-easy": (
            "受付番号（うけつけ ばんごう）は 1文字（もじ）から {max_length}文字までです。"
            "画面（がめん）に 出る 文字だけを 使って ください。"
        ),
    },
    "payment.description_too_long": {
        "params": ("max_length",),
        "ja": "説明は{max_length}文字以内で指定してください。",
        "en": "A description has at most {max_length} characters.",
        "ja-easy": "説明（せつめい）は {max_length}文字（もじ）までです。短く して ください。",
    },
    "payment.return_url_invalid": {
        "params": (),
        "ja": "戻り先URLは https:// で始まる必要があります（開発用の localhost を除く）。",
        "en": "A return URL must use https:// (http:// is allowed for localhost only).",
        "ja-easy": (
            "戻る 先の URLは 「https://」で 始めて ください。"
            "「http://」は localhost だけで 使えます。"
        ),
    },
    "payment.metadata_invalid": {
        "params": ("max_items", "max_key_length", "max_value_length"),
        "ja": (
            "メタデータは{max_items}項目まで、キーは{max_key_length}文字まで、"
            "値は{max_value_length}文字までの文字列です。"
        ),
        "en": (
            "Metadata has at most {max_items} string items, keys of at most {max_key_length} "
            "and values of at most {max_value_length} characters."
        ),
        "ja-easy": (
            "メタデータは {max_items}こまでです。キーは {max_key_length}文字（もじ）までです。"
            "値（あたい）は {max_value_length}文字までの 文字列（もじれつ）です。"
        ),
    },
    "payment.fingerprint_unserialisable": {
        "params": (),
        "ja": (
            "冪等性の照合のため、この要求を JSON に変換できません（使えない値が含まれています）。"
        ),
        "en": "This request cannot be turned into JSON to check its idempotency key.",
        "ja-easy": (
            "この 支払（しはら）いの 内容（ないよう）を 確（たし）かめる ことが できません。"
        ),
    },
    "payment.idempotency_key_invalid": {
        "params": ("max_length",),
        "ja": "冪等キーは1文字以上{max_length}文字以内の英数字と記号で指定してください。",
        "en": "An idempotency key has 1 to {max_length} printable ASCII characters.",
        "ja-easy": (
            "冪等（べきとう）キーは 1文字（もじ）から {max_length}文字までです。"
            "英語の 文字と 数字（すうじ）と 記号（きごう）だけを 使って ください。"
        ),
    },
    "payment.idempotency_conflict": {
        "params": ("operation",),
        "ja": (
            "同じ冪等キーが内容の異なる要求（{operation}）に使われました。"
            "新しいキーを使ってください。"
        ),
        "en": "This idempotency key was already used for a different {operation} request.",
        "ja-easy": (
            "同じ 冪等（べきとう）キーが、中身の ちがう 依頼（いらい）に 使われました"
            "（{operation}）。新しい キーを 使って ください。"
        ),
    },
    "payment.deadline_out_of_range": {
        "params": ("deadline", "earliest", "latest"),
        "ja": "支払期限 {deadline} は {earliest} から {latest} までの日付で指定してください。",
        "en": "The payment deadline {deadline} must fall between {earliest} and {latest}.",
        "ja-easy": (
            "支払い（しはらい）の 期限（きげん） {deadline}は 使えません。"
            "{earliest}から {latest}までの 日に して ください。"
        ),
    },
    "payment.deadline_naive": {
        "params": (),
        "ja": "支払期限の日時にタイムゾーンがありません。日付か、時差付きの日時を使ってください。",
        "en": "A payment deadline datetime needs a time zone; give a date or an aware datetime.",
        "ja-easy": (
            "支払い（しはらい）の 期限（きげん）に 時差（じさ）が ありません。"
            "日付（ひづけ）だけを 書いて ください。"
        ),
    },
    "payment.manual_capture_unsupported": {
        "params": (),
        "ja": "この事業者は売上確定（キャプチャ）を後から行う決済を扱いません。",
        "en": "This provider does not support manual capture.",
        "ja-easy": (
            "この 会社では、あとから 売上（うりあげ）を 決める 払い方（はらいかた）は できません。"
        ),
    },
    "payment.inconsistent_amounts": {
        "params": ("amount", "captured", "refunded"),
        "ja": (
            "金額の整合性が取れません（決済額{amount}円、確定額{captured}円、返金額{refunded}円）。"
            "返金額 ≦ 確定額 ≦ 決済額 である必要があります。"
        ),
        "en": (
            "Amounts are inconsistent (amount {amount}, captured {captured}, refunded "
            "{refunded}): refunded <= captured <= amount must hold and never decrease."
        ),
        "ja-easy": (
            "金額（きんがく）が 合いません。"
            "払う 金額は {amount}円、決まった 金額は {captured}円、返した 金額は {refunded}円です。"
            "返した 金額 ≦ 決まった 金額 ≦ 払う 金額 で なければ いけません。"
        ),
    },
    # --- state machine ----------------------------------------------------------------------
    "payment.invalid_transition": {
        "params": ("from_status", "event_type"),
        "ja": "状態「{from_status}」の決済にイベント「{event_type}」は適用できません。",
        "en": "A payment in status {from_status} cannot take the event {event_type}.",
        "ja-easy": "いま 「{from_status}」の 支払い（しはらい）に 「{event_type}」は できません。",
    },
    "payment.event_mismatch": {
        "params": ("payment_id", "event_payment_id"),
        "ja": "イベントは別の決済（{event_payment_id}）のものです（対象: {payment_id}）。",
        "en": "The event is for payment {event_payment_id}, not {payment_id}.",
        "ja-easy": (
            "この イベントは ほかの 支払い（しはらい）（{event_payment_id}）の ものです。"
            "いま 見て いる 支払いは {payment_id}です。"
        ),
    },
    "payment.event_conflict": {
        "params": ("event_id",),
        "ja": (
            "イベント {event_id} は適用済みですが、内容が異なります。"
            "決済事業者に問い合わせてください。"
        ),
        "en": (
            "The event {event_id} was already applied with different content; "
            "ask the payment provider."
        ),
        "ja-easy": (
            "イベント {event_id}は もう 使いました。でも 中身が ちがいます。"
            "支払い（しはらい）の 会社（かいしゃ）に 聞いて ください。"
        ),
    },
    "payment.event_invalid": {
        "params": ("event_type", "missing"),
        "ja": "イベント「{event_type}」に必要な項目 {missing} がありません。",
        "en": "The event {event_type} lacks the field {missing}.",
        "ja-easy": (
            "イベント「{event_type}」に 必要（ひつよう）な 項目（こうもく） {missing}が "
            "ありません。"
        ),
    },
    # --- provider calls ---------------------------------------------------------------------
    "payment.not_found": {
        "params": ("payment_id",),
        "ja": "決済 {payment_id} が見つかりません。",
        "en": "No payment {payment_id} was found.",
        "ja-easy": "支払い（しはらい） {payment_id}が 見つかりません。",
    },
    "payment.capture_not_allowed": {
        "params": ("status",),
        "ja": "状態「{status}」の決済は売上確定できません。",
        "en": "A payment in status {status} cannot be captured.",
        "ja-easy": (
            "いま 「{status}」の 支払い（しはらい）は、売上（うりあげ）を 決める ことが "
            "できません。"
        ),
    },
    "payment.capture_exceeds_amount": {
        "params": ("amount", "authorized"),
        "ja": "確定額{amount}円が与信額{authorized}円を超えています。",
        "en": "The capture of {amount} yen exceeds the {authorized} yen authorised.",
        "ja-easy": (
            "決める 金額（きんがく） {amount}円が、認められた（みとめられた） 金額 "
            "{authorized}円より 多いです。"
        ),
    },
    "payment.partial_capture_unsupported": {
        "params": ("amount", "authorized"),
        "ja": "この事業者は一部の売上確定を扱いません（確定額{amount}円、与信額{authorized}円）。",
        "en": "This provider captures the full {authorized} yen only ({amount} asked).",
        "ja-easy": (
            "この 会社では、金額（きんがく）の 一部（いちぶ）だけを 決める ことが できません。"
            "決める 金額は {amount}円、認められた（みとめられた） 金額は {authorized}円です。"
        ),
    },
    "payment.cancel_not_allowed": {
        "params": ("status",),
        "ja": "状態「{status}」の決済は取り消せません。",
        "en": "A payment in status {status} cannot be canceled.",
        "ja-easy": (
            "いま 「{status}」の 支払い（しはらい）は、取り消す（とりけす） ことが できません。"
        ),
    },
    "payment.refund_not_allowed": {
        "params": ("status",),
        "ja": "状態「{status}」の決済は返金できません。",
        "en": "A payment in status {status} cannot be refunded.",
        "ja-easy": "いま 「{status}」の 支払い（しはらい）は、お金を 返す ことが できません。",
    },
    "payment.refundable_mismatch": {
        "params": ("expected", "actual"),
        "ja": (
            "返金可能額が想定（{expected}円）と異なります（現在{actual}円）。"
            "最新の状態を確認してからやり直してください。"
        ),
        "en": (
            "The refundable balance is {actual} yen, not the {expected} yen expected: "
            "reload the payment before refunding."
        ),
        "ja-easy": (
            "返せる 金額（きんがく）が {expected}円では ありません。いまは {actual}円です。"
            "支払い（しはらい）の 新しい 様子を 見て ください。それから もう一度 やって ください。"
        ),
    },
    "payment.refund_exceeds_balance": {
        "params": ("amount", "refundable"),
        "ja": "返金額{amount}円が返金可能額{refundable}円を超えています。",
        "en": "A refund of {amount} yen exceeds the refundable {refundable} yen.",
        "ja-easy": "返す 金額（きんがく） {amount}円が、返せる 金額 {refundable}円より 多いです。",
    },
    "payment.partial_refund_unsupported": {
        "params": ("amount", "refundable"),
        "ja": "この事業者は一部返金を扱いません（返金額{amount}円、返金可能額{refundable}円）。",
        "en": "This provider refunds the full {refundable} yen only ({amount} asked).",
        "ja-easy": (
            "この 会社では、金額（きんがく）の 一部（いちぶ）だけを 返す ことが できません。"
            "返す 金額は {amount}円、返せる 金額は {refundable}円です。"
        ),
    },
    "payment.outcome_unknown": {
        "params": ("operation",),
        "ja": (
            "決済事業者からの応答がなく、{operation}の結果が不明です。失敗として扱わず、"
            "同じ冪等キーで再試行するか、状態を照会してください。"
        ),
        "en": (
            "The provider did not answer: the outcome of {operation} is unknown. Do not treat "
            "it as failed; retry with the same idempotency key or look the payment up."
        ),
        "ja-easy": (
            "支払い（しはらい）の 会社から 返事が ありません。"
            "{operation}が できたか どうか、わかりません。失敗（しっぱい）と 決めないで ください。"
            "同じ 冪等（べきとう）キーで もう一度 やって ください。"
            "または、支払いの 様子を 調べて（しらべて） ください。"
        ),
    },
    "payment.provider_unavailable": {
        "params": ("operation",),
        "ja": (
            "決済事業者に接続できません（{operation}は実行されていません）。"
            "時間をおいて再試行してください。"
        ),
        "en": "The payment provider is unavailable; {operation} was not carried out. Retry later.",
        "ja-easy": (
            "支払い（しはらい）の 会社に つながりません。{operation}は まだ して いません。"
            "少し 待ってから もう一度 やって ください。"
        ),
    },
    # --- plugins ------------------------------------------------------------------------------
    "payment.provider_not_found": {
        "params": ("name", "available"),
        "ja": "決済プラグイン「{name}」が見つかりません（利用可能: {available}）。",
        "en": "No payment provider plugin named {name} (available: {available}).",
        "ja-easy": (
            "支払い（しはらい）の プラグイン「{name}」が 見つかりません。使える もの：{available}"
        ),
    },
    "payment.provider_invalid": {
        "params": ("name", "reason"),
        "ja": "決済プラグイン「{name}」を読み込めません（{reason}）。",
        "en": "The payment provider plugin {name} cannot be used ({reason}).",
        "ja-easy": "支払い（しはらい）の プラグイン「{name}」は 使えません（{reason}）。",
    },
    "payment.provider_config": {
        "params": ("name",),
        "ja": "決済プラグイン「{name}」の設定が正しくありません。",
        "en": "The configuration given to the payment provider plugin {name} was refused.",
        "ja-easy": (
            "支払い（しはらい）の プラグイン「{name}」の 設定（せってい）が 正しく ありません。"
        ),
    },
    # --- the fake -----------------------------------------------------------------------------
    "payment.fake_scenario_unknown": {
        "params": ("scenario", "known"),
        "ja": "テスト用シナリオ「{scenario}」はありません（使えるもの: {known}）。",
        "en": "Unknown fake scenario {scenario} (known: {known}).",
        "ja-easy": "テストの ための シナリオ「{scenario}」は ありません。使える もの：{known}",
    },
    "payment.fake_action_invalid": {
        "params": ("action", "status"),
        "ja": "状態「{status}」の決済に操作「{action}」は行えません。",
        "en": "The simulated action {action} does not apply to a payment in status {status}.",
        "ja-easy": "いま 「{status}」の 支払い（しはらい）に 「{action}」は できません。",
    },
    # --- webhooks -----------------------------------------------------------------------------
    "webhook.body_not_bytes": {
        "params": ("actual",),
        "ja": "Webhook の本文は受信したバイト列のまま渡してください（{actual}は使えません）。",
        "en": "Pass the webhook body as the raw bytes received, not {actual}.",
        "ja-easy": (
            "Webhookの 本文（ほんぶん）は、受け取った バイト列（れつ）の まま 渡して ください。"
            "{actual}は 使えません。"
        ),
    },
    "webhook.missing_signature": {
        "params": ("header",),
        "ja": "Webhook に署名ヘッダー {header} がありません。",
        "en": "The webhook has no {header} signature header.",
        "ja-easy": "Webhookに 署名（しょめい）の ヘッダー {header}が ありません。",
    },
    "webhook.malformed_header": {
        "params": ("reason",),
        "ja": "Webhook の署名ヘッダーの形式が正しくありません（{reason}）。",
        "en": "The webhook signature header is malformed ({reason}).",
        "ja-easy": "Webhookの 署名（しょめい）の ヘッダーの 形が 正しく ありません（{reason}）。",
    },
    "webhook.bad_signature": {
        "params": (),
        "ja": "Webhook の署名が一致しません。",
        "en": "No webhook signature matches.",
        "ja-easy": "Webhookの 署名（しょめい）が 合いません。",
    },
    "webhook.stale_timestamp": {
        "params": ("tolerance",),
        "ja": "Webhook の時刻が許容範囲（{tolerance}秒）を外れています。",
        "en": "The webhook timestamp is outside the {tolerance} second tolerance.",
        "ja-easy": (
            "Webhookの 時刻（じこく）が ずれすぎて います。"
            "ずれて いいのは {tolerance}秒（びょう）までです。"
        ),
    },
    "webhook.secret_invalid": {
        "params": (),
        "ja": "Webhook の秘密鍵が設定されていないか、空です。",
        "en": "A webhook secret is missing or empty.",
        "ja-easy": "Webhookの 秘密鍵（ひみつかぎ）が ありません。または 空（から）です。",
    },
    "webhook.secret_not_utf8": {
        "params": (),
        "ja": "Webhook の秘密鍵に UTF-8 で表せない文字があります。",
        "en": "A webhook secret contains characters that cannot be encoded as UTF-8.",
        "ja-easy": "Webhookの 秘密鍵（ひみつかぎ）に 使えない 文字（もじ）が あります。",
    },
    "webhook.invalid_payload": {
        "params": (),
        "ja": "Webhook の本文を決済イベントとして読み取れません。",
        "en": "The webhook body is not a valid payment event.",
        "ja-easy": "Webhookの 本文（ほんぶん）を 支払い（しはらい）の イベントとして 読めません。",
    },
}
