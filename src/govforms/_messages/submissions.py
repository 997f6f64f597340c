"""Messages for :mod:`govforms.submissions`: form definitions and answers (``form.*``),
submissions (``submission.*``), attachments (``attachment.*``), delegation (``delegation.*``),
correction requests (``correction.*``), history (``history.*``), drafts and resume tokens
(``draft.*``, ``resume.*``), receipt numbers (``receipt.*``) and exports (``export.*``).

Every code has ``"ja-easy"``: やさしい日本語 (short sentences, common words, readings in
brackets where a kanji word is needed, です/ます, one instruction per sentence)."""

from __future__ import annotations

from govforms._messages import Entry

MESSAGES: dict[str, Entry] = {
    # --- answers and form definitions -----------------------------------------------------
    "form.unknown_field": {
        "params": (),
        "ja": "この申請書にない項目です。",
        "en": "This form has no such question.",
        "ja-easy": "この 申請書（しんせいしょ）に ない 質問（しつもん）です。",
    },
    "form.text_too_long": {
        "params": ("max_length", "length"),
        "ja": "{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "Please use at most {max_length} characters ({length} entered).",
        "ja-easy": "{max_length}文字（もじ）までに して ください。いまは {length}文字です。",
    },
    "form.text_too_short": {
        "params": ("min_length", "length"),
        "ja": "{min_length}文字以上で入力してください（入力は{length}文字）。",
        "en": "Please use at least {min_length} characters ({length} entered).",
        "ja-easy": (
            "{min_length}文字（もじ）以上（いじょう） 書いて ください。いまは {length}文字です。"
        ),
    },
    "form.text_invalid_character": {
        "params": ("positions",),
        "ja": "使えない制御文字が含まれています（{positions}文字目）。",
        "en": "The text contains control characters that cannot be used (position {positions}).",
        "ja-easy": "使えない 文字（もじ）が あります。{positions}文字目を 消して ください。",
    },
    "form.email_invalid": {
        "params": (),
        "ja": "メールアドレスの形式が正しくありません（例: taro@example.jp）。",
        "en": "This is not a valid e-mail address (for example taro@example.jp).",
        "ja-easy": "メールアドレスの 書き方が ちがいます。例（れい）：taro@example.jp",
    },
    "form.number_invalid": {
        "params": (),
        "ja": "整数を数字で入力してください。",
        "en": "Please enter a whole number in digits.",
        "ja-easy": "数字（すうじ）だけで 書いて ください。",
    },
    "form.number_too_small": {
        "params": ("min",),
        "ja": "{min}以上の数を入力してください。",
        "en": "Please enter {min} or more.",
        "ja-easy": "{min}より 小さい 数（かず）は 使えません。",
    },
    "form.number_too_large": {
        "params": ("max",),
        "ja": "{max}以下の数を入力してください。",
        "en": "Please enter {max} or less.",
        "ja-easy": "{max}より 大きい 数（かず）は 使えません。",
    },
    "form.choice_invalid": {
        "params": ("allowed",),
        "ja": "選択肢から選んでください（{allowed}）。",
        "en": "Please choose one of the options ({allowed}).",
        "ja-easy": "この 中から 選んで ください：{allowed}",
    },
    "form.choice_duplicate": {
        "params": (),
        "ja": "同じ選択肢が二度選ばれています。",
        "en": "The same option was chosen twice.",
        "ja-easy": "同じ ものを 2回 選んで います。1回に して ください。",
    },
    "form.too_few_items": {
        "params": ("min_items", "count"),
        "ja": "{min_items}件以上入力してください（入力は{count}件）。",
        "en": "Please give at least {min_items} ({count} given).",
        "ja-easy": "{min_items}つ以上（いじょう） 書いて ください。いまは {count}つです。",
    },
    "form.too_many_items": {
        "params": ("max_items", "count"),
        "ja": "{max_items}件以内で入力してください（入力は{count}件）。",
        "en": "Please give at most {max_items} ({count} given).",
        "ja-easy": "{max_items}つまでに して ください。いまは {count}つです。",
    },
    "form.consent_required": {
        "params": (),
        "ja": "同意いただく必要があります。",
        "en": "You need to agree to continue.",
        "ja-easy": "「同意（どうい）します」を 選んで ください。",
    },
    "form.file_reference_invalid": {
        "params": (),
        "ja": "添付ファイルの情報が正しくありません。もう一度添付してください。",
        "en": "The attached file's details are not valid; please attach it again.",
        "ja-easy": "ファイルが うまく 送れませんでした。もう一度 ファイルを 付けて ください。",
    },
    "form.file_type_not_allowed": {
        "params": ("content_type", "allowed"),
        "ja": "この種類のファイル（{content_type}）は添付できません。添付できる種類: {allowed}",
        "en": "Files of type {content_type} cannot be attached; accepted: {allowed}.",
        "ja-easy": (
            "この ファイル（{content_type}）は 付けられません。付けられる ファイルは "
            "{allowed}です。"
        ),
    },
    "form.file_too_large": {
        "params": ("max_size", "size"),
        "ja": "ファイルが大きすぎます（{size}バイト、上限{max_size}バイト）。",
        "en": "The file is too large ({size} bytes; the limit is {max_size}).",
        "ja-easy": "ファイルが 大きすぎます。{max_size}バイトまでです。いまは {size}バイトです。",
    },
    "form.definition_invalid": {
        "params": ("problems",),
        "ja": "申請書の定義に誤りがあります: {problems}",
        "en": "The form definition is not valid: {problems}",
        "ja-easy": "申請書（しんせいしょ）の 作り方に まちがいが あります：{problems}",
    },
    "form.postal_code_field_invalid": {
        "params": ("field",),
        "ja": (
            "住所の項目 {field} の postal_code_field には、"
            "それより前の郵便番号の項目を指定してください。"
        ),
        "en": (
            "The postal_code_field of address field {field} must name an earlier postal_code field."
        ),
        "ja-easy": (
            "住所（じゅうしょ）の 質問（しつもん） {field}には、前に ある "
            "郵便番号（ゆうびんばんごう）の 質問を 選んで ください。"
        ),
    },
    "form.yaml_unavailable": {
        "params": (),
        "ja": "YAML の申請書定義を読むには PyYAML をインストールしてください。",
        "en": "Install PyYAML to load form definitions written in YAML.",
        "ja-easy": "YAMLの 申請書（しんせいしょ）を 読むには PyYAMLが 必要（ひつよう）です。",
    },
    "form.unsupported_format": {
        "params": ("suffix",),
        "ja": "申請書定義のファイル形式（{suffix}）は読めません。.json か .yaml を使ってください。",
        "en": "Form definitions cannot be read from {suffix} files; use .json or .yaml.",
        "ja-easy": "{suffix}の ファイルは 読めません。.jsonか .yamlを 使って ください。",
    },
    "form.answers_mismatch": {
        "params": ("form_id", "form_version"),
        "ja": "回答は別の申請書（{form_id} 第{form_version}版）のものです。",
        "en": "These answers belong to another form ({form_id}, version {form_version}).",
        "ja-easy": (
            "この 答えは ほかの 申請書（しんせいしょ）（{form_id} {form_version}版（はん））の "
            "ものです。"
        ),
    },
    "form.signer_fields_missing": {
        "params": (),
        "ja": "署名者と照合する氏名の項目が申請書にありません。",
        "en": "The form has no name field to compare the signer with.",
        "ja-easy": "申請書（しんせいしょ）に 名前の 質問（しつもん）が ありません。",
    },
    "form.condition_invalid": {
        "params": (),
        "ja": "条件には equals か one_of のどちらか一方を指定してください。",
        "en": "A condition needs exactly one of 'equals' and 'one_of'.",
        "ja-easy": "条件（じょうけん）には equalsか one_ofの どちらか 1つを 書いて ください。",
    },
    "form.option_not_applicable": {
        "params": ("option", "type"),
        "ja": "設定 {option} は {type} の項目には使えません。",
        "en": "Option {option} does not apply to a {type} field.",
        "ja-easy": "設定（せってい） {option}は {type}の 質問（しつもん）には 使えません。",
    },
    "form.option_invalid": {
        "params": ("value",),
        "ja": "設定値 {value} が正しくありません。",
        "en": "The setting {value} is not valid.",
        "ja-easy": "設定（せってい） {value}が まちがって います。",
    },
    "form.choices_invalid": {
        "params": (),
        "ja": "選択肢を一つ以上、重複なく指定してください。",
        "en": "Give at least one choice, each only once.",
        "ja-easy": "選ぶ ものを 1つ以上（いじょう） 書いて ください。同じ ものは 1回だけです。",
    },
    "form.group_empty": {
        "params": (),
        "ja": "繰り返し項目には一つ以上の項目が必要です。",
        "en": "A repeating group needs at least one field.",
        "ja-easy": "くりかえす 質問（しつもん）には、質問を 1つ以上（いじょう） 入れて ください。",
    },
    "form.duplicate_field": {
        "params": ("field",),
        "ja": "項目 {field} が二度定義されています。",
        "en": "Field {field} is defined twice.",
        "ja-easy": "質問（しつもん） {field}が 2回 あります。",
    },
    "form.condition_unknown_field": {
        "params": ("field",),
        "ja": "項目 {field} の表示条件は、それより前の項目を指定してください。",
        "en": "The show_if of field {field} must name an earlier field.",
        "ja-easy": (
            "質問（しつもん） {field}を 出す 条件（じょうけん）には、前に ある 質問を 使って "
            "ください。"
        ),
    },
    "form.fee_unknown_field": {
        "params": ("field",),
        "ja": (
            "手数料の規則が参照する項目 {field} は、存在しないか、"
            "最小値が 0 以上の数値の項目ではありません。"
        ),
        "en": (
            "A fee rule refers to field {field}, which does not exist or is not a number field "
            "with a minimum of 0 or more."
        ),
        "ja-easy": (
            "手数料（てすうりょう）の 決まりが、使（つか）えない 質問（しつもん） {field}を "
            "使って います。"
        ),
    },
    "form.payment_methods_missing": {
        "params": (),
        "ja": "手数料のある申請書には支払方法を指定してください。",
        "en": "A form with a fee needs at least one payment method.",
        "ja-easy": (
            "手数料（てすうりょう）が ある 申請書（しんせいしょ）には、払（はら）い方（かた）を "
            "書いて ください。"
        ),
    },
    "form.retention_unknown_field": {
        "params": ("field",),
        "ja": "保存期間の設定で残す項目 {field} が申請書にありません。",
        "en": "The retention policy keeps field {field}, which the form does not have.",
        "ja-easy": (
            "残（のこ）す 質問（しつもん） {field}は この 申請書（しんせいしょ）に ありません。"
        ),
    },
    # --- submissions ----------------------------------------------------------------------
    "submission.not_canonicalisable": {
        "params": ("path", "type"),
        "ja": (
            "{path} の値（{type}）は署名できません。"
            "文字列・整数・真偽値・null・配列・オブジェクトのみ署名できます。"
        ),
        "en": (
            "The value at {path} ({type}) cannot be signed: only text, whole numbers, true/false, "
            "null, lists and objects can."
        ),
        "ja-easy": "{path}の 値（あたい）（{type}）には 署名（しょめい）が できません。",
    },
    "submission.my_number_withheld": {
        "params": (),
        "ja": "この申請データでは個人番号が伏せられているため、使えません。",
        "en": "The My Number was masked in this copy of the submission and cannot be used.",
        "ja-easy": "マイナンバーが かくされて いるので、使えません。",
    },
    "submission.answers_invalid": {
        "params": (),
        "ja": "保存された回答データの形式が正しくありません。",
        "en": "The stored answers are not in the expected format.",
        "ja-easy": "保存（ほぞん）した 答えの 形（かたち）が ちがいます。",
    },
    "submission.history_invalid": {
        "params": (),
        "ja": "申請の履歴が状態と一致しません。",
        "en": "The submission's history does not match its status.",
        "ja-easy": "申請（しんせい）の 記録（きろく）と いまの 様子（ようす）が 合いません。",
    },
    "submission.naive_datetime": {
        "params": (),
        "ja": "日時にはタイムゾーンが必要です。",
        "en": "Times must carry a time zone.",
        "ja-easy": (
            "日時（にちじ）には 時間帯（じかんたい）（タイムゾーン）が 必要（ひつよう）です。"
        ),
    },
    "submission.invalid_transition": {
        "params": ("from_status", "to_status", "role"),
        "ja": "申請の状態を {from_status} から {to_status} に変更できません（{role}）。",
        "en": "A submission cannot go from {from_status} to {to_status} (as {role}).",
        "ja-easy": (
            "申請（しんせい）を 「{from_status}」から 「{to_status}」に 変える ことは "
            "できません（{role}）。"
        ),
    },
    "submission.unknown_status": {
        "params": ("status",),
        "ja": "申請の状態 {status} はありません。",
        "en": "There is no submission status {status}.",
        "ja-easy": "「{status}」と いう 申請（しんせい）の 様子（ようす）は ありません。",
    },
    "submission.actor_invalid": {
        "params": ("max_length",),
        "ja": "操作者の識別子は1〜{max_length}文字の文字列にしてください。",
        "en": "An actor id is text of 1 to {max_length} characters.",
        "ja-easy": "操作（そうさ）した 人の IDは 1〜{max_length}文字（もじ）です。",
    },
    "submission.note_too_long": {
        "params": ("max_length", "length"),
        "ja": "メモは{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "A note can have at most {max_length} characters ({length} entered).",
        "ja-easy": "メモは {max_length}文字（もじ）までです。いまは {length}文字です。",
    },
    "submission.message_id_invalid": {
        "params": (),
        "ja": "メッセージの識別子は1〜100文字の文字列にしてください。",
        "en": "A message id is text of 1 to 100 characters.",
        "ja-easy": "メッセージの IDは 1〜100文字（もじ）です。",
    },
    "submission.not_editable": {
        "params": ("status",),
        "ja": "この状態（{status}）の申請は変更できません。",
        "en": "A submission that is {status} cannot be changed.",
        "ja-easy": "いま 「{status}」の 申請（しんせい）は 直せません。",
    },
    "submission.not_submitted": {
        "params": (),
        "ja": "申請前の下書きにはメッセージを送れません。",
        "en": "Messages can be sent only after the application has been submitted.",
        "ja-easy": "申請（しんせい）を 送る 前は、メッセージを 送れません。",
    },
    "submission.form_mismatch": {
        "params": ("form_id",),
        "ja": "別の申請書（{form_id}）の回答には差し替えられません。",
        "en": "The answers cannot be replaced with answers to another form ({form_id}).",
        "ja-easy": "ほかの 申請書（しんせいしょ）（{form_id}）の 答えには 変えられません。",
    },
    "submission.signer_mismatch": {
        "params": ("items",),
        "ja": "電子署名の署名者と申請者の情報が一致しません（{items}）。",
        "en": "The signer's certificate does not match the applicant ({items}).",
        "ja-easy": (
            "署名（しょめい）した 人と 申請（しんせい）した 人の 情報（じょうほう）が "
            "合いません（{items}）。"
        ),
    },
    "submission.payload_changed": {
        "params": (),
        "ja": "署名された後に申請内容が変更されています。",
        "en": "The submission has changed since it was signed.",
        "ja-easy": (
            "署名（しょめい）の あとで 申請（しんせい）の 中身が 変わりました。もう一度 署名して "
            "ください。"
        ),
    },
    "submission.signature_missing": {
        "params": (),
        "ja": "この申請には電子署名がありません。",
        "en": "This submission has no signature.",
        "ja-easy": "この 申請（しんせい）には 署名（しょめい）が ありません。",
    },
    "submission.signature_required": {
        "params": (),
        "ja": "この申請にはマイナンバーカードによる電子署名が必要です。",
        "en": "This application must be signed with a My Number card.",
        "ja-easy": "マイナンバーカードで 署名（しょめい）して ください。",
    },
    "submission.no_fee": {
        "params": (),
        "ja": "この申請には手数料がありません。",
        "en": "This application has no fee.",
        "ja-easy": "この 申請（しんせい）には 手数料（てすうりょう）が ありません。",
    },
    "submission.payment_amount_mismatch": {
        "params": ("fee", "amount"),
        "ja": "支払額（{amount}円）が手数料（{fee}円）と一致しません。",
        "en": "The payment (¥{amount}) does not match the fee (¥{fee}).",
        "ja-easy": (
            "払（はら）った お金（{amount}円）と 手数料（てすうりょう）（{fee}円）が 合いません。"
        ),
    },
    "submission.payment_reference_mismatch": {
        "params": (),
        "ja": "支払いの参照番号がこの申請の受付番号と一致しません。",
        "en": "The payment's reference is not this application's receipt number.",
        "ja-easy": (
            "支払（しはら）いの 番号が この 申請（しんせい）の 受付番号（うけつけばんごう）と "
            "合いません。"
        ),
    },
    "submission.payment_method_not_accepted": {
        "params": ("method", "accepted"),
        "ja": "この申請ではこの支払方法（{method}）は使えません。使える支払方法: {accepted}",
        "en": "This application does not accept payment by {method}; accepted: {accepted}.",
        "ja-easy": (
            "この 払（はら）い方（かた）（{method}）は 使えません。使えるのは {accepted}です。"
        ),
    },
    "submission.already_paid": {
        "params": (),
        "ja": "この申請の手数料はすでに支払われています。",
        "en": "The fee for this application has already been paid.",
        "ja-easy": "手数料（てすうりょう）は もう 払（はら）って います。",
    },
    "submission.fee_unpaid": {
        "params": ("fee", "payment_status"),
        "ja": "手数料（{fee}円）の支払いが完了していません（支払状況: {payment_status}）。",
        "en": "The fee (¥{fee}) has not been paid (payment status: {payment_status}).",
        "ja-easy": (
            "手数料（てすうりょう）（{fee}円）が まだ 払（はら）われて いません（{payment_status}）"
            "。"
        ),
    },
    "submission.message_empty": {
        "params": (),
        "ja": "メッセージを入力するか、ファイルを添付してください。",
        "en": "Please write a message or attach a file.",
        "ja-easy": "メッセージを 書いて ください。または ファイルを 付けて ください。",
    },
    "submission.message_too_long": {
        "params": ("max_length", "length"),
        "ja": "メッセージは{max_length}文字以内で入力してください（入力は{length}文字）。",
        "en": "A message can have at most {max_length} characters ({length} entered).",
        "ja-easy": "メッセージは {max_length}文字（もじ）までです。いまは {length}文字です。",
    },
    "submission.message_duplicate": {
        "params": (),
        "ja": "同じ識別子のメッセージがすでにあります。",
        "en": "A message with this id already exists.",
        "ja-easy": "同じ IDの メッセージが もう あります。",
    },
    "submission.fee_invalid": {
        "params": ("max",),
        "ja": "手数料は1円以上{max}円以下の整数にしてください。",
        "en": "A fee is a whole number of yen from 1 to {max}.",
        "ja-easy": "手数料（てすうりょう）は 1円から {max}円までの 数（かず）に して ください。",
    },
    "submission.fee_not_set": {
        "params": (),
        "ja": "手数料がまだ設定されていません。",
        "en": "No fee has been set for this application yet.",
        "ja-easy": "手数料（てすうりょう）が まだ 決まって いません。",
    },
    "submission.payment_deadline_passed": {
        "params": (),
        "ja": "支払期限が過ぎています。",
        "en": "The payment deadline has passed.",
        "ja-easy": "支払（しはら）いの 期限（きげん）が もう 過（す）ぎて います。",
    },
    "submission.payment_not_overdue": {
        "params": (),
        "ja": "支払期限はまだ過ぎていません。",
        "en": "The payment deadline has not passed yet.",
        "ja-easy": "支払（しはら）いの 期限（きげん）は まだ 過（す）ぎて いません。",
    },
    # --- attachments checked by content ---------------------------------------------------
    "attachment.empty": {
        "params": (),
        "ja": "ファイルが空です。内容のあるファイルを添付してください。",
        "en": "The file is empty; please attach a file with content.",
        "ja-easy": "ファイルが 空（から）です。中身の ある ファイルを 付けて ください。",
    },
    "attachment.type_unknown": {
        "params": (),
        "ja": (
            "このファイルの種類は添付できません。PDF、JPEG、PNG、HEIC "
            "のファイルを添付してください。"
        ),
        "en": "This kind of file cannot be attached; please attach a PDF, JPEG, PNG or HEIC file.",
        "ja-easy": (
            "この ファイルの 種類（しゅるい）は 付けられません。PDF、JPEG、PNG、HEICの ファイルを "
            "付けて ください。"
        ),
    },
    "attachment.type_not_allowed": {
        "params": ("type", "allowed"),
        "ja": "この種類のファイル（{type}）は添付できません。添付できる種類: {allowed}",
        "en": "Files of type {type} cannot be attached to this form; accepted: {allowed}.",
        "ja-easy": "この ファイル（{type}）は 付けられません。付けられるのは {allowed}です。",
    },
    "attachment.too_large": {
        "params": ("max_size", "size"),
        "ja": "ファイルが大きすぎます（{size}バイト、上限{max_size}バイト）。",
        "en": "The file is too large ({size} bytes; the limit is {max_size}).",
        "ja-easy": "ファイルが 大きすぎます。{max_size}バイトまでです。いまは {size}バイトです。",
    },
    "attachment.too_many": {
        "params": ("max_count", "count"),
        "ja": "添付できるファイルは{max_count}件までです（{count}件）。",
        "en": "At most {max_count} files can be attached ({count} given).",
        "ja-easy": "ファイルは {max_count}こまでです。いまは {count}こです。",
    },
    "attachment.total_too_large": {
        "params": ("max_total_size", "size"),
        "ja": "添付ファイルの合計が大きすぎます（{size}バイト、上限{max_total_size}バイト）。",
        "en": (
            "The attached files are too large together ({size} bytes; the limit is "
            "{max_total_size})."
        ),
        "ja-easy": (
            "ファイルが 全部で 大きすぎます。全部で {max_total_size}バイトまでです。いまは "
            "{size}バイトです。"
        ),
    },
    "attachment.infected": {
        "params": ("engine", "threat"),
        "ja": "ファイルからウイルスが検出されました（{threat}）。このファイルは添付できません。",
        "en": "A virus was found in the file ({threat}, by {engine}); it cannot be attached.",
        "ja-easy": (
            "ファイルに ウイルスが 見つかりました（{threat}）。この ファイルは 付けられません。"
        ),
    },
    "attachment.scan_failed": {
        "params": ("engine",),
        "ja": "ファイルのウイルス検査ができませんでした。もう一度添付してください。",
        "en": "The file could not be checked for viruses; please attach it again.",
        "ja-easy": "ファイルの ウイルス チェックが できませんでした。もう一度 付けて ください。",
    },
    "attachment.scanner_required": {
        "params": (),
        "ja": (
            "この申請書の添付ファイルにはウイルス検査が必要ですが、"
            "検査の仕組みが設定されていません。"
        ),
        "en": "This form requires a virus scan of attachments, but no scanner was given.",
        "ja-easy": "ウイルスを チェックする しくみが 必要（ひつよう）です。",
    },
    "attachment.not_scanned": {
        "params": (),
        "ja": "ウイルス検査で安全と確認されていない添付ファイルがあります。",
        "en": "An attached file has not been found clean by a virus scan.",
        "ja-easy": "ウイルス チェックを して いない ファイルが あります。",
    },
    # --- who applies for whom (envelope and delegation) -----------------------------------
    "delegation.role_not_allowed": {
        "params": ("role", "allowed"),
        "ja": "この申請は「{role}」の立場ではできません。できる立場: {allowed}",
        "en": "This application cannot be made as {role}; accepted: {allowed}.",
        "ja-easy": (
            "この 申請（しんせい）は 「{role}」の 人は できません。できるのは {allowed}です。"
        ),
    },
    "delegation.unexpected": {
        "params": (),
        "ja": "本人による申請には委任の情報は不要です。",
        "en": "An application by the person concerned has no delegation.",
        "ja-easy": (
            "本人（ほんにん）が 申請（しんせい）する ときは、委任（いにん）の 情報（じょうほう）は "
            "いりません。"
        ),
    },
    "delegation.delegator_required": {
        "params": ("role",),
        "ja": "代理で申請する場合（{role}）は、委任者（ご本人）の情報を入力してください。",
        "en": "When applying as {role}, please give the details of the person you apply for.",
        "ja-easy": (
            "代わりに 申請（しんせい）する ときは、頼（たの）んだ 人の ことを 書いて "
            "ください（{role}）。"
        ),
    },
    "delegation.evidence_required": {
        "params": ("role",),
        "ja": "代理で申請する場合（{role}）は、委任状を添付してください。",
        "en": "When applying as {role}, please attach the letter of delegation (委任状).",
        "ja-easy": (
            "代わりに 申請（しんせい）する ときは、委任状（いにんじょう）を 付けて "
            "ください（{role}）。"
        ),
    },
    "delegation.evidence_not_attached": {
        "params": (),
        "ja": "委任状のファイルが申請に添付されていません。",
        "en": "The letter of delegation is not among the attached files.",
        "ja-easy": (
            "委任状（いにんじょう）の ファイルが 付いて いません。ファイルを 付けて ください。"
        ),
    },
    "delegation.scope_insufficient": {
        "params": ("missing",),
        "ja": "委任の範囲が足りません。次の事項も委任されている必要があります: {missing}",
        "en": "The delegation does not cover everything needed; missing: {missing}.",
        "ja-easy": (
            "委任状（いにんじょう）に 書いて ある ことが 足りません。{missing}も 必要（ひつよう）"
            "です。"
        ),
    },
    "delegation.contact_missing": {
        "params": (),
        "ja": "連絡先として電話番号かメールアドレスを入力してください。",
        "en": "Please give a telephone number or an e-mail address to contact you.",
        "ja-easy": (
            "連絡（れんらく）できる 電話番号（でんわばんごう）か メールアドレスを 書いて ください。"
        ),
    },
    "delegation.envelope_required": {
        "params": (),
        "ja": "申請者の情報（申請者・連絡先・本人との関係）を入力してください。",
        "en": "Please give the applicant's details (applicant, contact, standing).",
        "ja-easy": "申請（しんせい）する 人の ことを 書いて ください。",
    },
    # --- field-level correction requests --------------------------------------------------
    "correction.open": {
        "params": (),
        "ja": "修正を求められている項目があります。指摘された項目を修正してください。",
        "en": "Staff asked for corrections: please correct the flagged fields.",
        "ja-easy": "直して ほしい 所（ところ）が あります。その 所を 直して ください。",
    },
    "correction.unresolved": {
        "params": ("fields",),
        "ja": (
            "指摘された項目がまだ修正されていません: {fields}。修正するか、回答を入力してください。"
        ),
        "en": "These flagged fields were neither corrected nor answered: {fields}.",
        "ja-easy": (
            "まだ 直して いない 所（ところ）が あります：{fields}。直すか、答えを 書いて ください。"
        ),
    },
    "correction.no_fields": {
        "params": (),
        "ja": "修正を求める項目を一つ以上指定してください。",
        "en": "Flag at least one field to correct.",
        "ja-easy": "直して ほしい 所（ところ）を 1つ以上（いじょう） 選んで ください。",
    },
    "correction.unknown_field": {
        "params": ("field",),
        "ja": "項目 {field} はこの申請書にありません。",
        "en": "The form has no field {field}.",
        "ja-easy": "質問（しつもん） {field}は この 申請書（しんせいしょ）に ありません。",
    },
    "correction.comment_invalid": {
        "params": ("field", "max_length"),
        "ja": "項目 {field} へのコメントは1〜{max_length}文字で入力してください。",
        "en": "The comment on {field} must be 1 to {max_length} characters.",
        "ja-easy": "{field}の コメントを 書いて ください。{max_length}文字（もじ）までです。",
    },
    "correction.none_open": {
        "params": (),
        "ja": "修正を求められている項目はありません。",
        "en": "There is no open correction request.",
        "ja-easy": "いま 直して ほしい 所（ところ）は ありません。",
    },
    "correction.field_not_flagged": {
        "params": ("field",),
        "ja": "項目 {field} は修正を求められていません。指摘された項目だけを修正してください。",
        "en": "Field {field} was not flagged; only flagged fields can be corrected.",
        "ja-easy": (
            "{field}は 直す 必要（ひつよう）が ありません。直して ほしい 所（ところ）だけ 直して "
            "ください。"
        ),
    },
    # --- tamper-evident history -----------------------------------------------------------
    "history.entry_altered": {
        "params": ("index", "seq"),
        "ja": "履歴の{index}番目の記録（seq {seq}）が改ざんされています。",
        "en": "History entry {index} (seq {seq}) was altered.",
        "ja-easy": "記録（きろく）の {index}番目（seq {seq}）が 変えられて います。",
    },
    "history.chain_broken": {
        "params": ("index", "seq"),
        "ja": "履歴の{index}番目の記録（seq {seq}）が直前の記録とつながっていません。",
        "en": "History entry {index} (seq {seq}) does not follow the entry before it.",
        "ja-easy": "記録（きろく）の {index}番目（seq {seq}）が 前の 記録と つながって いません。",
    },
    "history.anchor_mismatch": {
        "params": ("index",),
        "ja": "履歴の{index}番目の記録がこの申請の内容と一致しません。",
        "en": "History entry {index} does not match this submission's content.",
        "ja-easy": "記録（きろく）の {index}番目が この 申請（しんせい）の 中身と 合いません。",
    },
    "history.head_mismatch": {
        "params": (),
        "ja": "履歴の最後の記録が、別に保管された値と一致しません。",
        "en": "The last history entry does not match the head kept elsewhere.",
        "ja-easy": "記録（きろく）の 最後（さいご）が 保存（ほぞん）した ものと 合いません。",
    },
    # --- drafts ---------------------------------------------------------------------------
    "draft.answers_invalid": {
        "params": (),
        "ja": "下書きの回答は JSON で表せる値にしてください。",
        "en": "A draft's answers must be JSON data.",
        "ja-easy": "下書（したが）きの 答えの 形（かたち）が ちがいます。",
    },
    "draft.too_large": {
        "params": ("max_size", "size"),
        "ja": "下書きが大きすぎます（{size}バイト、上限{max_size}バイト）。",
        "en": "The draft is too large ({size} bytes; the limit is {max_size}).",
        "ja-easy": (
            "下書（したが）きが 大きすぎます。{max_size}バイトまでです。いまは {size}バイトです。"
        ),
    },
    "draft.form_mismatch": {
        "params": ("form_id", "form_version"),
        "ja": "この下書きは別の申請書（{form_id} 第{form_version}版）のものです。",
        "en": "This draft is for another form ({form_id}, version {form_version}).",
        "ja-easy": (
            "この 下書（したが）きは ほかの 申請書（しんせいしょ）（{form_id} "
            "{form_version}版（はん））の ものです。"
        ),
    },
    "draft.id_invalid": {
        "params": (),
        "ja": "下書きの識別子は英数字・「_」・「-」の1〜100文字にしてください。",
        "en": "A draft id is 1 to 100 letters, digits, '_' or '-'.",
        "ja-easy": "下書（したが）きの IDに 使えない 文字（もじ）が あります。",
    },
    # --- resume tokens --------------------------------------------------------------------
    "resume.malformed": {
        "params": (),
        "ja": "再開用のリンクの形式が正しくありません。",
        "en": "This resume link is not valid.",
        "ja-easy": "この リンクは 使えません。もう一度 はじめから 開いて ください。",
    },
    "resume.unknown_key": {
        "params": (),
        "ja": "この再開用のリンクは使えなくなりました。新しいリンクを発行してください。",
        "en": "This resume link can no longer be used; please ask for a new one.",
        "ja-easy": "この リンクは もう 使えません。新しい リンクを もらって ください。",
    },
    "resume.signature_invalid": {
        "params": (),
        "ja": "再開用のリンクが正しくありません。新しいリンクを発行してください。",
        "en": "This resume link is not genuine; please ask for a new one.",
        "ja-easy": "この リンクは 正（ただ）しく ありません。新しい リンクを もらって ください。",
    },
    "resume.expired": {
        "params": (),
        "ja": "再開用のリンクの有効期限が切れました。新しいリンクを発行してください。",
        "en": "This resume link has expired; please ask for a new one.",
        "ja-easy": (
            "この リンクの 期限（きげん）が 過（す）ぎました。新しい リンクを もらって ください。"
        ),
    },
    "resume.key_too_short": {
        "params": ("min_bytes",),
        "ja": "再開用リンクの鍵は{min_bytes}バイト以上にしてください。",
        "en": "A resume-token key needs at least {min_bytes} bytes.",
        "ja-easy": "かぎが 短すぎます。{min_bytes}バイト以上（いじょう）に して ください。",
    },
    # --- receipt numbers ------------------------------------------------------------------
    "receipt.format": {
        "params": ("position",),
        "ja": "受付番号に使えない文字があります（{position}文字目）。",
        "en": "A receipt number cannot contain the character at position {position}.",
        "ja-easy": (
            "受付番号（うけつけばんごう）の {position}文字目（もじめ）は 使えない 文字です。"
        ),
    },
    "receipt.length": {
        "params": ("expected", "actual"),
        "ja": "受付番号は{expected}文字です（入力は{actual}文字）。",
        "en": "A receipt number has {expected} characters; {actual} were entered.",
        "ja-easy": (
            "受付番号（うけつけばんごう）は {expected}文字（もじ）です。いまは {actual}文字です。"
        ),
    },
    "receipt.checksum": {
        "params": (),
        "ja": "受付番号の検査用文字が一致しません。入力に誤りがないか確認してください。",
        "en": "The receipt number's check character does not match: please check for a typo.",
        "ja-easy": (
            "受付番号（うけつけばんごう）が まちがって いる ようです。もう一度 見て ください。"
        ),
    },
    # --- export ---------------------------------------------------------------------------
    "export.form_mismatch": {
        "params": ("form_id",),
        "ja": "別の申請書（{form_id}）の申請が含まれています。",
        "en": "A submission to another form ({form_id}) was given.",
        "ja-easy": (
            "ほかの 申請書（しんせいしょ）（{form_id}）の 申請（しんせい）が 入って います。"
        ),
    },
    "export.unsupported_encoding": {
        "params": ("encoding",),
        "ja": "文字コード {encoding} では出力できません（utf-8-sig か cp932）。",
        "en": "Cannot export in {encoding}; use utf-8-sig or cp932.",
        "ja-easy": "{encoding}では 出せません。utf-8-sigか cp932を 使って ください。",
    },
    "export.unencodable": {
        "params": ("encoding", "count", "cells"),
        "ja": "{count}か所に {encoding} で表せない文字があり、その行は出力されていません: {cells}",
        "en": (
            "{count} cell(s) hold characters {encoding} cannot represent; those rows were not "
            "written: {cells}"
        ),
        "ja-easy": (
            "{encoding}で 書けない 文字（もじ）が {count}か所（かしょ） あります。その 行（ぎょう）"
            "は 出して いません：{cells}"
        ),
    },
}
