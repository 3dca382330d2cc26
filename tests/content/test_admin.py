"""The admin is the editors' tool: pages render, bad facts come back as form errors."""

import pytest
from django.urls import reverse

from content.models import Fact
from tests.factories import CountryFactory, FactFactory, SourceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def fact_form(**overrides) -> dict:
    country, theme, source = CountryFactory(slug="kazakhstan"), ThemeFactory(slug="diplomacy"), SourceFactory()
    data = {
        "key": "kz-embassy",
        "statement": "South Korea opened an embassy in Almaty in 1993.",
        "answer": "1993",
        "kind": "year",
        "question": "",
        "difficulty": "2",
        "countries": [country.pk],
        "themes": [theme.pk],
        "event": "South Korea opens an embassy in Almaty",
        "event_date": "1993-01-01",
        "date_precision": "year",
        "value": "",
        "unit": "",
        "as_of_year": "",
        "note": "",
        "is_active": "on",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": source.pk,
        "citations-0-locator": "Diplomacy",
        "citations-0-quote": "an embassy was opened",
    }
    data.update(overrides)
    return data


def test_changelist_renders_with_every_filter(admin_client):
    FactFactory()
    url = reverse("admin:content_fact_changelist")
    assert admin_client.get(url).status_code == 200
    for query in ("?disputed=yes", "?disputed=no", "?kind=year", "?source=nope", "?q=Institute"):
        assert admin_client.get(url + query).status_code == 200


def test_add_page_renders(admin_client):
    assert admin_client.get(reverse("admin:content_fact_add")).status_code == 200


def test_change_page_renders(admin_client):
    fact = FactFactory(dated=True)
    assert admin_client.get(reverse("admin:content_fact_change", args=[fact.pk])).status_code == 200


def test_valid_fact_is_saved_with_its_citation(admin_client):
    response = admin_client.post(reverse("admin:content_fact_add"), fact_form())
    assert response.status_code == 302
    assert Fact.objects.get(key="kz-embassy").citations.count() == 1


def test_answer_missing_from_statement_is_a_form_error(admin_client):
    response = admin_client.post(reverse("admin:content_fact_add"), fact_form(answer="1994", event_date="1994-01-01"))
    assert response.status_code == 200
    assert "The answer must appear in the statement" in response.content.decode()
    assert not Fact.objects.exists()


def test_year_answer_with_day_precision_is_a_form_error(admin_client):
    response = admin_client.post(reverse("admin:content_fact_add"), fact_form(date_precision="day"))
    assert response.status_code == 200
    assert "A year answer needs a date of year precision." in response.content.decode()
    assert not Fact.objects.exists()


def test_fact_without_citation_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:content_fact_add"), fact_form(**{"citations-TOTAL_FORMS": "0", "citations-0-source": ""})
    )
    assert response.status_code == 200
    assert "Please submit at least 1 form." in response.content.decode()
    assert not Fact.objects.exists()


def test_quotation_over_25_words_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:content_fact_add"), fact_form(**{"citations-0-quote": " ".join(["word"] * 26)})
    )
    assert response.status_code == 200
    assert "A quotation has at most 25 words." in response.content.decode()
    assert not Fact.objects.exists()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("admin:content_fact_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login") + "?next=/admin/")


def test_change_page_previews_the_generated_questions(admin_client):
    fact = FactFactory(dated=True, answer="1992", event="Relations open", statement="Relations open in 1992.")
    for n in range(5):
        FactFactory(
            dated=True,
            event_date=f"{1970 + n}-01-01",
            answer=str(1970 + n),
            event=f"Other event {n}",
            statement=f"Other event {n} in {1970 + n}.",
        )
    page = admin_client.get(reverse("admin:content_fact_change", args=[fact.pk])).content.decode()
    assert "Relations open in _____." in page
    assert "1992 ✔ correct" in page
    assert "In which year? Relations open." in page
