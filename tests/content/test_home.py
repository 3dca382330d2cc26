import pytest
from django.urls import reverse

from tests.factories import CountryFactory, FactFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_home_lists_countries_and_themes_with_active_fact_counts(client):
    kz, uz = CountryFactory(slug="kazakhstan", name="Kazakhstan"), CountryFactory(slug="uzbekistan", name="Uzbekistan")
    theme = ThemeFactory(slug="hallyu", name="Hallyu & pop culture")
    FactFactory(countries=[kz], themes=[theme])
    FactFactory(countries=[kz, uz], themes=[theme])
    FactFactory(countries=[uz], themes=[theme], is_active=False)
    response = client.get(reverse("content:home"))
    assert response.status_code == 200
    countries = {c.name: c.fact_count for c in response.context["countries"]}
    assert countries == {"Kazakhstan": 2, "Uzbekistan": 1}
    assert [t.fact_count for t in response.context["themes"]] == [2]
    assert "Hallyu &amp; pop culture" in response.content.decode()


def test_home_refuses_post(client):
    assert client.post(reverse("content:home")).status_code == 405
