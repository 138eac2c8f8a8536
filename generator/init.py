"""`planbook init [DIR]`: a team's own plans repository (spec 11).

Writes what the workflow needs and nothing else, and never overwrites: a file
that exists is left as it is and reported.  What it writes: a starter plan
that passes `planbook check`, `.gitattributes` (the textconv diff driver),
`.gitignore` (site/, build/, the build lock), `.pre-commit-config.yaml` (the
installed `planbook check` as a local hook), `planbook.schema.json` and the
editor setting that binds it, `mkdocs.yml`, and CI examples for GitHub Actions
and GitLab CI (check, comment the diff on a pull request, publish on merge).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import CommandError, os_reason

# (template in site_templates/init/, path written in the repository)
FILES = [
    ("plan.yaml", "plans/__YEAR__/plan.yaml"),
    ("gitattributes", ".gitattributes"),
    ("gitignore", ".gitignore"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("vscode-settings.json", ".vscode/settings.json"),
    ("github-workflow.yml", ".github/workflows/planbook.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
]
TEXTCONV_CONFIG = 'git config diff.planbook.textconv "planbook textconv"'


class InitError(CommandError):
    """DIR cannot hold a repository (a file, or not writable): a problem, exit 1."""


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: left as they are


def init_repository(folder: Path, year: int | None = None) -> InitResult:
    from generator.model.schema import document_schema
    from generator.render.site import PACKAGED_TEMPLATES

    if folder.exists() and not folder.is_dir():
        raise InitError("init-not-a-folder", folder=str(folder))
    year = year or dt.date.today().year
    values = {"__YEAR__": str(year), "__VERSION__": _version()}
    result = InitResult()
    files = [(name, target) for name, target in FILES]
    for name, target in files:
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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("planbook")
    except PackageNotFoundError:
        return "0.2.0"
