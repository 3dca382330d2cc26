"""Mastery: min(1, stability / 21 days) per fact, 0 unseen, averaged over a topic's active facts."""

import pytest
from django.utils import timezone

from quiz.progress import mastery_by_country, mastery_by_theme, mastery_grid, overall_mastery
from tests.factories import CountryFactory, FactFactory, MemoryStateFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def by_slug(rows):
    return {row.slug: row for row in rows}


def test_a_facts_mastery_is_its_stability_over_21_days(learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(), stability=10.5)
    overall = overall_mastery(learner=learner, now=NOW)
    assert overall.mastery == pytest.approx(0.5)
    assert overall.percent == 50


def test_mastery_is_capped_at_one(learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(), stability=42)
    assert overall_mastery(learner=learner, now=NOW).mastery == pytest.approx(1.0)


def test_unseen_facts_count_zero(learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(), stability=21)
    FactFactory()
    overall = overall_mastery(learner=learner, now=NOW)
    assert (overall.mastery, overall.seen, overall.total) == (pytest.approx(0.5), 1, 2)


def test_a_learner_with_no_history_has_zero_mastery(learner):
    FactFactory()
    overall = overall_mastery(learner=learner, now=NOW)
    assert (overall.mastery, overall.seen, overall.total) == (0.0, 0, 1)


def test_retired_facts_are_ignored(learner):
    MemoryStateFactory(learner=learner, fact=FactFactory(), stability=10.5)
    MemoryStateFactory(learner=learner, fact=FactFactory(is_active=False), stability=42)
    FactFactory(is_active=False)
    overall = overall_mastery(learner=learner, now=NOW)
    country = by_slug(mastery_by_country(learner=learner, now=NOW))["kazakhstan"]
    cell = mastery_grid(learner=learner, now=NOW).rows[0].cells[0]
    for figure in (overall, country, cell):
        assert (figure.mastery, figure.seen, figure.total) == (pytest.approx(0.5), 1, 1)


def test_another_learners_states_are_ignored(learner):
    fact = FactFactory()
    MemoryStateFactory(learner=UserFactory(), fact=fact, stability=42)
    assert overall_mastery(learner=learner, now=NOW).seen == 0
    assert by_slug(mastery_by_country(learner=learner, now=NOW))["kazakhstan"].mastery == 0.0
    assert mastery_grid(learner=learner, now=NOW).rows[0].cells[0].seen == 0


def test_a_countrys_mastery_is_the_mean_over_its_active_facts(learner):
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[kazakhstan]), stability=10.5)
    FactFactory(countries=[kazakhstan])
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[uzbekistan]), stability=21)
    rows = by_slug(mastery_by_country(learner=learner, now=NOW))
    assert (rows["kazakhstan"].mastery, rows["kazakhstan"].seen, rows["kazakhstan"].total) == (0.25, 1, 2)
    assert (rows["uzbekistan"].mastery, rows["uzbekistan"].seen, rows["uzbekistan"].total) == (1.0, 1, 1)
    assert rows["kazakhstan"].name == "Kazakhstan"


def test_a_themes_mastery_is_the_mean_over_its_active_facts(learner):
    hallyu, diaspora = ThemeFactory(slug="hallyu"), ThemeFactory(slug="diaspora")
    MemoryStateFactory(learner=learner, fact=FactFactory(themes=[hallyu]), stability=4.2)
    MemoryStateFactory(learner=learner, fact=FactFactory(themes=[hallyu]), stability=8.4)
    FactFactory(themes=[diaspora])
    rows = by_slug(mastery_by_theme(learner=learner, now=NOW))
    assert (rows["hallyu"].mastery, rows["hallyu"].seen, rows["hallyu"].total) == (pytest.approx(0.3), 2, 2)
    assert (rows["diaspora"].mastery, rows["diaspora"].seen, rows["diaspora"].total) == (0.0, 0, 1)


def test_topics_are_listed_in_display_order_even_without_facts(learner):
    CountryFactory(slug="uzbekistan", position=2)
    CountryFactory(slug="kazakhstan", position=1)
    rows = mastery_by_country(learner=learner, now=NOW)
    assert [row.slug for row in rows] == ["kazakhstan", "uzbekistan"]
    assert (rows[1].mastery, rows[1].seen, rows[1].total, rows[1].percent) == (0.0, 0, 0, 0)


def test_a_fact_with_two_countries_and_two_themes_counts_in_four_grid_cells(learner):
    countries = [CountryFactory(slug="kazakhstan", position=1), CountryFactory(slug="uzbekistan", position=2)]
    themes = [ThemeFactory(slug="hallyu", position=1), ThemeFactory(slug="diaspora", position=2)]
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=countries, themes=themes), stability=10.5)
    grid = mastery_grid(learner=learner, now=NOW)
    assert [row.country.slug for row in grid.rows] == ["kazakhstan", "uzbekistan"]
    assert [theme.slug for theme in grid.themes] == ["hallyu", "diaspora"]
    for row in grid.rows:
        assert [(cell.mastery, cell.seen, cell.total) for cell in row.cells] == [(0.5, 1, 1), (0.5, 1, 1)]


def test_a_grid_cell_is_the_mean_over_the_facts_of_its_country_and_theme(learner):
    kazakhstan = CountryFactory(slug="kazakhstan", position=1)
    uzbekistan = CountryFactory(slug="uzbekistan", position=2)
    hallyu, diaspora = ThemeFactory(slug="hallyu", position=1), ThemeFactory(slug="diaspora", position=2)
    MemoryStateFactory(learner=learner, fact=FactFactory(countries=[kazakhstan], themes=[hallyu]), stability=21)
    FactFactory(countries=[kazakhstan], themes=[hallyu])
    FactFactory(countries=[uzbekistan], themes=[diaspora])
    grid = mastery_grid(learner=learner, now=NOW)
    (kz_hallyu, kz_diaspora), (uz_hallyu, uz_diaspora) = (row.cells for row in grid.rows)
    assert (kz_hallyu.mastery, kz_hallyu.seen, kz_hallyu.total) == (0.5, 1, 2)
    assert kz_diaspora.total == uz_hallyu.total == 0
    assert (uz_diaspora.mastery, uz_diaspora.seen, uz_diaspora.total) == (0.0, 0, 1)
