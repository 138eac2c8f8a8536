"""`planbook new`: next year's plan from an earlier one, scaled by hand-computed amounts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest
import yaml

from generator.scaffold import parse_growth, written_amount
from generator.validate import check
from tests.conftest import DEMO, REPO


def new(plans, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "new", *args, "--dir", str(plans)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def plans(tmp_path):
    shutil.copytree(DEMO, tmp_path / "plans")
    return tmp_path / "plans"


def test_new_from_2025_scales_moves_and_validates(plans):
    shutil.rmtree(plans / "2026")  # as it was before 2026 was planned
    result = new(plans, "2026", "--from", "2025", "--growth", "20%")
    assert result.returncode == 0, result.stderr
    text = (plans / "2026" / "plan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../planbook.schema.json\n# Scaffolded by")
    data = yaml.safe_load(text)
    assert data["year"] == 2026 and data["baseline"] == 2025
    gmv = data["targets"]["gmv"]
    assert gmv["total"] == "1.2亿"  # 1亿 × 1.2
    assert gmv["phasing"] == "last_year"  # the 2025 review has monthly GMV
    assert gmv["channels"] == {"tmall": "60%", "jd": "30%", "douyin": "10%"}  # shares unchanged
    assert data["targets"]["orders"] == "96万"  # 80万 × 1.2
    assert data["targets"]["new_customers"]["channels"]["jd"] == "10.8万"  # 9万 × 1.2
    assert data["targets"]["conversion_rate"] == "4%" and data["targets"]["aov"] == 125  # rates and levels unchanged
    assert data["budget"]["total"] == "960万"  # 800万 × 1.2
    assert data["budget"]["tools"]["tb_keyword"]["amount"] == "240万" and data["budget"]["tools"]["jd_haitou"] == "10%"
    assert data["budget"]["tools"]["jd_express"]["daily"] == 7200  # 6000 × 1.2
    assert data["products"][0]["units"] == "24万" and data["products"][0]["price"] == 59
    c618 = next(c for c in data["campaigns"] if c["id"] == "618")
    assert (c618["start"], c618["end"]) == (dt.date(2026, 5, 20), dt.date(2026, 6, 20))
    assert c618["tasks"][0]["due"] == dt.date(2026, 4, 25) and "done" not in c618["tasks"][0]
    assert c618["goals"]["gmv"] == {"tmall": "1080万", "jd": "600万", "douyin": "120万"}
    assert "spring_festival" not in data.get("calendar", {})  # a lunar date must be set anew
    _workspace, problems = check(plans)
    assert not [p for p in problems if p.is_error], [p.message("en") for p in problems]


def test_new_refuses_to_overwrite(plans):
    before = (plans / "2026" / "plan.yaml").read_bytes()
    result = new(plans, "2026", "--growth", "10%")
    assert result.returncode == 1 and "not overwriting" in result.stderr
    assert (plans / "2026" / "plan.yaml").read_bytes() == before


def test_dry_run_prints_and_writes_nothing(plans):
    result = new(plans, "2027", "--growth", "15%", "--dry-run")
    assert result.returncode == 0 and "total: 14950万" in result.stdout  # 1.3亿 × 1.15
    assert not (plans / "2027").exists()


def test_growth_and_amount_forms():
    assert parse_growth("15%") == pytest.approx(0.15) and parse_growth("0.15") == pytest.approx(0.15)
    assert written_amount(120_000_000) == "1.2亿" and written_amount(1_380_000) == "138万"
    assert written_amount(5555.5) == 5556 and written_amount(6900) == 6900


def test_committed_schema_is_current():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "schema"], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert (REPO / "planbook.schema.json").read_text(encoding="utf-8") == result.stdout, \
        "run `planbook schema -o planbook.schema.json`"
