"""Form definitions: loading (JSON, YAML), checks on load, JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from govforms.errors import ConfigurationError
from govforms.submissions import FIELD_TYPES, FormDefinition
from tests.conftest import raises_code
from tests.submissions.conftest import FORM_PATH


def _base(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "t",
        "version": 1,
        "title": {"ja": "試験", "en": "Test"},
        "fields": [{"name": "a", "type": "text", "label": {"ja": "A", "en": "A"}}],
    }
    data.update(changes)
    return data


def _field(**spec: Any) -> dict[str, Any]:
    return {"label": {"ja": "項目", "en": "Field"}, **spec}


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ConfigurationError) as info:
        FormDefinition.from_dict(data)
    assert info.value.code == "form.definition_invalid"
    problems: list[str] = info.value.params["problems"]
    return problems


def test_issue_form_loads_unchanged(form: FormDefinition) -> None:
    raw = json.loads(FORM_PATH.read_text(encoding="utf-8"))
    assert form.id == "juminhyo-copy" and form.version == 3
    assert form.title.get("ja") == "住民票の写し交付申請"
    assert form.requires_signature and form.payment_methods == ("card", "qr")
    assert [f.name for f in form.fields] == [f["name"] for f in raw["fields"]]
    assert form.field("copies").min == 1 and form.field("copies").max == 10
    assert form.field("my_number").show_if is not None
    dumped = form.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    for field in dumped["fields"]:
        if "choices" in field:
            field["choices"] = [c["value"] for c in field["choices"]]
    assert dumped == raw
    signer = form.signer_fields()
    assert signer is not None and (signer.name, signer.birth_date) == (
        "applicant_name",
        "birth_date",
    )


def test_every_field_type_loads() -> None:
    fields = []
    for kind in FIELD_TYPES:
        spec = _field(name=f"f_{kind}", type=kind)
        if kind in ("choice", "multi_choice"):
            spec["choices"] = ["x", {"value": "y", "label": {"ja": "ワイ", "en": "Y"}}]
        if kind == "group":
            spec["fields"] = [_field(name="inner", type="text")]
        fields.append(spec)
    form = FormDefinition.from_dict(_base(fields=fields))
    assert {f.type for f in form.fields} == set(FIELD_TYPES)


def test_load_by_suffix(tmp_path: Path) -> None:
    data = _base()
    (tmp_path / "f.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "f.yml").write_text(
        "id: t\nversion: 1\ntitle: {ja: 試験, en: Test}\n"
        "fields:\n  - {name: a, type: text, label: {ja: A, en: A}}\n",
        encoding="utf-8",
    )
    assert FormDefinition.load(tmp_path / "f.json") == FormDefinition.load(tmp_path / "f.yml")
    (tmp_path / "f.toml").write_text("", encoding="utf-8")
    with raises_code("form.unsupported_format", suffix=".toml"):
        FormDefinition.load(tmp_path / "f.toml")


def test_yaml_errors() -> None:
    with raises_code("form.definition_invalid"):
        FormDefinition.from_yaml("- just\n- a list\n")
    with raises_code("form.definition_invalid"):
        FormDefinition.from_yaml("id: [unclosed\n")


def test_yaml_is_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # what an import sees when it is absent
    with raises_code("form.yaml_unavailable"):
        FormDefinition.from_yaml("id: t\n")


def test_json_errors_are_coded() -> None:
    with raises_code("form.definition_invalid"):
        FormDefinition.from_json("{not json")
    with raises_code("form.definition_invalid"):
        FormDefinition.from_json(b'{"id": "t"}')


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"unknown_key": 1}, "unknown_key"),
        ({"version": 1.0}, "version"),
        ({"version": 0}, "version"),
        ({"fields": []}, "fields"),
        ({"fee": {"base": 100}}, "payment methods"),
        ({"fee": {"base": 100.5}, "payment_methods": ["card"]}, "fee.base"),
        (
            {"fee": {"per_unit": {"field": "nope", "amount": 1}}, "payment_methods": ["card"]},
            "nope",
        ),
        ({"fee": {"per_unit": {"field": "a", "amount": 1}}, "payment_methods": ["card"]}, "number"),
        (
            {
                "fields": [_field(name="a", type="number")],
                "fee": {"per_unit": {"field": "a", "amount": 1}},
                "payment_methods": ["card"],
            },
            "min >= 0",
        ),
        (
            {
                "fields": [_field(name="a", type="number", min=-1)],
                "fee": {"per_unit": {"field": "a", "amount": 1}},
                "payment_methods": ["card"],
            },
            "min >= 0",
        ),
        ({"payment_methods": ["cash"]}, "payment_methods"),
        ({"payment_methods": ["card", "card"]}, "payment_methods"),
        ({"requires_signature": True}, "name field"),
        ({"signer": {"name": "a"}}, "not a name"),
        ({"fields": [_field(name="a", type="text"), _field(name="a", type="text")]}, "twice"),
        (
            {
                "fields": [
                    _field(name="a", type="text", show_if={"field": "b", "equals": "x"}),
                    _field(name="b", type="text"),
                ]
            },
            "earlier",
        ),
        ({"fields": [_field(name="a", type="text", show_if={"field": "a"})]}, "exactly one"),
        ({"fields": [_field(name="a", type="text", min=1)]}, "option min"),
        ({"fields": [_field(name="a", type="choice")]}, "choice"),
        ({"fields": [_field(name="a", type="choice", choices=["x", "x"])]}, "choice"),
        ({"fields": [_field(name="a", type="group")]}, "group"),
        ({"fields": [_field(name="a", type="name", charset="latin1")]}, "charset"),
        ({"fields": [_field(name="a", type="phone", phone_kinds=["fax"])]}, "phone kind"),
        ({"fields": [_field(name="a", type="number", min=5, max=1)]}, "exceeds"),
        ({"fields": [_field(name="a", type="address", postal_code_field="z")]}, "postal_code"),
        ({"fields": [_field(name="bad name", type="text")]}, "name"),
    ],
)
def test_definition_problems(changes: dict[str, Any], fragment: str) -> None:
    problems = _problems(_base(**changes))
    assert any(fragment in problem for problem in problems), problems


def test_json_schema(form: FormDefinition) -> None:
    schema = form.json_schema("en")
    assert schema["title"] == "Request for a copy of the residence certificate"
    assert schema["additionalProperties"] is False
    assert "my_number" not in schema["required"] and "copies" in schema["required"]
    assert schema["properties"]["copies"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 10,
        "title": "Copies",
        "x-label": {"ja": "通数", "en": "Copies"},
        "x-field-type": "number",
    }
    assert schema["properties"]["include_my_number"]["enum"] == ["yes", "no"]
    assert schema["allOf"] == [
        {
            "if": {
                "properties": {"include_my_number": {"const": "yes"}},
                "required": ["include_my_number"],
            },
            "then": {"required": ["my_number"]},
        }
    ]
    assert schema["x-form"]["payment_methods"] == ["card", "qr"]
    assert form.json_schema()["properties"]["copies"]["title"] == "通数"
    json.dumps(schema)


def test_json_schema_of_every_type() -> None:
    fields = [
        _field(
            name="g",
            type="group",
            min_items=1,
            max_items=3,
            fields=[_field(name="n", type="name", required=True)],
        ),
        _field(
            name="m", type="multi_choice", choices=["a", "b"], help={"ja": "説明", "en": "Help"}
        ),
        _field(name="c", type="consent", required=True),
        _field(name="f", type="file", accept=["application/pdf"]),
        _field(name="t", type="textarea", min_length=2, max_length=9),
        _field(
            name="k",
            type="choice",
            choices=["x", "y"],
            show_if={"field": "m", "one_of": ["a"]},
            required=True,
        ),
    ]
    schema = FormDefinition.from_dict(_base(fields=fields)).json_schema("en")
    props = schema["properties"]
    assert props["g"]["items"]["required"] == ["n"] and props["g"]["minItems"] == 1
    assert props["m"]["uniqueItems"] is True and props["m"]["description"] == "Help"
    assert props["c"]["const"] is True
    assert props["f"]["x-accept"] == ["application/pdf"]
    assert (props["t"]["minLength"], props["t"]["maxLength"]) == (2, 9)
    assert schema["allOf"][0]["if"]["properties"]["m"] == {"enum": ["a"]}
