"""Measure Planbook on synthetic plan repositories, against floors measured in the same run.

    .venv/bin/python benchmarks/run.py [--sizes 1,10,40,100] [--years 3] [--repeat 3] [--out FILE]

For each size (units × years) it times, as whole commands in fresh processes,
the median of `--repeat` runs of:

- `planbook check` against a bare PyYAML C-loader parse of the same files;
- `planbook report --format json` and `planbook render`;
- `planbook build` against a plain `mkdocs build` of the pages `render` wrote;
- the rebuild under `planbook serve` after one plan file changes (render + a
  dirty MkDocs build, as the plugin does), in one process after a warm build;
- peak memory (max RSS) of check and build;

then prints a table with the ratios and writes everything to a JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402

PY = sys.executable
_MEASURE = """
import resource, runpy, sys, time
sys.argv = {argv!r}
start = time.perf_counter()
code = 0
try:
{call}
except SystemExit as exc:
    code = exc.code or 0
elapsed = time.perf_counter() - start
print("BENCH", elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)
"""
_BARE_PARSE = """
import pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def timed(argv: list[str], call: str, cwd: Path) -> tuple[float, int]:
    """Wall time of a whole command in a fresh interpreter (start-up included) and its max RSS in KB."""
    script = _MEASURE.format(argv=argv, call=textwrap.indent(call.strip(), "    "))
    start = time.perf_counter()
    result = subprocess.run([PY, "-c", script], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    line = next((text for text in result.stderr.splitlines() if text.startswith("BENCH ")), None)
    if line is None or line.split()[3] not in ("0", "None"):
        raise RuntimeError(f"{argv} failed:\n{result.stderr[-2000:]}")
    return wall, int(line.split()[2])


def median_of(repeat: int, argv: list[str], call: str, cwd: Path) -> tuple[float, int]:
    runs = [timed(argv, call, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def planbook(*args: str) -> tuple[list[str], str]:
    return ["planbook", *args], "from generator.cli import main; sys.exit(main(sys.argv[1:]))"


def serve_rebuild(project: Path, plans: Path, build_dir: Path, repeat: int) -> float:
    """Median seconds from one changed plan file to an updated site, as under `planbook serve`."""
    script = f"""
import sys, time, statistics, pathlib
sys.path.insert(0, {str(REPO)!r})
from generator.site.build import RenderCache, mkdocs_build, render_site_folder
project, plans, build = pathlib.Path({str(project)!r}), pathlib.Path({str(plans)!r}), pathlib.Path({str(build_dir)!r})
site = build / "site"
cache = RenderCache()  # as the planbook plugin keeps between rebuilds
assert render_site_folder(project, build, plans, cache=cache).ok
mkdocs_build(build / "mkdocs.yml", site, dirty=True)
target = sorted(plans.rglob("plan.yaml"))[0]
original = target.read_text(encoding="utf-8")
times = []
for i in range({repeat}):
    target.write_text(original.replace("年度运营计划", f"年度运营计划 v{{i}}"), encoding="utf-8")
    start = time.perf_counter()
    assert render_site_folder(project, build, plans, cache=cache).ok
    mkdocs_build(build / "mkdocs.yml", site, dirty=True)
    times.append(time.perf_counter() - start)
target.write_text(original, encoding="utf-8")
print("SERVE", statistics.median(times))
"""
    result = subprocess.run([PY, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    line = next((text for text in result.stdout.splitlines() if text.startswith("SERVE ")), None)
    if line is None:
        raise RuntimeError(result.stderr[-2000:])
    return float(line.split()[1])


def measure(units: int, years: int, repeat: int, work: Path) -> dict[str, float | int]:
    root = work / f"u{units}"
    shutil.rmtree(root, ignore_errors=True)
    plans = root / "plans"
    documents = generate(plans, units, years)
    rendered = root / "rendered"
    row: dict[str, float | int] = {"units": units, "years": years, "documents": documents}
    row["bare_parse_s"], _ = median_of(repeat, ["bare", str(plans)], _BARE_PARSE, root)
    row["check_s"], row["check_rss_kb"] = median_of(repeat, *planbook("check", str(plans)), root)
    row["report_s"], _ = median_of(repeat, *planbook("report", str(plans), "--format", "json"), root)
    row["render_s"], _ = median_of(repeat, *planbook("render", str(rendered), "--plans", str(plans)), root)
    row["mkdocs_s"], _ = median_of(repeat, ["mkdocs", "build", "-q", "-f", str(rendered / "mkdocs.yml"),
                                            "-d", str(root / "plain-site")],
                                   "from mkdocs.__main__ import cli; cli()", root)
    row["build_s"], row["build_rss_kb"] = median_of(
        repeat, *planbook("build", "--plans", str(plans), "--site-dir", str(root / "site"),
                          "--build-dir", str(root / "build")), root)
    row["serve_rebuild_s"] = serve_rebuild(root, plans, root / "serve-build", repeat)
    row["check_ratio"] = row["check_s"] / row["bare_parse_s"]
    row["build_ratio"] = row["build_s"] / row["mkdocs_s"]
    return row


def table(rows: list[dict[str, float | int]]) -> str:
    head = ("units×years", "docs", "parse s", "check s", "check/parse", "report s", "render s", "mkdocs s",
            "build s", "build/mkdocs", "serve 1-file s", "check MB", "build MB")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        lines.append(" | ".join([
            f"{r['units']}×{r['years']}", str(r["documents"]), f"{r['bare_parse_s']:.2f}", f"{r['check_s']:.2f}",
            f"{r['check_ratio']:.2f}", f"{r['report_s']:.2f}", f"{r['render_s']:.2f}", f"{r['mkdocs_s']:.2f}",
            f"{r['build_s']:.2f}", f"{r['build_ratio']:.2f}", f"{r['serve_rebuild_s']:.2f}",
            f"{int(r['check_rss_kb']) / 1024:.0f}", f"{int(r['build_rss_kb']) / 1024:.0f}"]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,40,100", help="units per run, comma-separated")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as folder:
        for units in [int(s) for s in args.sizes.split(",")]:
            rows.append(measure(units, args.years, args.repeat, Path(folder)))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    by_units = {int(r["units"]): r for r in rows}
    linear = {}
    if 40 in by_units and 100 in by_units:
        for key in ("check_s", "build_s", "render_s"):
            linear[key] = by_units[100][key] / (2.5 * by_units[40][key])
    print()
    print(table(rows))
    if linear:
        print("\n100-unit run / (2.5 × 40-unit run): " + ", ".join(f"{k} {v:.2f}" for k, v in linear.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows, "linearity": linear, "python": sys.version,
                                    "cpus": os.cpu_count()}, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
