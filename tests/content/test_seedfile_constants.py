"""content/seedfile.py validates seeds without Django, so it restates the model's choices: they must agree."""

from content import seedfile
from content.models import DATE_KINDS, MAX_QUOTE_WORDS, QUANTITY_KINDS, DatePrecision, Difficulty, FactKind


def test_the_kinds_are_the_models():
    assert list(seedfile.KINDS) == FactKind.values
    assert set(seedfile.DATE_KINDS) == set(DATE_KINDS)
    assert set(seedfile.QUANTITY_KINDS) == set(QUANTITY_KINDS)


def test_the_date_precisions_are_the_models():
    assert list(seedfile.PRECISIONS) == DatePrecision.values
    assert set(seedfile.ISO_FORMATS) == set(DatePrecision.values)


def test_the_difficulties_are_the_models():
    assert list(seedfile.DIFFICULTIES) == Difficulty.values


def test_the_quotation_limit_is_the_models():
    assert seedfile.MAX_QUOTE_WORDS == MAX_QUOTE_WORDS
