"""One catalog of words (`generator/words`, with `messages` and `reference`): both
languages for every key, the same `{places}` in both, every key a page or the code
asks for exists, and no module outside the catalog chooses words by language."""

from __future__ import annotations

import ast
import re
import string

from generator.messages import CATALOG as PROBLEMS
from generator.words import CATALOG, PARTS
from tests.conftest import REPO


def places(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name}


def test_every_entry_has_both_languages_and_the_same_places() -> None:
    for key, pair in CATALOG.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        zh, en = pair
        assert zh.strip() and en.strip(), key
        assert places(zh) == places(en), (key, places(zh), places(en))


def test_every_name_of_an_id_is_in_both_languages() -> None:
    from generator.words.vocabulary import TABLES

    assert len(TABLES) >= 25
    for table, names in TABLES.items():
        for key, pair in names.items():
            assert isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(w, str) and w.strip() for w in pair), \
                (table, key, pair)
            assert not places(pair[0]) and not places(pair[1]), (table, key)  # a name, not a sentence


def test_no_key_is_in_two_parts() -> None:
    seen: dict[str, str] = {}
    for part, entries in PARTS.items():
        for key in entries:
            assert key not in seen, f"{key} is in {seen[key]} and {part}"
            seen[key] = part


def _same_places(zh: str, en: str) -> bool:
    # a problem may name a value in each language's words: detail_zh beside detail_en
    def neutral(text: str) -> set[str]:
        return {re.sub(r"_(zh|en)$", "", name) for name in places(text)}
    return neutral(zh) == neutral(en)


def test_every_problem_says_it_in_both_languages_with_the_same_places() -> None:
    for code, entry in PROBLEMS.items():
        assert entry.en and entry.zh, code
        assert _same_places(entry.zh, entry.en), (code, entry.zh, entry.en)
        if entry.hint_en or entry.hint_zh:
            assert entry.hint_en and entry.hint_zh and _same_places(entry.hint_zh, entry.hint_en), code


def test_every_key_the_pages_and_the_code_ask_for_exists() -> None:
    asked: set[tuple[str, str]] = set()
    for path in [*(REPO / "site_templates").rglob("*.j2"), *(REPO / "generator").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        asked |= {(key, path.name) for key in re.findall(r'\bt\("([a-z_0-9]+)"', text)}
        asked |= {(key, path.name) for key in re.findall(r'\b(?:say|word)\("([a-z_0-9]+)"', text)}
    # a key ending in `_` is a family's prefix (`t("action_" ~ kind)`): one of its keys exists
    missing = [(key, where) for key, where in sorted(asked)
               if key not in CATALOG and not (key.endswith("_") and any(k.startswith(key) for k in CATALOG))]
    assert missing == []


def _language_tests(tree: ast.AST) -> list[int]:
    """Lines that compare a language with "zh" or "en" (`lang == "zh"`, `zh = lang != "en"`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.comparators) == 1:
            sides = [node.left, node.comparators[0]]
            names = [s for s in sides if isinstance(s, (ast.Name, ast.Attribute))]
            constants = [s for s in sides if isinstance(s, ast.Constant) and s.value in ("zh", "en")]
            named = [n.id if isinstance(n, ast.Name) else n.attr for n in names]
            if constants and any(name == "lang" or name.endswith("lang") for name in named):
                found.append(node.lineno)
    return found


def test_no_module_outside_the_catalog_chooses_words_by_language() -> None:
    outside = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith("generator/words/"):
            continue
        outside += [f"{relative}:{line}" for line in _language_tests(ast.parse(path.read_text(encoding="utf-8")))]
    assert outside == []


def test_a_problems_detail_is_said_in_the_readers_language() -> None:
    """A detail is made once, where the problem is found, and read in either language:
    a list joined as each language joins it, a phrase inside a phrase said too."""
    from generator.problems import make
    from generator.words import phrase

    detail = phrase("more_rows_like_it", detail=phrase("workbook_missing_sheets", sheets=("目标", "费用")), count=3)
    problem = make("source-row", "a.csv", 5, 1, file="a.csv", row=5, detail=detail)
    assert problem.message("zh") == "`a.csv` 第 5 行:缺少工作表 目标、费用(改名或删除了?要去掉一节,请清空它的行)(另有 3 行相同)"
    assert problem.message("en") == ("row 5 of `a.csv`: no sheet 目标, 费用 (renamed or deleted? to remove a section, "
                                     "empty its rows) (and 3 more rows like it)")


def test_every_key_of_the_format_and_every_help_text_has_its_chinese() -> None:
    from generator.words.help import HELP_ZH
    from generator.words.keys import KEY_LABELS

    assert all(zh.strip() and en.strip() for zh, en in KEY_LABELS.values())
    assert all(english.strip() and chinese.strip() and english != chinese for english, chinese in HELP_ZH.items())
