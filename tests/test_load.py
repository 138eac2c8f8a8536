"""The YAML loader: marks, duplicate keys, YAML 1.1 traps, aliases, encodings."""

import pytest

from generator.load.yamltree import MAX_ALIAS_NODES, parse_yaml
from tests.conftest import codes, problems_of


def parse(text: str):
    return parse_yaml(text.encode("utf-8"), "f.yaml")


def test_marks_of_keys_and_values():
    parsed = parse("kind: plan\ntargets:\n  gmv:\n    total: 1.2亿\n")
    assert parsed.problems == []
    assert parsed.data == {"kind": "plan", "targets": {"gmv": {"total": "1.2亿"}}}
    value = parsed.source.value(("targets", "gmv", "total"))
    key = parsed.source.key(("targets", "gmv", "total"))
    assert (value.line, value.column) == (4, 12)
    assert (key.line, key.column) == (4, 5)


def test_duplicate_key_names_both_lines():
    parsed = parse("kind: plan\nyear: 2026\nyear: 2027\n")
    assert codes(parsed.problems) == [("duplicate-key", 3, 1)]
    assert parsed.problems[0].message("en") == "duplicate key `year` (first written on line 2)"
    assert parsed.data["year"] == 2026  # the first one is kept, not silently the last


def test_duplicate_key_in_nested_flow_mapping():
    parsed = parse("targets:\n  gmv: {channels: {tmall: 60%, tmall: 40%}}\n")
    assert codes(parsed.problems) == [("duplicate-key", 2, 32)]


def test_sexagesimal_number_is_a_problem():
    parsed = parse("a: 1:30\n")
    assert codes(parsed.problems) == [("yaml-sexagesimal", 1, 4)]
    assert parsed.data == {"a": "1:30"}


def test_yaml11_boolean_text_is_remembered():
    parsed = parse("offers: no\ndone: yes\n")
    assert parsed.data == {"offers": False, "done": True}
    assert parsed.source.raw_scalars == {("offers",): "no", ("done",): "yes"}


def test_octal_and_hex_stay_text():
    parsed = parse("a: 010\nb: 0x10\nc: 12_000\n")
    assert parsed.data == {"a": "010", "b": "0x10", "c": 12000}


def test_invalid_date():
    parsed = parse("start: 2025-02-30\n")
    assert codes(parsed.problems) == [("invalid-date", 1, 8)]


def test_unknown_tag():
    parsed = parse("a: !!python/object:os.system echo\n")
    assert [p.code for p in parsed.problems] == ["unknown-tag"]


def test_syntax_error_has_its_line():
    parsed = parse("kind: plan\ntargets:\n  gmv: [1, 2\n  orders: 3\n")
    assert [p.code for p in parsed.problems] == ["yaml-syntax"]
    assert parsed.problems[0].line in (3, 4)


def test_tab_indentation_is_a_syntax_error():
    parsed = parse("kind: plan\ntargets:\n\tgmv: 1\n")
    assert [(p.code, p.line) for p in parsed.problems] == [("yaml-syntax", 3)]


def test_empty_file():
    assert codes(parse("").problems) == [("empty-file", 1, 1)]
    assert codes(parse("# only a comment\n").problems) == [("empty-file", 1, 1)]


def test_not_utf8_names_the_line():
    raw = "kind: plan\ntitle: 计划\n".encode("gbk")
    parsed = parse_yaml(raw, "f.yaml")
    assert codes(parsed.problems) == [("encoding", 2, 8)]


def test_bom_is_accepted():
    parsed = parse_yaml("\ufeffkind: plan\n".encode("utf-8"), "f.yaml")
    assert parsed.problems == [] and parsed.data == {"kind": "plan"}


def test_billion_laughs_fails_fast():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    parsed = parse("\n".join(lines) + "\n")
    assert [p.code for p in parsed.problems] == ["alias-expansion"]
    assert parsed.problems[0].message("en") == f"aliases expand to more than {MAX_ALIAS_NODES} values"


def test_small_aliases_are_fine():
    parsed = parse("a: &w [1, 2, 3]\nb: *w\n")
    assert parsed.problems == [] and parsed.data == {"a": [1, 2, 3], "b": [1, 2, 3]}


def test_recursive_alias():
    parsed = parse("a: &a [*a]\n")
    assert [p.code for p in parsed.problems] in (["alias-cycle"], ["yaml-syntax"])


def test_deep_nesting_is_bounded():
    parsed = parse("a: " + "[" * 200 + "]" * 200 + "\n")
    # The root mapping is level 0; the 65th `[` (column 3 + 65) is the first past 64.
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("too-deep", 1, 68)]


def test_deep_nesting_found_by_the_event_count_is_reported_at_the_same_place():
    # 3,000 brackets pass the pre-check's threshold, so parse events are counted.
    parsed = parse("a: " + "[" * 3000 + "]" * 3000 + "\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("too-deep", 1, 68)]


def test_two_documents_in_one_file():
    parsed = parse("kind: plan\nyear: 2026\n---\nkind: review\n")
    assert codes(parsed.problems) == [("multiple-documents", 4, 1)]  # where the second document starts


def test_comma_in_flow_text_is_explained(tmp_path):
    problems = problems_of(tmp_path, {"r.yaml": """
        kind: review
        year: 2025
        causes:
          - {type: objective, text: 流量下滑,访客未达标}
    """})
    assert codes(problems) == [("comma-in-text", 4, 34)]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("kind: plan\nyear: 2026\ntitel: x\n", [("unknown-key", 3, 1)]),
        ("kind: plam\nyear: 2026\n", [("invalid-choice", 1, 7)]),
        ("year: 2026\n", [("missing-key", 1, 1)]),
        ("- a\n- b\n", [("not-a-mapping", 1, 1)]),
        ("kind: plan\nyear: twenty\n", [("wrong-type", 2, 7)]),
        ("kind: plan\nyear: 2026\ngoals: 增长\n", [("wrong-type", 3, 8)]),
    ],
)
def test_document_structure_problems(tmp_path, body, expected):
    (tmp_path / "p.yaml").write_text(body, encoding="utf-8")
    from generator.validate import check

    _ws, problems = check(tmp_path)
    assert codes(problems) == expected


def test_did_you_mean_for_nested_keys(tmp_path):
    problems = problems_of(tmp_path, {"p.yaml": """
        kind: plan
        year: 2026
        targets:
          gmv: {totl: 1亿}
    """})
    assert codes(problems) == [("unknown-key", 4, 9)]
    assert problems[0].hint("en") == "did you mean `total`?"


def test_yaml_boolean_where_text_expected(tmp_path):
    problems = problems_of(tmp_path, {"p.yaml": """
        kind: plan
        year: 2026
        positioning:
          market: no
    """})
    assert codes(problems) == [("yaml-boolean", 4, 11)]
    assert problems[0].message("en") == "`no` is read by YAML as a boolean, but text is expected here"


def test_remembered_scalar_tags_are_the_yaml_library_s_own():
    """The loader remembers each plain scalar's tag by its text and quoting;
    read twice (the second time from memory) a file must get the tags
    PyYAML's own resolver gives, quoted and plain alike."""
    import yaml

    from generator.load import yamltree

    text = ("a: [yes, 'yes', no, \"no\", 1:30, 010, 0x10, .nan, '', ~, 2025-01-01, '2025-01-01',"
            " 1, '1', 1.5, !!str 3, null, 'null', 300万, 35%]\nb: ''\nc:\n")

    def tags(node: yaml.Node) -> list[tuple[str, object]]:
        if isinstance(node, yaml.ScalarNode):
            return [(node.tag, node.value)]
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        return [(node.tag, None)] + [tag for child in children for tag in tags(child)]

    expected = tags(yaml.compose(text, Loader=yaml.SafeLoader))
    assert ("tag:yaml.org,2002:bool", "yes") in expected and ("tag:yaml.org,2002:str", "yes") in expected
    for _ in range(2):
        assert tags(yaml.compose(text, Loader=yamltree._Loader)) == expected
    assert ("no", (True, False)) in yamltree._RESOLVED_TAGS


def test_plain_digits_get_the_yaml_library_s_tag():
    """Plain digits are tagged without PyYAML's patterns (a month's figure); the tag
    must still be the library's own for every digit string, leading zero, sign,
    full-width or other script digits included, and the figure read as written."""
    import yaml

    from generator.load import yamltree

    texts = ["0", "00", "07", "09", "010", "1000", "0123", "1_000", "-5", "+5", "２０２６", "٣", "²", "12345678901234567890"]
    text = "a: [" + ", ".join(texts) + "]\n"
    library = [node.tag for node in yaml.compose(text, Loader=yaml.SafeLoader).value[0][1].value]
    ours = [node.tag for node in yaml.compose(text, Loader=yamltree._Loader).value[0][1].value]
    assert ours == library
    assert parse(text).data["a"][:6] == [0, "00", "07", "09", "010", 1000]


def test_the_source_map_of_a_clean_file_is_made_when_asked_and_is_the_same():
    """A file without problems has its marks made on the first question (most are
    never asked); they are the marks an eager walk makes, aliases and lists included."""
    text = "kind: plan\nbase: &b {gmv: 1}\nitems:\n  - {sku: A, price: 1}\n  - *b\nnote: text\n"
    lazy = parse(text)
    assert lazy.source._unwalked is not None  # nothing made yet
    from generator.load.yamltree import SourceMap, _Loader
    import yaml

    eager = SourceMap("f.yaml")
    eager.record(yaml.compose(text, Loader=_Loader))
    assert lazy.source.values.keys() == eager.values.keys()
    assert lazy.source.keys.keys() == eager.keys.keys()
    assert ("items", 1, "gmv") in lazy.source.values
    mark = lazy.source.value(("items", 0, "price"))
    assert (mark.line, mark.column) == (4, 21)  # `1` after `price: ` on line 4


def test_every_duplicate_names_its_own_first_line():
    """The first lines are read once per mapping, at its first duplicate; each later
    duplicate still names where its own key was first written."""
    parsed = parse("a: 1\nb: 2\nc: 3\nb: 4\na: 5\nb: 6\n")
    assert [(p.code, p.line, dict(p.args)["first_line"]) for p in parsed.problems] == [
        ("duplicate-key", 4, 2), ("duplicate-key", 5, 1), ("duplicate-key", 6, 2)]
    assert parsed.data == {"a": 1, "b": 2, "c": 3}


def test_a_number_of_thousands_of_digits_is_a_problem_not_a_crash():
    """Python refuses to read an int of more than 4,300 digits; such a figure stays
    text and the quantity reader refuses it, at its line."""
    from generator.model.documents import Plan  # noqa: F401 - the models the text reaches

    parsed = parse("total: " + "9" * 5000 + "\n")
    assert parsed.problems == [] and parsed.data["total"] == "9" * 5000
    from generator.load.quantities import QuantityError, parse_quantity

    with pytest.raises(QuantityError):
        parse_quantity(parsed.data["total"])


def test_source_maps_equal_as_the_dataclass_did():
    """Same class and same tables (the same nodes); a scenario's marks are not a file's."""
    from generator.load.yamltree import SourceMap

    first = parse("a: 1\n").source
    copy = SourceMap("f.yaml", dict(first.values), dict(first.keys))
    assert first == copy and repr(first) == "SourceMap('f.yaml')"
    assert first != parse("a: 1\n").source  # other nodes, as before

    class Other(SourceMap):
        pass

    assert first != Other("f.yaml", dict(first.values), dict(first.keys))
