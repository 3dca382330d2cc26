"""Errors in the site's layout (issue 17): 400, 403, 404, 500 and a refused form (CSRF)."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_a_student_on_a_teachers_page_gets_a_styled_403(student_client):
    response = student_client.get(reverse("quiz:teach"))
    assert response.status_code == 403
    assert_valid_html(response)
    html = response.content.decode()
    assert 'class="site-header"' in html and "This page is not open to your account" in html


def test_an_unknown_address_gets_a_styled_404(learner_client):
    response = learner_client.get("/no-such-page/")
    assert response.status_code == 404
    assert_valid_html(response)
    assert "There is nothing at this address" in response.content.decode()


def test_a_form_without_its_token_gets_a_styled_page_and_nothing_is_saved(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(reverse("quiz:practice"), {"question_types": ["choice"], "length": 5})
    assert response.status_code == 403
    assert_valid_html(response)
    assert "That form had expired" in response.content.decode()


@pytest.mark.parametrize(("template", "heading"), [("400.html", "could not be understood"), ("500.html", "went wrong")])
def test_the_400_and_500_pages_render_in_the_layout(template, heading):
    # Django renders 500.html without a request (no context processors): it must stand alone.
    html = render_to_string(template)
    assert heading in html and 'class="site-header"' in html and "css/site.css" in html
