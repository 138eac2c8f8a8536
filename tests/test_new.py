"""`planbook new`: next year's plan from an earlier one, scaled by hand-computed amounts."""

from __future__ import annotations

import datetime as dt
import json
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
    # 年货节 follows the Spring Festival: 2025-01-29 → 2026-02-17 is 384 days, so the
    # campaign of 2025-01-06 – 01-25 becomes 2026-01-25 – 02-13, and its id loses 2025
    assert data["calendar"]["spring_festival"] == dt.date(2026, 2, 17)
    spring = next(c for c in data["campaigns"] if c["id"] == "spring-2026")
    assert (spring["start"], spring["end"]) == (dt.date(2026, 1, 25), dt.date(2026, 2, 13))
    _workspace, problems = check(plans)
    assert not [p for p in problems if p.is_error], [p.message("en") for p in problems]


def test_new_refuses_to_overwrite(plans):
    before = (plans / "2026" / "plan.yaml").read_bytes()
    result = new(plans, "2026", "--growth", "10%")
    assert result.returncode == 1 and "不会覆盖" in result.stderr  # said in the user's language (zh)
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


def test_new_keeps_layout_and_comments_and_carries_campaign_files(plans):
    result = new(plans, "2027", "--growth", "10%", "--lang", "en")
    assert result.returncode == 0, result.stderr
    source = (plans / "2026" / "plan.yaml").read_text(encoding="utf-8")
    text = (plans / "2027" / "plan.yaml").read_text(encoding="utf-8")
    # every comment of the source is still there, and block lists stay block lists
    comments = [line.split("#", 1)[1].strip() for line in source.splitlines() if "#" in line
                and "yaml-language-server" not in line]
    assert comments and all(c in text for c in comments)
    assert "\n  - 销售额同比增长 25%" in text and "channels: {tmall: 55%, jd: 30%, douyin: 15%}" in text
    data = yaml.safe_load(text)
    assert [c["id"] for c in data["campaigns"]][0] == "spring-2027"  # spring-2026 renamed
    assert data["targets"]["gmv"]["total"] == "1.43亿"  # 1.3亿 × 1.1
    # the separate campaign file comes along: next year's dates, scaled goals, no review
    carried = yaml.safe_load((plans / "2027" / "campaigns" / "double11.yaml").read_text(encoding="utf-8"))
    assert carried["year"] == 2027 and carried["id"] == "double11" and "review" not in carried
    assert (carried["start"], carried["end"]) == (dt.date(2027, 10, 20), dt.date(2027, 11, 11))
    assert carried["goals"]["new_customers"] == "5.5万"  # 5万 × 1.1
    # what to check, and what was not carried over
    assert "Check this text:" in result.stderr and "goals[0]" in result.stderr
    assert "Not carried over:" in result.stderr and "`done` removed from 3 tasks" in result.stderr
    _workspace, problems = check(plans)
    assert not [p for p in problems if p.is_error], [p.message("en") for p in problems]
    diff = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "2026", "2027", "--format", "json",
                           "--dir", str(plans)], cwd=REPO, capture_output=True, text=True, timeout=120)
    changes = json.loads(diff.stdout)["changes"]
    written = {(c["section"], c["key"], c["field"]) for c in changes if not c["computed"]}
    # spring-2026 → spring-2027 is the same campaign carried over, not removed and added
    assert ("targets", "gmv", "total") in written and ("campaigns", "spring-2027", "carried_over") in written


def test_a_campaign_on_a_lunar_node_with_no_known_date_is_flagged(tmp_path):
    plans = tmp_path / "plans"
    (plans / "2030").mkdir(parents=True)
    (plans / "2030" / "plan.yaml").write_text(
        "kind: plan\nyear: 2030\ncalendar: {qixi: 2030-08-05}\ntargets:\n  gmv: 100万\ncampaigns:\n"
        "  - {id: qixi-2030, name: 七夕, type: platform, node: qixi, start: 2030-08-01, end: 2030-08-05}\n",
        encoding="utf-8")
    (plans / "2030" / "campaigns").mkdir()
    (plans / "2030" / "campaigns" / "d11-2030.yaml").write_text(
        "kind: campaign\nyear: 2030\nid: d11-2030\nname: 双11\ntype: platform\nnode: double11\n"
        "start: 2030-10-20\nend: 2030-11-11\nreview:\n  actual: {gmv: 50万}\n", encoding="utf-8")
    result = new(plans, "2031", "--lang", "en")
    assert result.returncode == 0, result.stderr
    carried = yaml.safe_load((plans / "2031" / "campaigns" / "d11-2031.yaml").read_text(encoding="utf-8"))
    assert carried["id"] == "d11-2031" and "review" not in carried
    assert "the campaign's review is not carried over" in result.stderr
    assert "follows Qixi (lunar); its 2031 date is not known: set calendar.qixi" in result.stderr
    assert "calendar.qixi: the 2031 lunar date is not known: left out" in result.stderr
    data = yaml.safe_load((plans / "2031" / "plan.yaml").read_text(encoding="utf-8"))
    assert data["campaigns"][0]["id"] == "qixi-2031" and "calendar" not in data


def test_new_after_a_year_to_date_review_keeps_a_target_for_every_month(plans):
    # The 2026 plan phases GMV by last_year; the 2026 review runs to 2026-10-31, so 2027
    # cannot take 2026's shape (November and December would get no target).  It takes the
    # 2026 plan's monthly shape instead, which is 2025's actual GMV: 10,338万 in all,
    # January 612万 → 5.9 %, November 1,720万 → 16.6 % (the twelve rounded weights add up
    # to 100.0), so November 2027 is 1.3亿 × 16.6 % = 2,158万.
    result = new(plans, "2027")
    assert result.returncode == 0, result.stderr
    gmv = yaml.safe_load((plans / "2027" / "plan.yaml").read_text(encoding="utf-8"))["targets"]["gmv"]
    assert gmv["phasing"][0] == 5.9 and gmv["phasing"][10] == 16.6 and round(sum(gmv["phasing"]), 1) == 100.0
    assert "targets.gmv.phasing" in result.stderr  # the notes go with the other notes
    report = subprocess.run([sys.executable, "-m", "generator.cli", "report", str(plans), "--year", "2027",
                             "--format", "json"], cwd=REPO, capture_output=True, text=True, timeout=120)
    months = {t["period"]: t["value"] for t in json.loads(report.stdout)["reports"][0]["targets"]
              if t["metric"] == "gmv" and t["channel"] == "all"}
    assert months["2027-11"] == 21_580_000 and months["2027-12"] > 0


def test_last_year_phasing_on_a_year_to_date_review_is_an_error(tmp_path):
    from tests.conftest import problems_of

    problems = problems_of(tmp_path, {
        "2025/review.yaml": "kind: review\nyear: 2025\nas_of: 2025-10-31\nactuals:\n"
                            "  gmv: {months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}\n",
        "2026/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: {total: 100万, phasing: last_year}\n",
    })
    assert [(p.code, p.line, p.column) for p in problems] == [("last-year-incomplete", 4, 31)]  # the value last_year
    assert problems[0].message("en").endswith("months 11, 12 have none")
