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
TEXTCONV_SCRIPT = ".planbook/textconv"


def textconv_config(script: str) -> str:
    """The one-line git config that enables the driver; git runs it from the top of the
    repository, so `script` is the path from there."""
    return f'git config diff.planbook.textconv "sh {script}"'


class InitError(CommandError):
    """DIR cannot hold a repository (a file, or not writable): a problem, exit 1."""


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left as they are
    install: str | None = None  # what the CI files install; None: they were not written
    textconv: str = textconv_config(TEXTCONV_SCRIPT)  # the git config line that enables the diff driver
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
    script = _from_repository_top(folder) + TEXTCONV_SCRIPT
    values = {"__YEAR__": str(year), "__INSTALL__": install or "", "__TEXTCONV_PATH__": script}
    result = InitResult(install=install, textconv=textconv_config(script))
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


def _from_repository_top(folder: Path) -> str:
    """`ops/` when `folder` is the ops/ folder of a bigger git repository (git runs the
    diff driver from its top), "" at the top or outside git (the folder becomes the top)."""
    probe = folder if folder.is_dir() else folder.parent
    while not probe.exists():
        probe = probe.parent
    try:
        prefix = subprocess.run(["git", "-C", str(probe), "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    missing = folder.resolve().relative_to(probe.resolve()).as_posix() if folder != probe else ""
    path = "/".join(part for part in (prefix.rstrip("/"), missing) if part and part != ".")
    return f"{path}/" if path else ""


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
    clean = _pip_url(url)  # reachable from CI, and never a token into a committed file
    if isinstance(vcs, dict) and vcs.get("commit_id") and clean:
        return f"planbook @ {vcs.get('vcs', 'git')}+{clean}@{vcs['commit_id']}"
    if "archive_info" in direct and clean and urlparse(clean).scheme in ("http", "https"):
        return f"planbook @ {clean}"
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
    url = _pip_url(remote)
    return f"planbook @ git+{url}@{commit}" if url else None


def _pip_url(remote: str) -> str | None:
    """A git remote as pip takes it after `git+`: an scp-like address (git@host:org/x.git)
    as ssh://git@host/org/x.git, and never a password or token (https://user:TOKEN@…
    would be committed into the CI files)."""
    scp = re.match(r"^([\w.-]+)@([\w.-]+):(?!//)(.+)$", remote)
    if scp:
        return f"ssh://{scp.group(1)}@{scp.group(2)}/{scp.group(3)}"
    parts = urlparse(remote)
    if parts.scheme not in ("https", "http", "ssh", "git") or not parts.hostname:
        return None
    user = f"{parts.username}@" if parts.username and parts.password is None and parts.scheme == "ssh" else ""
    port = f":{parts.port}" if parts.port else ""
    return parts._replace(netloc=f"{user}{parts.hostname}{port}").geturl()


# Words of a requirement that was never filled in: a placeholder host, a template's
# <WORD> in angle brackets.  CI would fail on the first push with a puzzling pip error.
_PLACEHOLDER = re.compile(r"your[-_]|\bexample\.(com|org|net)\b|<[^<>\s]*[A-Za-z][^<>\s]*>|\bTODO\b|\bxxx\b", re.I)
# planbook, planbook[extra]==0.2.0, Planbook>=0.2,<0.3, planbook @ URL (pip's names are
# case-insensitive); a bare git+URL or https URL names no package, so nothing says it is Planbook
_NAMED = re.compile(r"^planbook(\[[\w,\s-]+\])?\s*((==|~=|>=|<=|!=|<|>)\s*[\w.*+!-]+(\s*,\s*(==|~=|>=|<=|!=|<|>)\s*[\w.*+!-]+)*|@\s*\S+)?$",
                    re.I)


def checked_install(spec: str, folder: Path) -> str:
    """`--install SPEC` as given, or a problem: a placeholder, a wheel that is not in the
    repository, or something pip would not read as Planbook."""
    spec = spec.strip()
    if not spec or _PLACEHOLDER.search(spec):
        raise InitError("init-install-placeholder", spec=spec)
    if re.search(r'[\s"\'`$\\]', spec.replace(" @ ", "@").replace(", ", ",")):
        raise InitError("init-install-not-planbook", spec=spec)  # pasted into pip install "…": one word
    if spec.lower().endswith(".whl") and "://" not in spec:
        wheel = (folder / spec).resolve()
        inside = wheel.is_relative_to(folder.resolve()) and not Path(spec).is_absolute()
        if not inside or not wheel.is_file():
            raise InitError("init-install-missing-wheel", spec=spec)
        return spec
    if "file:" in spec.lower():
        raise InitError("init-install-missing-wheel", spec=spec)  # a file of this machine, not CI's
    if not _NAMED.match(spec):
        raise InitError("init-install-not-planbook", spec=spec)
    return spec
