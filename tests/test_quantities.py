"""Every written form of section 2 of the spec, and the errors for the rest."""

import pytest

from decimal import Decimal

from generator.load.quantities import Quantity, QuantityError, parse_quantity


@pytest.mark.parametrize(
    "written, value, form",
    [
        (1200000, 1_200_000, "number"),
        (1.5, 1.5, "number"),
        ("1.2e6", 1_200_000, "number"),
        ("1,200,000", 1_200_000, "number"),
        ("¥1200000", 1_200_000, "number"),
        ("￥1,200,000", 1_200_000, "number"),  # full-width yen sign
        ("300万", 3_000_000, "number"),
        ("1.2亿", 120_000_000, "number"),  # exactly, not 119999999.99999999
        ("15k", 15_000, "number"),
        ("15K", 15_000, "number"),
        ("2.5M", 2_500_000, "number"),
        ("１２００万", 12_000_000, "number"),  # full-width digits (NFKC)
        ("12w", 120_000, "number"),
        ("12W", 120_000, "number"),
        ("300万元", 3_000_000, "number"),
        ("59元", 59, "number"),
        ("35%", 0.35, "percent"),
        ("35％", 0.35, "percent"),  # full-width percent sign
        ("4.2%", 0.042, "percent"),
        ("0.35", 0.35, "number"),
        ("6元/单", 6, "per_order"),
        ("6/order", 6, "per_order"),
        ("1.5 万", 15_000, "number"),  # spaces inside are ignored
        ("-20万", -200_000, "number"),
        ("0.5万", 5_000, "number"),
    ],
)
def test_written_forms(written, value, form):
    q = parse_quantity(written)
    assert q == Quantity(value, form)
    assert q.value == value


def test_money_stays_exact():
    # 1.2 × 10^8 computed in binary floats is 119999999.99999999; we parse decimals.
    assert parse_quantity("1.2亿").value == 120_000_000
    assert isinstance(parse_quantity("1.2亿").value, int)
    assert parse_quantity("0.1万").value == 1000


def test_not_a_number_message_says_what_to_write():
    with pytest.raises(QuantityError) as info:
        parse_quantity("4abc万")
    assert info.value.code == "not-a-number"
    from generator.messages import render

    message = render("not-a-number", "message", "en", info.value.args_)
    assert message == "`4abc万` is not a number; write 40000, 4万 or 4w"


@pytest.mark.parametrize("written", ["abc", "1,2", "12ww", "万", "", "3万%", "1.2.3", "0x10"])
def test_rejected_forms(written):
    with pytest.raises(QuantityError) as info:
        parse_quantity(written)
    assert info.value.code == "not-a-number"


@pytest.mark.parametrize("written", [float("inf"), float("nan"), ".nan", "-.inf", "1e400", 10**30])
def test_infinite_and_huge_values_are_refused(written):
    with pytest.raises(QuantityError) as info:
        parse_quantity(written)
    assert info.value.code == "not-finite"


@pytest.mark.parametrize("written", [True, None, [], {}])
def test_non_scalars_are_not_numbers(written):
    with pytest.raises(QuantityError):
        parse_quantity(written)


def test_a_whole_number_is_the_same_quantity_however_it_is_made():
    """Whole numbers take a shortcut past the dataclass's __init__: the object must be
    equal, hash alike, stay frozen and keep its defaults."""
    import dataclasses

    made = parse_quantity(360583)
    assert made == Quantity(360583) and hash(made) == hash(Quantity(360583))
    assert (made.form, made.yuan, made.exact) == ("number", False, Decimal(360583))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = 1  # type: ignore[misc]
    with pytest.raises(QuantityError):
        parse_quantity(10**16)  # past the shortcut's bound: the checked path, which refuses it
