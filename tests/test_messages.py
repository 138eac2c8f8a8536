"""Messages are complete: every field of a template filled, in zh and en."""

from __future__ import annotations

import pytest

from generator import messages
from tests.conftest import problems_of


def test_an_unfilled_field_fails_in_tests():
    with pytest.raises(messages.UnfilledField):
        messages.render("missing-key", "message", "en", {})


def test_missing_key_names_the_key(tmp_path):
    # The landed code printed "`{key}` is required here": `key=` collided with the
    # placement flag of Document.problem.
    problems = problems_of(tmp_path, {"plan.yaml": "kind: plan\nyear: 2026\nchannels: {tmall: T, jd: J}\n"
                                                   "targets:\n  gmv: {channels: {tmall: 60%, jd: 40%}}\n"})
    missing = [p for p in problems if p.code == "missing-key"]
    assert [(p.line, p.message("en"), p.message("zh")) for p in missing] == [
        (5, "`total` is required here", "这里必须写 `total`")]
    campaign = problems_of(tmp_path, {"plan.yaml": "kind: plan\nyear: 2026\ncampaigns:\n"
                                                   "  - {id: a, name: A, type: store, end: 2026-06-18}\n"})
    assert [p.message("en") for p in campaign if p.code == "missing-key"] == ["`start` is required here"]


def test_a_wrong_type_says_what_was_expected(tmp_path):
    # The landed code printed "expected {expected_en}" and "这里需要{expected_zh}".
    problems = problems_of(tmp_path, {"plan.yaml": "kind: plan\nyear: 2026\ngoals: {a: 1}\n"})
    wrong = [p for p in problems if p.code == "wrong-type"]
    assert wrong, problems
    for problem in wrong:
        for lang in ("en", "zh"):
            text = problem.message(lang)
            assert "{" not in text.replace("{…}", ""), text


def test_the_operating_system_s_reasons_are_in_chinese_too():
    import errno

    from generator.problems import make, os_reason

    reason = os_reason(OSError(errno.ENAMETOOLONG, "File name too long"))
    assert reason == {"reason": "File name too long", "reason_zh": "文件名太长"}
    problem = make("site-unwritable", "site", 1, 1, target="site", **os_reason(OSError(errno.EACCES, "Permission denied")))
    assert problem.message("zh") == "无法写入 `site`:没有权限"
    assert problem.message("en") == "cannot write `site`: Permission denied"
    # a reason the table does not know keeps the system's words rather than none
    assert os_reason(OSError(errno.EIO, "Input/output error"))["reason_zh"] == "Input/output error"


def test_figures_in_chinese_messages_read_in_wan_and_yi_where_exact():
    from generator.problems import make

    problem = make("orders-aov-identity", "p.yaml", 1, 1, gmv="140,000,000", orders="1,000,000", aov="130",
                   product="130,000,000", gap="7.7%")
    assert problem.message("zh") == "销售额 1.4亿 ≠ 订单数 100万 × 客单价 130 = 1.3亿(相差 7.7%)"
    assert problem.message("en") == "GMV 140,000,000 ≠ orders 1,000,000 × AOV 130 = 130,000,000 (7.7% apart)"
    # 100,050 in 万 would be 10.01万 or 10万: the difference a message is about must show, so it stays
    mixed = make("conflicting-forms", "p.yaml", 1, 1, metric="gmv", first="months", first_zh="月度",
                 second="total", second_zh="全年值", first_sum="100,050", second_sum="12,030,000")
    assert mixed.message("zh") == "`gmv`:月度合计 100,050,而全年值合计 1,203万,两者不一致"


def test_what_the_user_wrote_is_quoted_as_written_in_chinese_too():
    from generator.problems import make

    problem = make("not-a-number", "p.yaml", 1, 1, text="1,200,000,00", whole="40000", lead="4")
    assert "`1,200,000,00`" in problem.message("zh")
