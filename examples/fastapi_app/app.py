import datetime

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from govforms.contrib.fastapi import install_error_handler
from govforms.fields import (
    CorporateNumber,
    JapaneseDate,
    MyNumber,
    NameKana,
    PersonNameStr,
    Phone,
    PhoneNumber,
    PostalCode,
)


class Application(BaseModel):
    """What a resident sends: every answer is checked by a govforms type."""

    model_config = ConfigDict(hide_input_in_errors=True)

    name: PersonNameStr
    name_kana: NameKana
    birth_date: JapaneseDate
    postal_code: PostalCode
    phone: Phone
    employer: CorporateNumber | None = None
    my_number: MyNumber | None = None


class Receipt(BaseModel):
    """What the app answers: normalised values; the My Number is never sent back."""

    name: str
    name_kana: str
    birth_date: datetime.date
    postal_code: str
    phone: str
    employer: str | None
    my_number_given: bool


app = FastAPI(title="govforms example")
# 422 bodies: our codes, messages in the Accept-Language, and no echo of what was typed.
install_error_handler(app)


@app.post("/applications")
def apply(application: Application) -> Receipt:
    # application.my_number is a MyNumber (or None): store it encrypted (see the security
    # page); application.my_number.reveal() is the one explicit way to get its digits.
    phone: PhoneNumber = application.phone
    return Receipt(
        name=application.name,
        name_kana=application.name_kana,
        birth_date=application.birth_date,
        postal_code=application.postal_code,
        phone=phone.e164,
        employer=application.employer,
        my_number_given=application.my_number is not None,
    )
