"""`planbook init [DIR]`: a team's own plans repository (spec 11).

Writes what the workflow needs and nothing else, and never overwrites: a file
that exists is left as it is and reported.  What it writes: a starter plan
that passes `planbook check`, `.gitattributes` and `.planbook/textconv` (the
textconv diff driver, which shows the raw file where Planbook is missing),
`.gitignore` (site/, build/, the build lock), `.pre-commit-config.yaml` (the
installed `planbook check` as a local hook), `planbook.schema.json` and the
editor setting that binds it, `mkdocs.yml`, and CI examples for GitHub Actions
and GitLab CI (check, comment the diff on a pull request, publish on merge).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from generator.problems import CommandError, os_reason

# The CI files, written only when init knows how CI installs this Planbook
CI_FILES = {"github-workflow.yml", "gitlab-ci.yml"}
# (template in site_templates/init/, path written in the repository)
FILES = [
    ("plan.yaml", "plans/__YEAR__/plan.yaml"),
    ("gitattributes", ".gitattributes"),
    ("textconv.sh", ".planbook/textconv"),
    ("gitignore", ".gitignore"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("vscode-settings.json", ".vscode/settings.json"),
    ("github-workflow.yml", ".github/workflows/planbook.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
]
# The driver is a script in the repository that falls back to the raw file where
# Planbook is not installed: `git diff` must never fail for a colleague without it.
TEXTCONV_CONFIG = 'git config diff.planbook.textconv "sh .planbook/textconv"'


class InitError(CommandError):
    """DIR cannot hold a repository (a file, or not writable): a problem, exit 1."""


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left as they are
    install: str | None = None  # what the CI files install; None: they were not written
    skipped: list[str] = field(default_factory=list)  # CI files left out for want of `--install`


def init_repository(folder: Path, year: int | None = None, install: str | None = None) -> InitResult:
    from generator.model.schema import document_schema
    from generator.render.site import PACKAGED_TEMPLATES

    if folder.exists() and not folder.is_dir():
        raise InitError("init-not-a-folder", folder=str(folder))
    if install is not None:
        install = checked_install(install, folder)
    else:
        install = installed_from()
    year = year or dt.date.today().year
    values = {"__YEAR__": str(year), "__INSTALL__": install or ""}
    result = InitResult(install=install)
    for name, target in FILES:
        if name in CI_FILES and install is None:
            result.skipped.append(target)
            continue
        text = (PACKAGED_TEMPLATES / "init" / name).read_text(encoding="utf-8")
        for token, value in values.items():
            text, target = text.replace(token, value), target.replace(token, value)
        _write_new(folder, target, text, result)
    schema = json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"
    _write_new(folder, "planbook.schema.json", schema, result)
    return result


def _write_new(folder: Path, relative: str, text: str, result: InitResult) -> None:
    path = folder / relative
    if path.exists():
        result.kept.append(relative)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except OSError as exc:
        raise InitError("init-cannot-write", file=str(path), **os_reason(exc)) from exc
    result.written.append(relative)


def installed_from() -> str | None:
    """The pip requirement that installs this very Planbook on a CI runner, read from
    the installed distribution: its version where it came from a package index, its
    repository and commit where pip installed it from git, its URL where it came from
    a web server.  None where CI cannot reach it (a local folder or wheel, an
    editable checkout without a remote): `init --install SPEC` then says how."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("planbook")
    except PackageNotFoundError:
        return None
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        return None
    if direct is None:  # from an index: the same version from the same index
        return f"planbook=={dist.version}"
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and _reachable(url):
        return f"planbook @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}"
    if "archive_info" in direct and urlparse(url).scheme in ("http", "https"):
        return f"planbook @ {url}"
    if "dir_info" in direct and urlparse(url).scheme == "file":
        return _checkout_remote(Path(urlparse(url).path))
    return None


def _checkout_remote(folder: Path) -> str | None:
    """A local checkout of Planbook (an editable install): its remote and commit, when it
    has a remote a CI runner can reach and the commit is on it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                              check=True).stdout.strip()

    try:
        remote, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
        if not git("branch", "-r", "--contains", commit):
            return None  # a commit the remote does not have cannot be installed from it
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"planbook @ git+{remote}@{commit}" if _reachable(remote) else None


def _reachable(url: str) -> bool:
    """A URL another machine can fetch: a web or ssh address, not a local path."""
    return bool(re.match(r"^(https?|ssh|git)://|^[\w.-]+@[\w.-]+:", url))


# Words of a requirement that was never filled in: a placeholder host, a template's
# angle brackets.  CI would fail on the first push with a puzzling pip error.
_PLACEHOLDER = re.compile(r"your[-_]|example\.(com|org|net)|<|>|\bTODO\b|\bxxx\b|git-server", re.I)


def checked_install(spec: str, folder: Path) -> str:
    """`--install SPEC` as given, or a problem: a placeholder, a wheel that is not in the
    repository, or something pip would not read as Planbook."""
    spec = spec.strip()
    if not spec or _PLACEHOLDER.search(spec):
        raise InitError("init-install-placeholder", spec=spec)
    if spec.endswith(".whl") and "://" not in spec:
        if Path(spec).is_absolute() or not (folder / spec).is_file():
            raise InitError("init-install-missing-wheel", spec=spec)
        return spec
    if not re.match(r"^planbook\s*(==|@|~=|>=)|^git\+|^https?://", spec):
        raise InitError("init-install-not-planbook", spec=spec)
    return spec
