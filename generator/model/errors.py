"""pydantic's validation errors → problems at the YAML line and column.

pydantic reports a `loc` path into the data; the loader's source map turns it
into a mark.  Error types become our codes with messages in both languages;
unknown keys get a "did you mean" from the model's own field names.
"""

from __future__ import annotations

import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.quantities import QuantityError
from generator.load.yamltree import Path, SourceMap
from generator.problems import Problem, make

_EXPECTED = {
    "string_type": ("text", "文字"),
    "int_type": ("a whole number", "整数"),
    "int_parsing": ("a whole number", "整数"),
    "float_type": ("a number", "数字"),
    "bool_type": ("true or false", "true 或 false"),
    "bool_parsing": ("true or false", "true 或 false"),
    "date_type": ("a date such as 2026-06-18", "日期(如 2026-06-18)"),
    "date_parsing": ("a date such as 2026-06-18", "日期(如 2026-06-18)"),
    "date_from_datetime_parsing": ("a date such as 2026-06-18", "日期(如 2026-06-18)"),
    "list_type": ("a list", "列表"),
    "dict_type": ("a mapping of keys to values", "`键: 值` 映射"),
    "model_type": ("a mapping of keys to values", "`键: 值` 映射"),
    "model_attributes_type": ("a mapping of keys to values", "`键: 值` 映射"),
}


def problems_from_validation(
    error: ValidationError, model: type[BaseModel], source: SourceMap
) -> list[Problem]:
    """One problem per pydantic error, placed at the line it concerns."""
    problems = []
    for detail in error.errors(include_url=False):
        problems.append(_problem(detail, model, source))
    return problems


def one_per_spot(problems: list[Problem]) -> list[Problem]:
    """The first problem of each code at each spot: every branch of a union (text, or a
    list of texts) finds the same `offers: no`, and the reader needs to hear it once."""
    first: dict[tuple[int, int, str], Problem] = {}
    for problem in problems:
        first.setdefault((problem.line, problem.column, problem.code), problem)
    return list(first.values())


# A review's keys written inside a section and lifted out of it by the model
# (`actuals: {source:, columns:}` → `source`, `columns`): their errors are placed
# where they were written, never on the first line.
_LIFTED = {"source": ("actuals", "source"), "source_query": ("actuals", "source"), "encoding": ("actuals", "encoding"),
           "preset": ("actuals", "preset"), "channel": ("actuals", "channel"), "columns": ("actuals", "columns"),
           "source_channels": ("actuals", "channels"),
           **{f"budget_{k}": ("budget", k) for k in ("source", "preset", "encoding", "tools", "tool", "columns")},
           **{f"products_{k}": ("products", k) for k in ("source", "preset", "encoding", "columns")}}


def _written_loc(loc: Path, model: type[BaseModel]) -> Path:
    if loc and getattr(model, "__name__", "") == "Review" and loc[0] in _LIFTED:
        return (*_LIFTED[str(loc[0])], *loc[1:])
    return loc


def _problem(detail: Any, model: type[BaseModel], source: SourceMap) -> Problem:
    model_loc: Path = tuple(detail["loc"])  # the model's own path, for the fields it knows
    loc: Path = _written_loc(model_loc, model)
    path = source.resolve(loc)
    kind = detail["type"]
    where = source.value(path)

    def at(code: str, mark: Any = where, **args: Any) -> Problem:
        return make(code, source.path, mark.line, mark.column, **args)

    if kind == "extra_forbidden":
        key = loc[-1]
        known = _field_names(model, model_loc[:-1])
        suggestion = suggest(str(key), known)
        if detail.get("input") is None and suggestion is None and _looks_like_text(key):
            # `{text: 流量下滑,访客未达标}`: the ASCII comma ended the value and
            # YAML read the rest as a key without a value.
            return at("comma-in-text", source.key(path), rest=key)
        return at("unknown-key", source.key(path), key=key, suggestion=suggestion)
    if kind == "missing":
        return at("missing-key", name=loc[-1])
    if kind == "value_error" and isinstance(detail.get("ctx", {}).get("error"), QuantityError):
        exc: QuantityError = detail["ctx"]["error"]
        if exc.code == "not-a-number" and path in source.raw_scalars:
            return at("yaml-boolean", text=source.raw_scalars[path], **_expected("float_type"))
        return at(exc.code, **exc.args_)
    if kind in ("literal_error", "enum"):
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in str(expected).replace(" or ", ",").split(",") if c.strip(" '")]
        text = _written(detail.get("input"), path, source)
        return at("invalid-choice", text=text, choices=choices, suggestion=suggest(text, choices))
    if kind in _EXPECTED:
        if path in source.raw_scalars and kind != "bool_type":
            return at("yaml-boolean", text=source.raw_scalars[path], **_expected(kind))
        given = detail.get("input")
        if kind in ("int_type", "int_parsing") and isinstance(given, str) and given.strip().isdigit():
            # year: "2026": the number in quotes is text to YAML; say that, not "found `2026`"
            return at("quoted-number", text=given, number=unicodedata.normalize("NFKC", given.strip()))
        return at("wrong-type", **_expected(kind), found=_found(given))
    if kind in _BOUNDS:
        en, zh = _BOUNDS[kind]
        limit = next(iter(detail.get("ctx", {}).values()), "")
        return at("out-of-range", text=_written(detail.get("input"), path, source),
                  bound_en=f"{en} {limit}", bound_zh=f"{zh} {limit}")
    # pydantic's own English text has no Chinese: say so plainly in Chinese.
    return at("invalid-value", detail_en=detail["msg"], detail_zh="不符合要求的值")


_BOUNDS = {
    "greater_than_equal": ("at least", "不小于"),
    "greater_than": ("above", "大于"),
    "less_than_equal": ("at most", "不大于"),
    "less_than": ("below", "小于"),
}


def _looks_like_text(key: Any) -> bool:
    return isinstance(key, str) and (" " in key or any(ord(ch) > 0x2E80 for ch in key))


def _expected(kind: str) -> dict[str, str]:
    en, zh = _EXPECTED.get(kind, ("another value", "其他值"))
    return {"expected_en": en, "expected_zh": zh}


def _found(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return f"`{text[:40]}`" + ("…" if len(text) > 40 else "")


def _written(value: Any, path: Path, source: SourceMap) -> str:
    if path in source.raw_scalars:
        return source.raw_scalars[path]
    return str(value)


def suggest(word: str, known: typing.Iterable[str]) -> str | None:
    """The known word closest to `word`, when one is close enough."""
    import difflib  # here: only a problem asks for a suggestion

    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _field_names(model: type[BaseModel], loc: Path) -> list[str]:
    """The keys a model accepts at `loc` (for "did you mean")."""
    candidates: list[Any] = [model]
    for part in loc:
        stepped = []
        for candidate in candidates:
            stepped.extend(_step(candidate, part))
        if stepped:
            candidates = stepped
    names: list[str] = []
    for candidate in candidates:
        for unwrapped in _unwrap(candidate):
            if isinstance(unwrapped, type) and issubclass(unwrapped, BaseModel):
                names.extend(unwrapped.model_fields)
    return names


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _step(tp: Any, part: Any) -> list[Any]:
    out = []
    for unwrapped in _unwrap(tp):
        origin = typing.get_origin(unwrapped)
        if isinstance(unwrapped, type) and issubclass(unwrapped, BaseModel):
            field = unwrapped.model_fields.get(str(part))
            if field is not None:
                out.append(field.annotation)
        elif origin is dict:
            out.append(typing.get_args(unwrapped)[1])
        elif origin is list and isinstance(part, int):
            out.append(typing.get_args(unwrapped)[0])
    return out
