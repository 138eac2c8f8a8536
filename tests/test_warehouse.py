"""Actuals from Parquet and SQL (spec 16): DuckDB over the plans folder's files, a
warehouse by URL (SQLite and a real PostgreSQL here), the cache, the problems.

The small cases are worked by hand: six orders of January and February 2026,
tmall 100.10 + 200.20 + 300.30 in January (600.60, 3 orders) and 50.05 in
February; jd 10.01 + 20.02 in February (30.03, 2 orders).
"""

from __future__ import annotations

import csv
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from generator.load.warehouse import ASK_NOW, QueryOptions
from generator.model.workspace import read_workspace
from generator.validate import check
from tests.conftest import REPO, write_files

ORDERS = [("2026-01-05", "tmall", "100.10"), ("2026-01-20", "tmall", "200.20"), ("2026-01-31", "tmall", "300.30"),
          ("2026-02-01", "tmall", "50.05"), ("2026-02-14", "jd", "10.01"), ("2026-02-28", "jd", "20.02")]

PLAN = """
kind: plan
year: 2026
channels: {tmall: 天猫, jd: 京东}
targets:
  gmv: {total: 1200万, channels: {tmall: 60%, jd: 40%}}
  orders: 12万
"""

MONTHLY_SQL = """
-- 聚合在查询里做:按月、按店铺
SELECT strftime(CAST(paid_at AS DATE), '%Y-%m') AS month, shop AS channel,
       sum(CAST(amount AS DECIMAL(12, 2))) AS gmv, count(*) AS orders
FROM '2026/data/orders.csv'
GROUP BY 1, 2
ORDER BY 1, 2
"""


def _review(source: str) -> str:
    return f"""
kind: review
year: 2026
as_of: 2026-02-28
actuals:
  source: {source}
"""


def _plans(root: Path, source: str, sql: str = MONTHLY_SQL) -> Path:
    plans = write_files(root / "plans", {"2026/plan.yaml": PLAN, "2026/review.yaml": _review(source),
                                         "2026/queries/monthly.sql": sql})
    (plans / "2026/data").mkdir(parents=True)
    with open(plans / "2026/data/orders.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["paid_at", "shop", "amount"])
        writer.writerows(ORDERS)
    return plans


def _months(plans: Path, options: QueryOptions = ASK_NOW) -> dict[tuple[str, str, int], Decimal]:
    from generator.load.sourcefile import monthly

    workspace = read_workspace(plans, None, options)
    review = workspace.review("main", 2026)
    assert review is not None
    assert not [p for p in review.source_problems if p.is_error], review.source_problems
    return monthly(list(review.source_rows), lambda m: True)


def test_a_query_in_the_embedded_duckdb_reads_the_plans_folders_files(tmp_path: Path) -> None:
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}")
    months = _months(plans)
    assert months[("gmv", "tmall", 1)] == Decimal("600.60")
    assert months[("orders", "tmall", 1)] == 3
    assert months[("gmv", "tmall", 2)] == Decimal("50.05")
    assert months[("gmv", "jd", 2)] == Decimal("30.03") and months[("orders", "jd", 2)] == 2
    assert ("gmv", "jd", 1) not in months
    _workspace, problems = check(plans)
    assert [p for p in problems if p.is_error] == []


def test_a_parquet_source_reads_only_the_columns_it_maps(tmp_path: Path) -> None:
    import duckdb

    plans = _plans(tmp_path, "data/monthly.parquet")
    target = plans / "2026/data/monthly.parquet"
    duckdb.sql(f"""COPY (SELECT '2026-01' AS month, 'tmall' AS channel, CAST(600.60 AS DECIMAL(12,2)) AS gmv,
                  3 AS orders, '大促' AS 备注) TO '{target}' (FORMAT parquet)""")
    months = _months(plans)
    assert months == {("gmv", "tmall", 1): Decimal("600.60"), ("orders", "tmall", 1): Decimal(3)}


def test_problems_point_at_the_querys_result_and_its_row(tmp_path: Path) -> None:
    sql = "SELECT '2026-01' AS month, 'tmall' AS channel, 100 AS gmv UNION ALL " \
          "SELECT '2026-02', 'tmall', -5 ORDER BY 1"
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}", sql)
    _workspace, problems = check(plans)
    found = [(Path(p.path).name, p.line, p.code) for p in problems if p.is_error]
    assert found == [("monthly.sql#result", 3, "negative")]  # the header is row 1, February row 3


def test_a_failing_query_is_a_problem_with_the_engines_words(tmp_path: Path) -> None:
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}", "SELEC month FROM nowhere")
    _workspace, problems = check(plans)
    failed = [p for p in problems if p.code == "source-sql-failed"]
    assert len(failed) == 1 and "syntax error" in failed[0].message("en")
    assert failed[0].path.endswith("queries/monthly.sql")


def test_a_url_in_yaml_is_refused_and_an_unset_variable_is_said_at_its_line(tmp_path: Path) -> None:
    plans = _plans(tmp_path, '{sql: queries/monthly.sql, connection: "postgresql://bi:secret@db/shop"}')
    _workspace, problems = check(plans)
    assert [(p.code, p.line, p.column) for p in problems if p.is_error] == [("source-url-in-yaml", 5, 50)]
    assert "secret" not in problems[0].message("zh")
    plans = _plans(tmp_path / "b", "{sql: queries/monthly.sql, connection: PLANBOOK_TEST_UNSET}")
    os.environ.pop("PLANBOOK_TEST_UNSET", None)
    _workspace, problems = check(plans)
    assert [(p.code, p.line, p.column) for p in problems if p.is_error] == [("source-connection-unset", 5, 50)]


def test_a_warehouses_result_is_cached_until_refresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "warehouse.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE monthly (month TEXT, channel TEXT, gmv TEXT)")
        connection.execute("INSERT INTO monthly VALUES ('2026-01', 'tmall', '600.60')")
    monkeypatch.setenv("PLANBOOK_TEST_WAREHOUSE", f"sqlite:///{database}")
    plans = _plans(tmp_path, "{sql: queries/monthly.sql, connection: PLANBOOK_TEST_WAREHOUSE}",
                   "SELECT month, channel, gmv FROM monthly")
    cache = QueryOptions(tmp_path / "build/.planbook-cache/sql")
    assert _months(plans, cache)[("gmv", "tmall", 1)] == Decimal("600.60")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE monthly SET gmv = '700.70'")
    assert _months(plans, cache)[("gmv", "tmall", 1)] == Decimal("600.60")  # the build is reproducible
    assert _months(plans)[("gmv", "tmall", 1)] == Decimal("700.70")  # check and report ask now
    refreshed = QueryOptions(tmp_path / "build/.planbook-cache/sql", refresh=True)
    assert _months(plans, refreshed)[("gmv", "tmall", 1)] == Decimal("700.70")
    assert _months(plans, cache)[("gmv", "tmall", 1)] == Decimal("700.70")  # and the cache holds the new one
    cached = json.loads(next((tmp_path / "build/.planbook-cache/sql").glob("*.json")).read_text(encoding="utf-8"))
    assert "sqlite" not in json.dumps(cached)  # the URL (and any password in it) is never written


def test_import_actuals_writes_a_querys_monthly_long_form(tmp_path: Path) -> None:
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "import", "actuals", "--sql",
                             str(plans / "2026/queries/monthly.sql"), "--dir", str(plans), "-o", "-"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["month,channel,metric,value", "2026-01,tmall,gmv,600.6",
                                          "2026-01,tmall,orders,3", "2026-02,jd,gmv,30.03", "2026-02,jd,orders,2",
                                          "2026-02,tmall,gmv,50.05", "2026-02,tmall,orders,1"]


# --- a real PostgreSQL ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A PostgreSQL server of Debian's packages on a local socket, for this module."""
    required = os.environ.get("PLANBOOK_REQUIRE_POSTGRES") == "1"  # set by .ci/run: never skipped in CI
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        if required:
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql; .ci/run does this)")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql); CI installs and runs it")
    bindir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="planbook-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: its own user runs it
        as_user = ["runuser", "-u", "postgres", "--"]
        folder.chmod(0o755)
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "planbook",
                        "--no-sync"], check=True, capture_output=True, timeout=120)
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                        f"-k {folder} -c listen_addresses='' -p {port} -F", "start"], check=True,
                       capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or str(exc)
        if required:
            pytest.fail(f"PostgreSQL did not start: {detail!r}")
        pytest.skip(f"PostgreSQL did not start here: {detail!r}")
    try:
        yield f"postgresql://planbook@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def _million_orders(csv_file: Path) -> None:
    """One million synthetic orders of 2026 over three shops, amounts to the fen."""
    import duckdb

    duckdb.sql(f"""COPY (SELECT DATE '2026-01-01' + CAST(i % 365 AS INTEGER) AS date,
                          ['tmall', 'jd', 'douyin'][1 + CAST(i % 3 AS INTEGER)] AS channel,
                          CAST(19.90 + (i * 37 % 50000) / 100.0 AS DECIMAL(12, 2)) AS gmv,
                          1 AS orders
                   FROM range(1000000) t(i)) TO '{csv_file}' (HEADER, DELIMITER ',')""")


@pytest.mark.slow
def test_a_postgresql_aggregate_equals_the_same_orders_csv_to_the_fen(tmp_path: Path, postgres: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    plans = write_files(tmp_path / "plans", {
        "2026/plan.yaml": PLAN.replace("天猫, jd: 京东}", "天猫, jd: 京东, douyin: 抖音}").replace(
            "{tmall: 60%, jd: 40%}", "{tmall: 50%, jd: 30%, douyin: 20%}"),
        "2026/review.yaml": _review("{sql: queries/monthly.sql, connection: PLANBOOK_TEST_PG}").replace(
            "2026-02-28", "2026-12-31"),
        "2026/queries/monthly.sql": """
            SELECT to_char(date, 'YYYY-MM') AS month, channel, sum(gmv) AS gmv, sum(orders) AS orders
            FROM orders GROUP BY 1, 2 ORDER BY 1, 2
        """})
    orders = tmp_path / "orders.csv"
    _million_orders(orders)
    with psycopg.connect(postgres) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE orders (date date, channel text, gmv numeric(12, 2), orders integer)")
        with cursor.copy("COPY orders FROM STDIN WITH (FORMAT csv, HEADER)") as copy, open(orders, "rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        cursor.execute("SELECT count(*) FROM orders")
        assert cursor.fetchone() == (1_000_000,)
    monkeypatch.setenv("PLANBOOK_TEST_PG", postgres)
    from_warehouse = _months(plans)
    # the same orders as the review's CSV source, read and summed by Planbook itself
    shutil.copy(orders, plans / "2026/orders.csv")
    (plans / "2026/review.yaml").write_text(_review("orders.csv").replace("2026-02-28", "2026-12-31"),
                                             encoding="utf-8")
    from_file = _months(plans)
    assert from_warehouse == from_file
    assert len(from_warehouse) == 12 * 3 * 2
    # and a hand check of one figure: January's tmall orders are the i ≡ 0 (mod 3) with i mod 365 < 31
    january_tmall = sum(1 for i in range(1_000_000) if i % 3 == 0 and i % 365 < 31)
    assert from_warehouse[("orders", "tmall", 1)] == january_tmall


@pytest.mark.parametrize("sql, code", [
    ("SELECT * FROM read_text('/etc/passwd')", "source-sql-failed"),  # outside the plans folder: refused
    ("SELECT '2026-01' AS month, 'tmall' AS channel, 1 AS gmv FROM read_text('/proc/self/environ')",
     "source-sql-failed"),
    ("COPY (SELECT 1) TO 'out.csv'", "source-sql-not-select"),  # nothing that writes
    ("SELECT '2026-01' AS month, 'tmall' AS channel, 1 AS gmv; SELECT '2026-02', 'tmall', 2", "source-sql-not-select"),
    ("INSTALL httpfs", "source-sql-not-select"),
    ("-- nothing but a comment", "source-sql-not-select"),
])
def test_the_embedded_engine_reads_the_plans_folder_and_nothing_else(tmp_path: Path, sql: str, code: str) -> None:
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}", sql)
    _workspace, problems = check(plans)
    assert [p.code for p in problems if p.is_error] == [code]
    if code == "source-sql-failed":  # refused for the folder, not a mere failure of the query
        assert "Permission" in problems[0].message("en")
    assert not (plans / "2026/out.csv").exists() and not (plans / "out.csv").exists()


def test_relative_paths_are_the_plans_folders_wherever_the_command_runs(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    plans = _plans(tmp_path / "repo", "{sql: queries/monthly.sql}")
    decoy = write_files(tmp_path / "elsewhere", {"2026/data/orders.csv": "paid_at,shop,amount\n2026-01-01,tmall,999999\n"})
    monkeypatch.chdir(decoy)
    assert _months(plans)[("gmv", "tmall", 1)] == Decimal("600.60")


def test_timestamps_empty_results_and_literals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a timestamp is its day, with or without a zone (date_trunc('month', …) of a timestamptz
    # column), never an offset that reads as no month
    plans = _plans(tmp_path, "{sql: queries/monthly.sql}",
                   "SELECT TIMESTAMP '2026-01-31 20:00:00' AS month, 'tmall' AS channel, 5 AS gmv UNION ALL "
                   "SELECT TIMESTAMPTZ '2026-02-01 00:00:00+00', 'tmall', 7")
    assert _months(plans) == {("gmv", "tmall", 1): Decimal(5), ("gmv", "tmall", 2): Decimal(7)}
    plans = _plans(tmp_path / "b", "{sql: queries/monthly.sql}",
                   "SELECT '2026-01' AS month, 'tmall' AS channel, 5 AS gmv WHERE 1 = 0")
    _workspace, problems = check(plans)
    assert [(p.code, p.severity) for p in problems] == [("source-sql-empty", "warning")]
    # `:b` inside a literal is the query's text, not a parameter
    database = tmp_path / "w.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE t (month TEXT, channel TEXT, gmv TEXT, note TEXT)")
        connection.execute("INSERT INTO t VALUES ('2026-01', 'tmall', '7', 'a :b')")
    monkeypatch.setenv("PLANBOOK_TEST_WAREHOUSE", f"sqlite:///{database}")
    plans = _plans(tmp_path / "c", "{sql: queries/monthly.sql, connection: PLANBOOK_TEST_WAREHOUSE}",
                   "SELECT month, channel, gmv FROM t WHERE note = 'a :b' AND gmv LIKE '%7%'")
    assert _months(plans) == {("gmv", "tmall", 1): Decimal(7)}


def test_a_dsn_is_refused_like_a_url_and_never_echoed(tmp_path: Path) -> None:
    plans = _plans(tmp_path, '{sql: queries/missing.sql, connection: "host=db user=bi password=topsecret"}')
    _workspace, problems = check(plans)
    assert [p.code for p in problems if p.is_error] == ["source-url-in-yaml"]  # before the missing file
    from generator.problems import format_json, format_text

    for lang in ("zh", "en"):  # nowhere: neither the message nor the quoted line
        assert "topsecret" not in format_text(problems, lang) and "topsecret" not in format_json(problems, lang)


def test_check_without_the_warehouses_secret_warns_and_report_stops(tmp_path: Path) -> None:
    plans = _plans(tmp_path, "{sql: queries/monthly.sql, connection: PLANBOOK_TEST_UNSET}")
    os.environ.pop("PLANBOOK_TEST_UNSET", None)
    hook = subprocess.run([sys.executable, "-m", "generator.cli", "check", str(plans)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert hook.returncode == 0 and "source-connection-unset" in hook.stdout  # a commit is not blocked
    report = subprocess.run([sys.executable, "-m", "generator.cli", "report", str(plans)], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert report.returncode == 1 and "source-connection-unset" in report.stderr
