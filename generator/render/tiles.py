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
from generator.render.words import months_label, word


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


def tile_rows(headline: dict[str, Any], lang: str) -> list[TileRow]:
    """The rows of tiles of one year; none when the year has no target at all."""
    rows = []
    for figure in ("gmv", "profit"):
        figures = headline.get(figure) or {}
        if figures.get("annual_target") is None and figures.get("actual") is None:
            continue
        rows.append(TileRow(figure, word(figure, lang),
                            _tiles(figures, headline.get("months_done"), headline.get("elapsed"), lang)))
    return rows


def _tiles(f: dict[str, Any], months_done: int | None, elapsed: float | None, lang: str) -> list[Tile]:
    def money(value: Any) -> str:
        return filters.money(value, lang)

    if months_done is None or f.get("actual") is None:
        value = money(f.get("annual_target"))
        return [Tile(word("annual_target", lang), value, [word("no_actuals", lang)])]
    period = months_label(months_done, lang)
    status = f.get("status")
    tiles = [Tile(
        f"{period}{word('tile_actual', lang)}",
        money(f["actual"]),
        [f"{word('target_of_period' if months_done < 12 else 'annual_target', lang)} {money(f['target'])}",
         f"{word('attainment', lang)} {filters.attainment(f['attainment'])} {filters.status_word(status, lang)}"],
        status)]
    if months_done < 12:
        tiles.append(Tile(
            word("tile_forecast", lang), money(f.get("forecast_on_plan")),
            [f"{word('forecast_on_plan', lang)} {money(f.get('forecast_on_plan'))} "
             f"({filters.rate(f.get('forecast_on_plan_attainment'))})",
             f"{word('forecast_run_rate', lang)} {money(f.get('forecast_run_rate'))} "
             f"({filters.rate(f.get('forecast_run_rate_attainment'))})",
             f"{word('annual_target', lang)} {money(f.get('annual_target'))}"]))
    gap = f.get("gap")
    if f.get("annual_target") is None or (months_done >= 12 and not gap):
        pass  # no target (a review without a plan), or a closed year that made it: the first tile says so
    elif gap:
        lines = [f"{word('annual_target', lang)} {money(f.get('annual_target'))}"]
        if f.get("run_rate_needed") is not None:
            lines.insert(0, f"{word('per_month_needed', lang, months=f['months_left'])} {money(f['run_rate_needed'])}")
        tiles.append(Tile(word("gap", lang), money(gap), lines))
    else:
        tiles.append(Tile(word("annual_target", lang), money(f.get("annual_target")), [word("gap_closed", lang)],
                          "met"))
    completion = f.get("completion")
    if completion is not None and elapsed is not None and months_done < 12:
        tiles.append(Tile(
            word("time_elapsed", lang), f"{filters.rate(elapsed)} / {filters.rate(completion)}",
            [word("of_year", lang, rate=filters.rate(elapsed)), word("of_target", lang, rate=filters.rate(completion))],
            None, (elapsed, min(float(completion), 1.0))))
    return tiles
