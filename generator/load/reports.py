"""A review's ad and item reports as they download (spec 4.1, 6): 万相台 or 巨量千川 plans
(`budget: {source:}`: spend and attributed GMV per tool) and 生意参谋 商品 rows
(`products: {source:}`: units sold and revenue per SKU), read by the same table
reader and value rules as a source of actuals (`load.sourcefile`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from generator.load import platform_exports
from generator.load.quantities import QuantityError, parse_quantity
from generator.load.sourcefile import (Covered, MonthError, days_covered_by, one_per_cause, other_year_note,
                                        read_problem, spread_over_days)
from generator.load.tables import cell_text, read_whole_table
from generator.problems import Problem, display_path, make
from generator.words import Phrase, phrase


@dataclass(frozen=True)
class AdRow:
    """One day × plan of an ad report (万相台, 千川): the plan as the report names it."""

    row: int
    month: int
    plan: str
    spend: Decimal | None
    gmv: Decimal | None


def read_ad_report(file: Path, encoding: str | None, year: int, preset_name: str | None,
                   columns: dict[str, str] | None = None, one_tool: bool = False) -> tuple[list[AdRow], list[Problem]]:
    """Rows of an ad report for a review's `budget:` (spec 4.1): spend and attributed
    GMV per day and plan (no plan column when the report is all one tool, `tool:`);
    days split over months like any source, totals rows skipped.  A report without a
    GMV column has rows with `gmv` None: spend read, GMV not known (never 0)."""

    shown = display_path(str(file))
    names = "、".join(sorted({k for k, v in platform_exports.AD_COLUMNS.items() if v == "plan"}))
    spends = "、".join(sorted({k for k, v in platform_exports.AD_COLUMNS.items() if v == "spend"}))
    read = _report(file, encoding, preset_name, platform_exports.AD_PRESETS,
                   lambda table, preset: platform_exports.ad_layout(table, preset, columns=columns, one_tool=one_tool), shown,
                   phrase("no_ad_header", names=names, spends=spends))
    if isinstance(read, list):
        return [], read
    problems: list[Problem] = []
    rows: list[AdRow] = []
    crossing: list[tuple[int, Covered]] = []
    for index, record, header in read:
        try:
            days = days_covered_by(record.get("month"), year)
        except MonthError as exc:
            problems.append(make("source-row", shown, index, 1, file=shown, row=index, detail=exc.phrase))
            continue
        values = _amounts(record, header, ("spend", "gmv"), shown, index, problems)
        if days.crosses_year:
            crossing.append((index, days))
        parts = {name: spread_over_days(index, days, "", name, value, True) if value is not None else None
                 for name, value in values.items()}
        for at, (month, _day) in enumerate(days.days):
            spend, gmv = parts["spend"], parts["gmv"]
            rows.append(AdRow(index, month, cell_text(record.get("plan")) if "plan" in header else "",
                              spend[at].value if spend is not None else None,
                              gmv[at].value if gmv is not None else None))
    return rows, one_per_cause(problems + other_year_note(crossing, shown, year))


def _report(file: Path, encoding: str | None, preset_name: str | None, presets: dict[str, Any], layout_of: Any,
            shown: str, no_header: Phrase) -> list[Problem] | Iterator[tuple[int, dict[str, Any],
                                                                                                   list[str]]]:
    """A report's data rows as (row number, record by target, header), totals and blank
    rows left out; or the problems that stop it (unknown preset, unreadable file, no header)."""

    preset = presets.get(preset_name) if preset_name else None
    if preset_name and preset is None:
        return [make("source-preset", shown, 1, 1, file=shown, preset=preset_name, presets=", ".join(presets))]
    try:
        table = read_whole_table(file, encoding)
    except Exception as exc:  # noqa: BLE001 - reading a user's file: every failure is a problem
        return [read_problem(exc, shown, encoding)]
    layout = layout_of(table, preset)
    if layout is None:
        return [make("source-format", shown, 1, 1, file=shown, detail=no_header)]
    header = [t or "" for t in layout.targets]

    def records() -> Iterator[tuple[int, dict[str, Any], list[str]]]:
        for index, cells in enumerate(table[layout.header_row + 1:], start=layout.header_row + 2):
            if any(str(c).strip() for c in cells if c is not None) and not platform_exports.is_total_row(list(cells)):
                yield index, dict(zip(header, cells)), header

    return records()


def _amounts(record: dict[str, Any], header: list[str], names: tuple[str, ...], shown: str, index: int,
             problems: list[Problem]) -> dict[str, Decimal | None]:
    """Money and counts of a report row: missing is None; a bad or negative value is a
    problem (added to `problems`) and None."""

    values: dict[str, Decimal | None] = {}
    for name in names:
        values[name] = None
        raw = record.get(name)
        if name not in header or platform_exports.is_missing(raw):
            continue
        column = header.index(name) + 1
        try:
            quantity = parse_quantity(platform_exports.clean_value(raw))
        except QuantityError as exc:
            problems.append(make("source-value", shown, index, column, file=shown, row=index, metric=name,
                                 text=exc.args_.get("text", raw)))
            continue
        if quantity.exact < 0:
            problems.append(make("negative", shown, index, column, text=str(raw).strip(), percent=str(raw).strip(),
                                 metric=name))
            continue
        values[name] = quantity.exact
    return values


@dataclass(frozen=True)
class ItemRow:
    """One product of an item report (生意参谋 商品): its SKU as the shop codes it."""

    row: int
    sku: str
    units: Decimal | None
    revenue: Decimal | None


def read_item_report(file: Path, encoding: str | None, preset_name: str | None,
                     columns: dict[str, str] | None = None) -> tuple[list[ItemRow], list[Problem]]:
    """Units sold and revenue per SKU for a review's `products:` (spec 4.1, `sycm-item`)."""

    shown = display_path(str(file))
    read = _report(file, encoding, preset_name, platform_exports.ITEM_PRESETS,
                   lambda table, preset: platform_exports.item_layout(table, preset, columns=columns), shown,
                   phrase("no_item_header"))
    if isinstance(read, list):
        return [], read
    problems: list[Problem] = []
    rows: list[ItemRow] = []
    for index, record, header in read:
        sku = cell_text(record.get("sku"))
        if not sku:
            continue  # a product without the shop's own code (a free sample) is not one of the plan's SKUs
        values = _amounts(record, header, ("units", "revenue"), shown, index, problems)
        rows.append(ItemRow(index, sku, values["units"], values["revenue"]))
    return rows, problems
