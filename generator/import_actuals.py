"""`planbook import actuals FILE`: a platform export read once (spec 4.1) and written
as the small monthly long-form CSV (`month,channel,metric,value`) that a review's
`source:` then names, for a repository that should not keep raw daily exports."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.load.platform_exports import PRESETS, Layout, days_of, find_layout
from generator.load.sourcefile import IMPORT_MAX_BYTES, SourceOptions, SourceRow, monthly, read_source
from generator.model.catalog import METRICS, metric_for
from generator.model.workspace import header_names
from generator.problems import Problem, make
from generator.words import phrase

_RATE_PLACES = Decimal("0.000001")
_FEN = Decimal("0.01")


@dataclass
class Imported:
    year: int
    text: str  # the CSV
    rows: int  # monthly figures written


def import_actuals(file: Path, preset: str | None, channel: str | None, year: int | None,
                   encoding: str | None, columns: dict[str, str]) -> tuple[Imported | None, list[Problem]]:
    names = header_names(None)
    sums = frozenset(m.id for m in METRICS.values() if m.sums)
    options = SourceOptions(preset, channel, tuple(columns.items()), tuple(names.items()), sums,
                            max_bytes=IMPORT_MAX_BYTES)
    if file.stat().st_size > IMPORT_MAX_BYTES:  # refused (with its problem) before anything is read
        _rows, refused = read_source(file, encoding, year or 0, options=options)
        return None, refused
    head = _head(file, encoding, options)
    found_year = year or (_first_year(*head) if head else None)
    if head and not options.channel and "channel" not in head[1].targets:
        # whose figures the file holds must be said: by --channel or by the file's own
        # channel (shop) column; a file with neither is not silently the brand total
        return None, [make("source-needs-channel", str(file), 1, 1, file=str(file))]
    if found_year is None:
        # A file that cannot be read at all (a wrong --encoding, not a table) says so,
        # rather than that it has no dates.
        _rows, unreadable = read_source(file, encoding, 0, options=options)
        if any(p.code in ("source-encoding", "source-format", "source-preset", "source-preset-place")
               for p in unreadable):
            return None, unreadable
        return None, [make("source-format", str(file), 1, 1, file=str(file),
                           detail=phrase("no_date_for_year"))]

    def unit_of(metric_id: str) -> str | None:
        found = metric_for(metric_id, None)
        return found.unit if found else None

    rows, problems = read_source(file, encoding, found_year, unit_of, options)
    if any(p.is_error for p in problems):
        return None, problems
    problems += _partial_months(rows, found_year, str(file))
    totals = monthly(rows, lambda m: bool((found := metric_for(m, None)) and found.sums))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "channel", "metric", "value"])
    order = {m: i for i, m in enumerate(METRICS)}
    for (metric, row_channel, month), value in sorted(totals.items(), key=lambda kv: (kv[0][2], kv[0][1],
                                                                                         order.get(kv[0][0], 99))):
        unit = unit_of(metric)
        shown = value.quantize(_RATE_PLACES if unit in ("rate", "ratio") else _FEN).normalize()
        writer.writerow([f"{found_year}-{month:02d}", row_channel, metric, f"{shown:f}"])
    return Imported(found_year, out.getvalue(), len(totals)), problems


def _head(file: Path, encoding: str | None, options: SourceOptions) -> tuple[list[list[Any]], Layout] | None:
    """The first rows of the file (they tell the year) and its header, or None when the
    file cannot be read or has no header (the full reading then says why)."""
    from generator.load.tables import iter_table

    if options.preset and options.preset not in PRESETS:
        return None  # a wrong preset is reported by the reading
    try:
        table = list(itertools.islice(iter_table(file, encoding), 2_000))
    except (OSError, ValueError, UnicodeDecodeError, LookupError, csv.Error):
        return None
    preset = PRESETS.get(options.preset) if options.preset else None
    layout = find_layout(table, preset, dict(options.columns), dict(options.names))
    return (table, layout) if layout is not None else None


def _partial_months(rows: list[SourceRow], year: int, shown: str) -> list[Problem]:
    """A month the file's days cover only in part (a 5-day export is not January): said
    once, naming the months and their days."""
    import calendar

    days: dict[int, set[int]] = {}
    for row in rows:
        if row.day is not None:
            days.setdefault(row.month, set()).add(row.day)
    partial = [(month, len(found), calendar.monthrange(year, month)[1]) for month, found in sorted(days.items())
               if len(found) < calendar.monthrange(year, month)[1]]
    if not partial:
        return []
    months = ", ".join(f"{year}-{m:02d} ({n}/{total})" for m, n, total in partial)
    return [make("source-partial-month", shown, 1, 1, file=shown, months=months)]


def _first_year(table: list[list[Any]], layout: Layout) -> int | None:
    """The year of the first dated row below the header (of a week that crosses the
    new year, the year it ends in: a weekly 2026 file starts with 2025-12-29~2026-01-04)."""
    at = layout.targets.index("month")
    for row in table[layout.header_row + 1:]:
        cell = row[at] if at < len(row) else None
        days = days_of(cell)
        if days:
            return days[-1].year
        text = str(cell or "").strip()
        if len(text) >= 4 and text[:4].isdigit():
            return int(text[:4])
    return None


def import_query(query: Path, connection: str | None, root: Path, preset: str | None, channel: str | None,
                 year: int | None, columns: dict[str, str]) -> tuple[Imported | None, list[Problem]]:
    """`import actuals --sql FILE [--connection ENV]`: a query's result (spec 16) read as a
    CSV export is read, written as the monthly long form; problems name the result."""
    import dataclasses
    import tempfile

    from generator.load.warehouse import QueryOptions, looks_like_url, query_table

    if connection is not None and looks_like_url(connection):  # never echoed: it may hold a password
        return None, [make("import-connection-not-a-name", "--connection", 1, 1)]
    table, shown, problems = query_table(query, connection, root, str(query), QueryOptions())
    if table is None:
        return None, problems
    with tempfile.TemporaryDirectory(prefix="planbook-query-") as folder:
        copy = Path(folder) / "result.csv"
        with open(copy, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(table)
        imported, found = import_actuals(copy, preset, channel, year, "utf-8", columns)
        # the result's rows are the temporary file's: shown as the query's result
        found = [dataclasses.replace(p, path=shown, args=tuple((k, shown if v == str(copy) else v)
                                                                 for k, v in p.args))
                 if p.path == str(copy) else p for p in found]
    return imported, found
