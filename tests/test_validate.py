"""Every validation rule: the exact code and line of the problem it reports."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import problems_of

HEAD = "kind: plan\nyear: 2026\nchannels: {tmall: 天猫, jd: 京东}\n"  # lines 1-3


def found(tmp_path, files):
    return [(p.path.rsplit("/", 1)[-1], p.code, p.line) for p in problems_of(tmp_path, files)]


def plan(body: str) -> dict[str, str]:
    return {"plan.yaml": HEAD + body}


CASES = {
    # --- targets -------------------------------------------------------------
    "unknown metric": (plan("targets:\n  gvm: 1亿\n"), [("plan.yaml", "unknown-metric", 5)]),
    "declared metric is known": (
        plan("metrics:\n  live_gmv: {label: 直播, unit: money}\ntargets:\n  live_gmv: 100万\n"), []),
    "share sum": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 60%, jd: 30%}\n"),
        [("plan.yaml", "share-sum", 7)]),
    "shares within 0.1 pp": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 60.05%, jd: 40%}\n"),
        [("plan.yaml", "share-remainder", 7)]),  # said, never rescaled (spec 10)
    "channel amounts": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 6000万, jd: 3000万}\n"),
        [("plan.yaml", "channel-sum", 7)]),
    "nested channel totals": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels:\n      tmall: {total: 6000万}\n"
             "      jd: {months: [300万, 300万, 300万, 300万, 300万, 300万, 300万, 300万, 300万, 300万, 300万, 300万]}\n"),
        [("plan.yaml", "channel-sum", 8)]),  # 6000万 + 3600万 ≠ 1亿
    "mixed shares and amounts": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 60%, jd: 4000万}\n"),
        [("plan.yaml", "channel-mixed", 7)]),
    "undeclared channel": (
        plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 60%, jd: 30%, douyin: 10%}\n"),
        [("plan.yaml", "unknown-channel", 7)]),
    "months add up": (
        plan("targets:\n  orders:\n    total: 13万\n    months: [1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万]\n"),
        [("plan.yaml", "months-sum", 7)]),
    "months within 0.5%": (
        # within the 0.5 % that spec 3.2 allows, yet not equal: a warning that the months are used
        plan("targets:\n  orders:\n    total: 12.05万\n    months: [1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万, 1万]\n"),
        [("plan.yaml", "conflicting-forms", 7)]),
    "months count": (
        plan("targets:\n  orders:\n    months: [1万, 1万, 1万]\n"), [("plan.yaml", "months-count", 6)]),
    "month key": (
        plan("targets:\n  orders:\n    months: {1: 1万, 13: 2万}\n"),
        [("plan.yaml", "month-key", 6)]),
    "quarters add up": (
        plan("targets:\n  orders:\n    total: 100万\n    quarters: [20万, 20万, 20万, 20万]\n"),
        [("plan.yaml", "quarters-sum", 7)]),
    "quarter shares add up": (
        plan("targets:\n  orders:\n    total: 100万\n    quarters: [20%, 20%, 20%, 20%]\n"),
        [("plan.yaml", "share-sum", 7)]),
    "quarters count": (
        plan("targets:\n  orders:\n    quarters: [20万, 20万]\n"), [("plan.yaml", "quarters-count", 6)]),
    "phasing weights": (
        plan("phasing: [1, 2, 3]\n"), [("plan.yaml", "phasing-invalid", 4)]),
    "negative weight": (
        plan("targets:\n  gmv:\n    total: 1亿\n    phasing: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1]\n"),
        [("plan.yaml", "phasing-invalid", 7)]),
    "unknown profile": (
        plan("targets:\n  gmv: {total: 1亿, phasing: aircon}\n"), [("plan.yaml", "unknown-profile", 5)]),
    "known profile": (
        plan("profiles:\n  aircon: [2, 2, 4, 7, 12, 20, 22, 14, 6, 4, 4, 3]\n"
             "targets:\n  gmv: {total: 1亿, phasing: aircon}\n"), []),
    "last_year without review": (
        plan("targets:\n  gmv: {total: 1亿, phasing: last_year}\n"), [("plan.yaml", "last-year-missing", 5)]),
    "last_year with monthly review": (
        {**plan("targets:\n  gmv: {total: 1亿, phasing: last_year}\n"),
         "r.yaml": "kind: review\nyear: 2025\nactuals:\n  gmv: {months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}\n"},
        []),
    "rate above one": (plan("targets:\n  conversion_rate: 4\n"), [("plan.yaml", "rate-over-one", 5)]),
    "rate as a fraction": (plan("targets:\n  conversion_rate: 0.04\n"), []),
    "percent for an amount": (plan("targets:\n  gmv: 10%\n"), [("plan.yaml", "percent-not-allowed", 5)]),
    "per order in a target": (plan("targets:\n  gmv: 6元/单\n"), [("plan.yaml", "per-order-not-allowed", 5)]),
    "driver identity": (
        plan("targets:\n  gmv: 1亿\n  visitors: 2000万\n  conversion_rate: 4%\n  aov: 150\n"),
        [("plan.yaml", "driver-identity", 5)]),  # 2000万 × 4% × 150 = 1.2亿, 20 % off
    "driver identity within 2%": (
        plan("targets:\n  gmv: 1亿\n  visitors: 2000万\n  conversion_rate: 4%\n  aov: 126\n"), []),
    # --- products -------------------------------------------------------------
    "duplicate sku": (
        plan("products:\n  - {sku: A, name: a, role: traffic, price: 59}\n"
             "  - {sku: A, name: b, role: profit, price: 99}\n"),
        [("plan.yaml", "duplicate-sku", 6)]),
    "price order": (
        plan("products:\n  - {sku: A, name: a, role: traffic, price: 199}\n"
             "  - {sku: B, name: b, role: profit, price: 99}\n"),
        [("plan.yaml", "price-order", 4)]),
    "cost above price": (
        plan("products:\n  - {sku: A, name: a, role: traffic, price: 59, cost: 60}\n"),
        [("plan.yaml", "cost-above-price", 5)]),
    # --- budget -------------------------------------------------------------------
    "unknown tool": (
        plan("budget:\n  total: 100万\n  tools:\n    jd_expres: 100%\n"), [("plan.yaml", "unknown-tool", 7)]),
    "declared tool": (
        plan("budget:\n  total: 100万\n  tools:\n    xhs: 100%\n  tools_declared:\n"
             "    xhs: {name: 小红书, platform: xiaohongshu, placement: offsite}\n"), []),
    "over-allocated": (
        plan("budget:\n  total: 100万\n  tools:\n    jd_express: 60%\n    tb_keyword: 50万\n"),
        [("plan.yaml", "budget-over-allocated", 6)]),
    "unallocated": (
        plan("budget:\n  total: 100万\n  tools:\n    jd_express: 60%\n"), [("plan.yaml", "budget-unallocated", 6)]),
    "share and amount": (
        plan("budget:\n  total: 100万\n  tools:\n    jd_express: {share: 100%, amount: 100万}\n"),
        [("plan.yaml", "tool-share-and-amount", 7)]),
    "share without total": (
        plan("budget:\n  tools:\n    jd_express: 50%\n"), [("plan.yaml", "tool-share-without-total", 6)]),
    "daily cap": (
        plan("budget:\n  total: 100万\n  tools:\n    jd_express: {amount: 100万, daily: 2000}\n"),
        [("plan.yaml", "daily-cap", 7)]),  # 2000 × 365 = 73万 < 100万
    "budget as share of GMV without GMV": (
        plan("budget:\n  total: 8%\n"), [("plan.yaml", "budget-share-needs-gmv", 5)]),
    "tool sku": (
        plan("products:\n  - {sku: A, name: a, role: traffic, price: 59}\n"
             "budget:\n  total: 10万\n  tools:\n    jd_express: {amount: 10万, skus: [B]}\n"),
        [("plan.yaml", "unknown-sku", 9)]),
    # --- costs ----------------------------------------------------------------------
    "budget word only for marketing": (
        plan("budget: {total: 10万}\ncosts:\n  labor: budget\n"), [("plan.yaml", "cost-budget-word", 6)]),
    "marketing budget without budget": (
        plan("costs:\n  marketing: budget\n"), [("plan.yaml", "cost-budget-missing", 5)]),
    "per order needs orders": (
        plan("costs:\n  logistics: 6元/单\n"), [("plan.yaml", "per-order-needs-orders", 5)]),
    # --- campaigns --------------------------------------------------------------------
    "end before start": (
        plan("campaigns:\n  - {id: a, name: A, type: store, start: 2026-05-02, end: 2026-05-01}\n"),
        [("plan.yaml", "campaign-dates", 5)]),
    "outside the year": (
        plan("campaigns:\n  - {id: a, name: A, type: store, start: 2025-11-01, end: 2026-01-05}\n"),
        [("plan.yaml", "campaign-out-of-year", 5)]),
    "may start 31 days early": (
        plan("campaigns:\n  - {id: a, name: A, type: store, start: 2025-12-01, end: 2026-01-05}\n"), []),
    "duplicate campaign across files": (
        {**plan("campaigns:\n  - {id: a, name: A, type: store, start: 2026-05-01, end: 2026-05-02}\n"),
         "c.yaml": "kind: campaign\nyear: 2026\nid: a\nname: A2\ntype: store\nstart: 2026-06-01\nend: 2026-06-02\n"},
        [("c.yaml", "duplicate-campaign", 3)]),
    "campaign file without plan": (
        {"c.yaml": "kind: campaign\nyear: 2026\nid: a\nname: A\ntype: store\nstart: 2026-06-01\nend: 2026-06-02\n"},
        [("c.yaml", "campaign-without-plan", 2)]),
    "unknown node": (
        plan("campaigns:\n  - {id: a, name: A, type: store, node: 619, start: 2026-06-01, end: 2026-06-02}\n"),
        [("plan.yaml", "unknown-node", 5)]),
    "lunar node without date": (
        plan("campaigns:\n  - {id: a, name: A, type: store, node: qixi, start: 2026-08-01, end: 2026-08-02}\n"),
        [("plan.yaml", "node-date-missing", 5)]),
    "campaign channel": (
        plan("campaigns:\n  - {id: a, name: A, type: store, channels: [tmall, douyin], start: 2026-06-01, end: 2026-06-02}\n"),
        [("plan.yaml", "unknown-channel", 5)]),
    "campaign goal metric": (
        plan("campaigns:\n  - id: a\n    name: A\n    type: store\n    start: 2026-06-01\n    end: 2026-06-02\n"
             "    goals: {gvm: 100万}\n"),
        [("plan.yaml", "unknown-metric", 10)]),
    "campaign sku goal": (
        plan("campaigns:\n  - id: a\n    name: A\n    type: store\n    start: 2026-06-01\n    end: 2026-06-02\n"
             "    sku_goals: {X-1: {units: 100}}\n"),
        [("plan.yaml", "unknown-sku", 10)]),
    "task after end": (
        plan("campaigns:\n  - id: a\n    name: A\n    type: store\n    start: 2026-06-01\n    end: 2026-06-02\n"
             "    tasks:\n      - {name: 复盘会, due: 2026-06-10, done: true}\n"),
        [("plan.yaml", "task-after-end", 11)]),
    "overdue task as of the review": (
        {**plan("campaigns:\n  - id: a\n    name: A\n    type: store\n    start: 2026-06-01\n    end: 2026-06-30\n"
                "    tasks:\n      - {name: 备货, due: 2026-06-10}\n      - {name: 复盘, due: 2026-06-29}\n"),
         "r.yaml": "kind: review\nyear: 2026\nas_of: 2026-06-15\n"},
        [("plan.yaml", "task-overdue", 11)]),  # 06-29 is not due yet on 06-15
    # --- documents and reviews ---------------------------------------------------------------
    "two plans for one year": (
        {"a.yaml": HEAD, "b.yaml": HEAD}, [("b.yaml", "duplicate-document", 2)]),
    "same year, other unit": (
        {"a.yaml": HEAD, "b.yaml": HEAD + "unit: other-brand\n"}, []),
    "as_of outside the year": (
        {"r.yaml": "kind: review\nyear: 2026\nas_of: 2025-12-31\n"}, [("r.yaml", "as-of-year", 3)]),
    "actual after as_of": (
        {"r.yaml": "kind: review\nyear: 2026\nas_of: 2026-02-28\nactuals:\n  gmv: {months: [1, 2, 3]}\n"},
        [("r.yaml", "actual-after-as-of", 5)]),
    "review channel sum": (
        {**plan(""), "r.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv:\n    months: [100, 100]\n"
         "    channels:\n      tmall: {months: [60, 60]}\n      jd: {months: [40, 30]}\n"},
        [("r.yaml", "actual-channel-sum", 6)]),
    "review unknown channel": (
        {**plan(""), "r.yaml": "kind: review\nyear: 2026\nactuals:\n  gmv:\n    total: 100\n"
         "    channels:\n      pdd: 100\n"},
        [("r.yaml", "unknown-channel", 7)]),
    "review unknown campaign": (
        {**plan(""), "r.yaml": "kind: review\nyear: 2026\ncampaigns:\n  '618':\n    actual: {gmv: 100万}\n"},
        [("r.yaml", "unknown-campaign", 4)]),
    "review unknown sku": (
        {**plan("products:\n  - {sku: A, name: a, role: traffic, price: 59}\n"),
         "r.yaml": "kind: review\nyear: 2026\nproducts:\n  B: {units: 100}\n"},
        [("r.yaml", "unknown-sku", 4)]),
    "review unknown tool": (
        {"r.yaml": "kind: review\nyear: 2026\nbudget:\n  jd_fast: {spend: 100}\n"}, [("r.yaml", "unknown-tool", 4)]),
    "review rate above one": (
        {"r.yaml": "kind: review\nyear: 2026\nactuals:\n  repeat_rate: 24\n"}, [("r.yaml", "rate-over-one", 4)]),
    "timeline date outside year": (
        {"r.yaml": "kind: review\nyear: 2026\ntimeline:\n  - {date: 2025-06-18, event: x}\n"},
        [("r.yaml", "date-out-of-year", 4)]),
    "cause metric": (
        {"r.yaml": "kind: review\nyear: 2026\ncauses:\n  - {metric: gvm, type: objective, text: x}\n"},
        [("r.yaml", "unknown-metric", 4)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule(tmp_path, name):
    files, expected = CASES[name]
    assert found(tmp_path, files) == expected
    # Beyond code and line: the column puts the caret on the key or value written there
    # (never on blank space or past the line), and both messages and hints are complete
    # (the strict formatter of conftest fails on an unfilled {field}; no English in zh).
    for problem in problems_of(tmp_path, files):
        written = files[problem.path.rsplit("/", 1)[-1]]  # every problem is in one of the case's files
        line = written.splitlines()[problem.line - 1]
        assert 1 <= problem.column <= len(line), (problem, line)
        assert not line[problem.column - 1].isspace(), (problem, line)
        zh, en = problem.message("zh"), problem.message("en")
        assert zh and en and zh != en
        assert not any(word in zh for word in ("Input should", "must be", "expected", "is not", "Error"))


def test_overdue_task_without_review_uses_today(tmp_path):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    year = yesterday.year
    body = (f"kind: plan\nyear: {year}\ncampaigns:\n  - id: a\n    name: A\n    type: store\n"
            f"    start: {year}-01-01\n    end: {year}-12-31\n    tasks:\n      - {{name: t, due: {yesterday}}}\n")
    assert found(tmp_path, {"p.yaml": body}) == [("p.yaml", "task-overdue", 10)]


def test_messages_exist_in_both_languages(tmp_path):
    problems = problems_of(tmp_path, plan("targets:\n  gmv:\n    total: 1亿\n    channels: {tmall: 60%, jd: 30%}\n"))
    assert problems[0].message("en") == "the shares of `gmv` add up to 90.0%, not 100%"
    assert problems[0].message("zh") == "`gmv` 的占比合计 90.0%,应为 100%"
