"""Actuals from Parquet files and SQL queries (spec 16): the table a query returns,
read by the same rules as a CSV source (`sourcefile.read_table`).

- `source: data/2026-orders-monthly.parquet`: read in DuckDB, only the columns
  that map to the review (a month, a channel, metrics); never the whole file into
  Python.
- `source: {sql: queries/2026.sql}`: the query runs in an embedded DuckDB whose
  relative paths are the plans folder's (`FROM 'data/orders.parquet'`), so the
  site and the tests need no server.
- `source: {sql: …, connection: PLANBOOK_WAREHOUSE}`: the query runs on the
  warehouse whose SQLAlchemy URL that environment variable holds (PostgreSQL,
  MySQL for Doris/StarRocks, ClickHouse where its driver is installed).  A URL
  written in YAML is refused: it would put a password in git.  The result is
  cached by the query's text and the connection's name, so a build is
  reproducible until `planbook build --refresh` asks again.

The aggregation belongs in the query: a year of orders is tens of millions of
rows, the monthly totals a few hundred.  Planbook reads what the query returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from generator.problems import Problem, display_path, make

# The engine a query runs on without `connection:` (named in the cache key and messages).
EMBEDDED = "duckdb"


@dataclass(frozen=True)
class QueryOptions:
    """Where a warehouse's results are kept between runs, and whether to ask again."""

    cache: Path | None = None  # None: never cached (check, report: they ask now)
    refresh: bool = False


ASK_NOW = QueryOptions()  # no cache: what check, report and export use


def parquet_table(file: Path, shown: str, options: Any) -> tuple[Iterator[list[Any]], Problem | None]:
    """The header and rows of a Parquet file, only the columns the review reads."""
    from generator.load import exports

    try:
        import duckdb

        connection = duckdb.connect()
        probe = connection.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(file)])
        columns = [str(d[0]) for d in probe.description or []]
    except Exception as exc:  # noqa: BLE001 - a user's file: every failure is a problem
        return iter(()), make("source-format", shown, 1, 1, file=shown,
                              detail_en=f"not a readable Parquet file ({_first_line(exc)})",
                              detail_zh=f"不是可读取的 Parquet 文件({_first_line(exc)})")
    preset = exports.PRESETS.get(options.preset) if options.preset else None
    layout = exports.find_layout([columns], preset, dict(options.columns), dict(options.names))
    wanted = [name for name, target in zip(columns, layout.targets) if target] if layout else columns
    wanted = wanted or columns
    cursor = connection.execute(f"SELECT {', '.join(_quoted(n) for n in wanted)} FROM read_parquet(?)", [str(file)])
    return _rows(wanted, cursor.fetchmany, connection), None


def query_table(query_file: Path, connection_name: str | None, root: Path, review_shown: str,
                options: QueryOptions) -> tuple[Iterator[list[Any]] | None, str, list[Problem]]:
    """The result of a review's query as a table, and the name its problems are shown
    under (`queries/2026.sql#result`: row N is the result's row N, the header row 1)."""
    shown_query = display_path(str(query_file))
    shown = f"{shown_query}#result"
    try:
        text = query_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, shown, [make("source-format", shown_query, 1, 1, file=shown_query,
                                  detail_en=f"the query cannot be read ({_first_line(exc)})",
                                  detail_zh=f"无法读取查询文件({_first_line(exc)})")]
    engine = connection_name or EMBEDDED
    cached = _cache_file(options, text, engine)
    if cached is not None and cached.is_file() and not options.refresh:
        try:
            payload = json.loads(cached.read_text(encoding="utf-8"))
            return iter([payload["columns"], *payload["rows"]]), shown, []
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache entry: ask again
    if connection_name is None:
        table, problem = _duckdb(text, root, shown_query)
    else:
        url = os.environ.get(connection_name)
        if not url:
            return None, shown, [make("source-connection-unset", review_shown, 1, 1, name=connection_name)]
        table, problem = _sqlalchemy(text, url, connection_name, shown_query)
    if problem is not None or table is None:
        return None, shown, [problem] if problem else []
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_text(json.dumps({"engine": engine, "columns": table[0], "rows": table[1:]},
                                        ensure_ascii=False), encoding="utf-8")
        temporary.replace(cached)
    return iter(table), shown, []


def looks_like_url(text: str) -> bool:
    """A connection written as a URL (`postgresql://user:secret@host/db`), not a variable's name."""
    return "://" in text or "@" in text or "/" in text


def _duckdb(text: str, root: Path, shown: str) -> tuple[list[list[Any]] | None, Problem | None]:
    try:
        import duckdb

        connection = duckdb.connect()
        # relative paths in the query are the plans folder's, wherever the command runs
        connection.execute(f"SET file_search_path = '{_sql_text(str(root.resolve()))}'")
        cursor = connection.execute(text)
        columns = [str(d[0]) for d in cursor.description or []]
        rows = [[_cell(v) for v in row] for row in cursor.fetchall()]
    except Exception as exc:  # noqa: BLE001 - the user's query: its error is a problem
        return None, make("source-sql-failed", shown, 1, 1, file=shown, engine=EMBEDDED, detail=_first_line(exc))
    return [columns, *rows], None


def _sqlalchemy(text: str, url: str, name: str, shown: str) -> tuple[list[list[Any]] | None, Problem | None]:
    try:
        import sqlalchemy

        engine = sqlalchemy.create_engine(url)
    except Exception as exc:  # noqa: BLE001 - a URL the installed drivers do not serve
        return None, make("source-sql-driver", shown, 1, 1, name=name, detail=_first_line(exc, url))
    try:
        with engine.connect() as connection:
            result = connection.execute(sqlalchemy.text(text))
            columns = [str(c) for c in result.keys()]
            rows = [[_cell(v) for v in row] for row in result.fetchall()]
    except Exception as exc:  # noqa: BLE001 - the warehouse refused: its words, never the password
        return None, make("source-sql-failed", shown, 1, 1, file=shown, engine=name, detail=_first_line(exc, url))
    finally:
        engine.dispose()
    return [columns, *rows], None


def _rows(header: list[str], fetch: Any, keep: Any) -> Iterator[list[Any]]:
    """The header, then rows in batches (a big file never sits in memory whole)."""
    yield header
    while True:
        batch = fetch(10_000)
        if not batch:
            break
        for row in batch:
            yield [_cell(v) for v in row]
    del keep  # the connection lives as long as the rows are read


def _cell(value: Any) -> Any:
    """A result's value as a CSV cell would read: exact decimals as text, dates ISO."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _cache_file(options: QueryOptions, text: str, engine: str) -> Path | None:
    if options.cache is None or engine == EMBEDDED:
        # the embedded engine reads the plans folder's own files, which are in git: run each time
        return None
    key = hashlib.sha256(f"{engine}\0{text}".encode("utf-8")).hexdigest()[:32]
    return options.cache / f"{key}.json"


def _first_line(exc: BaseException, secret: str | None = None) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if secret:
        text = text.replace(secret, "<URL>")
    return text[:300]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
