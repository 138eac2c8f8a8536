"""Problems: everything the user did wrong, as data.

Every stage returns its result and a list of `Problem`s; nothing raises on bad
input.  A problem carries a stable `code` and the arguments of its message; the
words themselves (Chinese and English) live in `messages.py`, so one problem
can be printed in either language and a script can rely on the code.
"""

from __future__ import annotations

import codecs
from generator.words import say

import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

from generator import messages

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a plan file, at a line and column (both 1-based)."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    args: tuple[tuple[str, Any], ...] = field(default=())

    def message(self, lang: str = "zh") -> str:
        """The message in `lang` (zh or en)."""
        return messages.render(self.code, "message", lang, dict(self.args))

    def hint(self, lang: str = "zh") -> str | None:
        """How to fix it, in `lang`, where a hint exists."""
        return messages.render_optional(self.code, "hint", lang, dict(self.args))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The JSON form of section 11 of the spec (plus the hint)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def make(
    code: str,
    path: str,
    line: int,
    column: int,
    severity: Severity | None = None,
    **args: Any,
) -> Problem:
    """A problem with the catalog's default severity for `code` unless given."""
    return Problem(
        path=path,
        line=line,
        column=column,
        severity=severity or messages.default_severity(code),
        code=code,
        args=tuple(sorted((k, _hashable(v)) for k, v in args.items())),
    )


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, set, dict)):
        return tuple(value)
    return value


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, without exact duplicates."""
    seen: set[Problem] = set()
    unique = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            unique.append(problem)
    return sorted(unique, key=Problem.sort_key)


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """Whether the run failed: any error, or any problem at all under --strict."""
    return any(strict or p.is_error for p in problems)


# The operating system's reasons, in Chinese too (its own text is English).
_OS_REASONS_ZH = {
    "EACCES": "没有权限", "EPERM": "不允许的操作(没有权限或文件被锁定)", "ENOENT": "文件或文件夹不存在",
    "ENAMETOOLONG": "文件名太长", "ENOSPC": "磁盘空间不足", "EROFS": "只读的文件系统", "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一部分不是文件夹", "EEXIST": "已经存在", "EDQUOT": "超出磁盘配额", "EBUSY": "正被占用",
    "ENOTEMPTY": "文件夹不是空的", "EXDEV": "不能跨磁盘移动",
}


def os_reason(exc: OSError) -> dict[str, Any]:
    """`reason` (English, the system's words) and `reason_zh` of an OSError, for a message."""
    import errno as errnos

    english = exc.strerror or type(exc).__name__
    name = errnos.errorcode.get(exc.errno or 0, "")
    return {"reason": english, "reason_zh": _OS_REASONS_ZH.get(name, english)}


def display_path(path: str) -> str:
    """`path` relative to the working directory when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def format_text(
    problems: Iterable[Problem],
    lang: str = "zh",
    read_line: Any = None,
) -> str:
    """hledger-style text: the location line, the source line, a caret, a hint."""
    # One cache per call: files change between calls under `serve`.
    cache: dict[str, list[str] | None] = {}
    reader = read_line or (lambda path, line: _source_line(path, line, cache))
    out: list[str] = []
    for p in problems:
        # A workbook cell (`plan.xlsx:目标!C7`) is its own place: no line and column.
        where = p.path if p.line == 0 else f"{p.path}:{p.line}:{p.column}"
        out.append(f"{where}: {p.severity}: {p.message(lang)} [{p.code}]")
        # a connection written as a URL carries its password: its line is never quoted
        source = reader(p.path, p.line) if p.code not in _SECRET_LINES else None
        if source is not None:
            number = str(p.line)
            gutter = " " * len(number)
            column = _field_start(source, p.column) if _is_table_file(p.path) else p.column
            out.append(f"  {number} | {source}")
            out.append(f"  {gutter} | {_caret_padding(source, column)}^")
        hint = p.hint(lang)
        if hint:
            out.append("  = " + say("hint_line", lang, hint=hint))
    return "\n".join(out)


_SECRET_LINES = {"source-url-in-yaml"}


def format_json(problems: Iterable[Problem], lang: str = "zh") -> str:
    """`{"problems": [...]}` as in section 11 of the spec."""
    payload = {"problems": [p.to_json(lang) for p in problems]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _is_table_file(path: str) -> bool:
    return path.lower().endswith((".csv", ".tsv", ".txt"))


def _field_start(line: str, field: int) -> int:
    """A data file's problem names its column by field number (the 3rd column), as a
    spreadsheet would: the caret goes under the start of that field of the line."""
    delimiter = max(",\t;", key=line.count)
    position, index, quoted = 1, 1, False
    for char in line:
        if index == field:
            return position
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            index += 1
        position += 1
    return position if index == field else 1


def _caret_padding(source: str, column: int) -> str:
    # Keep tabs as tabs and count wide (CJK) characters twice so the caret
    # lands under the right character in a terminal.
    pad = []
    for ch in source[: max(column - 1, 0)]:
        if ch == "\t":
            pad.append("\t")
        elif _is_wide(ch):
            pad.append("  ")
        else:
            pad.append(" ")
    return "".join(pad)


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def _source_line(path: str, line: int, cache: dict[str, list[str] | None]) -> str | None:
    if path not in cache:
        try:
            with open(path, "rb") as fh:
                data = fh.read(20_000_000)
            # A workbook (zip or the old binary Excel) has no line to quote: its bytes
            # would print as noise (NUL bytes, `PK…`).
            utf16 = data.startswith(UTF16_BOMS)
            binary = data.startswith((ZIP_SIGNATURE, OLE_SIGNATURE)) or (b"\x00" in data[:4096] and not utf16)
            cache[path] = None if binary else _decoded(data).splitlines()
        except OSError:
            cache[path] = None
    lines = cache[path]
    if lines is None or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    return text if len(text) <= 300 else text[:300] + "…"


# The first bytes of the files a user may name: workbooks are known by them, not by
# their names (an .xls renamed .xlsx), and UTF-16 text by its byte-order mark.
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def detect_encoding(sample: bytes) -> str:
    """The encoding of a user's file, judged on its first bytes: UTF-16 with its BOM,
    UTF-8 (BOM or not), else GB18030 (a superset of GBK, what Chinese Excel writes).
    Source files are read with it, and their lines quoted with it."""
    if sample.startswith(UTF16_BOMS):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)  # a cut character at the end is no error
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _decoded(data: bytes) -> str:
    return data.decode(detect_encoding(data), errors="replace")


class CommandError(Exception):
    """A user's mistake found by a command (an unknown year, a missing folder, a
    bad revision): a problem with a catalog code, shown in the user's language,
    exit 1.  `str()` is the English message, for logs."""

    def __init__(self, code: str, path: str = "", **args: Any) -> None:
        self.code, self.path, self.args_ = code, path, args
        super().__init__(messages.render(code, "message", "en", args))

    def problem(self) -> Problem:
        return make(self.code, self.path or "planbook", 1, 1, **self.args_)

