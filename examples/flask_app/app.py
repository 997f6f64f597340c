from typing import Any

from flask import Flask, jsonify, render_template_string, request
from markupsafe import escape
from wtforms import Form

from govforms.contrib.wtforms import (
    JapaneseDateField,
    MyNumberField,
    NameKanaField,
    PersonNameField,
    PhoneField,
    PostalCodeField,
    Required,
    coded_errors,
)


class ResidentForm(Form):
    name = PersonNameField("氏名 / Name", validators=[Required()])
    name_kana = NameKanaField("フリガナ / Name (kana)", validators=[Required()])
    birth_date = JapaneseDateField("生年月日 / Date of birth", validators=[Required()])
    postal_code = PostalCodeField("郵便番号 / Postal code", validators=[Required()])
    phone = PhoneField("電話番号 / Phone", kinds={"fixed_line", "mobile"}, validators=[Required()])
    my_number = MyNumberField("個人番号 / My Number")


PAGE = """<!doctype html>
<title>申請 / Application</title>
<form method="post">
{% for field in form %}
  <p>{{ field.label }} {{ field() }}
  {% for error in field.errors %}
    <span class="error" data-code="{{ error.code }}">{{ error }}</span>
  {% endfor %}</p>
{% endfor %}
  <button type="submit">送信 / Submit</button>
</form>
"""


def language() -> str:
    """The resident's language from Accept-Language: ja or en (ja when neither is asked for)."""
    return request.accept_languages.best_match(["ja", "en"], default="ja")


def make_form() -> ResidentForm:
    return ResidentForm(request.form, meta={"locales": [language()]})


def create_app() -> Flask:
    app = Flask(__name__)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.route("/apply", methods=["GET", "POST"])
    def apply() -> Any:
        form = make_form()
        if request.method == "POST" and form.validate():
            # form.my_number.data is a MyNumber (or None): store it encrypted; .reveal() is
            # the one explicit way to get its digits.
            return f"<p>{escape(form.name.data)} 様: 受け付けました / received.</p>"
        status = 400 if request.method == "POST" else 200
        return render_template_string(PAGE, form=form), status

    @app.post("/api/apply")
    def apply_api() -> Any:
        form = make_form()
        if not form.validate():
            return jsonify(errors=coded_errors(form)), 400
        return jsonify(
            name=form.name.data,
            name_kana=form.name_kana.data,
            birth_date=form.birth_date.data.isoformat(),
            postal_code=form.postal_code.data,
            phone=form.phone.data.e164,
            my_number_given=form.my_number.data is not None,
        )

    return app
