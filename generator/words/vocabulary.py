"""The names of ids and values a reader sees instead of the id: yes and no, all
channels, the unallocated remainder, … Chinese and English side by side."""

from __future__ import annotations

VOCABULARY: dict[str, tuple[str, str]] = {
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # between the items of a list, and between the clauses of one line
    "list_separator": ("、", ", "),
    "clause_separator": ("，", ", "),
}
