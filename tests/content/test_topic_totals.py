"""The bank's topic totals stay equal to a count from scratch whatever editors do to the facts."""

import shutil
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import Citation, Country, Fact, FactTopics, Theme
from content.topic_totals import counted_from_scratch, decode, recount, topic_totals
from tests.content.test_admin import fact_form
from tests.content.test_load_seeds import FIXTURE, load
from tests.factories import CountryFactory, FactFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def assert_totals_current() -> None:
    """The kept totals and the kept per-fact topics equal what a count over the facts gives now."""
    scratch = counted_from_scratch()
    expected = Counter((decode(countries), decode(themes)) for countries, themes in scratch.values())
    assert topic_totals().combinations == dict(expected)
    counted = FactTopics.objects.values_list("fact_id", "combination__countries", "combination__themes")
    assert {pk: (countries, themes) for pk, countries, themes in counted} == scratch


def test_a_new_fact_counts_for_its_country_its_theme_their_cell_and_the_bank():
    kazakhstan, hallyu = CountryFactory(slug="kazakhstan"), ThemeFactory(slug="hallyu")
    FactFactory(countries=[kazakhstan], themes=[hallyu])
    totals = topic_totals()
    assert (totals.overall, totals.country(kazakhstan.pk), totals.theme(hallyu.pk)) == (1, 1, 1)
    assert totals.cell(kazakhstan.pk, hallyu.pk) == 1


def test_a_fact_with_two_countries_counts_once_in_the_bank_and_in_a_selection_of_both():
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    FactFactory(countries=[kazakhstan, uzbekistan])
    totals = topic_totals()
    assert (totals.overall, totals.country(kazakhstan.pk), totals.country(uzbekistan.pk)) == (1, 1, 1)
    assert totals.selection(countries=[kazakhstan.pk, uzbekistan.pk]) == 1


def test_a_selection_counts_facts_with_any_of_its_countries_and_any_of_its_themes():
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    hallyu, health = ThemeFactory(slug="hallyu"), ThemeFactory(slug="health")
    FactFactory(countries=[kazakhstan], themes=[hallyu])
    FactFactory(countries=[uzbekistan], themes=[health])
    FactFactory(countries=[uzbekistan], themes=[hallyu])
    totals = topic_totals()
    assert totals.selection(countries=[uzbekistan.pk]) == 2
    assert totals.selection(countries=[uzbekistan.pk], themes=[hallyu.pk]) == 1
    assert totals.selection() == 3
    assert totals.selection(countries=[uzbekistan.pk]) == Fact.objects.in_topic(countries=[uzbekistan]).count()


def admin_change(admin_client, fact: Fact, **changes) -> None:
    """Post the fact's admin change form with its current values and `changes`."""
    citation = fact.citations.get()
    data = fact_form(
        **{
            "key": fact.key,
            "countries": [country.pk for country in fact.countries.all()],
            "themes": [theme.pk for theme in fact.themes.all()],
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": citation.pk,
            "citations-0-fact": fact.pk,
            "citations-0-source": citation.source_id,
            **changes,
        }
    )
    response = admin_client.post(reverse("admin:content_fact_change", args=[fact.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def admin_fact(admin_client) -> Fact:
    """A fact added through the admin (in Kazakhstan, about diplomacy)."""
    response = admin_client.post(reverse("admin:content_fact_add"), fact_form())
    assert response.status_code == 302
    return Fact.objects.get(key="kz-embassy")


def test_moving_a_fact_to_another_country_in_the_admin_moves_it_in_the_totals(admin_client, admin_fact):
    kazakhstan, uzbekistan = Country.objects.get(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    assert (topic_totals().country(kazakhstan.pk), topic_totals().country(uzbekistan.pk)) == (1, 0)
    admin_change(admin_client, admin_fact, countries=[uzbekistan.pk])
    assert (topic_totals().country(kazakhstan.pk), topic_totals().country(uzbekistan.pk)) == (0, 1)
    assert_totals_current()


def test_changing_a_facts_theme_in_the_admin_moves_it_between_cells(admin_client, admin_fact):
    kazakhstan, diplomacy = Country.objects.get(slug="kazakhstan"), Theme.objects.get(slug="diplomacy")
    health = ThemeFactory(slug="health")
    admin_change(admin_client, admin_fact, themes=[diplomacy.pk, health.pk])
    totals = topic_totals()
    assert (totals.cell(kazakhstan.pk, diplomacy.pk), totals.cell(kazakhstan.pk, health.pk)) == (1, 1)
    assert totals.overall == 1
    assert_totals_current()


def test_retiring_a_fact_in_the_admin_takes_it_out_of_the_totals(admin_client, admin_fact):
    admin_change(admin_client, admin_fact, is_active="")  # the checkbox unticked
    assert not Fact.objects.get(pk=admin_fact.pk).is_active
    assert topic_totals().overall == 0
    assert_totals_current()


def test_deleting_a_fact_in_the_admin_takes_it_out_of_the_totals(admin_client, admin_fact):
    response = admin_client.post(reverse("admin:content_fact_delete", args=[admin_fact.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert topic_totals().overall == 0
    assert_totals_current()


def test_tags_changed_from_the_countrys_side_are_counted():
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    facts = [FactFactory(countries=[kazakhstan]) for _ in range(3)]
    uzbekistan.facts.add(*facts[:2])
    kazakhstan.facts.remove(facts[0])
    assert (topic_totals().country(kazakhstan.pk), topic_totals().country(uzbekistan.pk)) == (2, 2)
    uzbekistan.facts.clear()
    assert topic_totals().country(uzbekistan.pk) == 0
    assert_totals_current()


def test_deleting_a_country_takes_it_out_of_its_facts_combinations():
    kazakhstan, uzbekistan = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    hallyu = ThemeFactory(slug="hallyu")
    FactFactory(countries=[kazakhstan, uzbekistan], themes=[hallyu])
    uzbekistan.delete()
    assert topic_totals().combinations == {(frozenset({kazakhstan.pk}), frozenset({hallyu.pk})): 1}
    assert_totals_current()


def test_a_fact_a_seed_reload_retires_leaves_the_totals(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE, seeds)
    load(seeds)
    assert topic_totals().overall == Fact.objects.active().count() > 0
    path = seeds / "beta-2021.toml"
    text = path.read_text()
    path.write_text(text[: text.index("[[facts]]")] + text[text.index("[[claims]]") :])
    load(seeds)
    assert not Fact.objects.get(key="uz-relations").is_active
    assert_totals_current()


def test_a_recount_from_scratch_repairs_totals_after_a_bulk_load_without_signals():
    kazakhstan = CountryFactory(slug="kazakhstan")
    FactFactory(countries=[kazakhstan])
    Fact.objects.update(is_active=False)  # an update sends no signals
    recount()
    assert topic_totals().overall == 0
    assert_totals_current()


COUNTRIES, THEMES, FACTS = 3, 3, 4
edits = st.lists(
    st.one_of(
        st.tuples(st.just("countries"), st.integers(0, FACTS - 1), st.sets(st.integers(0, COUNTRIES - 1))),
        st.tuples(st.just("themes"), st.integers(0, FACTS - 1), st.sets(st.integers(0, THEMES - 1))),
        st.tuples(st.just("add to country"), st.integers(0, COUNTRIES - 1), st.sets(st.integers(0, FACTS - 1))),
        st.tuples(st.just("remove from theme"), st.integers(0, THEMES - 1), st.sets(st.integers(0, FACTS - 1))),
        st.tuples(st.just("clear country"), st.integers(0, COUNTRIES - 1), st.just(set())),
        st.tuples(st.just("active"), st.integers(0, FACTS - 1), st.booleans()),
        st.tuples(st.just("delete"), st.integers(0, FACTS - 1), st.just(None)),
        st.tuples(st.just("new"), st.just(0), st.sets(st.integers(0, COUNTRIES - 1))),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_the_totals_equal_a_count_from_scratch_after_any_series_of_edits(db, edits):
    with transaction.atomic():
        countries = [CountryFactory(slug=f"country-{n}") for n in range(COUNTRIES)]
        themes = [ThemeFactory(slug=f"theme-{n}") for n in range(THEMES)]
        facts = [FactFactory(countries=countries[: n % 3], themes=themes[n % 2 :]) for n in range(FACTS)]
        for action, target, value in edits:
            fact = facts[target] if action in ("countries", "themes", "active", "delete") else None
            if fact is not None and not Fact.objects.filter(pk=fact.pk).exists():
                continue  # deleted earlier in the series
            live = [f for f in facts if Fact.objects.filter(pk=f.pk).exists()]
            if action == "countries":
                fact.countries.set([countries[n] for n in value])
            elif action == "themes":
                fact.themes.set([themes[n] for n in value])
            elif action == "add to country":
                countries[target].facts.add(*[f for n, f in enumerate(facts) if n in value and f in live])
            elif action == "remove from theme":
                themes[target].facts.remove(*[f for n, f in enumerate(facts) if n in value and f in live])
            elif action == "clear country":
                countries[target].facts.clear()
            elif action == "active":
                fact.is_active = value
                fact.save()
            elif action == "delete":
                Citation.objects.filter(fact=fact).delete()
                fact.delete()
            else:
                facts.append(FactFactory(countries=[countries[n] for n in value]))
            assert_totals_current()
        transaction.set_rollback(True)
