"""content_stats: the bank's counts that the README quotes."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import ClaimFactory, CountryFactory, FactFactory

pytestmark = pytest.mark.django_db


def test_counts_claims_notes_spans_and_scopes():
    scope = CountryFactory(slug="korea-theory", name="Korea & theory", is_region=True)
    FactFactory(countries=[scope], learner_note="Sources disagree.")
    span = FactFactory(dated=True, date_end=datetime.date(2006, 1, 1), event_date=datetime.date(2004, 1, 1))
    ClaimFactory(fact=span, answer="2007", event_date=datetime.date(2007, 1, 1), date_precision="year")
    ClaimFactory(fact=span, answer="2008", event_date=datetime.date(2008, 1, 1), date_precision="year", is_record=True)
    out = StringIO()
    call_command("content_stats", stdout=out)
    text = out.getvalue()
    assert "claims: 2 (1 from a paper, 1 from the record) | learner notes: 1 | spans: 1 | one-off events: 1" in text
    assert "| Korea & theory | 1 |" in text
    assert "| Research Institute | 1 |" in text
