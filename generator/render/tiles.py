"""The first screen's figure tiles (spec 12): the year's headline, formatted.

One row per figure (GMV, profit): the actual against the target of the same
period with its attainment in the status colour, the two forecasts against
the annual target, the gap still to close with the monthly run rate needed,
and the time elapsed against the part of the target reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.render import filters
from generator.render.words import month_name, months_label, word


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    lines: list[str] = field(default_factory=list)
    status: str | None = None  # met / near / missed: the value's colour
    meter: tuple[float, float] | None = None  # (time elapsed, target reached), 0..1, for the progress bars


@dataclass(frozen=True)
class TileRow:
    figure: str  # gmv / profit
    title: str
    tiles: list[Tile]
    note: str = ""  # one line under the tiles: what the forecasts and the time progress mean


def tile_rows(headline: dict[str, Any], lang: str) -> list[TileRow]:
    """The rows of tiles of one year; none when the year has no target at all."""
    rows = []
    for figure in ("gmv", "profit"):
        figures = headline.get(figure) or {}
        if figures.get("annual_target") is None and figures.get("actual") is None:
            continue
        tiles = _tiles(figures, headline.get("months_done"), headline.get("elapsed"), lang)
        forecasting = any(t.label == word("tile_forecast", lang) for t in tiles)
        rows.append(TileRow(figure, word(figure, lang), tiles,
                            word("forecast_legend", lang) if forecasting and figure == "gmv" else ""))
    return rows


def _tiles(f: dict[str, Any], months_done: int | None, elapsed: float | None, lang: str) -> list[Tile]:
    def money(value: Any) -> str:
        return filters.money(value, lang)

    if months_done is None or f.get("actual") is None:
        value = money(f.get("annual_target"))
        return [Tile(word("annual_target", lang), value, [word("no_actuals", lang)])]
    period = months_label(months_done, lang)
    status = f.get("status")
    first = [f"{word('target_of_period' if months_done < 12 else 'annual_target', lang)} {money(f['target'])}",
             f"{word('attainment', lang)} {filters.attainment(f['attainment'])} {filters.status_word(status, lang)}"]
    if f.get("yoy") is not None:
        first.append(f"{word('yoy', lang)} {filters.signed_rate(f['yoy'])}")
    tiles = [Tile(f"{period}{word('tile_actual', lang)}", money(f["actual"]), first, status)]
    if months_done < 12:
        lines = [f"{word('forecast_on_plan', lang)} {money(f.get('forecast_on_plan'))} "
                 f"({filters.rate(f.get('forecast_on_plan_attainment'))})",
                 f"{word('forecast_run_rate', lang)} {money(f.get('forecast_run_rate'))} "
                 f"({filters.rate(f.get('forecast_run_rate_attainment'))})"]
        if f.get("forecast_last_year_shape") is not None:
            lines.append(f"{word('forecast_last_year_shape', lang)} {money(f.get('forecast_last_year_shape'))} "
                         f"({filters.rate(f.get('forecast_last_year_shape_attainment'))})")
        lines.append(f"{word('annual_target', lang)} {money(f.get('annual_target'))}")
        tiles.append(Tile(word("tile_forecast", lang), money(f.get("forecast_on_plan")), lines))
    gap = f.get("gap")
    if f.get("annual_target") is None or (months_done >= 12 and not gap):
        pass  # no target (a review without a plan), or a closed year that made it: the first tile says so
    elif gap:
        lines = [f"{word('annual_target', lang)} {money(f.get('annual_target'))}"]
        by_month = f.get("needed_by_month") or []
        if len({m["needed"] for m in by_month}) == 1:
            by_month = []  # the months need the same: one line says it (剩 6 个月，每月需 110万)
        if by_month and len(by_month) <= 3:
            # what each remaining month must bring, by the plan's own phasing (November carries 双11)
            lines[:0] = [f"{month_name(m['period'], lang)}{word('month_needs', lang)} {money(m['needed'])}"
                         for m in by_month]
        elif by_month:
            most = max(by_month, key=lambda m: m["needed"] or 0)
            lines.insert(0, word("needed_spread", lang, months=len(by_month),
                                 month=month_name(most["period"], lang), amount=money(most["needed"])))
        elif f.get("run_rate_needed") is not None:
            lines.insert(0, f"{word('per_month_needed', lang, months=f['months_left'])} {money(f['run_rate_needed'])}")
        tiles.append(Tile(word("gap", lang), money(gap), lines))
    else:
        tiles.append(Tile(word("annual_target", lang), money(f.get("annual_target")), [word("gap_closed", lang)],
                          "met"))
    completion = f.get("completion")
    progress = f.get("time_progress")
    if completion is not None and progress is not None and months_done < 12:
        # time progress is the share of the year's target phased up to as_of; calendar time beside it
        tiles.append(Tile(
            word("time_elapsed", lang), f"{filters.rate(progress)} / {filters.rate(completion)}",
            [word("of_plan", lang, rate=filters.rate(progress), calendar=filters.rate(elapsed)),
             word("of_target", lang, rate=filters.rate(completion))],
            None, (float(progress), min(float(completion), 1.0))))
    elif completion is not None and elapsed is not None and months_done < 12:
        tiles.append(Tile(
            word("time_elapsed", lang), f"{filters.rate(elapsed)} / {filters.rate(completion)}",
            [word("of_year", lang, rate=filters.rate(elapsed)), word("of_target", lang, rate=filters.rate(completion))],
            None, (elapsed, min(float(completion), 1.0))))
    return tiles

