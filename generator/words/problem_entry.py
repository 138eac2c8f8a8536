"""One problem's words: its severity, its message and its hint in English and Chinese
(`str.format` places filled from the problem's args)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Entry:
    severity: Literal["error", "warning"]
    en: str
    zh: str
    hint_en: str | None = None
    hint_zh: str | None = None


Severity = Literal["error", "warning"]
E: Severity = "error"
W: Severity = "warning"
