"""Messages for :mod:`govforms.submissions`: form definitions and answers (``form.*``),
submissions (``submission.*``), receipt numbers (``receipt.*``) and exports (``export.*``)."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    # --- answers ------------------------------------------------------------------------------
    "form.unknown_field": {
        "params": (),
        "ja": "この申請書にない項目です。",
        "en": "This form has no such question.",
    },
    "form.text_too_long": {
        "params": ("max_length", "length"),
        "ja": "{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "Please use at most {max_length} characters ({length} entered).",
    },
    "form.text_too_short": {
        "params": ("min_length", "length"),
        "ja": "{min_length}文字以上で入力してください（入力は{length}文字）。",
        "en": "Please use at least {min_length} characters ({length} entered).",
    },
    "form.text_invalid_character": {
        "params": ("positions",),
        "ja": "使えない制御文字が含まれています（{positions}文字目）。",
        "en": "The text contains control characters that cannot be used (position {positions}).",
    },
    "form.email_invalid": {
        "params": (),
        "ja": "メールアドレスの形式が正しくありません（例: taro@example.jp）。",
        "en": "This is not a valid e-mail address (for example taro@example.jp).",
    },
    "form.number_invalid": {
        "params": (),
        "ja": "整数を数字で入力してください。",
        "en": "Please enter a whole number in digits.",
    },
    "form.number_too_small": {
        "params": ("min",),
        "ja": "{min}以上の数を入力してください。",
        "en": "Please enter {min} or more.",
    },
    "form.number_too_large": {
        "params": ("max",),
        "ja": "{max}以下の数を入力してください。",
        "en": "Please enter {max} or less.",
    },
    "form.choice_invalid": {
        "params": ("allowed",),
        "ja": "選択肢から選んでください（{allowed}）。",
        "en": "Please choose one of the options ({allowed}).",
    },
    "form.choice_duplicate": {
        "params": (),
        "ja": "同じ選択肢が二度選ばれています。",
        "en": "The same option was chosen twice.",
    },
    "form.too_few_items": {
        "params": ("min_items", "count"),
        "ja": "{min_items}件以上入力してください（入力は{count}件）。",
        "en": "Please give at least {min_items} ({count} given).",
    },
    "form.too_many_items": {
        "params": ("max_items", "count"),
        "ja": "{max_items}件以内で入力してください（入力は{count}件）。",
        "en": "Please give at most {max_items} ({count} given).",
    },
    "form.consent_required": {
        "params": (),
        "ja": "同意いただく必要があります。",
        "en": "You need to agree to continue.",
    },
    "form.file_reference_invalid": {
        "params": (),
        "ja": "添付ファイルの情報が正しくありません。もう一度添付してください。",
        "en": "The attached file's details are not valid; please attach it again.",
    },
    "form.file_type_not_allowed": {
        "params": ("content_type", "allowed"),
        "ja": "この種類のファイル（{content_type}）は添付できません。添付できる種類: {allowed}",
        "en": "Files of type {content_type} cannot be attached; accepted: {allowed}.",
    },
    "form.file_too_large": {
        "params": ("max_size", "size"),
        "ja": "ファイルが大きすぎます（{size}バイト、上限{max_size}バイト）。",
        "en": "The file is too large ({size} bytes; the limit is {max_size}).",
    },
    # --- definitions --------------------------------------------------------------------------
    "form.definition_invalid": {
        "params": ("problems",),
        "ja": "申請書の定義に誤りがあります: {problems}",
        "en": "The form definition is not valid: {problems}",
    },
    "form.postal_code_field_invalid": {
        "params": ("field",),
        "ja": "住所の項目 {field} の postal_code_field には、"
        "それより前の郵便番号の項目を指定してください。",
        "en": "The postal_code_field of address field {field} must name an earlier postal_code "
        "field.",
    },
    "form.yaml_unavailable": {
        "params": (),
        "ja": "YAML の申請書定義を読むには PyYAML をインストールしてください。",
        "en": "Install PyYAML to load form definitions written in YAML.",
    },
    "form.unsupported_format": {
        "params": ("suffix",),
        "ja": "申請書定義のファイル形式（{suffix}）は読めません。.json か .yaml を使ってください。",
        "en": "Form definitions cannot be read from {suffix} files; use .json or .yaml.",
    },
    "form.answers_mismatch": {
        "params": ("form_id", "form_version"),
        "ja": "回答は別の申請書（{form_id} 第{form_version}版）のものです。",
        "en": "These answers belong to another form ({form_id}, version {form_version}).",
    },
    "form.signer_fields_missing": {
        "params": (),
        "ja": "署名者と照合する氏名の項目が申請書にありません。",
        "en": "The form has no name field to compare the signer with.",
    },
    "form.condition_invalid": {
        "params": (),
        "ja": "条件には equals か one_of のどちらか一方を指定してください。",
        "en": "A condition needs exactly one of 'equals' and 'one_of'.",
    },
    "form.option_not_applicable": {
        "params": ("option", "type"),
        "ja": "設定 {option} は {type} の項目には使えません。",
        "en": "Option {option} does not apply to a {type} field.",
    },
    "form.option_invalid": {
        "params": ("value",),
        "ja": "設定値 {value} が正しくありません。",
        "en": "The setting {value} is not valid.",
    },
    "form.choices_invalid": {
        "params": (),
        "ja": "選択肢を一つ以上、重複なく指定してください。",
        "en": "Give at least one choice, each only once.",
    },
    "form.group_empty": {
        "params": (),
        "ja": "繰り返し項目には一つ以上の項目が必要です。",
        "en": "A repeating group needs at least one field.",
    },
    "form.duplicate_field": {
        "params": ("field",),
        "ja": "項目 {field} が二度定義されています。",
        "en": "Field {field} is defined twice.",
    },
    "form.condition_unknown_field": {
        "params": ("field",),
        "ja": "項目 {field} の表示条件は、それより前の項目を指定してください。",
        "en": "The show_if of field {field} must name an earlier field.",
    },
    "form.fee_unknown_field": {
        "params": ("field",),
        "ja": "手数料の規則が存在しない項目 {field} を参照しています。",
        "en": "A fee rule refers to field {field}, which does not exist or is not a number.",
    },
    "form.payment_methods_missing": {
        "params": (),
        "ja": "手数料のある申請書には支払方法を指定してください。",
        "en": "A form with a fee needs at least one payment method.",
    },
    # --- submissions --------------------------------------------------------------------------
    "submission.not_canonicalisable": {
        "params": ("path", "type"),
        "ja": "{path} の値（{type}）は署名できません。"
        "文字列・整数・真偽値・null・配列・オブジェクトのみ署名できます。",
        "en": "The value at {path} ({type}) cannot be signed: only text, whole numbers, "
        "true/false, null, lists and objects can.",
    },
    "submission.my_number_withheld": {
        "params": (),
        "ja": "この申請データでは個人番号が伏せられているため、使えません。",
        "en": "The My Number was masked in this copy of the submission and cannot be used.",
    },
    "submission.answers_invalid": {
        "params": (),
        "ja": "保存された回答データの形式が正しくありません。",
        "en": "The stored answers are not in the expected format.",
    },
    "submission.history_invalid": {
        "params": (),
        "ja": "申請の履歴が状態と一致しません。",
        "en": "The submission's history does not match its status.",
    },
    "submission.naive_datetime": {
        "params": (),
        "ja": "日時にはタイムゾーンが必要です。",
        "en": "Times must carry a time zone.",
    },
    "submission.invalid_transition": {
        "params": ("from_status", "to_status", "role"),
        "ja": "申請の状態を {from_status} から {to_status} に変更できません（{role}）。",
        "en": "A submission cannot go from {from_status} to {to_status} (as {role}).",
    },
    "submission.unknown_status": {
        "params": ("status",),
        "ja": "申請の状態 {status} はありません。",
        "en": "There is no submission status {status}.",
    },
    "submission.actor_invalid": {
        "params": ("max_length",),
        "ja": "操作者の識別子は1〜{max_length}文字の文字列にしてください。",
        "en": "An actor id is text of 1 to {max_length} characters.",
    },
    "submission.note_too_long": {
        "params": ("max_length", "length"),
        "ja": "メモは{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "A note can have at most {max_length} characters ({length} entered).",
    },
    "submission.message_id_invalid": {
        "params": (),
        "ja": "メッセージの識別子は1〜100文字の文字列にしてください。",
        "en": "A message id is text of 1 to 100 characters.",
    },
    "submission.not_editable": {
        "params": ("status",),
        "ja": "この状態（{status}）の申請は変更できません。",
        "en": "A submission that is {status} cannot be changed.",
    },
    "submission.not_submitted": {
        "params": (),
        "ja": "申請前の下書きにはメッセージを送れません。",
        "en": "Messages can be sent only after the application has been submitted.",
    },
    "submission.form_mismatch": {
        "params": ("form_id",),
        "ja": "別の申請書（{form_id}）の回答には差し替えられません。",
        "en": "The answers cannot be replaced with answers to another form ({form_id}).",
    },
    "submission.signer_mismatch": {
        "params": ("items",),
        "ja": "電子署名の署名者と申請者の情報が一致しません（{items}）。",
        "en": "The signer's certificate does not match the applicant ({items}).",
    },
    "submission.payload_changed": {
        "params": (),
        "ja": "署名された後に申請内容が変更されています。",
        "en": "The submission has changed since it was signed.",
    },
    "submission.signature_missing": {
        "params": (),
        "ja": "この申請には電子署名がありません。",
        "en": "This submission has no signature.",
    },
    "submission.signature_required": {
        "params": (),
        "ja": "この申請にはマイナンバーカードによる電子署名が必要です。",
        "en": "This application must be signed with a My Number card.",
    },
    "submission.no_fee": {
        "params": (),
        "ja": "この申請には手数料がありません。",
        "en": "This application has no fee.",
    },
    "submission.payment_amount_mismatch": {
        "params": ("fee", "amount"),
        "ja": "支払額（{amount}円）が手数料（{fee}円）と一致しません。",
        "en": "The payment (¥{amount}) does not match the fee (¥{fee}).",
    },
    "submission.payment_reference_mismatch": {
        "params": (),
        "ja": "支払いの参照番号がこの申請の受付番号と一致しません。",
        "en": "The payment's reference is not this application's receipt number.",
    },
    "submission.payment_method_not_accepted": {
        "params": ("method", "accepted"),
        "ja": "この申請ではこの支払方法（{method}）は使えません。使える支払方法: {accepted}",
        "en": "This application does not accept payment by {method}; accepted: {accepted}.",
    },
    "submission.already_paid": {
        "params": (),
        "ja": "この申請の手数料はすでに支払われています。",
        "en": "The fee for this application has already been paid.",
    },
    "submission.fee_unpaid": {
        "params": ("fee", "payment_status"),
        "ja": "手数料（{fee}円）の支払いが完了していません（支払状況: {payment_status}）。",
        "en": "The fee (¥{fee}) has not been paid (payment status: {payment_status}).",
    },
    "submission.message_empty": {
        "params": (),
        "ja": "メッセージを入力するか、ファイルを添付してください。",
        "en": "Please write a message or attach a file.",
    },
    "submission.message_too_long": {
        "params": ("max_length", "length"),
        "ja": "メッセージは{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "A message can have at most {max_length} characters ({length} entered).",
    },
    "submission.message_duplicate": {
        "params": (),
        "ja": "同じ識別子のメッセージがすでにあります。",
        "en": "A message with this id already exists.",
    },
    # --- receipt numbers ----------------------------------------------------------------------
    "receipt.format": {
        "params": ("position",),
        "ja": "受付番号に使えない文字があります（{position}文字目）。",
        "en": "A receipt number cannot contain the character at position {position}.",
    },
    "receipt.length": {
        "params": ("expected", "actual"),
        "ja": "受付番号は{expected}文字です（入力は{actual}文字）。",
        "en": "A receipt number has {expected} characters; {actual} were entered.",
    },
    "receipt.checksum": {
        "params": (),
        "ja": "受付番号の検査用文字が一致しません。入力に誤りがないか確認してください。",
        "en": "The receipt number's check character does not match: please check for a typo.",
    },
    # --- export -------------------------------------------------------------------------------
    "export.form_mismatch": {
        "params": ("form_id",),
        "ja": "別の申請書（{form_id}）の申請が含まれています。",
        "en": "A submission to another form ({form_id}) was given.",
    },
    "export.unsupported_encoding": {
        "params": ("encoding",),
        "ja": "文字コード {encoding} では出力できません（utf-8-sig か cp932）。",
        "en": "Cannot export in {encoding}; use utf-8-sig or cp932.",
    },
    "export.unencodable": {
        "params": ("encoding", "count", "cells"),
        "ja": "{count}か所に {encoding} で表せない文字があり、その行は出力されていません: {cells}",
        "en": "{count} cell(s) hold characters {encoding} cannot represent; those rows were not "
        "written: {cells}",
    },
}
