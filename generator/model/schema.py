"""`planbook schema`: the JSON Schema of the three document kinds, for editors.

The YAML language server (VS Code, JetBrains) reads it from a
`# yaml-language-server: $schema=…` line or the workspace settings and gives
completion and red squiggles while typing.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from generator.model.documents import CampaignDocument, Plan, Review
from generator.model.key_descriptions import describe

SCHEMA_ID = "https://planbook.invalid/schema/plan-document.json"


def document_schema() -> dict[str, Any]:
    """One schema that accepts a plan, a review or a campaign document (by `kind`)."""
    adapter: TypeAdapter[Any] = TypeAdapter(
        Annotated[Union[Plan, Review, CampaignDocument], Field(discriminator="kind")]
    )
    schema = adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Planbook document (年度运营计划 / 复盘 / 活动)"
    _source_keys(schema)
    _label_properties(schema)
    return schema


def _text() -> dict[str, Any]:
    return {"type": "string"}  # a new dict each time: every property gets its own description


def _names() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {"type": "string"}}


# The keys a review writes beside its entries to read them from a file (spec 4.1);
# the model lifts them out before validating, the schema lists them where they are written.
# `source:` is a file, or a query (spec 16): `{sql: FILE.sql, connection: ENV_NAME}`.
_QUERY = {"type": "object", "additionalProperties": False, "required": ["sql"],
          "properties": {"sql": _text(), "connection": _text()}}
_SOURCE_PROPERTIES: dict[str, dict[str, Any]] = {
    "actuals": {"source": {"anyOf": [_text(), _QUERY]}, "encoding": _text(), "preset": _text(),
                "channel": _text(), "columns": _names(), "channels": _names()},
    "budget": {"source": _text(), "encoding": _text(), "preset": _text(), "tools": _names()},
    "products": {"source": _text(), "encoding": _text(), "preset": _text()},
}


def _source_keys(schema: dict[str, Any]) -> None:
    review = schema.get("$defs", {}).get("Review", {}).get("properties", {})
    for section, extra in _SOURCE_PROPERTIES.items():
        if section in review:
            review[section] = {**review[section], "properties": {**review[section].get("properties", {}), **extra}}
    for lifted in ("source", "source_query", "encoding", "preset", "channel", "columns", "source_channels",
                   "budget_source",
                   "budget_preset", "budget_encoding", "budget_tools", "products_source", "products_preset",
                   "products_encoding"):
        review.pop(lifted, None)  # written inside actuals:, budget: or products:, never at the top
    schema.get("$defs", {}).pop("SqlSource", None)  # inlined above, where it is written


def _label_properties(node: Any) -> None:
    """Give every property its Chinese and English description (editors show it on hover)."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            text = describe(name)
            if text and isinstance(prop, dict):
                prop["description"] = text
        for value in node.values():
            _label_properties(value)
    elif isinstance(node, list):
        for value in node:
            _label_properties(value)
