"""`planbook --help` in Chinese: the parser is written in English (the ids, options
and formats read the same in both languages) and its help texts are laid over in
the user's language once it is built, with argparse's own words (usage, options).

The words are the catalog's (`generator/words/help.py`): every help text of
`cli._parser` has its line there; a test checks that none is left out
(tests/test_cli_check.py)."""

from __future__ import annotations

import argparse
import functools
import sys
from typing import Any, Iterator, NoReturn
from generator.words import reads_chinese
from generator.words.help import ERRORS_ZH, HELP_ZH, TITLES_ZH, USAGE_ZH


class ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else USAGE_ZH)


def error_in_chinese(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """argparse's `error`, in Chinese: the usage, then `planbook check: 错误: …` (exit 2)."""
    for pattern, words in ERRORS_ZH:
        found = pattern.match(message)
        if found:
            message = words.format(**found.groupdict())
            break
    parser.print_usage(sys.stderr)
    parser.exit(2, f"{parser.prog}: 错误: {message}\n")


def in_language(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """`parser` and its subcommands with their help in `lang` (English as written)."""
    if not reads_chinese(lang):
        return parser
    for each in _parsers(parser):
        each.formatter_class = ChineseHelp
        # an instance attribute: argparse calls self.error(...) on the parser that failed
        each.error = functools.partial(error_in_chinese, each)  # type: ignore[method-assign]
        if each.description:
            each.description = HELP_ZH.get(each.description, each.description)
        for group in each._action_groups:
            group.title = TITLES_ZH.get(group.title or "", group.title)
        for action in each._actions:
            if action.help and action.help in HELP_ZH:
                action.help = HELP_ZH[action.help]
            for choice in getattr(action, "_choices_actions", []):  # the subcommands' one-line help
                if choice.help in HELP_ZH:
                    choice.help = HELP_ZH[choice.help]
    return parser


def untranslated(parser: argparse.ArgumentParser) -> list[str]:
    """Help texts of the parser that HELP_ZH has no line for (a test keeps this empty)."""
    found = []
    for each in _parsers(parser):
        texts = [each.description, *(a.help for a in each._actions),
                 *(c.help for a in each._actions for c in getattr(a, "_choices_actions", []))]
        found += [t for t in texts if t and t != argparse.SUPPRESS and t not in HELP_ZH]
    return sorted(set(found))


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)
