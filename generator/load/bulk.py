"""The fast path for a big CSV source (spec 4.1 "Size"): column-wise with pandas, in
chunks, exact in integer millionths.

A row the fast path cannot judge as plainly as the row-by-row reader would — a
date that is not `YYYY-MM-DD`, a week range, a cell with 万 or a word, a negative
number, a bare rate above 1, more than six decimals, another year — is handed
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

    from generator.load.exports import MISSING, TOTAL_WORDS

    columns = [i for i, name in enumerate(header) if name]
    names = {i: header[i] for i in columns}
    metrics = [i for i in columns if names[i] not in ("month", "channel")]
    date_at = next(i for i in columns if names[i] == "month")
    channel_at = next((i for i in columns if names[i] == "channel"), None)
    text_columns = [date_at] + ([channel_at] if channel_at is not None else [])
    # The C parser reads plain numbers itself (thousands separators, the missing
    # markers); only a column that still holds text (3.98%, ￥9,711.63) is cleaned
    # column-wise below.
    reader = pd.read_csv(file, encoding=encoding, sep=delimiter, header=None, skiprows=header_row + 1,
                         dtype={i: str for i in text_columns}, keep_default_na=False, na_values=sorted(MISSING - {""}),
                         thousands=",", chunksize=_CHUNK, usecols=columns, engine="c", skip_blank_lines=False,
                         skipinitialspace=True)
    first_row = header_row + 2  # 1-based row number of the first data line
    for chunk in reader:
        rows = np.arange(first_row, first_row + len(chunk))
        first_row += len(chunk)
        date_text = chunk[date_at].fillna("").astype(str).str.strip()
        dates = pd.to_datetime(date_text, format="%Y-%m-%d", errors="coerce")
        blank = chunk.isna().all(axis=1) | (date_text == "") & chunk[metrics].isna().all(axis=1)
        total = date_text.str.lower().isin(TOTAL_WORDS)
        plain = dates.notna() & (dates.dt.year == year)
        values: dict[int, Any] = {}
        for at in metrics:
            column = chunk[at]
            missing = column.isna()
            if pd.api.types.is_numeric_dtype(column):
                number, percent, too_fine = column.astype("float64"), pd.Series(False, index=column.index), None
            else:
                cells = column.astype(str).str.strip()
                percent = cells.str.endswith("%")
                cleaned = cells.str.replace(r"[￥¥,%]", "", regex=True)
                number = pd.to_numeric(cleaned, errors="coerce")
                too_fine = cleaned.str.contains(r"\.\d{7,}", regex=True)
            unit = unit_of(names[at])
            ok = number.notna() & (number >= 0)
            if unit == "rate":
                ok &= percent | (number.abs() <= 1)
            if too_fine is not None:
                ok &= ~too_fine
            plain &= missing | ok
            scaled = (number * (_SCALE // 100)).where(percent, number * _SCALE)
            values[at] = (scaled.round(), missing)
        for index in np.flatnonzero((~plain & ~blank & ~total).to_numpy()):
            row_cells: list[Any] = [None] * len(header)
            for at, value in zip(chunk.columns, chunk.iloc[index].tolist()):
                if hasattr(value, "item"):  # a numpy scalar the C parser made: the reader wants Python values
                    value = value.item()
                if isinstance(value, float) and value.is_integer() and names[int(at)] not in ("month", "channel"):
                    value = int(value)
                row_cells[int(at)] = None if isinstance(value, float) and value != value else value
            yield int(rows[index]), row_cells
        frame = pd.DataFrame({"row": rows, "month": dates.dt.month, "day": dates.dt.day,
                              "channel": chunk[channel_at].fillna("").astype(str).str.strip()
                              if channel_at is not None else channel_default})
        frame["channel"] = frame["channel"].where(frame["channel"].str.lower() != "all", "")
        keep = plain.to_numpy()
        for at in metrics:
            scaled, missing = values[at]
            part = frame[keep & ~missing.to_numpy()].assign(value=scaled[keep & ~missing.to_numpy()].astype("int64"))
            if part.empty:
                continue
            grouped = part.groupby(["month", "day", "channel"], sort=False).agg(
                row=("row", "min"), total=("value", "sum"), count=("value", "size")).reset_index()
            for month, day, channel, row, total_value, count in zip(
                    grouped["month"].tolist(), grouped["day"].tolist(), grouped["channel"].tolist(),
                    grouped["row"].tolist(), grouped["total"].tolist(), grouped["count"].tolist()):
                add(int(row), int(month), int(day), str(channel), names[at], Decimal(int(total_value)) / _SCALE,
                    int(count))
