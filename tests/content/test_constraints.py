"""The database refuses rows that would break the fact bank's invariants."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from content.models import Citation, Claim, Fact
from tests.factories import CitationFactory, ClaimFactory, FactFactory, SourceFactory

pytestmark = pytest.mark.django_db


def assert_rejected(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fact.objects.create(
            **{"key": "bad", "statement": "The answer is KOICA.", "answer": "KOICA", "kind": "organisation", **fields}
        )


def test_a_valid_fact_is_accepted():
    fact = FactFactory(dated=True)
    assert Fact.objects.dated().get() == fact


def test_duplicate_fact_key_is_rejected():
    FactFactory(key="kz-relations")
    with pytest.raises(IntegrityError):
        FactFactory(key="kz-relations")


def test_empty_answer_is_rejected():
    assert_rejected(answer="")


def test_answer_missing_from_statement_is_rejected():
    assert_rejected(answer="KOTRA")


def test_unknown_kind_is_rejected():
    assert_rejected(kind="colour")


def test_difficulty_outside_one_to_three_is_rejected():
    assert_rejected(difficulty=7)


def test_date_without_precision_is_rejected():
    assert_rejected(event_date=datetime.date(1992, 1, 28), event="Relations open")


def test_precision_without_date_is_rejected():
    assert_rejected(date_precision="day")


def test_invalid_precision_value_is_rejected():
    assert_rejected(event_date=datetime.date(1992, 1, 28), date_precision="week", event="Relations open")


def test_year_precision_must_be_stored_as_first_of_january():
    assert_rejected(event_date=datetime.date(1992, 5, 3), date_precision="year", event="Relations open")


def test_year_answer_needs_a_date():
    assert_rejected(kind="year", statement="It opened in 1992.", answer="1992")


def test_year_answer_needs_year_precision():
    assert_rejected(
        kind="year",
        statement="It opened in 1992.",
        answer="1992",
        event_date=datetime.date(1992, 1, 28),
        date_precision="day",
        event="It opened",
    )


def test_quantity_needs_value_and_unit():
    assert_rejected(kind="number", statement="There were 900 firms.", answer="900")


def test_dated_fact_needs_an_event_label():
    assert_rejected(event_date=datetime.date(1992, 1, 1), date_precision="year")


def test_quotation_over_25_words_is_rejected():
    with pytest.raises(IntegrityError):
        CitationFactory(quote=" ".join(["word"] * 26))


def test_quotation_of_25_words_is_accepted():
    assert CitationFactory(quote=" ".join(["word"] * 25)).pk


def test_same_quotation_twice_on_a_fact_is_rejected():
    citation = CitationFactory()
    with pytest.raises(IntegrityError):
        Citation.objects.create(fact=citation.fact, source=citation.source, locator="Elsewhere", quote=citation.quote)


def test_same_answer_claimed_twice_is_rejected():
    claim = ClaimFactory(answer="8 January 1992")
    with pytest.raises(IntegrityError):
        Claim.objects.create(fact=claim.fact, answer="8 January 1992")


def test_source_with_a_cited_fact_cannot_be_deleted():
    source = SourceFactory()
    CitationFactory(source=source)
    with pytest.raises(Exception, match="protected"):
        source.delete()
