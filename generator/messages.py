"""The words of every problem, in Chinese and English, keyed by problem code, as a
user reads them: the catalog's entries (`generator/words/problems_*.py`) filled
from the problem's args, amounts in 万 for a Chinese reader where they are exact.

Codes are stable (scripts and `planbook explain` use them); messages may be
reworded.
"""

from __future__ import annotations

import os
from decimal import Decimal
import re
from typing import Any, Literal
from generator.words import Phrase, counts_in_wan, pick
from generator.words.problem_entry import Entry
from generator.words.problems_plans import PLAN_PROBLEMS
from generator.words.problems_sources import SOURCE_PROBLEMS



# Every problem's words, from the catalog (generator/words): the plan files' problems,
# then the data files', the scenarios' and the commands'.
CATALOG: dict[str, Entry] = {**PLAN_PROBLEMS, **SOURCE_PROBLEMS}


def default_severity(code: str) -> Literal["error", "warning"]:
    entry = CATALOG.get(code)
    return entry.severity if entry else "error"


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class UnfilledField(KeyError):
    """A message template field that the problem did not fill (a bug, found in tests)."""


class _Strict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        raise UnfilledField(f"message field {{{key}}} is not filled")


def _strict() -> bool:
    # The test suite sets this (tests/conftest.py): a message with an unfilled field
    # fails the test instead of showing `{key}` to a user.
    return os.environ.get("PLANBOOK_STRICT_MESSAGES") == "1"


def _format(template: str, args: dict[str, Any], lenient: bool = False) -> str:
    values = {k: _show(v) for k, v in args.items()}
    shown = _Lenient(values) if lenient or not _strict() else _Strict(values)
    return template.format_map(shown)


def _show(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def render_template(template: str, args: dict[str, Any]) -> str:
    """A template with its fields filled; unknown fields stay as written."""
    return _format(template, args, lenient=True)


def render(code: str, part: str, lang: str, args: dict[str, Any]) -> str:
    """The message of `code` in `lang`, with its fields filled."""
    text = render_optional(code, part, lang, args)
    return text if text is not None else code


def render_optional(code: str, part: str, lang: str, args: dict[str, Any]) -> str | None:
    """The message or hint of `code`, or None where the entry has none."""
    entry = CATALOG.get(code)
    if entry is None:
        return None
    suffix = "" if part == "message" else "hint_"
    template = pick((getattr(entry, suffix + "zh"), getattr(entry, suffix + "en")), lang)
    if template is None:
        return None
    if part == "hint" and "{suggestion}" in template and not args.get("suggestion"):
        return None
    if counts_in_wan(lang):
        args = {k: v if k in _AS_WRITTEN or isinstance(v, Phrase) else _in_wan(v) for k, v in args.items()}
    args = {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in args.items()}
    return _format(template, args)


# Arguments that quote what the user wrote: never rewritten in 万.
_AS_WRITTEN = {"text", "percent", "detail", "detail_en", "detail_zh", "byte", "file", "value"}
_FIGURES = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ONLY_FIGURES = re.compile(r"[-+\d,.\s/]+")


def _in_wan(value: Any) -> Any:
    """A figure argument (`140,000,000`, `300,000 / 300,000`) as a Chinese reader reads
    amounts, in 万 and 亿 as the site shows them (1.4亿, 42.4万); text is left alone."""
    if not isinstance(value, str) or not _ONLY_FIGURES.fullmatch(value) or not _FIGURES.search(value):
        return value
    return _FIGURES.sub(lambda m: _wan(Decimal(m.group(0).replace(",", ""))), value)


def _wan(number: Decimal) -> str:
    """In 亿 or 万 only where that stays exact (to 0.0001亿 or 0.01万): a message must
    show the difference it is about, so 100,050 stays as it is."""
    size = abs(number)
    if size >= 100_000_000 and number % 10_000 == 0:
        return f"{number / 100_000_000:.4f}".rstrip("0").rstrip(".") + "亿"
    if size >= 10_000 and number % 100 == 0:
        return f"{number / 10_000:,.2f}".rstrip("0").rstrip(".") + "万"
    return f"{number:,}"
