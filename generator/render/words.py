"""The site's words as templates use them (`t("key", place=value)`), from the one
catalog (`generator/words`), and the names of months."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.words import say


def word(key: str, lang: str, **values: object) -> str:
    """The word for `key` in `lang`, with `{placeholders}` filled.  A value that is
    already markup (a plan's text through the `md` filter) is placed as it is and the
    sentence around it escaped, so a template escapes nothing twice."""
    if any(isinstance(value, Markup) for value in values.values()):
        return escape(say(key, lang)).format(**values)
    return say(key, lang, **values)


def month_name(period: str, lang: str) -> str:
    """`2026-11` → 11月 / Nov."""
    return say(f"month_{int(period[5:7])}", lang)


def months_label(months_done: int, lang: str) -> str:
    """The period a year-to-date figure covers: 1–10月 / Jan–Oct; 全年 for twelve."""
    if months_done >= 12:
        return word("full_year", lang)
    if months_done == 1:
        return say("month_1", lang)
    return say("months_from_january", lang, last=say(f"month_{months_done}", lang))
