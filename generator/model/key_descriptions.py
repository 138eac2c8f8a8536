"""The description of a key of the format for editors, from its labels in the catalog
(`generator/words/keys.py`)."""

from __future__ import annotations

from generator.words.keys import KEY_LABELS


def describe(key: str) -> str | None:
    pair = KEY_LABELS.get(key)
    return f"{pair[0]} — {pair[1]}" if pair else None
