"""`planbook init`: a team's own plans repository (spec 11), in real folders and git."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from generator.init import FILES


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180)


def test_init_in_an_empty_folder_then_check_passes(tmp_path):
    target = tmp_path / "team-plans"
    result = run("init", str(target), "--year", "2027", "--install", "planbook==0.2.0", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == sorted([".gitattributes", ".github/workflows/planbook.yml", ".gitignore", ".gitlab-ci.yml",
                              ".planbook/textconv",
                              ".pre-commit-config.yaml", ".vscode/settings.json", "mkdocs.yml",
                              "planbook.schema.json", "plans/2027/plan.yaml"])
    assert len(FILES) + 1 == len(written)
    check = run("check", "plans", "--format", "json", cwd=target)
    assert check.returncode == 0 and json.loads(check.stdout)["problems"] == []
    assert "/site/" in (target / ".gitignore").read_text() and "/build/" in (target / ".gitignore").read_text()
    assert "diff=planbook" in (target / ".gitattributes").read_text()
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "planbook check"
    workflow = yaml.safe_load((target / ".github/workflows/planbook.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["check"]["steps"])
    assert "planbook check plans" in steps and "planbook diff --rev" in steps and "--format md" in steps
    assert "planbook build" in str(workflow["jobs"]["publish"]["steps"])
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert set(gitlab) >= {"check", "plan-diff", "pages"}
    assert 'pip install "planbook==0.2.0"' in (target / ".gitlab-ci.yml").read_text()
    assert steps.count('pip install "planbook==0.2.0"') == 1
    assert json.loads((target / "planbook.schema.json").read_text(encoding="utf-8"))["title"]


def test_init_never_overwrites(tmp_path):
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    first = run("init", ".", "--year", "2027", "--lang", "en", cwd=tmp_path)
    assert first.returncode == 0 and "exists, left as it is: .gitignore" in first.stderr
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    (tmp_path / "plans/2027/plan.yaml").write_text("kind: plan\nyear: 2027\n", encoding="utf-8")
    again = run("init", ".", "--year", "2027", "--lang", "en", cwd=tmp_path)
    assert again.returncode == 0 and "wrote" not in again.stderr
    assert (tmp_path / "plans/2027/plan.yaml").read_text(encoding="utf-8") == "kind: plan\nyear: 2027\n"


def test_init_on_a_file_is_a_problem(tmp_path):
    (tmp_path / "plan.yaml").write_text("x", encoding="utf-8")
    result = run("init", "plan.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["init-not-a-folder"]


def test_an_initialised_repository_shows_semantic_git_diffs(tmp_path):
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("config", "user.email", "ops@example.com")
    git("config", "user.name", "ops")
    assert run("init", ".", "--year", "2027", cwd=tmp_path).returncode == 0
    # the one-line config init prints, pointing at this interpreter's planbook
    git("config", "diff.planbook.textconv", f"{sys.executable} -m generator.cli textconv")
    git("add", "-A")
    git("commit", "-qm", "init")
    plan = tmp_path / "plans/2027/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("total: 1000万", "total: 1200万"), encoding="utf-8")
    shown = git("diff")
    # one line per value, not the YAML text: the reviewer reads the figure that moved
    assert "-targets.gmv.total = 10,000,000" in shown and "+targets.gmv.total = 12,000,000" in shown


def test_the_diff_driver_shows_the_raw_file_where_planbook_is_missing(tmp_path):
    """`git diff` never stops for a colleague without Planbook: init's wrapper falls back to the file."""
    import os

    def git(*args: str, path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PATH": path})

    system = "/usr/bin:/bin"  # git and sh, no planbook
    assert run("init", ".", "--year", "2027", cwd=tmp_path).returncode == 0
    for args in (["init", "-q"], ["config", "user.email", "ops@example.com"], ["config", "user.name", "ops"],
                 ["config", "diff.planbook.textconv", "sh .planbook/textconv"], ["add", "-A"], ["commit", "-qm", "i"]):
        assert git(*args, path=system).returncode == 0
    plan = tmp_path / "plans/2027/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("total: 1000万", "total: 1200万"), encoding="utf-8")
    raw = git("diff", path=system)
    assert raw.returncode == 0, raw.stderr
    assert "+  gmv: {total: 1200万" in raw.stdout or "total: 1200万" in raw.stdout
    assert "targets.gmv.total" not in raw.stdout
    # with planbook on PATH (this interpreter's bin folder), the same diff in canonical lines
    semantic = git("diff", path=f"{Path(sys.executable).parent}:{system}")
    assert "+targets.gmv.total = 12,000,000" in semantic.stdout, semantic.stderr


def test_install_spec_refused_when_ci_could_not_use_it(tmp_path):
    for spec, code in (("planbook @ git+https://your-git-server/planbook.git@v0.2.0", "init-install-placeholder"),
                       ("<planbook>", "init-install-placeholder"),
                       ("vendor/planbook-0.2.0-py3-none-any.whl", "init-install-missing-wheel"),
                       ("latest", "init-install-not-planbook"),
                       ("git+https://github.com/psf/requests", "init-install-not-planbook"),  # names no package
                       ('planbook==0.2.0"\nrm -rf /', "init-install-not-planbook"),  # pasted into pip install "…"
                       ("planbook @ file:///home/me/planbook.whl", "init-install-missing-wheel"),  # this machine's
                       ("../outside.whl", "init-install-missing-wheel")):
        result = run("init", "repo", "--install", spec, "--format", "json", cwd=tmp_path)
        assert result.returncode == 1, spec
        assert [p["code"] for p in json.loads(result.stdout)["problems"]] == [code], spec
    assert not (tmp_path / "repo" / ".gitlab-ci.yml").exists()
    wheel = tmp_path / "repo" / "vendor" / "planbook-0.2.0-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes(b"PK")
    (tmp_path / "outside.whl").write_bytes(b"PK")
    for fine in ("planbook>=0.2,<0.3", "Planbook[test]==0.2.0", "planbook @ git+https://git-server.corp.cn/t/planbook.git@ab12"):
        assert run("init", "other", "--install", fine, cwd=tmp_path).returncode == 0, fine
    ok = run("init", "repo", "--install", "vendor/planbook-0.2.0-py3-none-any.whl", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert 'pip install "vendor/planbook-0.2.0-py3-none-any.whl"' in (tmp_path / "repo/.gitlab-ci.yml").read_text()


def test_the_diff_driver_works_when_init_wrote_a_subfolder_of_a_bigger_repository(tmp_path):
    # git runs the driver from the repository's top: init in mono/ops prints (and writes
    # into .gitattributes) the script's path from there, so `git diff` works in ops/ too
    import os

    def git(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              env={**os.environ, "PATH": "/usr/bin:/bin"})

    git("init", "-q")
    result = run("init", "ops", "--year", "2027", cwd=tmp_path)
    assert 'git config diff.planbook.textconv "sh ops/.planbook/textconv"' in result.stderr
    assert "sh ops/.planbook/textconv" in (tmp_path / "ops/.gitattributes").read_text(encoding="utf-8")
    for args in (["config", "user.email", "o@example.com"], ["config", "user.name", "o"],
                 ["config", "diff.planbook.textconv", "sh ops/.planbook/textconv"], ["add", "-A"], ["commit", "-qm", "i"]):
        assert git(*args).returncode == 0
    plan = tmp_path / "ops/plans/2027/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("total: 1000万", "total: 1200万"), encoding="utf-8")
    shown = git("diff", cwd=tmp_path / "ops")
    assert shown.returncode == 0 and "1200万" in shown.stdout, shown.stderr


def test_a_remote_becomes_an_address_pip_takes_without_its_token():
    from generator.init import _pip_url

    assert _pip_url("git@github.com:org/planbook.git") == "ssh://git@github.com/org/planbook.git"
    assert _pip_url("https://oauth2:glpat-SECRET@gitlab.com/t/planbook.git") == "https://gitlab.com/t/planbook.git"
    assert _pip_url("/work/planbook") is None  # a folder of this machine
