"""Actuals from the warehouse (spec 16): a review whose `source:` is a monthly
aggregate query over N order rows in Parquet, against DuckDB's own bare query.

    .venv/bin/python benchmarks/warehouse.py [--rows 10000000] [--repeat 5]

Both sides are whole processes in fresh interpreters, taken in turn (A B A B …)
so that each pair sees the same moment of the machine:

- bare: `python -c "import duckdb; duckdb.sql(QUERY).fetchall()"`, the floor;
- planbook: `planbook report --format json` on a plans folder whose review reads
  the same query (check, compute and the JSON included).

It prints the median of each, the median of the pairwise ratios and the peak
memory (max RSS) of each; targets: within 3× the bare query, 600 MB at most.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

QUERY = """SELECT strftime(paid_at, '%Y-%m') AS month, shop AS channel,
       sum(amount) AS gmv, count(*) AS orders
FROM '2026/data/orders.parquet'
GROUP BY 1, 2
ORDER BY 1, 2"""

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run({argv!r}, cwd={cwd!r}, stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def generate(root: Path, rows: int) -> Path:
    """A plans folder: a plan of three channels, and a review whose source is QUERY over
    `rows` orders of 2026 written as Parquet by DuckDB."""
    import duckdb

    plans = root / "plans"
    (plans / "2026/data").mkdir(parents=True)
    (plans / "2026/queries").mkdir()
    (plans / "2026/plan.yaml").write_text(textwrap.dedent("""\
        kind: plan
        year: 2026
        channels: {tmall: 天猫, jd: 京东, douyin: 抖音}
        targets:
          gmv: {total: 30亿, channels: {tmall: 50%, jd: 30%, douyin: 20%}}
          orders: 2000万
        """), encoding="utf-8")
    (plans / "2026/review.yaml").write_text(textwrap.dedent("""\
        kind: review
        year: 2026
        actuals:
          source: {sql: queries/monthly.sql}
        """), encoding="utf-8")
    (plans / "2026/queries/monthly.sql").write_text(QUERY + "\n", encoding="utf-8")
    duckdb.sql(f"""COPY (SELECT DATE '2026-01-01' + CAST(i % 365 AS INTEGER) AS paid_at,
                          ['tmall', 'jd', 'douyin'][1 + CAST(i % 3 AS INTEGER)] AS shop,
                          CAST(19.90 + (i * 37 % 50000) / 100.0 AS DECIMAL(12, 2)) AS amount,
                          i AS order_id
                   FROM range({rows}) t(i)) TO '{plans / "2026/data/orders.parquet"}' (FORMAT parquet)""")
    return plans


def measure(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one whole command."""
    result = subprocess.run([PY, "-c", _MEASURE.format(argv=argv, cwd=str(cwd))], capture_output=True, text=True,
                            check=True)
    wall, rss, code = result.stdout.split()
    if code != "0":
        raise RuntimeError(f"{argv} failed with exit {code}")
    return float(wall), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planbook-warehouse-") as folder:
        plans = generate(Path(folder), args.rows)
        bare = [PY, "-c", f"import duckdb; duckdb.sql({QUERY!r}).fetchall()"]
        planbook = [PY, "-m", "generator.cli", "report", str(plans), "--format", "json"]
        measure(bare, plans)  # warm-up: the file in the page cache for both
        measure(planbook, HERE.parent)
        pairs = [(measure(planbook, HERE.parent), measure(bare, plans)) for _ in range(args.repeat)]
    ours = [p[0][0] for p in pairs]
    floor = [p[1][0] for p in pairs]
    ratios = [a / b for a, b in zip(ours, floor)]
    print(f"{args.rows:,} order rows as Parquet, monthly aggregate by shop; {args.repeat} pairs")
    print(f"bare DuckDB query   median {statistics.median(floor):.2f} s   peak {max(p[1][1] for p in pairs) / 1024:.0f} MB")
    print(f"planbook report     median {statistics.median(ours):.2f} s   peak {max(p[0][1] for p in pairs) / 1024:.0f} MB")
    print(f"planbook / bare     median {statistics.median(ratios):.2f} x  (min {min(ratios):.2f}, max {max(ratios):.2f};"
          " target within 3 x, 600 MB)")


if __name__ == "__main__":
    main()
