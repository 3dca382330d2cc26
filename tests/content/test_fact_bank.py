"""The curated bank in seeds/: complete, cited, in our own words, and large enough to teach from."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from content.models import ENTITY_KINDS, Citation, Country, Fact, Source, Theme
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
            # A claim from a paper is cited; a claim from the record (a paper is wrong) is explained instead.
            assert claim.citations.exists() or (claim.is_record and fact.learner_note), (fact.key, claim.answer)


@needs_papers
def test_quotations_are_verbatim_and_no_statement_copies_ten_words_of_a_paper(bank):
    problems = check_against_papers(bank, PAPERS)
    assert [str(p) for p in problems] == []


def accepted_years(fact: Fact) -> set[int]:
    return set(fact.years) | {year for claim in fact.claims.all() for year in claim.years}


@pytest.mark.parametrize(
    ("key", "years"),
    [
        ("kz-exchange-decline-covid", {2019, 2020}),  # a 2019-2020 academic year
        ("kz-first-korean-dramas-on-tv", {2004, 2005, 2006}),  # "the mid-2000s"
        ("kr-parasite-oscar-year", {2019, 2020}),  # the paper's year, and the ceremony's (February 2020)
    ],
)
def test_every_year_a_source_or_the_record_supports_is_accepted(real_bank, key, years):
    assert years <= accepted_years(Fact.objects.get(key=key))


def test_a_paper_error_is_told_to_the_learner(real_bank):
    for fact in Fact.objects.filter(claims__is_record=True).distinct():
        assert fact.learner_note, fact.key


def test_where_papers_disagree_on_the_place_both_are_accepted(real_bank):
    fact = Fact.objects.get(key="uz-soft-power-most-felt")
    assert {fact.answer, *fact.claims.values_list("answer", flat=True)} >= {"Uzbekistan", "Kazakhstan"}


def test_a_rank_fact_has_one_right_rank(real_bank):
    fact = Fact.objects.get(key="kz-koreans-top-ten-ethnic-groups")
    assert fact.answer == "8th" and not fact.claims.exists()


def test_facts_without_central_asian_content_have_their_own_scope(real_bank):
    theory = Country.objects.get(slug="korea-theory")
    assert theory.is_region
    assert Fact.objects.filter(key__startswith="kr-nye", countries=theory).exists()
    assert not Fact.objects.filter(countries=theory).filter(countries__slug="central-asia").exists()


def test_every_entity_answer_has_a_category_and_term_is_gone(real_bank):
    assert not Fact.objects.filter(kind="term").exists()
    assert not Fact.objects.filter(kind__in=ENTITY_KINDS, category__isnull=True).exists()
