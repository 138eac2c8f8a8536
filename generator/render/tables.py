"""Computed tables → escaped Markdown tables and CSV downloads for the site."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
from markupsafe import Markup

from generator.render import filters, labels
from generator.words import say
from generator.words.vocabulary import CAMPAIGN_TYPES, SEASONS, SPLITS

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>])")


def md(text: Any) -> Markup:
    """Plan text made inert for Markdown and HTML: tags escaped, link and
    emphasis syntax backslash-escaped, line breaks kept as spaces."""
    if text is None:
        return Markup("")
    # Text, never an attribute: quotes stay as they are (an entity such as &#x27;
    # would have its `#` escaped below and show as "&#x27;").
    escaped = html.escape(str(text), quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return Markup(escaped.replace("\r", " ").replace("\n", " "))


def md_with_code(text: Any) -> Markup:
    """A problem's message for a page: inert like `md`, its `id` spans shown as code
    (escaped, they read as literal backticks around the id)."""
    if text is None:
        return Markup("")
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no spans to trust
        return md(text)
    def code(part: str) -> str:
        # Markdown still reads links and images inside raw <code>: escaped like any text
        # (md also escapes `|`, which would end a table cell).
        return f"<code>{md(part)}</code>"

    return Markup("".join(md(part) if i % 2 == 0 else code(part) for i, part in enumerate(parts)))


def cell_text(column: str, row: Any, lang: str, plan: Any, declared: Any = ...) -> str:
    """A cell as display text, by its column and (for figures) the row's metric unit.

    `row` is a record (a dict or a pandas row); `declared` the plan's own metrics,
    when the caller has them at hand (a table asks once, not per cell)."""
    value = row[column]
    if declared is ...:
        declared = dict(plan.metrics) if plan is not None else None
    if column in ("metric", "channel", "item", "role", "placement"):
        return labels.of_id(column, str(value), lang, plan)
    if column == "node":
        return labels.node(value if isinstance(value, str) else None, lang, plan)
    if column == "type" and isinstance(value, str) and value in CAMPAIGN_TYPES:
        return labels.campaign_type(value, lang)
    if column == "by":
        return labels.pick(SPLITS.get(str(value), (str(value), str(value))), lang)
    if column == "group" and "by" in row:
        return labels.split_group(str(row["by"]), str(value), lang)
    if column == "season" and isinstance(value, str):
        return labels.pick(SEASONS.get(value, (value, value)), lang)
    if column == "yoy":
        return filters.signed_rate(value)
    if column == "delta" and "metric" in row and not filters.missing(value):
        # a change: signed; a rate's change in percentage points (4.0% → 4.2% is +0.2 pp)
        unit = labels.metric_unit(str(row["metric"]), declared)
        if unit == "rate":
            return f"{float(value) * 100:+.1f} pp"
        shown = filters.metric_value(abs(float(value)), unit, lang)
        return ("+" if float(value) > 0 else "-" if float(value) < 0 else "±") + shown
    if column == "delta_pct":
        return filters.signed_rate(value)
    if column in ("target", "actual", "diff", "value", "before", "after", "delta") and "metric" in row:
        return filters.metric_value(value, labels.metric_unit(str(row["metric"]), declared), lang)
    return filters.cell(column, value, lang)


_STATUS_CLASS = {"met": "pb-met", "near": "pb-near", "missed": "pb-missed"}


def markdown_table(frame: pd.DataFrame, columns: list[str], lang: str, plan: Any = None) -> Markup:
    """A Markdown table; statuses carry an icon and a word (readable without colour)
    inside a span whose class colours it."""
    if frame.empty:
        return Markup("*" + say("no_data", lang) + "*")
    numeric = {c for c in columns if c in filters.MONEY_COLUMNS | filters.RATE_COLUMNS | filters.RATIO_COLUMNS
               or c in ("skus", "units_sold", "stock", "target_units", "problems_solved", "problems_open")}
    header = "| " + " | ".join(md(labels.column(c, lang)) for c in columns) + " |"
    rule = "|" + "|".join("---:" if c in numeric else "---" for c in columns) + "|"
    lines = [header, rule]
    declared = dict(plan.metrics) if plan is not None else None
    # records, not iterrows(): a pandas row per line cost more than the whole table's text
    for row in frame.to_dict("records"):
        cells = []
        for column in columns:
            text = str(md(cell_text(column, row, lang, plan, declared)))
            if column == "status" and isinstance(row[column], str) and row[column] in _STATUS_CLASS:
                text = f'<span class="pb-status {_STATUS_CLASS[row[column]]}">{text}</span>'
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return Markup("\n".join(lines))
