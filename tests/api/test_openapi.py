"""docs/openapi.json is the live schema, so the published API description stays true."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from putright.api.management.openapi import COMMAND, openapi_json, openapi_path


def test_docs_openapi_json_is_the_live_schema():
    on_disk = openapi_path().read_text(encoding="utf-8") if openapi_path().is_file() else None
    assert on_disk == openapi_json(), (
        f"docs/openapi.json is not the API's schema: run `{COMMAND}` and commit the result."
    )


def test_the_schema_text_is_the_same_every_time_with_sorted_keys():
    text = openapi_json()
    assert text == openapi_json()
    assert text.endswith("}\n")
    schema = json.loads(text)
    assert text == json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert list(schema) == sorted(schema)


def test_the_schema_is_served_at_api_v1_openapi_json_without_a_token(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(openapi_json())


def test_each_operation_is_named_for_its_endpoint():
    schema = json.loads(openapi_json())
    ids = [op["operationId"] for methods in schema["paths"].values() for op in methods.values()]
    assert len(ids) == len(set(ids))
    assert {"complaint_create", "complaint_define", "remedy_payment"} <= set(ids)


def test_every_operation_requires_the_bearer_token():
    schema = json.loads(openapi_json())
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "scheme": "bearer",
        "type": "http",
    }
    for methods in schema["paths"].values():
        for operation in methods.values():
            assert operation["security"] == [{"TokenAuth": []}]


def test_the_command_writes_the_schema_and_check_passes(tmp_path):
    output = tmp_path / "openapi.json"
    out = io.StringIO()
    call_command("api_schema", "--output", str(output), stdout=out)
    assert output.read_text(encoding="utf-8") == openapi_json()
    call_command("api_schema", "--check", "--output", str(output), stdout=out)
    assert "is up to date" in out.getvalue()


@pytest.mark.parametrize("content", [None, '{"openapi": "3.1.0"}\n'])
def test_check_fails_in_one_line_saying_how_to_regenerate(tmp_path, content):
    output = tmp_path / "openapi.json"
    if content is not None:
        output.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("api_schema", "--check", "--output", str(output), stdout=io.StringIO())
    assert failure.value.returncode == 2
    message = str(failure.value)
    assert ("does not exist" if content is None else "is out of date") in message
    assert f"`{COMMAND} --output {output}`" in message
    assert output.exists() == (content is not None)  # --check writes nothing
