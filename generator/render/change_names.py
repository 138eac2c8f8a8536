"""What a change is called on a page: labels instead of ids (metric, tool, cost,
campaign, product and channel names) and short field names, in Chinese or English.
The JSON and the pull request's comment keep the ids; the site's changes, history
and scenario pages name changes through `ChangeNamer`."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from generator.diff.change import Change
from generator.model.amounts import UNALLOCATED
from generator.render import filters, labels
from generator.words import say
from generator.words.vocabulary import (
    BETTER,
    FAMILIES,
    FIELD_LABELS,
    GENERAL_FIELDS,
    LEVERS,
    PHASING_WORDS,
    PLACEMENTS,
    POSITIONING_FIELDS,
    REVIEW_PARTS,
    REVIEW_WORDS,
    SEASONS,
    UNITS,
)


class ChangeNamer:
    """Labels instead of ids for a Chinese (or English) page: metric, tool, cost,
    campaign, product and channel names, short field names.  The JSON and the
    pull-request comment keep the ids; the site's changes page uses this."""

    def __init__(self, old: Any, new: Any, lang: str) -> None:
        self.lang = lang
        self.plans = [p for p in (new, old) if p is not None]
        # Both years' declared metrics and channel names, the newer winning; read once.
        self.metrics: dict[str, Any] = {k: v for p in reversed(self.plans) for k, v in dict(p.metrics).items()}
        self.channel_names = SimpleNamespace(channels={k: v for p in reversed(self.plans) for k, v in p.channels.items()})
        self.channel_ids = set(self.channel_names.channels)

    def key(self, change: Change) -> str:
        key, lang = change.key, self.lang
        if change.section in ("targets", "metrics", "actuals"):
            return labels.metric(key, lang, self.metrics)
        if change.section == "phasing" and key == "plan":
            return say("phasing_plan_default", lang)
        if change.section == "budget":
            if key in PLACEMENTS:  # the onsite / offsite subtotals
                return say("placement_total", lang, placement=labels.pick(PLACEMENTS[key], lang))
            return say("budget_total", lang) if key == "total" else self._tool(key)
        if change.section == "costs":
            return labels.item(key, lang)
        if change.section == "campaigns":
            return next((c.name for p in self.plans for c in p.campaigns if c.id == key), key)
        if change.section == "products":
            name = next((x.name for p in self.plans for x in p.products if x.sku == key), None)
            return f"{key} {name}" if name else key
        if change.section == "channels":
            return labels.channel(key, lang, self.channel_names)
        if change.section == "drivers":
            return say("every_channel", lang) if key == "all" else \
                labels.channel(key, lang, self.channel_names)
        if change.section == "calendar":
            return labels.node(key, lang, self.plans[0] if self.plans else None)
        if change.section == "positioning":
            return labels.pick(POSITIONING_FIELDS.get(key, (key, key)), lang)
        if change.section == "review":
            return labels.pick(REVIEW_PARTS.get(key, (key, key)), lang)
        if change.section == "general":
            return labels.pick(GENERAL_FIELDS.get(key, (key, key)), lang)
        if change.section == "goals" and key == "goal":
            return say("annual_goal", lang)
        if change.section == "retention":
            lever, _sep, action = key.partition(": ")
            return say("lever_and_action", lang, lever=labels.pick(LEVERS.get(lever, (lever, lever)), lang),
                       action=action)
        return key

    def field(self, change: Change) -> str:
        if change.computed and change.field.endswith(".months"):  # a folded uniform change
            channel = change.field.rsplit(".", 1)[0]
            alike = say("every_month_alike", self.lang)
            return f"{self._part(channel, change)} · {alike}"
        if change.section == "review" and change.field:
            return self._review_field(change)
        parts = [self._part(part, change) for part in change.field.split(".")] if change.field else []
        return " · ".join(parts)

    def _review_field(self, change: Change) -> str:
        """A review's path in words: the cost, tool, campaign or SKU named as the site
        names it, then the review's own words (花费, 过程问题, 已解决, 销量)."""
        first, *rest = change.field.split(".")
        lang, key = self.lang, change.key
        if key == "costs":
            head = labels.item(first, lang)
        elif key == "budget":
            head = self._tool(first)
        elif key == "campaigns":
            head = next((c.name for p in self.plans for c in p.campaigns if c.id == first), first)
        elif key == "products":
            name = next((x.name for p in self.plans for x in p.products if x.sku == first), None)
            head = f"{first} {name}" if name else first
        else:
            head = labels.pick(REVIEW_WORDS.get(first, FIELD_LABELS.get(first, (first, first))), lang)
        shown = [head]
        for part in rest:
            if part in REVIEW_WORDS:
                shown.append(labels.pick(REVIEW_WORDS[part], lang))
            elif key in ("campaigns", "budget") and part in ("gmv", "orders", "new_customers", "visitors"):
                shown.append(labels.metric(part, lang, self.metrics))
            else:
                shown.append(self._part(part, change))
        return " · ".join(shown)

    def value(self, change: Change, text: str) -> str:
        """One side of a change in words (a phasing word, a metric's unit, 店铺活动, 天猫旗舰店)."""
        if change.field.endswith("phasing") and text in PHASING_WORDS:
            return labels.pick(PHASING_WORDS[text], self.lang)
        if change.section == "metrics" and change.field in _METRIC_VALUES:
            return labels.pick(_METRIC_VALUES[change.field].get(text, (text, text)), self.lang)
        # an entry added or removed in full is shown from its fields (`rows_of`)
        return text if is_whole_entry(change) else self._changed_value(change, text)

    def _changed_value(self, change: Change, text: str) -> str:
        """One side of a changed field in words: 店铺活动, 引流款, 天猫旗舰店、京东自营."""
        last = change.field.rsplit(".", 1)[-1]
        if text == "—":
            return text
        if last in ("type", "role", "node", "season", "new", "done", "solved", "lever", "metric"):
            return self._entry_value(last, text)
        if last == "channels":
            return labels.channels([v.strip() for v in text.split(",") if v.strip()], self.lang, self.channel_names)
        if last == "mechanics":
            return text.replace(", ", say("list_separator", self.lang))
        return text

    def rows_of(self, change: Change) -> list[tuple[str, str]]:
        """An entry added or removed in full as (field name, value) rows, in words, from
        its structured fields (a name with `; ` in it stays one value); a campaign's
        tasks one row each."""
        rows = []
        for key, value in (change.entry or {}).items():
            name = labels.pick(FIELD_LABELS.get(key, (key, key)), self.lang)
            if key == "tasks" and isinstance(value, list):
                rows += [(name, self.task_text(task)) for task in value if isinstance(task, dict)]
            else:
                rows.append((name, self._structured(key, value)))
        return rows

    def task_text(self, task: dict[str, Any], with_name: bool = True) -> str:
        """A task in one line: `礼盒打样确认：截止 2025-12-10，负责人 产品组，完成 是`."""
        rest = [f"{labels.pick(FIELD_LABELS.get(k, (k, k)), self.lang)} {self._structured(k, v)}"
                for k, v in task.items() if k != "name"]
        body = say("clause_separator", self.lang).join(rest)
        return say("named_value", self.lang, name=task.get("name", ""), value=body) if with_name and body else \
            (body if not with_name else str(task.get("name", "")))

    def _structured(self, key: str, value: Any, depth: int = 0) -> str:
        lang = self.lang
        sep = say("list_separator", lang) if depth == 0 else " / "
        if isinstance(value, dict) and set(value) == {"value", "unit"}:
            return self._figure(value["value"], value["unit"])
        if isinstance(value, bool):
            return say("yes" if value else "no", lang)
        if isinstance(value, list):
            if key == "channels":
                return labels.channels([str(v) for v in value], lang, self.channel_names)
            return sep.join(self._structured(key, v, depth) for v in value)
        if isinstance(value, dict):
            parts = []
            for k, v in value.items():
                if key == "budget":
                    shown = labels.budget_item(k, lang, self.plans[0] if self.plans else None)
                elif key == "goals":
                    shown = labels.metric(k, lang, self.metrics)
                elif k in self.channel_ids:
                    shown = labels.channel(k, lang, self.channel_names)
                elif key == "sku_goals":
                    shown = k
                else:
                    shown = labels.pick(FIELD_LABELS.get(k, (k, k)), lang)
                parts.append(f"{shown} {self._structured(k, v, depth + 1)}")
            return sep.join(parts)
        if isinstance(value, str):
            return self._entry_value(key, value)
        return str(value)

    def _figure(self, number: Any, unit: str) -> str:
        """A figure of an entry with its unit: 300万, 139元, 1.5万, 35%, 6元/单, 3万件."""
        if unit == "%":
            return f"{number:g}%"
        if unit == "元/单":
            return f"{number:g}元/单"
        shown = filters.money(number, self.lang)
        if unit == "元" and abs(number) < 10_000:
            return say("price_in_yuan", self.lang, price=shown)
        if unit == "件":
            return say("units_of", self.lang, count=shown)
        return shown

    def _entry_value(self, key: str, value: str) -> str:
        lang = self.lang
        if key in ("price", "cost") and "元" not in value and re.fullmatch(r"[\d.,]+", value):
            return say("price_in_yuan", lang, price=value)
        if key == "type":
            return labels.campaign_type(value, lang)
        if key == "role":
            return labels.role(value, lang)
        if key == "node":
            return labels.node(value, lang, self.plans[0] if self.plans else None)
        if key in ("lever", "metric", "season", "unit") or key in _METRIC_VALUES:
            return self._single(key, value)
        if key in ("new", "done", "solved") and value in ("true", "false"):
            return say("yes" if value == "true" else "no", lang)
        if key == "channels" and value.startswith("["):
            return labels.channels([v.strip() for v in value.strip("[]").split(",") if v.strip()], lang,
                                   self.channel_names)
        if key in ("budget", "goals") and value.startswith("{"):
            inner = []
            for piece in _top_level_split(value[1:-1], ", "):
                name, _sep, amount = piece.partition(": ")
                shown = labels.budget_item(name, lang, self.plans[0] if self.plans else None) if key == "budget" \
                    else labels.metric(name, lang, self.metrics)
                inner.append(f"{shown} {self._nested(amount)}")
            return say("list_separator", lang).join(inner)
        if value.startswith("[") and "{" not in value:  # a plain list: 满199减30、直降
            return say("list_separator", lang).join(v.strip() for v in value.strip("[]").split(","))
        return self._nested(value)

    def _single(self, key: str, value: str) -> str:
        lang = self.lang
        if key == "lever":
            return labels.pick(LEVERS.get(value, (value, value)), lang)
        if key == "metric":
            return labels.metric(value, lang, self.metrics)
        if key == "season":
            return labels.pick(SEASONS.get(value, (value, value)), lang)
        return labels.pick(_METRIC_VALUES[key].get(value, (value, value)), lang)

    def _nested(self, value: str) -> str:
        """Keys inside a nested value (`{tmall: 1300万}`, `[{name: …; due: …}]`) named too."""
        def name(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in self.channel_ids:
                shown = labels.channel(key, self.lang, self.channel_names)
            elif key in FIELD_LABELS:
                shown = labels.pick(FIELD_LABELS[key], self.lang)
            else:
                shown = labels.metric(key, self.lang, self.metrics)
            return f"{shown}: "
        named = re.sub(r"(?<![\w-])([a-z][a-z0-9_]*): ", name, value)
        yes, no = say("yes", self.lang), say("no", self.lang)
        return re.sub(r": true\b", f": {yes}", re.sub(r": false\b", f": {no}", named))

    def part(self, part: str, change: Change) -> str:
        """One piece of a field (`channels.tmall`, `all.03`) in words."""
        return self._part(part, change)

    def _part(self, part: str, change: Change) -> str:
        if change.section in ("targets", "budget", "actuals") and part in (*self.channel_ids, UNALLOCATED):
            return labels.channel(part, self.lang, self.channel_names)
        if part in FIELD_LABELS:
            return labels.pick(FIELD_LABELS[part], self.lang)
        if part.isdigit() and 1 <= int(part) <= 12:
            return say("month_number", self.lang, month=int(part))
        if change.section in ("targets", "actuals", "drivers") and re.fullmatch(r"\d{1,2}[–,\d]*", part):
            # months folded into one line (03–04,07,09: every one +10 %)
            plain = re.sub(r"\d+", lambda m: str(int(m.group())), part)
            return say("month_numbers", self.lang, months=plain)
        if change.section == "drivers":
            return labels.metric(part, self.lang, self.metrics)
        if change.section == "campaigns" and part in ("gmv", "orders", "new_customers", "visitors"):
            return labels.metric(part, self.lang, self.metrics)
        return part

    def tool_name(self, key: Any) -> str:
        return self._tool(str(key))

    def _tool(self, key: str) -> str:
        """A tool's name: the old plan's where it declared the tool, else the new plan's or the catalog's."""
        old = self.plans[1] if len(self.plans) > 1 else None
        declares = old is not None and old.budget is not None and key in old.budget.tools_declared
        return labels.budget_item(key, self.lang, old if declares else (self.plans[0] if self.plans else None))


_METRIC_VALUES = {"unit": UNITS, "better": BETTER, "family": FAMILIES,
                  "total": {"sum": ("按月累加", "summed"), "none": ("不累加", "not summed")}}


def _top_level_split(text: str, separator: str = "; ") -> list[str]:
    """Split at `separator` outside brackets and braces."""
    parts, depth, current, i = [], 0, "", 0
    while i < len(text):
        if depth == 0 and text.startswith(separator, i):
            parts.append(current)
            current, i = "", i + len(separator)
            continue
        char = text[i]
        depth += char in "[{"
        depth -= char in "]}"
        current += char
        i += 1
    if current:
        parts.append(current)
    return parts


def is_whole_entry(change: Change) -> bool:
    """An entry added or removed in full (a campaign, a product, a task)."""
    return change.kind != "changed" and (change.field == "entry" or (change.section == "campaigns"
                                                                     and change.field.startswith("tasks.")))
