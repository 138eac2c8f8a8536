"""The 情景 page of a year (spec 14): the plan and its scenarios side by side — year
GMV, orders, budget, profit, ROI and the forecasts — the months whose GMV differs,
and a chart of each one's monthly GMV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.compute.report import YearReport
from generator.compute.scenario_figures import FIGURES, figure, monthly_gmv
from generator.render import charts, filters
from generator.render.scenarios import figure_label, shown
from generator.render.tables import md
from generator.render.words import month_name, word
from generator.words import say


@dataclass(frozen=True)
class ScenarioColumn:
    """One scenario of the page: its name, what its file says it is, and its report
    (None where the scenario has errors: the problems page lists them)."""

    name: str
    note: str
    path: str
    report: YearReport | None
    changes: tuple[str, ...] = ()  # what it writes, one line each (drivers first), as `planbook diff` says it


def scenario_table(base: YearReport, columns: list[ScenarioColumn], lang: str) -> Markup:
    """Figures × (plan, scenarios): each scenario's figure with its change against the plan."""
    usable = [c for c in columns if c.report is not None]
    head = ["", word("scenario_base", lang), *(_md(c.name) for c in usable)]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name in FIGURES:
        base_value = figure(base, name)
        values = [figure(c.report, name) for c in usable if c.report is not None]
        if base_value is None and all(v is None for v in values):
            continue
        cells = [figure_label(name, lang), shown(name, base_value, lang)]
        for value in values:
            text = shown(name, value, lang)
            if value is not None and base_value is not None and value != base_value:
                text += f"<br><small>{_change(name, value - base_value, base_value, lang)}</small>"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return Markup("\n".join(lines))


def months_table(base: YearReport, columns: list[ScenarioColumn], lang: str) -> Markup | None:
    """The months whose GMV target differs in any scenario (None: no month differs)."""
    usable = [c for c in columns if c.report is not None]
    old = monthly_gmv(base)
    news = [monthly_gmv(c.report) for c in usable if c.report is not None]
    periods = [p for p in sorted(old) if any(new.get(p) != old[p] for new in news)]
    if not periods:
        return None
    head = [word("month", lang), word("scenario_base", lang), *(_md(c.name) for c in usable)]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for period in periods:
        cells = [month_name(period, lang), filters.money(old[period], lang)]
        for new in news:
            value = new.get(period)
            text = filters.money(value, lang)
            if value is not None and value != old[period]:
                text += f"<br><small>{_change('gmv', value - old[period], old[period], lang)}</small>"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return Markup("\n".join(lines))


def gmv_chart(base: YearReport, columns: list[ScenarioColumn], lang: str) -> Markup | None:
    """Monthly GMV of the plan and of each scenario, one line each."""
    series = [(word("scenario_base", lang), monthly_gmv(base))]
    series += [(c.name, monthly_gmv(c.report)) for c in columns if c.report is not None]
    periods = sorted(series[0][1])
    if len(periods) < 2 or len(series) < 2:
        return None
    return charts.scenario_lines([(name, [values.get(p) for p in periods]) for name, values in series],
                                 periods, word("scenario_chart", lang), "chart-scenarios", lang)


def notes(columns: list[ScenarioColumn], lang: str) -> list[dict[str, Any]]:
    """One line per scenario: its name, what it changes in its own words, its file."""
    lines = []
    for c in columns:
        # plan text is inert: neither HTML nor Markdown (a `[x](javascript:…)` note is text)
        line = Markup(word("scenario_name_and_note", lang, name=md(c.name), note=md(c.note))) if c.note \
            else Markup(word("scenario_name", lang, name=md(c.name)))
        line += Markup(" <small>({} <code>{}</code>)</small>").format(word("scenario_file", lang), c.path)
        if c.report is None:
            line += " — " + word("scenario_broken", lang)
        lines.append({"name": c.name, "line": line, "changes": [md(change) for change in c.changes]})
    return lines


def written_changes(base_plan: Any, scenario_plan: Any, drivers: tuple[Any, ...], lang: str) -> tuple[str, ...]:
    """What a scenario writes, in words: its drivers, then each value it changes in the
    plan (targets, budget moves, campaign goals), as the semantic diff names them."""
    from generator.diff.compare import compare_plans, driver_changes
    from generator.render.change_names import ChangeNamer
    from generator.render.diff import change_line

    namer = ChangeNamer(base_plan, scenario_plan, lang)
    changes = driver_changes((), drivers) + compare_plans(base_plan, scenario_plan)
    # every line is a change against the plan: the diff's +/~ markers say nothing here
    return tuple(change_line(c, lang, namer).replace("\n", " ").removeprefix("~ ").removeprefix("+ ")
                 for c in changes)


def _change(name: str, delta: Any, base: Any, lang: str) -> str:
    text = filters.signed_money(delta, lang) if name != "marketing_roi" else filters.unsigned_zero(f"{delta:+.2f}")
    if base and name != "marketing_roi":
        text += say("change_with_rate", lang, rate=filters.signed_rate(delta / base))
    return text


def _md(text: str) -> str:
    return str(md(text))  # `|` is escaped too: a name cannot break the table
