from django import forms

from govforms.contrib.django import (
    JapaneseDateField,
    MyNumberField,
    NameKanaField,
    PersonNameField,
    PhoneField,
    PostalCodeField,
)


class ResidentForm(forms.Form):
    name = PersonNameField(label="氏名 / Name")
    name_kana = NameKanaField(label="フリガナ / Name (kana)")
    birth_date = JapaneseDateField(label="生年月日 / Date of birth")
    postal_code = PostalCodeField(label="郵便番号 / Postal code")
    phone = PhoneField(label="電話番号 / Phone", kinds={"fixed_line", "mobile"})
    my_number = MyNumberField(label="個人番号 / My Number", required=False)
