"""Campaigns (活动策划, spec 8): budget, goals, planned ROI, and their review."""

from __future__ import annotations

from typing import Any

import pandas as pd

from generator.load.quantities import Quantity
from generator.model.documents import Campaign, CampaignReview

CAMPAIGN_COLUMNS = ["id", "name", "type", "node", "channels", "start", "end", "budget", "gifts", "gmv_goal",
                    "planned_roi", "target_share", "gmv_actual", "attainment", "spend", "actual_roi",
                    "problems_solved", "problems_open"]


def goal_total(goal: Any) -> float | None:
    """A goal written as one number or per channel, as one number."""
    if goal is None:
        return None
    if isinstance(goal, Quantity):
        return float(goal.value)
    return float(sum(q.value for q in goal.values()))


def campaigns_frame(campaigns: list[tuple[Campaign, CampaignReview | None]], gmv_target: float | None) -> pd.DataFrame:
    rows = []
    for campaign, review in sorted(campaigns, key=lambda pair: (pair[0].start, pair[0].id)):
        budget = float(sum(q.value for q in campaign.budget.values())) if campaign.budget else None
        gifts = float(campaign.budget["gifts"].value) if "gifts" in campaign.budget else None
        goal = goal_total(campaign.goals.get("gmv"))
        actual = goal_total(review.actual.get("gmv")) if review else None
        spend = float(sum(q.value for q in review.spend.values())) if review and review.spend else None
        rows.append({
            "id": campaign.id, "name": campaign.name, "type": campaign.type, "node": campaign.node,
            "channels": ", ".join(campaign.channels), "start": campaign.start.isoformat(),
            "end": campaign.end.isoformat(), "budget": budget, "gifts": gifts, "gmv_goal": goal,
            "planned_roi": goal / budget if goal is not None and budget else None,
            "target_share": goal / gmv_target if goal is not None and gmv_target else None,
            "gmv_actual": actual,
            "attainment": actual / goal if actual is not None and goal else None,
            "spend": spend,
            "actual_roi": actual / spend if actual is not None and spend else None,
            "problems_solved": sum(p.solved for p in review.problems) if review else None,
            "problems_open": sum(not p.solved for p in review.problems) if review else None,
        })
    return pd.DataFrame(rows, columns=CAMPAIGN_COLUMNS)
