"""Building a typed key from the database: claims, spans, values, aliases shared by facts naming one thing,
rivals from the category; in two queries whatever the number of facts or the size of the bank."""

import datetime
from decimal import Decimal

import pytest

from content.models import Fact
from quiz.typed_answers import grade
from quiz.typed_keys import typed_key_for, typed_keys_for
from tests.factories import CategoryFactory, ClaimFactory, FactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    category = CategoryFactory(slug="city")
    almaty = FactFactory(kind="place", category=category, answer="Almaty", statement="In Almaty.", aliases=["Alma-Ata"])
    again = FactFactory(kind="place", category=category, answer="Almaty", statement="Also in Almaty.")
    astana = FactFactory(
        kind="place", category=category, answer="Astana", statement="In Astana.", aliases=["Nur-Sultan"]
    )
    return almaty, again, astana


def test_another_facts_answer_or_alias_a_typo_could_reach_is_a_rival(cities):
    almaty, _, astana = cities
    category = almaty.category
    FactFactory(kind="place", category=category, answer="Almalyk", statement="In Almalyk.", aliases=["Olmaliq"])
    FactFactory(kind="place", category=category, answer="Aktau", statement="In Aktau.", aliases=["Almatu"])
    key = typed_key_for(almaty)
    # Almatu is one edit from Almaty, Almalyk two: near enough to decide a typo; Astana is not.
    assert key.rivals == ("Almalyk", "Almatu")
    assert not grade("Almatu", key).correct
    assert not grade("Almaly", key).correct  # one edit from each: no typo of Almaty
    assert not grade("Nur-Sultan", key).correct


def test_a_fact_naming_the_same_thing_shares_its_aliases_and_is_no_rival(cities):
    _, again, _ = cities
    key = typed_key_for(again)
    assert key.aliases == ("Alma-Ata",)
    assert "Almaty" not in key.rivals
    assert grade("Alma Ata", key).correct


def test_a_claim_of_another_fact_is_a_rival_but_never_an_alias(cities):
    almaty, again, astana = cities
    ClaimFactory(fact=again, answer="Shymkent")  # another answer to that fact's question, not a name of Almaty
    ClaimFactory(fact=astana, answer="Almatty-2")
    key = typed_key_for(almaty)
    assert key.rivals == ("Almatty-2",)
    assert "Shymkent" not in key.aliases
    assert not grade("Almatty 2", key).correct


def test_a_retired_fact_is_no_rival(cities):
    almaty, _, astana = cities
    near = FactFactory(kind="place", category=almaty.category, answer="Almatu", statement="In Almatu.")
    assert typed_key_for(almaty).rivals == ("Almatu",)
    Fact.objects.filter(pk=near.pk).update(is_active=False)
    assert typed_key_for(almaty).rivals == ()


def test_a_year_key_holds_every_year_of_the_span_and_of_its_claims():
    fact = FactFactory(
        dated=True,
        answer="the early 2000s",
        statement="Dramas came in the early 2000s.",
        event_date=datetime.date(2000, 1, 1),
        date_end=datetime.date(2003, 1, 1),
    )
    ClaimFactory(
        fact=fact,
        answer="the mid-2000s",
        event_date=datetime.date(2004, 1, 1),
        date_end=datetime.date(2006, 1, 1),
        date_precision="year",
    )
    key = typed_key_for(fact)
    assert key.years == tuple(range(2000, 2007))
    assert key.claims == ("the mid-2000s",)


def test_a_quantity_key_holds_the_values_and_the_stated_tolerance():
    fact = FactFactory(quantity=True)  # "about 900"
    ClaimFactory(fact=fact, answer="close to 1,000", value=Decimal(1000))
    key = typed_key_for(fact)
    assert key.values == ("900", "1000")
    assert key.precision == "90"
    assert grade("850", key).correct and not grade("800", key).correct


def test_keys_for_many_facts_take_two_queries(django_assert_num_queries, cities):
    category = cities[0].category
    facts = [
        FactFactory(kind="place", category=category, answer=f"Town {n}", statement=f"In Town {n}.") for n in range(20)
    ]
    for fact in facts[:5]:
        ClaimFactory(fact=fact, answer=f"Village of {fact.answer}")
    with django_assert_num_queries(2):
        keys = typed_keys_for([*facts, *cities])
    assert len(keys) == 23
