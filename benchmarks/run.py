"""Measure Planbook on synthetic plan repositories, against floors measured in the same run.

    .venv/bin/python benchmarks/run.py [--sizes 1,10,40,100] [--years 3] [--repeat 3] [--out FILE]

For each size (units × years) it times, as whole commands in fresh processes,
the median of `--repeat` runs of:

- `planbook check` against a bare PyYAML C-loader parse of the same files;
- `planbook report --format json` and `planbook render`;
- `planbook render` and `planbook build` cold (no render cache: a fresh build
  folder each run) against a plain `mkdocs build` of the pages `render` wrote,
  and `build` warm (a second build, nothing changed: the render cache in
  `build/.planbook-cache` holds every year);
- pages per second of the cold build and the weight of a page (HTML bytes per
  page, the navigation included);
- `planbook serve` end to end: a plan file is edited and the page is fetched
  over HTTP until it shows the edit (the first size's and up to 40 units);
- peak memory (max RSS) of check and build;

then prints a table with the ratios and writes everything to a JSON file.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path
from typing import Any

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


def median_of(repeat: int, argv: list[str], call: str, cwd: Path, before: Any = None) -> tuple[float, int]:
    """`before` runs ahead of each timed run, untimed (to remove a cache, say)."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(timed(argv, call, cwd))
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def removed(*folders: Path) -> Any:
    return lambda: [shutil.rmtree(folder, ignore_errors=True) for folder in folders]


def planbook(*args: str) -> tuple[list[str], str]:
    return ["planbook", *args], "from generator.cli import main; sys.exit(main(sys.argv[1:]))"


def serve_over_http(project: Path, plans: Path, build_dir: Path, repeat: int) -> list[float]:
    """Seconds from saving an edited plan file to `planbook serve` answering with the
    updated page over HTTP (Planbook's watcher, the re-render, MkDocs' dirty build),
    for `repeat` edits one after another."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = sorted(plans.rglob("plan.yaml"))[0]
    unit, year = target.parent.parent.name, target.parent.name
    url = f"http://127.0.0.1:{port}/{unit}/{year}/plan.html"
    original = target.read_text(encoding="utf-8")
    server = subprocess.Popen([PY, "-m", "generator.cli", "serve", "--plans", str(plans), "--build-dir",
                               str(build_dir), "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
    try:
        _wait_for(url, "年度运营计划", timeout=900)
        times = []
        for i in range(repeat):
            time.sleep(1.5)  # the watcher settles, as between two saves in an editor
            marker = f"修订{i}号"
            target.write_text(original.replace("年度运营计划", f"年度运营计划 {marker}"), encoding="utf-8")
            start = time.perf_counter()
            _wait_for(url, marker, timeout=120)
            times.append(time.perf_counter() - start)
        return times
    finally:
        target.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", errors="replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show {text!r} within {timeout} s")


def page_weight(site: Path) -> tuple[int, float]:
    """(HTML pages, mean KB per page) of a built site."""
    sizes = [page.stat().st_size for page in site.rglob("*.html")]
    return len(sizes), sum(sizes) / max(1, len(sizes)) / 1024


def measure(units: int, years: int, repeat: int, work: Path, serve_edits: int) -> dict[str, Any]:
    root = work / f"u{units}"
    shutil.rmtree(root, ignore_errors=True)
    plans = root / "plans"
    documents = generate(plans, units, years)
    rendered = root / "rendered"
    row: dict[str, float | int] = {"units": units, "years": years, "documents": documents}
    row["bare_parse_s"], _ = median_of(repeat, ["bare", str(plans)], _BARE_PARSE, root)
    row["check_s"], row["check_rss_kb"] = median_of(repeat, *planbook("check", str(plans)), root)
    row["report_s"], _ = median_of(repeat, *planbook("report", str(plans), "--format", "json"), root)
    row["render_s"], _ = median_of(repeat, *planbook("render", str(rendered), "--plans", str(plans)), root,
                                   before=removed(rendered))
    row["mkdocs_s"], _ = median_of(repeat, ["mkdocs", "build", "-q", "-f", str(rendered / "mkdocs.yml"),
                                            "-d", str(root / "plain-site")],
                                   "from mkdocs.__main__ import cli; cli()", root)
    build_args = planbook("build", "--plans", str(plans), "--site-dir", str(root / "site"),
                          "--build-dir", str(root / "build"))
    row["build_s"], row["build_rss_kb"] = median_of(repeat, *build_args, root, before=removed(root / "build"))
    row["build_warm_s"], _ = median_of(repeat, *build_args, root)  # the last cold build left the cache
    row["pages"], row["page_kb"] = page_weight(root / "site")
    row["pages_per_s"] = row["pages"] / row["build_s"]
    if serve_edits:
        times = serve_over_http(root, plans, root / "serve-build", serve_edits)
        row["serve_http_s"], row["serve_http_runs"] = statistics.median(times), [round(t, 3) for t in times]
    row["check_ratio"] = row["check_s"] / row["bare_parse_s"]
    row["build_ratio"] = row["build_s"] / row["mkdocs_s"]
    row["build_warm_ratio"] = row["build_warm_s"] / row["mkdocs_s"]
    return row


def table(rows: list[dict[str, Any]]) -> str:
    head = ("units×years", "docs", "parse s", "check s", "check/parse", "report s", "render s", "mkdocs s",
            "build s", "build/mkdocs", "warm build s", "warm/mkdocs", "pages", "pages/s", "KB/page",
            "serve edit→page s", "check MB", "build MB")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        serve = f"{r['serve_http_s']:.2f}" if "serve_http_s" in r else "—"
        lines.append(" | ".join([
            f"{r['units']}×{r['years']}", str(r["documents"]), f"{r['bare_parse_s']:.2f}", f"{r['check_s']:.2f}",
            f"{r['check_ratio']:.2f}", f"{r['report_s']:.2f}", f"{r['render_s']:.2f}", f"{r['mkdocs_s']:.2f}",
            f"{r['build_s']:.2f}", f"{r['build_ratio']:.2f}", f"{r['build_warm_s']:.2f}",
            f"{r['build_warm_ratio']:.2f}", f"{int(r['pages']):,}", f"{r['pages_per_s']:.1f}",
            f"{r['page_kb']:.0f}", serve,
            f"{int(r['check_rss_kb']) / 1024:.0f}", f"{int(r['build_rss_kb']) / 1024:.0f}"]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,40,100", help="units per run, comma-separated")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--serve-up-to", type=int, default=40,
                        help="measure serve over HTTP for sizes up to this many units (0: never)")
    parser.add_argument("--serve-edits", type=int, default=5,
                        help="edits timed under serve, one after another (the table shows the median)")
    args = parser.parse_args()
    # Planbook's bytecode, as an installed package has it: where PYTHONDONTWRITEBYTECODE
    # is set (CI images set it) every timed process would otherwise compile the
    # modules changed since the last run, and the floors compile nothing.
    compileall.compile_dir(REPO / "generator", quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="planbook-bench-") as folder:
        for units in [int(s) for s in args.sizes.split(",")]:
            edits = args.serve_edits if units <= args.serve_up_to else 0
            rows.append(measure(units, args.years, args.repeat, Path(folder), edits))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    # Linearity: each size against the one before, as a multiple of the growth in units
    # (1.00 is linear; the bounds are 3.3 for 10 → 30 units and 2.75 for 40 → 100).
    linear = {}
    for small, big in zip(rows, rows[1:]):
        growth = int(big["units"]) / int(small["units"])
        linear[f"{small['units']}->{big['units']}"] = {
            "units": growth, **{key: big[key] / small[key] for key in ("check_s", "render_s", "build_s", "page_kb")}}
    print()
    print(table(rows))
    for pair, ratios in linear.items():
        print(f"\n{pair} units (×{ratios['units']:.1f}): " + ", ".join(
            f"{key} ×{value:.2f}" for key, value in ratios.items() if key != "units"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows, "linearity": linear, "python": sys.version,
                                    "cpus": os.cpu_count()}, indent=2), encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
