"""The fast path for a big CSV source (spec 4.1 "Size"): column-wise with pandas, in
chunks, exact in integer millionths.

A row the fast path cannot judge as plainly as the row-by-row reader would — a
date that is not `YYYY-MM-DD`, a week range, a cell with 万 or a word, a negative
number, a bare rate above 1, a count that is not whole, more than six decimals,
another year — is handed
back to the row-by-row reader, which reads it (and reports its problems) exactly
as it reads a small file.  So both paths give the same figures and problems;
this one only skips per-cell Python work for the plain rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

_SCALE = 1_000_000  # millionths: money to the fen and rates to 0.0001 % stay exact in int64
_CHUNK = 200_000


def bulk_rows(file: Path, encoding: str, delimiter: str, header_row: int, header: list[str], year: int,
              channel_default: str, unit_of: Callable[[str], str | None],
              add: Callable[[int, int, int | None, str, str, Decimal, int], None]) -> Iterator[tuple[int, list[Any]]]:
    """Fold the plain rows of `file` into `add(row, month, day, channel, metric, total, count)`;
    yield (row number, cells) of every other row, for the row-by-row reader."""
    import numpy as np
    import pandas as pd

    from generator.load.platform_exports import MISSING, TOTAL_CELL

    columns = [i for i, name in enumerate(header) if name]
    names = {i: header[i] for i in columns}
    metrics = [i for i in columns if names[i] not in ("month", "channel")]
    date_at = next(i for i in columns if names[i] == "month")
    # a given `channel:` wins over the file's shop column, as on the row-by-row path
    channel_at = None if channel_default else next((i for i in columns if names[i] == "channel"), None)
    text_columns = [date_at] + ([channel_at] if channel_at is not None else [])
    # The C parser reads plain numbers itself (thousands separators, the missing
    # markers).  Dates and channels stay text (a categorical column would guess
    # numbers: 2025.10 would become 2025.1) and are cleaned per distinct text: a
    # year of days is 365 texts however many rows.  So is a metric column that
    # still holds text (3.98%, ￥9,711.63).
    reader = pd.read_csv(file, encoding=encoding, sep=delimiter, header=None, skiprows=header_row + 1,
                         dtype={i: str for i in text_columns}, keep_default_na=False,
                         # the missing markers (-, --, N/A) only in figures: a date or channel
                         # cell keeps its text, as the row reader reads it
                         na_values={i: sorted(MISSING - {""}) for i in metrics}, thousands=",", chunksize=_CHUNK, usecols=columns,
                         engine="c", skip_blank_lines=False, skipinitialspace=True)
    first_row = header_row + 2  # 1-based row number of the first data line
    for chunk in reader:
        rows = np.arange(first_row, first_row + len(chunk))
        first_row += len(chunk)
        # A plain date needs no cleaning; only the rows that are not one are looked
        # at as text (blank lines, 合计 rows, other date forms for the row reader).
        dates = _DatesOf(chunk[date_at], year)
        plain = dates.plain.copy()
        blank = np.zeros(len(chunk), dtype=bool)
        total = np.zeros(len(chunk), dtype=bool)
        odd = np.flatnonzero(~plain)
        if len(odd):
            odd_text = chunk[date_at].iloc[odd].fillna("").astype(str).str.strip()
            total[odd] = odd_text.str.fullmatch(TOTAL_CELL.pattern, case=False).fillna(False).to_numpy()
            blank[odd] = ((odd_text == "").to_numpy() & chunk[metrics].iloc[odd].isna().all(axis=1).to_numpy()) \
                | chunk.iloc[odd].isna().all(axis=1).to_numpy()
        values: dict[int, Any] = {}
        for at in metrics:
            column = chunk[at]
            missing = column.isna().to_numpy()
            if pd.api.types.is_numeric_dtype(column):
                number = column.to_numpy(dtype="float64", na_value=np.nan)
                percent = np.zeros(len(chunk), dtype=bool)
                ok = ~np.isnan(number) & (number >= 0)
            else:
                number, percent, ok = _text_numbers(column, missing)
            unit = unit_of(names[at])
            if unit == "rate":  # at most 100 %, written 35% or 0.35
                ok &= np.where(percent, number <= 100, np.abs(number) <= 1)
            elif unit in ("count", "rank"):  # whole (a rank from 1): 1000.5 orders go to the row reader, which says so
                ok &= percent | ((number == np.floor(number)) & ((number >= 1) if unit == "rank" else True))
            plain &= missing | ok
            scaled = np.where(percent, number * (_SCALE // 100), number * _SCALE)
            values[at] = (np.round(scaled), missing)
        for index in np.flatnonzero(~plain & ~blank & ~total):
            row_cells: list[Any] = [None] * len(header)
            for at, value in zip(chunk.columns, chunk.iloc[index].tolist()):
                if hasattr(value, "item"):  # a numpy scalar the C parser made: the reader wants Python values
                    value = value.item()
                if isinstance(value, float) and value.is_integer() and names[int(at)] not in ("month", "channel"):
                    value = int(value)
                row_cells[int(at)] = None if isinstance(value, float) and value != value else value
            yield int(rows[index]), row_cells
        _fold(chunk, plain, rows, dates, channel_at, channel_default, metrics, names, values, add)


class _DatesOf:
    """A chunk's dates, parsed once per distinct text: per row whether it is a plain
    YYYY-MM-DD of `year`, and its month and day."""

    def __init__(self, column: Any, year: int) -> None:
        import numpy as np
        import pandas as pd

        codes, distinct = pd.factorize(column, use_na_sentinel=True)
        # a sentinel date for "no text" at the end: code -1 picks it
        texts = [*np.asarray(distinct, dtype=object).astype(str), ""]
        parsed = pd.to_datetime(pd.Series(texts), format="%Y-%m-%d", errors="coerce")
        self.plain = (parsed.notna() & (parsed.dt.year == year)).to_numpy()[codes]
        self.month = parsed.dt.month.fillna(0).astype("int64").to_numpy()[codes]
        self.day = parsed.dt.day.fillna(0).astype("int64").to_numpy()[codes]


def _fold(chunk: Any, keep: Any, rows: Any, dates: Any, channel_at: int | None, channel_default: str,
          metrics: list[int], names: dict[int, str], values: dict[int, Any],
          add: Callable[[int, int, int | None, str, str, Decimal, int], None]) -> None:
    """Sum the plain rows of a chunk by (month, day, channel), every metric in one
    grouping: per metric its total, its count of present cells and its first row."""
    import numpy as np
    import pandas as pd

    if channel_at is not None:  # each distinct text cleaned once
        codes, distinct = pd.factorize(chunk[channel_at], use_na_sentinel=True)
        texts = pd.Index([*np.asarray(distinct, dtype=object).astype(str), ""]).str.strip()  # "" for code -1
        texts = texts.where(texts.str.lower() != "all", "")
        channel = np.asarray(texts, dtype=object)[codes][keep]
    else:
        channel = np.full(int(keep.sum()), channel_default, dtype=object)
    data: dict[str, Any] = {"month": dates.month[keep], "day": dates.day[keep], "channel": channel}
    kept_rows = rows[keep]
    last = np.iinfo(np.int64).max
    aggregations: dict[str, str] = {}
    for i, at in enumerate(metrics):
        scaled, missing = values[at]
        present = ~missing[keep]
        data[f"total{i}"] = np.where(present, scaled[keep], 0).astype("int64")
        data[f"count{i}"] = present.astype("int64")
        data[f"row{i}"] = np.where(present, kept_rows, last)
        aggregations.update({f"total{i}": "sum", f"count{i}": "sum", f"row{i}": "min"})
    frame = pd.DataFrame({key: np.asarray(value) for key, value in data.items()})
    if frame.empty:
        return
    grouped = frame.groupby(["month", "day", "channel"], sort=False).agg(aggregations).reset_index()
    months, days, channels = grouped["month"].tolist(), grouped["day"].tolist(), grouped["channel"].tolist()
    for i, at in enumerate(metrics):
        for month, day, channel_id, row, total_value, count in zip(
                months, days, channels, grouped[f"row{i}"].tolist(), grouped[f"total{i}"].tolist(),
                grouped[f"count{i}"].tolist()):
            if count:
                add(int(row), int(month), int(day), str(channel_id), names[at], Decimal(int(total_value)) / _SCALE,
                    int(count))


def _text_numbers(column: Any, missing: Any) -> tuple[Any, Any, Any]:
    """(number, written with %, plain) of a column the C parser left as text
    (3.98%, ￥9,711.63): each distinct text cleaned once, with NumPy's string
    ufuncs (no Python call per cell).

    Plain is a non-negative decimal with at most six decimals once ￥ ¥ , % are
    removed; anything else (a word, 万, a sign, an exponent) goes to the row reader."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    # a sentinel "" at the end for the missing cells: code -1 picks it, and it is not plain
    cells = np.strings.strip(np.array([*np.asarray(distinct, dtype=object).astype(str), ""], dtype=str))
    percent = np.strings.endswith(cells, "%")
    cleaned = cells
    for mark in ("￥", "¥", ",", "%"):
        cleaned = np.strings.replace(cleaned, mark, "")
    point = np.strings.find(cleaned, ".")
    digits = np.strings.replace(cleaned, ".", "", count=1)
    # isdecimal also takes other scripts' digits (٣): only ASCII ones are plain here.
    ascii_only = (digits.view(np.uint32).reshape(len(digits), -1) < 128).all(axis=1)
    ok = np.strings.isdecimal(digits) & ascii_only
    ok &= (point < 0) | (np.strings.str_len(cleaned) - point - 1 <= 6)
    number = np.where(ok, cleaned, "0").astype("float64")
    return number[codes], percent[codes], ok[codes] & ~missing
