"""What the models' clean() refuses carries a code, so a form or a caller can tell the errors apart."""

import pytest
from django.core.exceptions import ValidationError

from content.models import Citation, Claim, Fact
from tests.factories import ClaimFactory, FactFactory, SourceFactory

pytestmark = pytest.mark.django_db


def codes(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        instance.clean()
    return {field: [error.code for error in errors] for field, errors in refused.value.error_dict.items()}


def test_an_answer_missing_from_the_statement():
    fact = Fact(key="k", statement="The answer is KOICA.", answer="koica", kind="organisation")
    assert codes(fact) == {"answer": ["answer_not_in_statement"]}


def test_an_event_label_that_gives_its_year_away():
    fact = FactFactory.build(dated=True)
    fact.event = f"Relations open in {fact.event_date.year}"
    assert codes(fact) == {"event": ["event_gives_year_away"]}


def test_a_claim_repeating_the_facts_own_answer():
    fact = FactFactory()
    assert codes(Claim(fact=fact, answer=fact.answer)) == {"answer": ["claim_is_fact_answer"]}


def test_a_quotation_over_the_word_limit():
    citation = Citation(fact=FactFactory(), source=SourceFactory(), locator="p. 1", quote="word " * 26)
    assert codes(citation) == {"quote": ["quote_too_long"]}


def test_a_citation_backing_another_facts_claim():
    citation = Citation(fact=FactFactory(), source=SourceFactory(), locator="p. 1", quote="short", claim=ClaimFactory())
    assert codes(citation) == {"claim": ["claim_of_another_fact"]}
