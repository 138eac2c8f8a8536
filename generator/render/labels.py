"""Labels of columns, metrics, costs and roles in Chinese and English."""

from __future__ import annotations

from typing import Any, Mapping

from generator import words
from generator.model.amounts import UNALLOCATED
from generator.model.catalog import NODES, metric_for
from generator.words import say
from generator.words.vocabulary import (
    BETTER,
    CAMPAIGN_BUDGET_ITEMS,
    CAMPAIGN_TYPES,
    COLUMNS,
    COSTS,
    FAMILIES,
    LEVERS,
    PHASING_WORDS,
    PLACEMENTS,
    PLATFORMS,
    PNL_ITEMS,
    ROLES,
    SEASONS,
    TABLE_TITLES,
    UNITS,
)

pick = words.pick  # a (Chinese, English) pair in the reader's language


def column(name: str, lang: str) -> str:
    return pick(COLUMNS.get(name, (name, name)), lang)


def metric(metric_id: str, lang: str, declared: Mapping[str, Any] | None = None) -> str:
    found = metric_for(metric_id, declared)
    return found.label(lang) if found else metric_id


def metric_unit(metric_id: str, declared: Mapping[str, Any] | None = None) -> str:
    found = metric_for(metric_id, declared)
    return found.unit if found else "count"


def channel(channel_id: str, lang: str, plan: object = None) -> str:
    """A channel's display name from the plan; `all` as 全部 / All."""
    if channel_id == "all":
        return say("all_channels", lang)
    if channel_id == UNALLOCATED:
        return say("unallocated", lang)
    names = getattr(plan, "channels", None) or {}
    return str(names.get(channel_id, channel_id))


def item(key: str, lang: str) -> str:
    return pick(PNL_ITEMS.get(key, (key, key)), lang)


def budget_item(key: str, lang: str, plan: object = None) -> str:
    """A campaign budget or spend line: ads_onsite, gifts, or an ad tool of the catalog or the plan."""
    from generator.model.catalog import TOOLS

    if key in CAMPAIGN_BUDGET_ITEMS:
        return pick(CAMPAIGN_BUDGET_ITEMS[key], lang)
    declared = getattr(getattr(plan, "budget", None), "tools_declared", None) or {}
    if key in declared:
        return str(declared[key].name)
    return TOOLS[key].name if key in TOOLS else key


def campaign_type(key: str, lang: str) -> str:
    return pick(CAMPAIGN_TYPES.get(key, (key, key)), lang)


def channels(ids: list[str], lang: str, plan: object = None) -> str:
    return say("list_separator", lang).join(channel(c, lang, plan) for c in ids)


def role(key: str, lang: str) -> str:
    return pick(ROLES.get(key, (key, key)), lang)


def node(key: str | None, lang: str, plan: object = None) -> str:
    """A calendar node's name; a store's own node (`brand_day` in `calendar:`) is
    named after the plan's campaign tied to it, the name the team gave that day."""
    if not key:
        return "—"
    found = NODES.get(key)
    if found:
        return pick((found.zh, found.en), lang)
    for campaign in getattr(plan, "campaigns", None) or []:
        if getattr(campaign, "node", None) == key and getattr(campaign, "name", None):
            return str(campaign.name)
    return key


def table_title(name: str, lang: str) -> str:
    return pick(TABLE_TITLES.get(name, (name, name)), lang)


def split_group(by: str, group: str, lang: str) -> str:
    """A product review split's group: a role, a season, yes/no for new products."""
    if by == "role":
        return role(group, lang)
    if by == "season":
        return pick(SEASONS.get(group, (group, group)), lang)
    if group in ("True", "False"):
        yes = group == "True"
        if by == "new":
            return say("product_new" if yes else "product_existing", lang)
        return say("yes" if yes else "no", lang)
    return group


# The columns of the computed tables whose values are ids, and how each reads.
ID_COLUMNS = ("metric", "channel", "item", "role", "node", "placement", "type", "tool", "platform")


def of_id(column: str, value: str, lang: str, plan: Any = None) -> str:
    """The label of an id in one of `ID_COLUMNS`: the site's tables and its downloads
    name ids the same way."""
    declared = dict(plan.metrics) if plan is not None else None
    if column == "metric":
        return metric(value, lang, declared)
    if column == "channel":
        return channel(value, lang, plan)
    if column == "item":
        return item(value, lang)
    if column == "role":
        return role(value, lang)
    if column == "node":
        return node(value, lang, plan)
    if column == "placement":
        return pick(PLACEMENTS.get(value, (value, value)), lang)
    if column == "type":
        return campaign_type(value, lang)
    if column == "tool":
        return channel("all", lang) if value == "all" else budget_item(value, lang, plan)
    if column == "platform":
        return pick(PLATFORMS.get(value, (value, value)), lang)
    return value


def workbook_vocabulary(plan: Any, lang: str, campaigns: Mapping[str, str]) -> Any:
    """The words of a plan's workbook (`planbook export plan`): each kind of id the
    workbook shows, id → label, as the site names it (English with `--lang en`)."""
    from generator.model.catalog import METRICS, TOOLS
    from generator.workbook_plan import Vocabulary

    declared = dict(plan.metrics) if plan is not None else {}
    metric_ids = [*METRICS, *declared]
    budget = getattr(plan, "budget", None)
    own_tools = dict(getattr(budget, "tools_declared", None) or {})
    tool_names = {t: TOOLS[t].name for t in TOOLS} | {t: str(d.name) for t, d in own_tools.items()}
    def both(table: Mapping[str, tuple[str, str]]) -> dict[str, str]:
        return {key: pick(pair, lang) for key, pair in table.items()}

    metrics = {m: metric(m, lang, declared) for m in metric_ids}
    calendar = list(getattr(plan, "calendar", None) or {})
    words = {
        "metric": metrics,
        "unit_of": {m: metric_unit(m, declared) for m in metric_ids},
        "channel": {"all": channel("all", lang), **{str(c): str(n) for c, n in (getattr(plan, "channels", None) or {}).items()}},
        "role": both(ROLES), "season": both(SEASONS), "platform": both(PLATFORMS), "placement": both(PLACEMENTS),
        "tool": {"@budget": say("workbook_budget_total", lang), **tool_names},
        "cost": {key: item(key, lang) for key in COSTS},
        "campaign_type": both(CAMPAIGN_TYPES),
        "node": {key: node(key, lang, plan) for key in [*NODES, *calendar]},
        "campaign": dict(campaigns),
        "goal_part": {"goals": say("workbook_goal", lang), "sku_goals": say("workbook_sku_goal", lang),
                      "budget": say("workbook_budget", lang)},
        "goal_item": {**metrics, **both(CAMPAIGN_BUDGET_ITEMS), **tool_names,
                      **{str(p.sku): str(p.sku) for p in getattr(plan, "products", None) or []}},
        "sku_metric": {"units": say("workbook_units", lang), "gmv": say("workbook_gmv", lang)},
        "phasing": {**both(PHASING_WORDS), "@weights": say("workbook_by_weights", lang),
                    **{str(p): str(p) for p in getattr(plan, "profiles", None) or {}}},
        "yes_no": {"true": say("yes", lang), "false": say("no", lang)},
        "metric_unit": both(UNITS), "better": both(BETTER), "family": both(FAMILIES), "lever": both(LEVERS),
        "metric_total": {"sum": say("workbook_sums", lang), "none": say("workbook_does_not_sum", lang)},
    }
    return Vocabulary(lang, words)
