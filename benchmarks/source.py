"""A big daily export read as a `source:` against a bare `pandas.read_csv` of the
same file, in the same run (spec 4.1 "Size"; issue: 1,000,000 rows within 3× the
floor and under 600 MB).

    .venv/bin/python benchmarks/source.py [--rows 1000000] [--repeat 3]

The file is a 生意参谋-like daily export per product (商品ID): date, product, GMV,
visitors, orders, conversion rate, each row a product-day of one shop (the
review's `channel:`), folded into the shop's days and months.  Both sides run in fresh
processes; the table reports seconds, the ratio and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PY = sys.executable

_PANDAS = """
import resource, sys, time
import pandas as pd
start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
print("BENCH", time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(frame))
"""
_PLANBOOK = """
import resource, sys, time
from pathlib import Path
import pandas  # imported before the clock, as the floor does
from generator.load.sourcefile import SourceOptions, monthly, read_source
start = time.perf_counter()
sums = frozenset({"gmv", "visitors", "orders"})
rows, problems = read_source(Path(sys.argv[1]), None, 2026,
                             lambda m: {"conversion_rate": "rate", "gmv": "money"}.get(m, "count"),
                             SourceOptions(channel="tmall", names=(("gmv", "gmv"), ("visitors", "visitors"),
                                           ("orders", "orders"), ("conversion_rate", "conversion_rate")), sums=sums))
totals = monthly(rows, lambda m: m in sums)
assert not [p for p in problems if p.severity == "error"], problems[:3]
print("BENCH", time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(totals))
"""


def write_export(path: Path, rows: int) -> None:
    products = max(1, rows // 365)
    day = dt.date(2026, 1, 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write("统计日期,商品ID,支付金额,访客数,支付子订单数,支付转化率\n")
        written = 0
        while written < rows:
            for product in range(products):
                if written >= rows:
                    break
                gmv = 1000 + (written * 7919) % 90000
                out.write(f"{day.isoformat()},{610000000000 + product},\"{gmv:,}.50\",{500 + written % 700},"
                          f"{10 + written % 90},{(written % 50) / 10:.1f}%\n")
                written += 1
            day = min(day + dt.timedelta(days=1), dt.date(2026, 12, 31))


def timed(script: str, file: Path) -> tuple[float, int]:
    result = subprocess.run([PY, "-c", script, str(file)], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    line = next((t for t in result.stdout.splitlines() if t.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(result.stderr[-2000:])
    return float(line.split()[1]), int(line.split()[2]) // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "export.csv"
        write_export(file, args.rows)
        size = file.stat().st_size / 1024 / 1024
        floor = [timed(_PANDAS, file) for _ in range(args.repeat)]
        ours = [timed(_PLANBOOK, file) for _ in range(args.repeat)]
    floor_s, ours_s = statistics.median(f[0] for f in floor), statistics.median(o[0] for o in ours)
    print("rows | MB | pandas.read_csv s | planbook source s | ratio | pandas MB | planbook MB")
    print(f"{args.rows:,} | {size:.0f} | {floor_s:.2f} | {ours_s:.2f} | {ours_s / floor_s:.2f} | "
          f"{max(f[1] for f in floor)} | {max(o[1] for o in ours)}")


if __name__ == "__main__":
    main()
