"""Planbook's settings: `extra.planbook` of the project's mkdocs.yml, read once,
validated, and used alike by `report`, `export` and the site.

    extra:
      planbook:
        plans: plans          # the plans folder
        language: zh          # zh | en (default: the theme's language, else zh)
        thresholds: {met: 100%, near: 90%}   # attainment from which a row is met / near
        units: {beifeng: 北风空调}           # a unit's name in headings and the navigation

A bad value is a problem at its line in mkdocs.yml (never a crash), and the
default is used in its place so the other settings still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.load.quantities import QuantityError, parse_quantity
from generator.problems import Problem, display_path, make

DEFAULT_CONFIG = Path(__file__).parent / "site" / "default.yml"
_KEYS = ("plans", "language", "thresholds", "sanitize", "units")


@dataclass(frozen=True)
class Thresholds:
    """Attainment from which a figure is `met` and `near`.

    Kept as the decimals that were written: 0.9 is exactly 90 %, so an attainment
    of exactly 90 % is `near` (a float 0.9 is 0.900000000000000022 and would not be)."""

    met: Decimal = Decimal(1)
    near: Decimal = Decimal("0.9")

    def __post_init__(self) -> None:
        for name in ("met", "near"):
            value = getattr(self, name)
            if not isinstance(value, Decimal):
                object.__setattr__(self, name, Decimal(repr(value) if isinstance(value, float) else value))


@dataclass(frozen=True)
class Settings:
    """Planbook's own settings from `extra.planbook` of mkdocs.yml."""

    plans: str = "plans"
    lang: str = "zh"
    thresholds: Thresholds = field(default_factory=Thresholds)
    site_name: str = "Planbook"
    # unit slug → the name people call it (北风空调): the plan format has slugs only,
    # and a heading or a navigation entry should not read `beifeng`
    units: dict[str, str] = field(default_factory=dict)

    def unit_name(self, unit: str) -> str:
        return self.units.get(unit, unit)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative); keep them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                              if isinstance(node, yaml.ScalarNode) else None)


def load_config(project: Path) -> tuple[dict[str, Any], yaml.Node | None, list[Problem]]:
    """The default configuration with the project's mkdocs.yml laid over it, the
    project file's node tree (for line numbers) and the problems of reading it."""
    config = yaml.load(DEFAULT_CONFIG.read_text(encoding="utf-8"), Loader=_Loader)
    own = project / "mkdocs.yml"
    if not own.exists():
        return config, None, []
    shown = display_path(str(own))
    try:
        text = own.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=_Loader)
        overrides = yaml.load(text, Loader=_Loader) or {}
    except UnicodeDecodeError:
        return config, None, [make("encoding", shown, 1, 1, byte="?")]
    except yaml.YAMLError as exc:
        from generator.load.yamltree import syntax_problem

        return config, None, [syntax_problem(exc, shown)]
    if not isinstance(overrides, dict):
        return config, None, [make("settings-invalid", shown, 1, 1, key="mkdocs.yml",
                                   expected_en="a mapping of settings", expected_zh="设置项的映射")]
    return merge(config, overrides), node, []


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = merge(base[key], value)
        else:
            out[key] = value
    return out


def read_settings(project: Path) -> tuple[Settings, dict[str, Any], list[Problem]]:
    """The settings of the project in `project` (its mkdocs.yml, else the defaults),
    the merged MkDocs configuration, and the problems found in it."""
    config, node, problems = load_config(project)
    shown = display_path(str(project / "mkdocs.yml"))

    def problem(path: tuple[str, ...], key: str, expected_en: str, expected_zh: str) -> None:
        line, column = _mark(node, path)
        problems.append(make("settings-invalid", shown, line, column, key=key,
                             expected_en=expected_en, expected_zh=expected_zh))

    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    own = extra.get("planbook", {}) if extra else {}
    if own is None:
        own = {}
    where = ("extra", "planbook")
    if not isinstance(own, dict):
        problem(where, "extra.planbook", "a mapping such as {thresholds: {met: 100%, near: 90%}}",
                "映射,如 {thresholds: {met: 100%, near: 90%}}")
        own = {}
    for key in own:
        if key not in _KEYS:
            problem((*where, str(key)), f"extra.planbook.{key}", "one of " + ", ".join(_KEYS),
                    "以下之一:" + "、".join(_KEYS))
    plans = own.get("plans", "plans")
    if not isinstance(plans, str) or not plans.strip():
        problem((*where, "plans"), "extra.planbook.plans", "a folder name", "文件夹名")
        plans = "plans"
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    lang = str(own.get("language") or (theme or {}).get("language") or "zh")
    if own.get("language") is not None and not lang.startswith(("zh", "en")):
        problem((*where, "language"), "extra.planbook.language", "zh or en", "zh 或 en")
    thresholds = Thresholds()
    written = own.get("thresholds", {})
    if written is None:
        written = {}
    if not isinstance(written, dict):
        problem((*where, "thresholds"), "extra.planbook.thresholds", "{met: 100%, near: 90%}",
                "{met: 100%, near: 90%}")
        written = {}
    values: dict[str, Decimal] = {"met": thresholds.met, "near": thresholds.near}
    for name in ("met", "near"):
        if name not in written:
            continue
        value = _rate(written[name])
        if value is None:
            problem((*where, "thresholds", name), f"extra.planbook.thresholds.{name}",
                    "an attainment such as 100% or 0.9", "达成率,如 100% 或 0.9")
        else:
            values[name] = value
    for name in written:
        if name not in ("met", "near"):
            problem((*where, "thresholds", str(name)), f"extra.planbook.thresholds.{name}", "met or near",
                    "met 或 near")
    if values["near"] > values["met"]:
        problem((*where, "thresholds", "near"), "extra.planbook.thresholds.near",
                "a value not above `met`", "不高于 `met` 的值")
        values = {"met": thresholds.met, "near": thresholds.near}
    units = own.get("units") or {}
    if not isinstance(units, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                              for k, v in units.items()):
        problem((*where, "units"), "extra.planbook.units", "unit slug: name, such as {beifeng: 北风空调}",
                "业务单元: 名称,如 {beifeng: 北风空调}")
        units = {}
    settings = Settings(plans=plans, lang="en" if lang.startswith("en") else "zh",
                        thresholds=Thresholds(values["met"], values["near"]),
                        site_name=str(config.get("site_name", "Planbook")),
                        units={k: v.strip() for k, v in units.items()})
    return settings, config, problems


def _rate(raw: Any) -> Decimal | None:
    """An attainment threshold: 90%, 0.9 (a bare number above 3 is surely a typo for %)."""
    try:
        quantity = parse_quantity(raw)
    except QuantityError:
        return None
    if quantity.is_per_order or quantity.exact <= 0 or (not quantity.is_percent and quantity.exact > 3):
        return None
    return quantity.exact


def _mark(node: yaml.Node | None, path: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of the deepest part of `path` found in the node tree."""
    found = (1, 1)
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            break
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                found = (key.start_mark.line + 1, key.start_mark.column + 1)
                node = value
                if not isinstance(value, (yaml.MappingNode, yaml.SequenceNode)):
                    found = (value.start_mark.line + 1, value.start_mark.column + 1)
                break
        else:
            break
    return found
