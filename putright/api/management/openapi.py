"""The API's OpenAPI document, written the same way every time so that docs/openapi.json can be
checked against the code (``putright api_schema --check``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

COMMAND = "putright api_schema"


def openapi_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "openapi.json"


def openapi_json() -> str:
    """The live schema as JSON text: keys sorted, indented by 2, ending in a newline."""
    from putright.api.api import api

    # Round-trip first: response codes are int keys in the schema and strings in JSON.
    schema = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
