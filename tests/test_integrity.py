"""Nothing lost, nothing injected (spec 12): a sanitized site, unique page names,
symlinks, permissions, no leftovers, and a plain `pip install` that can build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.build import build, render_site_folder
from tests.conftest import REPO, write_files

# Known XSS payloads, each carrying a marker so that where it lands can be found.
PAYLOADS = [
    "<script>alert('XSS-script')</script>",
    "<img src=x onerror=alert('XSS-onerror')>",
    "<svg onload=alert('XSS-svg')>",
    "<a href=\"javascript:alert('XSS-js')\">x</a>",
    "<a href=\"data:text/html,<script>alert('XSS-data')</script>\">x</a>",
    "<td style=\"position:fixed;top:0;left:0;width:100%;height:100%\">XSS-overlay</td>",
    "</script><script>alert('XSS-close')</script>",
    "\"><script>alert('XSS-attr')</script>",
]
ALL = " ".join(PAYLOADS)


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_plans(root: Path) -> Path:
    q = quoted(ALL)
    write_files(root, {
        "plans/2026/plan.yaml": f"""\
kind: plan
year: 2026
title: {q}
goals: [{q}]
positioning: {{market: {q}}}
channels: {{tmall: {q}}}
targets:
  gmv: {{total: 1200万, channels: {{tmall: 100%}}}}
products:
  - {{sku: A-1, name: {q}, role: traffic, price: 59, cost: 18}}
budget:
  total: 100万
  tools:
    xhs: {{amount: 100万, note: {q}}}
  tools_declared:
    xhs: {{name: {q}, platform: xiaohongshu, placement: offsite}}
campaigns:
  - {{id: "618", name: {q}, type: store, start: 2026-06-01, end: 2026-06-18, theme: {q}, offers: {q},
      mechanics: [{q}], tasks: [{{name: {q}, due: 2026-05-01, owner: {q}, done: true}}]}}
""",
        "plans/2026/review.yaml": f"""\
kind: review
year: 2026
actuals:
  gmv: {{months: [100万, 100万]}}
campaigns:
  "618": {{actual: {{gmv: 10万}}, highlights: [{q}], improvements: [{q}]}}
timeline:
  - {{date: 2026-01-05, event: {q}}}
causes:
  - {{metric: gmv, type: objective, text: {q}}}
actions: {{keep: [{q}], stop: [{q}], start: [{q}]}}
""",
        "plans/2026/notes.md": f"---\nyear: 2026\ntitle: {q}\ndescription: {q}\n---\n# 说明\n\n{ALL}\n\n"
                               f"| a |\n|---|\n| b |\n\n<table><tr><td style=\"position:fixed\">XSS-cell</td></tr></table>\n",
        "plans/other.md": f"---\ntitle: {q}\n---\n{ALL}\n",
        # front matter closed by `...`, which MkDocs accepts as well as `---`
        "plans/2026/dots.md": f"---\nyear: 2026\ntitle: {q}\ndescription: {q}\n...\n# 点号\n",
        # Windows line endings: MkDocs reads `---\r\n` as front matter too
        "plans/2026/crlf.md": f"---\r\nyear: 2026\r\ntitle: {q}\r\ndescription: {q}\r\n---\r\n# 换行\r\n",
        # the theme's own id and classes: Material reads its configuration (the search
        # worker's URL) from the first `__config`; its classes fix elements over the page
        "plans/2026/theme.md": "---\nyear: 2026\n---\n# 主题\n\n"
                               '<h6 id="__config">{"search": "data:text/javascript,alert(1)"}</h6>\n\n'
                               '<div class="md-consent__overlay">XSS-theme</div>'
                               '<div class="md-dialog admonition note">XSS-dialog</div>\n',
    })
    return root


class Inspector(HTMLParser):
    """Every executable spot of a page: script bodies, event handlers, URLs, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "XSS" in value:
                self.findings.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(("javascript:", "data:")):
                self.findings.append(f"<{tag} {name}={value}>")
            if name == "style" and "fixed" in value:
                self.findings.append(f"<{tag} style={value}>")
        if tag == "svg" and any(n == "onload" for n, _v in attrs):
            self.findings.append("<svg onload>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        # Inside a script, a payload may only appear as data of a chart, with no "<" left.
        if self.in_script and "XSS" in data and "<" in data:
            self.findings.append(f"script: {data[:120]}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = hostile_plans(tmp_path_factory.mktemp("hostile"))
    outcome = build(project, project / "site", project / "build", project / "plans")
    assert outcome.ok, (outcome.message, outcome.problems)
    return project / "site"


def test_no_payload_runs_on_any_page_kind(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    kinds = {p.relative_to(hostile_site).as_posix() for p in pages}
    # every page kind: home, plan, review, changes, campaign, calendar, problems, operator pages
    assert {"index.html", "main/2026/plan.html", "main/2026/review.html", "main/2026/changes.html",
            "main/2026/campaigns/618.html", "main/2026/campaigns/index.html", "problems.html",
            "main/2026/notes.html", "notes/other.html"} <= kinds, kinds
    for page in pages:
        inspector = Inspector()
        inspector.feed(page.read_text(encoding="utf-8"))
        assert inspector.findings == [], (page, inspector.findings)


def test_front_matter_is_plain_text(hostile_site):
    html = (hostile_site / "main/2026/notes.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<script>alert" not in head and "onerror" not in head
    assert "alert('XSS-script')" in head  # the words stay, as text


@pytest.mark.parametrize("page", ["dots", "crlf"])
def test_front_matter_closed_by_dots_or_with_windows_line_ends_is_read_and_cleaned_too(hostile_site, page):
    html = (hostile_site / f"main/2026/{page}.html").read_text(encoding="utf-8")  # its year was read
    head = html.split("</head>")[0]
    assert "<script>alert" not in head and "onerror" not in head
    assert "alert('XSS-script')" in head


def test_an_operator_page_cannot_take_the_theme_s_id_or_classes(hostile_site):
    html = (hostile_site / "main/2026/theme.html").read_text(encoding="utf-8")
    assert html.count('id="__config"') == 1  # Material's own, not the operator's heading
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "XSS-theme" in article and "md-consent__overlay" not in article and "md-dialog" not in article
    assert 'class="admonition note"' in article  # Markdown's own classes stay


def test_readme_and_index_in_one_folder_are_one_page_a_collision_not_a_loss(tmp_path):
    # MkDocs makes README.md its folder's index: beside an index.md one of them was dropped.
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n",
                           "plans/notes/README.md": "# 说明 README\n", "plans/notes/index.md": "# 说明 index\n"})
    outcome = render_site_folder(tmp_path, tmp_path / "out", tmp_path / "plans")
    assert not outcome.ok
    assert [p.code for p in outcome.problems if p.is_error] == ["page-collision"]


def test_front_matter_is_read_with_the_bounded_yaml_reader(tmp_path):
    # an alias bomb in front matter took render 45 s per level; a self-referencing alias crashed it
    levels = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n",
                           "plans/bomb.md": f"---\n{levels}---\n# 炸弹\n",
                           "plans/empty.md": "---\n# only a comment\n---\n# 空\n"})
    outcome = render_site_folder(tmp_path, tmp_path / "out", tmp_path / "plans")
    # Counted as walked (10,000 nodes at most): b's ten *a cost 10 × 11 = 110; each *b in c
    # costs b's 111 nodes plus its ten *a again (110): 10 × 221 = 2,210, 2,320 so far; each *c
    # in d costs 1,111 + 10 × 221 = 3,321, and the third passes 10,000 (2,320 + 3 × 3,321).
    # The alias is reported at the node it names: c, on line 4 of the page.  A page's front
    # matter that cannot be used is a warning: the page is published without it (an empty
    # block, which MkDocs accepts, is no problem at all).
    assert [(Path(p.path).name, p.code, p.line, p.severity) for p in outcome.problems] == [
        ("bomb.md", "alias-expansion", 4, "warning")]
    assert outcome.ok
    assert (tmp_path / "out/docs/notes/bomb.md").read_text(encoding="utf-8") == "# 炸弹\n"
    assert (tmp_path / "out/docs/notes/empty.md").read_text(encoding="utf-8") == "# 空\n"


def test_pages_with_chinese_and_odd_ids_are_all_kept(tmp_path):
    ids = ["年货节", "女王节", "..", "a/b", "a-b", "index"]
    campaigns = "".join(f"  - {{id: {quoted(i)}, name: 活动{n}, type: store, start: 2026-0{n + 1}-01, "
                        f"end: 2026-0{n + 1}-02}}\n" for n, i in enumerate(ids))
    write_files(tmp_path, {"plans/plan.yaml": f"kind: plan\nyear: 2026\ncampaigns:\n{campaigns}"})
    outcome = render_site_folder(tmp_path, tmp_path / "out", tmp_path / "plans")
    assert outcome.ok, outcome.problems
    pages = sorted((tmp_path / "out/docs/main/2026/campaigns").glob("*.md"))
    # six campaign pages and the calendar (index.md), each campaign on its own page
    assert len(pages) == 7
    texts = [p.read_text(encoding="utf-8") for p in pages if p.name != "index.md"]
    assert sorted(next(f"活动{n}" for n in range(6) if f"活动{n}" in t) for t in texts) == [
        f"活动{n}" for n in range(6)]
    assert "活动日历" in (tmp_path / "out/docs/main/2026/campaigns/index.md").read_text(encoding="utf-8") or \
        "Calendar" in (tmp_path / "out/docs/main/2026/campaigns/index.md").read_text(encoding="utf-8")
    assert (tmp_path / "out/docs/main/2026/campaigns/年货节.md").exists()


def test_an_operator_page_never_replaces_a_generated_page(tmp_path):
    write_files(tmp_path, {"plans/2026/plan.yaml": "kind: plan\nyear: 2026\ntitle: 真正的计划\n",
                           "plans/2026/plan.md": "---\nyear: 2026\n---\n# 冒充的计划页\n"})
    outcome = render_site_folder(tmp_path, tmp_path / "out", tmp_path / "plans")
    assert not outcome.ok
    assert [p.code for p in outcome.problems if p.is_error] == ["page-collision"]
    assert "冒充" not in (tmp_path / "out/docs/main/2026/plan.md").read_text(encoding="utf-8")


def test_two_pages_of_the_same_name_in_different_folders_stay_two(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n",
                           "plans/a/README.md": "# A 说明\n", "plans/b/README.md": "# B 说明\n"})
    outcome = render_site_folder(tmp_path, tmp_path / "out", tmp_path / "plans")
    assert outcome.ok, outcome.problems
    assert (tmp_path / "out/docs/notes/a/README.md").read_text(encoding="utf-8") == "# A 说明\n"
    assert (tmp_path / "out/docs/notes/b/README.md").read_text(encoding="utf-8") == "# B 说明\n"


def test_a_markdown_link_leading_outside_plans_is_not_published(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n", "secret.md": "# 机密 secret-words\n"})
    os.symlink(tmp_path / "secret.md", tmp_path / "plans" / "leak.md")
    outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans")
    assert outcome.ok and [p.code for p in outcome.problems] == ["file-outside"]
    for page in (tmp_path / "site").rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json"):
            assert "secret-words" not in page.read_text(encoding="utf-8"), page


def test_the_site_and_workbooks_get_the_umasks_permissions(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\ntargets:\n  gmv: 100万\n"})
    old = os.umask(0o022)
    try:
        outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans")
        result = subprocess.run([sys.executable, "-m", "generator.cli", "export", "xlsx", "plans", "-o", "out.xlsx"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        os.umask(old)
    assert outcome.ok and result.returncode == 0, result.stderr
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "out.xlsx").stat().st_mode & 0o777 == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_a_failed_mkdocs_build_leaves_the_old_site_and_no_leftovers(tmp_path):
    write_files(tmp_path, {"plans/plan.yaml": "kind: plan\nyear: 2026\n"})
    assert build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans").ok
    (tmp_path / "site" / "marker.txt").write_text("old", encoding="utf-8")
    # a theme that does not exist makes MkDocs fail after the render
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ntheme: {name: no-such-theme}\n", encoding="utf-8")
    outcome = build(tmp_path, tmp_path / "site", tmp_path / "build", tmp_path / "plans")
    assert not outcome.ok
    assert (tmp_path / "site" / "marker.txt").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "mkdocs.yml", "plans", "site"]


def test_a_plain_wheel_install_builds_the_demo(tmp_path):
    # The wheel, installed without the repository (no editable checkout on the path),
    # carries the templates, the CSS and the default configuration.
    wheel_dir, target, project = tmp_path / "wheel", tmp_path / "installed", tmp_path / "team"
    # From a copy: setuptools writes build/lib into the source tree, and the repository's
    # build/ is Planbook's own build folder (and stale files there would go into a wheel).
    source = tmp_path / "source"
    top_level = {".git", ".venv", "build", "site", "planbook.egg-info", ".hypothesis", ".installed"}
    shutil.copytree(REPO, source, ignore=lambda folder, names: [
        n for n in names if n == "__pycache__" or n.endswith("_cache") or (Path(folder) == REPO and n in top_level)])
    made = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheel_dir),
                           str(source)], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-2000:]
    wheel = next(wheel_dir.glob("planbook-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/site_templates/home.md.j2" in names and "generator/site_templates/planbook.css" in names
    assert "generator/site/default.yml" in names and "generator/site_templates/guide/faq.md" in names
    assert "generator/site_templates/assets/iframe-worker-shim.js" in names  # search from file://
    assert "generator/site_templates/assets/planbook.js" in names  # tables as cards on a phone
    assert "generator/site_templates/init/plan.yaml" in names and "generator/site_templates/init/gitignore" in names
    zipfile.ZipFile(wheel).extractall(target)
    shutil.copytree(REPO / "plans", project / "plans")
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], cwd=project,
                           env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(target)), where
    built = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    assert (project / "site" / "glow-beauty" / "2026" / "review.html").exists()
    assert (project / "site" / "assets" / "planbook.css").exists()
    assert (project / "site" / "assets" / "iframe-worker-shim.js").exists()
    team = subprocess.run([sys.executable, "-m", "generator.cli", "init", str(tmp_path / "fresh")], cwd=project,
                          env=env, capture_output=True, text=True, timeout=300)
    assert team.returncode == 0 and (tmp_path / "fresh" / ".gitlab-ci.yml").exists(), team.stderr[-2000:]


def test_a_problem_s_id_spans_show_as_code_and_stay_inert():
    from generator.render.tables import md_with_code

    shown = md_with_code("活动 `double11` 的任务 `<img src=x onerror=alert(1)>|x` 已到期 *强调*")
    assert shown == ("活动 <code>double11</code> 的任务 <code>&lt;img src=x onerror=alert\\(1\\)&gt;\\|x</code>"
                     " 已到期 \\*强调\\*")
    # Markdown still reads links inside raw <code>: a link's syntax is escaped there too
    assert md_with_code("`[x](javascript:alert(1))`") == "<code>\\[x\\]\\(javascript:alert\\(1\\)\\)</code>"
    assert md_with_code("an `unpaired tick") == "an \\`unpaired tick"
