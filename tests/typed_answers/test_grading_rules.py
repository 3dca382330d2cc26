"""The grader's rules one at a time, on small made-up keys: numbers, dates, typos, hints, which facts are typed."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.typed_answers import TypedKey, can_type, edit_distance, grade, hint
from quiz.typed_numbers import read_date, read_quantity, read_run, read_years, stated_tolerance


def osa(a: str, b: str) -> int:
    """The textbook optimal-string-alignment distance, for checking the bounded one."""
    d = [[max(i, j) if 0 in (i, j) else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@given(st.text("abc", max_size=8), st.text("abc", max_size=8), st.integers(0, 3))
def test_the_bounded_edit_distance_is_the_distance_up_to_its_limit(a, b, limit):
    assert edit_distance(a, b, limit=limit) == min(osa(a, b), limit + 1)


@pytest.mark.parametrize(
    ("run", "whole_key", "value"),
    [
        ("108,177", False, Decimal(108177)),
        ("108 177", False, Decimal(108177)),
        ("108'177", False, Decimal(108177)),
        ("1,234,567", False, Decimal(1234567)),
        ("1.234.567", False, Decimal(1234567)),
        ("1,234.5", False, Decimal("1234.5")),
        ("1.234,5", False, Decimal("1234.5")),
        ("80,2", False, Decimal("80.2")),
        ("108.177", True, Decimal(108177)),
        ("108.177", False, Decimal("108.177")),  # could be a decimal: it is one
        ("10,00", False, Decimal("10.00")),
        ("1,23,456", False, None),
        ("12 34", False, None),
    ],
)
def test_a_number_is_read_in_every_common_format_and_never_two_ways(run, whole_key, value):
    assert read_run(run, whole_key=whole_key) == value


def test_a_number_without_the_answers_scale_word_may_mean_it():
    assert read_quantity("40", answer_scale=Decimal(10) ** 6) == [Decimal(40), Decimal(40_000_000)]
    assert read_quantity("40 thousand", answer_scale=Decimal(10) ** 6) == [Decimal(40_000)]


@pytest.mark.parametrize("typed", ["two numbers 3 and 4", "more than 300", "less than 300", "", "many"])
def test_an_answer_with_two_numbers_a_qualifier_or_none_is_no_quantity(typed):
    assert read_quantity(typed) == []


@pytest.mark.parametrize(
    ("answer", "value", "tolerance"),
    [
        ("108,177", 108177, "0"),
        ("about 20", 20, "2.0"),
        ("close to 300", 300, "30.0"),
        ("40 million", 40_000_000, "500000"),
        ("USD 1.56 billion", 1_560_000_000, "5000000"),
        ("5.1%", "5.1", "0"),
    ],
)
def test_the_tolerance_follows_how_the_answer_is_stated(answer, value, tolerance):
    assert stated_tolerance(answer, Decimal(value)) == Decimal(tolerance)


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("28 January 1992", (1992, 1, 28)),
        ("January 28th, 1992", (1992, 1, 28)),
        ("1992-01-28", (1992, 1, 28)),
        ("28/01/1992", (1992, 1, 28)),
        ("07.02.1992", (1992, 2, 7)),  # day first, as written in Central Asia
        ("Sept 2007", (2007, 9, 0)),
        ("2007-09", (2007, 9, 0)),
        ("1992", (1992, 0, 0)),
        ("13/13/1992", None),
        ("January February 1992", None),
        ("28 January", None),
    ],
)
def test_a_typed_date_is_read_day_first_or_iso(typed, parsed):
    assert read_date(typed) == parsed


@pytest.mark.parametrize(
    ("typed", "years"),
    [("1937", [1937]), ("in 1937", [1937]), ("2004–2006", [2004, 2005, 2006]), ("2006-2004", []), ("1930s", [])],
)
def test_a_typed_year_or_span(typed, years):
    assert read_years(typed.replace("–", "-")) == years


def test_a_typo_is_accepted_only_when_no_rival_is_as_near():
    key = TypedKey(kind="place", answer="Karaganda", rivals=("Karagandy",))
    assert not grade("Karagandz", key).correct  # one edit from each: not a typo of the key
    assert grade("Kraganda", key).spelling == "Karaganda"  # one from the key, two from the rival


def test_two_typos_are_forgiven_only_in_a_name_longer_than_eight_letters():
    assert grade(
        "Samarkant Stat University", TypedKey(kind="organisation", answer="Samarkand State University")
    ).correct
    assert grade("Tashkint", TypedKey(kind="place", answer="Tashkent")).spelling == "Tashkent"
    assert not grade("Taskhint", TypedKey(kind="place", answer="Tashkent")).correct


def test_a_name_of_five_letters_forgives_one_typo_and_a_shorter_one_none():
    assert grade("Seul", TypedKey(kind="place", answer="Seoul")).spelling == "Seoul"
    assert not grade("Och", TypedKey(kind="place", answer="Osh")).correct
    assert not grade("Oslo", TypedKey(kind="place", answer="Osla")).correct


def test_an_acronym_forgives_no_typo():
    assert not grade("KOSIS", TypedKey(kind="organisation", answer="KOCIS")).correct


def test_a_persons_name_is_right_in_either_order_but_a_places_is_not():
    assert grade("Nye Joseph", TypedKey(kind="person", answer="Joseph Nye")).correct
    assert not grade("Ata Alma", TypedKey(kind="place", answer="Alma Ata")).correct


def test_a_bare_year_is_not_a_date_and_a_date_is_not_a_year():
    assert not grade("1992", TypedKey(kind="date", answer="January 1992", years=(1992,))).correct
    assert not grade("January 1992", TypedKey(kind="year", answer="1992", years=(1992,))).correct


def test_a_key_survives_json_unchanged():
    key = TypedKey(
        kind="number", answer="about 20", claims=("25",), years=(), values=("20", "25"), precision="2", rivals=()
    )
    assert TypedKey.from_json(key.to_json()) == key
    assert TypedKey.from_json({**key.to_json(), "added_later": 1}) == key


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("Nazarbayev University", "N_________ U_________"),
        ("Kim Dae-Jung", "K__ D__-____"),
        ("108,177", "1__,___"),
        ("28 January 1992", "2_ J______ 1___"),
        ("PSY", "P__"),
    ],
)
def test_a_hint_shows_first_letters_and_the_length_only(answer, shown):
    assert hint(answer) == shown


@pytest.mark.parametrize(
    ("kind", "answer", "multiple_choice", "typed"),
    [
        ("person", "Kim Dae-Jung", True, True),
        ("year", "late 1980s and early 1990s", True, True),
        ("number", "108,177", True, True),
        ("work", "Pride and Prejudice", True, True),
        ("place", "Almaty and Astana", True, False),  # a list of two places
        ("country", "Uzbekistan, Kazakhstan and Kyrgyzstan", True, False),
        ("country", "Japan", False, False),  # list membership: other countries may be right
        ("concept", "soft power", True, False),
        ("phrase", "won friends", True, False),
        ("organisation", "Korean State Republican Academic Theatre of Musical Comedy", True, False),
    ],
)
def test_which_facts_get_a_typed_question(kind, answer, multiple_choice, typed):
    assert can_type(SimpleNamespace(kind=kind, answer=answer, multiple_choice=multiple_choice)) is typed
