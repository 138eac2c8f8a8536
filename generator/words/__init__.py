"""Every word Planbook says to a person, in one catalog: Chinese and English side by
side, whole sentences with named `{places}`, never a sentence assembled from pieces.

The parts are by where the words are read: `site` (pages and downloads),
`changes` (a diff and a plan's history in words), `commands` (what the CLI says
besides problems), `reports` (`report` in a terminal, `notify`), `vocabulary` (the
names of ids and values: roles, seasons, units, …), and what `check` says about each problem with its hint and severity
(`problems_plans`, `problems_sources`; filled by `generator/messages.py`).  What
`explain` adds (the wrong and right examples) is `generator/reference.py`.
`tests/test_words.py` checks them all the same way: both languages, the same places.

`say(key, lang, **values)` is the one way to a word; `pick(pair, lang)` chooses
from a (Chinese, English) pair that comes with data (a metric's label, a node's
name).  How a reader counts is the language's too: `counts_in_wan(lang)`; and
`reads_chinese(lang)` for what switches as a whole (argparse's help).  Translations
of other programs' English (PyYAML's, the operating system's, pydantic's) into
Chinese stay beside the code that catches them (`load/yamltree.py`, `problems.py`,
`model/errors.py`): they are keyed by that English, not by a key of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.words.changes import CHANGES
from generator.words.details import DETAILS
from generator.words.commands import COMMANDS
from generator.words.reports import REPORTS
from generator.words.site import SITE
from generator.words.vocabulary import VOCABULARY

PARTS: dict[str, dict[str, tuple[str, str]]] = {"site": SITE, "changes": CHANGES, "commands": COMMANDS,
                                                "reports": REPORTS, "details": DETAILS, "vocabulary": VOCABULARY}
CATALOG: dict[str, tuple[str, str]] = {key: pair for part in PARTS.values() for key, pair in part.items()}

LANGS = ("zh", "en")  # the order of every pair


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a (Chinese, English) pair; English for any language but zh."""
    return pair[0] if lang == "zh" else pair[1]


def say(key: str, lang: str, **values: object) -> str:
    """The catalog's words for `key` in `lang`, with its `{places}` filled."""
    text = pick(CATALOG[key], lang)
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Phrase:
    """The catalog's words for `key`, said later in the reader's language: a problem's
    detail is made where the problem is found and read in either language.  A value
    that is a Phrase is said too; a tuple is a list (joined as the language joins)."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        def said(value: Any) -> Any:
            if isinstance(value, Phrase):
                return value.text(lang)
            if isinstance(value, tuple):
                return say("list_separator", lang).join(str(said(item)) for item in value)
            return value

        return say(self.key, lang, **{name: said(value) for name, value in self.values})


def phrase(key: str, **values: Any) -> Phrase:
    if key not in CATALOG:
        raise KeyError(f"no words for {key!r} in the catalog")
    return Phrase(key, tuple(values.items()))


def counts_in_wan(lang: str) -> bool:
    """A Chinese reader counts large amounts in 万 and 亿; others in thousands."""
    return lang == "zh"


def reads_chinese(lang: str) -> bool:
    """Whether the reader reads Chinese: for what switches as a whole with the language
    (argparse's help in Chinese), not for a word, which is always `say`'s."""
    return lang == "zh"
