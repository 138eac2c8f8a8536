"""The benchmark runs at its smallest size, so it cannot rot (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from benchmarks.generate import generate
from generator.validate import check
from tests.conftest import REPO


def test_synthetic_repository_validates(tmp_path):
    assert generate(tmp_path / "plans", units=2, years=3) == 12
    workspace, problems = check(tmp_path / "plans")
    assert problems == []
    plan = next(d.model for d in workspace.documents if d.kind == "plan")
    assert (len(plan.channels), len(plan.targets), len(plan.products), len(plan.budget.tools),
            len(plan.campaigns)) == (3, 6, 20, 5, 8)


def test_benchmark_smoke(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", "1", "--repeat", "1", "--serve-edits", "2",
                             "--out", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    row = json.loads(out.read_text())["rows"][0]
    assert row["documents"] == 6 and len(row["serve_http_runs"]) == 2
    for key in ("bare_parse_s", "check_s", "report_s", "render_s", "mkdocs_s", "build_s", "build_warm_s",
                "serve_http_s", "pages", "page_kb"):
        assert row[key] > 0
    assert "check/parse" in result.stdout


def test_source_benchmark_smoke():
    # a big export against pandas.read_csv: small here (above the column-wise threshold
    # the benchmark measures the bulk path; this only keeps the script working)
    result = subprocess.run([sys.executable, "benchmarks/source.py", "--rows", "3000", "--repeat", "1"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "pandas.read_csv s" in result.stdout and "3,000 |" in result.stdout


def test_warehouse_benchmark_smoke():
    # a monthly aggregate query over Parquet against DuckDB's bare query: tiny here
    # (the benchmark's default is ten million rows; this keeps the script working)
    result = subprocess.run([sys.executable, "benchmarks/warehouse.py", "--rows", "20000", "--repeat", "1"],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "planbook / bare" in result.stdout
