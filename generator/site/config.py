"""The MkDocs configuration of a Planbook site: the packaged default under the
project's own mkdocs.yml, plus what the rendered pages need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.compute.variance import Thresholds

DEFAULT_CONFIG = Path(__file__).with_name("default.yml")


@dataclass(frozen=True)
class ProjectSettings:
    """Planbook's own settings from `extra.planbook` of mkdocs.yml."""

    plans: str
    lang: str
    thresholds: Thresholds
    site_name: str


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative); keep them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                              if isinstance(node, yaml.ScalarNode) else None)


def load_config(project: Path) -> dict[str, Any]:
    """The default configuration with the project's mkdocs.yml laid over it."""
    config = yaml.load(DEFAULT_CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    own = project / "mkdocs.yml"
    if own.exists():
        overrides = yaml.load(own.read_text(encoding="utf-8"), Loader=_Loader) or {}
        config = _merge(config, overrides)
    return config


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = _merge(base[key], value)
        else:
            out[key] = value
    return out


def settings(config: dict[str, Any]) -> ProjectSettings:
    extra = (config.get("extra") or {}).get("planbook") or {}
    thresholds = extra.get("thresholds") or {}
    theme = config.get("theme") or {}
    lang = str(extra.get("language") or theme.get("language") or "zh")
    return ProjectSettings(
        plans=str(extra.get("plans", "plans")),
        lang="en" if lang.startswith("en") else "zh",
        thresholds=Thresholds(float(thresholds.get("met", 1.0)), float(thresholds.get("near", 0.9))),
        site_name=str(config.get("site_name", "Planbook")),
    )


def site_config(config: dict[str, Any], nav: list[Any], docs_dir: str = "docs", site_dir: str = "site") -> dict[str, Any]:
    """The configuration written next to the rendered pages."""
    out = dict(config)
    out["docs_dir"] = docs_dir
    out["site_dir"] = site_dir
    out.setdefault("nav", nav)
    if out.get("nav") is None:
        out["nav"] = nav
    css = list(out.get("extra_css") or [])
    if "assets/planbook.css" not in css:
        css.append("assets/planbook.css")
    out["extra_css"] = css
    theme = dict(out.get("theme") or {})
    theme["font"] = False  # never Google Fonts, whatever the override says
    out["theme"] = theme
    return out


def dump(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
