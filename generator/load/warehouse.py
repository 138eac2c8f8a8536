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

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from generator.problems import Problem, display_path, make
from generator.words import phrase

# The engine a query runs on without `connection:` (named in the cache key and messages).
EMBEDDED = "duckdb"


@dataclass(frozen=True)
class QueryOptions:
    """Where a warehouse's results are kept between runs, and whether to ask again."""

    cache: Path | None = None  # None: never cached (check, report: they ask now)
    refresh: bool = False
    # `check` (the pre-commit hook) on a machine without the warehouse's secret: the query
    # is not run and a warning says so, where `report` and `build` stop on it
    unset_is_a_note: bool = False


ASK_NOW = QueryOptions()  # no cache: what check, report and export use


def parquet_table(file: Path, shown: str, options: Any, folder: Path) -> tuple[Path | None, list[Problem]]:
    """A Parquet file's columns that the review reads, written by DuckDB as a CSV in
    `folder`, for the column-wise reader (a million rows in about a second); the
    columns that map to nothing are said once, as for a CSV."""
    from generator.load import platform_exports

    try:
        import duckdb

        with duckdb.connect() as connection:
            probe = connection.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(file)])
            columns = [str(d[0]) for d in probe.description or []]
            preset = platform_exports.PRESETS.get(options.preset) if options.preset else None
            layout = platform_exports.find_layout([columns], preset, dict(options.columns), dict(options.names))
            wanted = [n for n, target in zip(columns, layout.targets) if target] if layout else columns
            csv_file = folder / "parquet.csv"
            chosen = ", ".join(_quoted(n) for n in wanted or columns)
            connection.execute(f"COPY (SELECT {chosen} FROM read_parquet('{_sql_text(str(file))}')) "
                               f"TO '{_sql_text(str(csv_file))}' (HEADER, DELIMITER ',')")
    except Exception as exc:  # noqa: BLE001 - a user's file: every failure is a problem
        return None, [make("source-format", shown, 1, 1, file=shown,
                           detail=phrase("not_parquet", reason=_first_line(exc)))]
    unused = layout.unused if layout else []
    said = [make("source-unused-columns", shown, 1, 1, file=shown, columns="、".join(unused), count=len(unused))] \
        if unused else []
    return csv_file, said


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
                                  detail=phrase("query_unreadable", reason=_first_line(exc)))]
    engine = connection_name or EMBEDDED
    url = os.environ.get(connection_name) if connection_name else None
    if connection_name is not None and not url:  # said even where a cached result exists
        return None, shown, [make("source-connection-unset", review_shown, 1, 1, name=connection_name,
                                  severity="warning" if options.unset_is_a_note else None)]
    cached = _cache_file(options, text, engine)
    if cached is not None and cached.is_file() and not options.refresh:
        try:
            payload = json.loads(cached.read_text(encoding="utf-8"))
            return iter([payload["columns"], *payload["rows"]]), shown, []
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache entry: ask again
    if connection_name is None or url is None:
        table, problem = _duckdb(text, root, shown_query)
    else:
        table, problem = _sqlalchemy(text, url, connection_name, shown_query)
    if problem is not None or table is None:
        return None, shown, [problem] if problem else []
    said = [make("source-sql-empty", shown_query, 1, 1, file=shown_query)] if len(table) == 1 else []
    if cached is not None:
        from generator.files import write_atomically  # here: tempfile and shutil only when a result is kept

        write_atomically(cached, json.dumps({"engine": engine, "columns": table[0], "rows": table[1:]},
                                            ensure_ascii=False).encode("utf-8"))
    return iter(table), shown, said


_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def looks_like_url(text: str) -> bool:
    """A connection that is no environment variable's name: a URL
    (`postgresql://user:secret@host/db`), a keyword DSN (`host=db password=…`)."""
    return not _VARIABLE.match(text)


def _duckdb(text: str, root: Path, shown: str) -> tuple[list[list[Any]] | None, Problem | None]:
    """The query in an embedded DuckDB that can read the plans folder and nothing else:
    one SELECT, no file outside the folder, no network, no extension installed."""
    try:
        import duckdb

        statements = duckdb.extract_statements(text)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            kinds = ", ".join(str(s.type).rsplit(".", 1)[-1] for s in statements) or "—"
            return None, make("source-sql-not-select", shown, 1, 1, file=shown, found=kinds)
        folder = root.resolve()
        with duckdb.connect(config={"autoinstall_known_extensions": False,
                                    "autoload_known_extensions": False}) as connection:
            connection.execute("SET allowed_directories = ?", [[str(folder)]])
            connection.execute("SET enable_external_access = false")
            connection.execute("SET lock_configuration = true")  # the query cannot lift these
            with _in_folder(folder):  # relative paths are the plans folder's, wherever the command runs
                cursor = connection.execute(text)
                columns = [str(d[0]) for d in cursor.description or []]
                rows = _fetched(cursor.fetchmany)
    except _TooMany as exc:
        return None, make("source-sql-too-many-rows", shown, 1, 1, file=shown, limit=f"{exc.limit:,}")
    except Exception as exc:  # noqa: BLE001 - the user's query: its error is a problem
        return None, make("source-sql-failed", shown, 1, 1, file=shown, engine=EMBEDDED, detail=_first_line(exc))
    return [columns, *rows], None


MAX_RESULT_ROWS = 1_000_000  # a result this long is order lines, not totals: aggregate in the query


class _TooMany(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} rows")
        self.limit = limit


def _fetched(fetch: Any) -> list[list[Any]]:
    """Every row of a result, in batches, refused past MAX_RESULT_ROWS."""
    rows: list[list[Any]] = []
    while True:
        batch = fetch(50_000)
        if not batch:
            return rows
        rows.extend([_cell(v) for v in row] for row in batch)
        if len(rows) > MAX_RESULT_ROWS:
            raise _TooMany(MAX_RESULT_ROWS)


@contextlib.contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _sqlalchemy(text: str, url: str, name: str, shown: str) -> tuple[list[list[Any]] | None, Problem | None]:
    try:
        import sqlalchemy

        engine = sqlalchemy.create_engine(url)
    except Exception as exc:  # noqa: BLE001 - a URL the installed drivers do not serve
        return None, make("source-sql-driver", shown, 1, 1, name=name, detail=_first_line(exc, url))
    try:
        with engine.connect() as connection:
            # the text as written: `:name` or `%` inside a literal is the query's, not a parameter
            result = connection.exec_driver_sql(text)
            if not result.returns_rows:
                return None, make("source-sql-not-select", shown, 1, 1, file=shown, found="—")
            columns = [str(c) for c in result.keys()]
            rows = _fetched(result.fetchmany)
    except _TooMany as exc:
        return None, make("source-sql-too-many-rows", shown, 1, 1, file=shown, limit=f"{exc.limit:,}")
    except Exception as exc:  # noqa: BLE001 - the warehouse refused: its words, never the password
        return None, make("source-sql-failed", shown, 1, 1, file=shown, engine=name, detail=_first_line(exc, url))
    finally:
        engine.dispose()
    return [columns, *rows], None


def _cell(value: Any) -> Any:
    """A result's value as a CSV cell would read: exact decimals as text, dates ISO.  A
    timestamp is its day as the engine gave it (a `timestamptz` in the session's zone:
    `date_trunc('month', paid_at)` is that month's first day), never a UTC offset."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # bytes, an interval, a UUID: text, as a CSV would hold it (the checks say what is wrong)


def _cache_file(options: QueryOptions, text: str, engine: str) -> Path | None:
    if options.cache is None or engine == EMBEDDED:
        # the embedded engine reads the plans folder's own files, which are in git: run each time
        return None
    import hashlib  # here: OpenSSL's start-up is no cost of a `check` that runs no query

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
