"""`planbook schema` validates the demo plans and rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from tests.conftest import DEMO, REPO


@pytest.fixture(scope="module")
def validator():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "schema"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(value):
    """YAML data as an editor's YAML language server sees it: dates are strings, keys text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted(p for p in DEMO.rglob("*.yaml") if p.parent.name != "scenarios"),
                         ids=lambda p: str(p.relative_to(DEMO)))
def test_demo_documents_validate(validator, path):  # a scenario is an overlay, not a document
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("broken", [
    {"kind": "plan", "year": 2026, "titel": "x"},
    {"kind": "plan", "year": "next"},
    {"kind": "review", "year": 2026, "causes": [{"type": "maybe", "text": "x"}]},
    {"kind": "campaign", "year": 2026, "id": "a", "name": "A", "type": "store"},  # no dates
])
def test_broken_documents_fail(validator, broken):
    assert list(validator.iter_errors(broken))


def test_fields_carry_chinese_and_english_labels(validator):
    plan = validator.schema["$defs"]["Plan"]["properties"]
    assert plan["targets"]["description"].startswith("目标") and "Targets" in plan["targets"]["description"]
    assert "引流款" in validator.schema["$defs"]["Product"]["properties"]["role"]["description"]
