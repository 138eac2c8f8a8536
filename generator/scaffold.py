"""`planbook new YEAR`: next year's plan scaffolded from an earlier one.

The earlier plan is read (and must validate), then rewritten as data:
the year bumped, sum-metric targets, product units, campaign goals and the
budget scaled by the growth (rates, shares and prices unchanged), campaign
and task dates moved to the new year (tasks reopened), and the GMV phasing
switched to `last_year` when that year's review has monthly GMV.  Comments of
the source are not carried over; a header says where the file came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import CommandError
from generator.load.quantities import Quantity, QuantityError, parse_quantity
from generator.model.catalog import NODES, metric_for
from generator.model.documents import Plan
from generator.model.workspace import Workspace
from generator.validate.review import monthly_actual_metrics


LUNAR_NODES = {node.id for node in NODES.values() if node.month_day is None}


class ScaffoldError(CommandError):
    """Why no plan can be scaffolded (a problem, exit 1)."""


@dataclass
class Scaffold:
    path: Path
    text: str


def parse_growth(text: str) -> float:
    """`15%` or `0.15` → 0.15."""
    try:
        quantity = parse_quantity(text)
    except QuantityError:
        raise ScaffoldError("growth-invalid", text=text) from None
    return quantity.value if quantity.is_percent or abs(quantity.value) <= 1 else quantity.value / 100


def scaffold(workspace: Workspace, year: int, source_year: int, growth: float, unit: str | None) -> Scaffold:
    units = sorted({d.key[0] for d in workspace.of_kind("plan") if d.key[1] == source_year})
    if unit is None and len(units) > 1:
        raise ScaffoldError("several-units", year=source_year, units=", ".join(units))
    chosen = unit or (units[0] if units else "main")
    document = workspace.plan(chosen, source_year)
    if document is None or not isinstance(document.model, Plan):
        raise ScaffoldError("no-source-plan", year=source_year, unit=chosen)
    data = yaml.safe_load(document.file.read_text(encoding="utf-8-sig"))
    plan: Plan = document.model
    factor = 1 + growth
    data["year"] = year
    data["baseline"] = source_year
    if isinstance(data.get("title"), str):
        data["title"] = data["title"].replace(str(source_year), str(year))
    for metric_id, target in (data.get("targets") or {}).items():
        metric = metric_for(metric_id, dict(plan.metrics))
        if metric is not None and metric.sums:
            data["targets"][metric_id] = _scale_target(target, factor)
    review = workspace.review(chosen, source_year)
    if review is not None and "gmv" in monthly_actual_metrics(workspace, review) and "gmv" in (data.get("targets") or {}):
        gmv = data["targets"]["gmv"]
        gmv = gmv if isinstance(gmv, dict) else {"total": gmv}
        if not gmv.get("months") and not gmv.get("quarters"):
            gmv["phasing"] = "last_year"
        data["targets"]["gmv"] = gmv
    for product in data.get("products") or []:
        if "units" in product:
            product["units"] = _scaled(product["units"], factor)
    if isinstance(data.get("budget"), dict):
        data["budget"] = _scale_budget(data["budget"], factor)
    for campaign in data.get("campaigns") or []:
        _move_campaign(campaign, year - source_year, factor)
    if isinstance(data.get("calendar"), dict):
        # Lunar nodes (年货节, 七夕) fall on other days next year: left out, so `check`
        # asks for them; the store's own nodes keep their day.
        calendar = {k: _move(v, year - source_year) for k, v in data["calendar"].items() if k not in LUNAR_NODES}
        if calendar:
            data["calendar"] = calendar
        else:
            del data["calendar"]
    folder = Path(document.file).parent.parent / str(year)
    if len(units) > 1:
        folder = folder / chosen
    header = (f"# yaml-language-server: $schema={_schema_path(folder, workspace.root)}\n"
              f"# Scaffolded by `planbook new {year} --from {source_year} --growth {growth * 100:g}%` "
              f"from {document.path} on {dt.date.today().isoformat()}.\n"
              f"# 由 {document.path} 生成:销售类目标与预算按 {growth * 100:g}% 增长,活动日期顺延到 {year} 年。\n")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)
    return Scaffold(folder / "plan.yaml", header + body)


def _schema_path(folder: Path, root: Path) -> str:
    depth = len(folder.resolve().relative_to(root.resolve().parent).parts)
    return "../" * depth + "planbook.schema.json"


def _scaled(value: Any, factor: float) -> Any:
    """An amount scaled and written back in 万/亿 when round; shares and per-order costs unchanged."""
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return value
    if quantity.form != "number":
        return value
    return written_amount(quantity.value * factor)


def written_amount(value: float) -> Any:
    """120000000 → '1.2亿', 1380000 → '138万', 5555.5 → 5556 (whole units)."""
    rounded = round(value)
    if rounded and rounded % 100_000_000 == 0 or (abs(rounded) >= 100_000_000 and rounded % 1_000_000 == 0):
        return f"{rounded / 100_000_000:g}亿"
    if abs(rounded) >= 10_000 and rounded % 100 == 0:
        return f"{rounded / 10_000:g}万"
    return rounded


def _scale_target(target: Any, factor: float) -> Any:
    if not isinstance(target, dict):
        return _scaled(target, factor)
    out = dict(target)
    for key in ("total",):
        if key in out:
            out[key] = _scaled(out[key], factor)
    if isinstance(out.get("months"), list):
        out["months"] = [_scaled(v, factor) for v in out["months"]]
    elif isinstance(out.get("months"), dict):
        out["months"] = {k: _scaled(v, factor) for k, v in out["months"].items()}
    if isinstance(out.get("quarters"), list):
        out["quarters"] = [_scaled(v, factor) for v in out["quarters"]]
    if isinstance(out.get("channels"), dict):
        out["channels"] = {k: _scale_target(v, factor) for k, v in out["channels"].items()}
    return out


def _scale_budget(budget: dict[str, Any], factor: float) -> dict[str, Any]:
    out = dict(budget)
    if "total" in out:
        out["total"] = _scaled(out["total"], factor)
    for key in ("months", "quarters"):
        if isinstance(out.get(key), list):
            out[key] = [_scaled(v, factor) for v in out[key]]
    tools = {}
    for tool_id, entry in (out.get("tools") or {}).items():
        if isinstance(entry, dict):
            entry = dict(entry)
            for key in ("amount", "daily"):
                if key in entry:
                    entry[key] = _scaled(entry[key], factor)
            tools[tool_id] = entry
        else:
            tools[tool_id] = _scaled(entry, factor)
    if tools:
        out["tools"] = tools
    return out


def _move(day: Any, years: int) -> Any:
    if not isinstance(day, dt.date):
        return day
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _move_campaign(campaign: dict[str, Any], years: int, factor: float) -> None:
    for key in ("start", "end"):
        campaign[key] = _move(campaign.get(key), years)
    for task in campaign.get("tasks") or []:
        task["due"] = _move(task.get("due"), years)
        task.pop("done", None)  # a new year's tasks start open
    goals = campaign.get("goals") or {}
    for metric_id, goal in list(goals.items()):
        if metric_id in ("gmv", "orders", "new_customers", "visitors", "buyers"):
            goals[metric_id] = ({k: _scaled(v, factor) for k, v in goal.items()} if isinstance(goal, dict)
                                else _scaled(goal, factor))
    if isinstance(campaign.get("budget"), dict):
        campaign["budget"] = {k: _scaled(v, factor) for k, v in campaign["budget"].items()}


__all__ = ["scaffold", "Scaffold", "ScaffoldError", "parse_growth", "written_amount", "Quantity"]
