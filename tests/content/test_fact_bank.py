"""The curated bank in seeds/: complete, cited, in our own words, and large enough to teach from."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from content.models import Citation, Country, Fact, Source, Theme
from content.paper_checks import check_against_papers
from content.seedfile import read_bank
from tests.conftest import PAPERS, needs_papers

FIVE = ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"]


@pytest.fixture(scope="module")
def bank():
    bank, problems = read_bank(Path(settings.SEEDS_DIR))
    assert problems == []
    return bank


def test_every_fact_has_at_least_one_citation(real_bank):
    uncited = Fact.objects.annotate(n=Count("citations")).filter(n=0).values_list("key", flat=True)
    assert list(uncited) == []


def test_bank_has_at_least_250_facts_and_80_dated_events(real_bank):
    assert Fact.objects.active().count() >= 250
    assert Fact.objects.active().dated().count() >= 80


def test_every_country_has_at_least_20_facts(real_bank):
    counts = dict(Country.objects.annotate(n=Count("facts")).values_list("slug", "n"))
    assert {slug: counts[slug] for slug in FIVE if counts[slug] < 20} == {}


def test_every_theme_has_at_least_15_facts(real_bank):
    counts = dict(Theme.objects.annotate(n=Count("facts")).values_list("slug", "n"))
    assert {slug: n for slug, n in counts.items() if n < 15} == {}


def test_every_paper_is_cited_by_at_least_30_facts(real_bank):
    counts = Counter(
        Citation.objects.values_list("source__key", "fact_id").distinct().values_list("source__key", flat=True)
    )
    assert Source.objects.count() == 5
    assert {key: counts[key] for key in Source.objects.values_list("key", flat=True) if counts[key] < 30} == {}


def test_disagreements_are_recorded_with_citations_on_both_sides(real_bank):
    disputed = Fact.objects.disputed()
    assert disputed.filter(key="kz-diplomatic-relations").exists()
    for fact in disputed.prefetch_related("claims__citations", "citations"):
        assert any(c.claim_id is None for c in fact.citations.all()), fact.key
        for claim in fact.claims.all():
            assert claim.citations.exists(), (fact.key, claim.answer)


@needs_papers
def test_quotations_are_verbatim_and_no_statement_copies_ten_words_of_a_paper(bank):
    problems = check_against_papers(bank, PAPERS)
    assert [str(p) for p in problems] == []
