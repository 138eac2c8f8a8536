"""Campaigns (活动策划, spec 8): budget, goals, planned ROI, and their review."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from generator.compute.figures import attainment as shown_attainment, divide, exact, money, ratio
from generator.load.quantities import Quantity
from generator.model.documents import Campaign, CampaignReview

CAMPAIGN_COLUMNS = ["id", "name", "type", "node", "channels", "start", "end", "budget", "gifts", "gmv_goal",
                    "planned_roi", "target_share", "gmv_actual", "attainment", "spend", "actual_roi",
                    "problems_solved", "problems_open"]


def goal_total(goal: Any) -> Decimal | None:
    """A goal written as one number or per channel, as one exact number."""
    if goal is None:
        return None
    if isinstance(goal, Quantity):
        return goal.exact
    return sum((q.exact for q in goal.values()), Decimal(0))


def campaigns_frame(campaigns: list[tuple[Campaign, CampaignReview | None]], gmv_target: Any) -> pd.DataFrame:
    rows = []
    target = exact(gmv_target)
    for campaign, review in sorted(campaigns, key=lambda pair: (pair[0].start, pair[0].id)):
        budget = sum((q.exact for q in campaign.budget.values()), Decimal(0)) if campaign.budget else None
        gifts = campaign.budget["gifts"].exact if "gifts" in campaign.budget else None
        goal = goal_total(campaign.goals.get("gmv"))
        actual = goal_total(review.actual.get("gmv")) if review else None
        spend = sum((q.exact for q in review.spend.values()), Decimal(0)) if review and review.spend else None
        rows.append({
            "id": campaign.id, "name": campaign.name, "type": campaign.type, "node": campaign.node,
            "channels": ", ".join(campaign.channels), "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(), "budget": money(budget), "gifts": money(gifts), "gmv_goal": money(goal),
            "planned_roi": ratio(divide(goal, budget)),
            "target_share": ratio(divide(goal, target)),
            "gmv_actual": money(actual),
            "attainment": shown_attainment(divide(actual, goal)),
            "spend": money(spend),
            "actual_roi": ratio(divide(actual, spend)),
            "problems_solved": sum(p.solved for p in review.problems) if review else None,
            "problems_open": sum(not p.solved for p in review.problems) if review else None,
        })
    return pd.DataFrame(rows, columns=CAMPAIGN_COLUMNS)
