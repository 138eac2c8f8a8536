"""Rules for campaigns (spec 8) and calendar nodes (spec 9)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from generator.model.catalog import NODES
from generator.model.documents import Plan, Review
from generator.model.errors import suggest
from generator.model.workspace import PlacedCampaign, Workspace, campaigns_of
from generator.problems import Problem
from generator.validate.common import declared_list, goal_value_problems, known_metrics, metric_of

EARLY_START_DAYS = 31  # a campaign may start up to a month before its year (年货节)


def all_campaigns(workspace: Workspace) -> Iterator[tuple[Plan | None, PlacedCampaign]]:
    keys = sorted({d.key for d in workspace.documents if d.kind in ("plan", "campaign")})
    for unit, year in keys:
        plan_doc = workspace.plan(unit, year)
        plan = plan_doc.model if plan_doc is not None else None
        for placed in campaigns_of(workspace, unit, year):
            yield (plan if isinstance(plan, Plan) else None), placed


def campaign_dates(workspace: Workspace) -> Iterator[Problem]:
    """End not before start; inside the year (start up to 31 days early)."""
    for _plan, placed in all_campaigns(workspace):
        c, year = placed.campaign, placed.document.model.year
        if c.end < c.start:
            yield placed.problem("campaign-dates", "end", id=c.id, start=c.start, end=c.end)
            continue
        earliest = dt.date(year, 1, 1) - dt.timedelta(days=EARLY_START_DAYS)
        if c.start < earliest or c.end > dt.date(year, 12, 31) or c.end < dt.date(year, 1, 1):
            field = "start" if c.start < earliest else "end"
            yield placed.problem("campaign-out-of-year", field, id=c.id, start=c.start, end=c.end, year=year)


# A campaign id names its page file: 64 characters stay far below the 255 bytes
# a file name may have, even in Chinese (3 bytes a character).
MAX_ID_LENGTH = 64


def campaign_ids(workspace: Workspace) -> Iterator[Problem]:
    """Campaign ids are unique per (unit, year), across the plan and campaign files, and
    short enough to name a page."""
    seen: dict[tuple[str, int, str], PlacedCampaign] = {}
    for _plan, placed in all_campaigns(workspace):
        unit, year = placed.document.key
        key = (unit, year, placed.campaign.id)
        if len(placed.campaign.id) > MAX_ID_LENGTH:
            yield placed.problem("id-too-long", "id", short=placed.campaign.id[:20], length=len(placed.campaign.id),
                                 limit=MAX_ID_LENGTH)
        if key in seen:
            first = seen[key]
            other = first.document.written_at(*first.path, "id")
            yield placed.problem("duplicate-campaign", "id", id=placed.campaign.id, year=year, other=other)
        else:
            seen[key] = placed


def campaign_references(workspace: Workspace) -> Iterator[Problem]:
    """Nodes, channels, skus and goal metrics of a campaign exist in its plan."""
    for plan, placed in all_campaigns(workspace):
        c = placed.campaign
        calendar = plan.calendar if plan else {}
        if c.node is not None:
            if c.node not in NODES and c.node not in calendar:
                yield placed.problem("unknown-node", "node", node=c.node, nodes=declared_list(NODES))
            elif c.node in NODES and NODES[c.node].month_day is None and c.node not in calendar:
                yield placed.problem("node-date-missing", "node", node=c.node)
        if plan is None:
            continue
        for i, channel in enumerate(c.channels):
            if channel not in plan.channels:
                yield placed.problem("unknown-channel", "channels", i, channel=channel,
                                     declared=declared_list(plan.channels))
        for metric, goal in c.goals.items():
            metric_def = metric_of(plan, metric)
            if metric_def is None:
                yield placed.problem("unknown-metric", "goals", metric, key=True, metric=metric,
                                     suggestion=suggest(metric, known_metrics(plan)))
            else:
                yield from goal_value_problems(placed, ("goals", metric), metric_def, goal)
            if isinstance(goal, dict):
                for channel in goal:
                    if channel not in plan.channels:
                        yield placed.problem("unknown-channel", "goals", metric, channel, key=True,
                                             channel=channel, declared=declared_list(plan.channels))
        skus = {p.sku for p in plan.products}
        for sku in c.sku_goals:
            if sku not in skus:
                yield placed.problem("unknown-sku", "sku_goals", sku, key=True, sku=sku,
                                     suggestion=suggest(sku, skus))


def task_dates(workspace: Workspace) -> Iterator[Problem]:
    """Tasks are due by the campaign's end; past-due open tasks are flagged."""
    today = dt.date.today()
    for _plan, placed in all_campaigns(workspace):
        c = placed.campaign
        unit, year = placed.document.key
        review_doc = workspace.review(unit, year)
        as_of = review_doc.model.as_of if review_doc and isinstance(review_doc.model, Review) else None
        as_of = as_of or (dt.date(year, 12, 31) if review_doc else today)
        for i, task in enumerate(c.tasks):
            if task.due > c.end:
                yield placed.problem("task-after-end", "tasks", i, "due", task=task.name, due=task.due, end=c.end)
            elif not task.done and task.due < as_of:
                yield placed.problem("task-overdue", "tasks", i, "due", task=task.name, id=c.id,
                                     due=task.due, as_of=as_of)


RULES = [campaign_dates, campaign_ids, campaign_references, task_dates]
