"""The Django admin is for staff only; staff still need permissions to change facts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from content.models import Fact
from tests.factories import FactFactory, InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db
ADMIN = "/admin/"


def assert_sent_to_admin_login(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    assert_sent_to_admin_login(client.get(ADMIN))


@pytest.mark.parametrize("make_user", [UserFactory, InstructorFactory], ids=["student", "instructor"])
def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client, make_user):
    client.force_login(make_user())
    assert_sent_to_admin_login(client.get(ADMIN))


@pytest.mark.parametrize("make_user", [UserFactory, InstructorFactory], ids=["student", "instructor"])
def test_a_user_who_is_not_staff_sees_no_fact_in_the_admin(client, make_user):
    fact = FactFactory(answer="Institute Secret", statement="Only staff may edit Institute Secret.")
    client.force_login(make_user())
    for url in [reverse("admin:content_fact_changelist"), reverse("admin:content_fact_change", args=[fact.pk])]:
        response = client.get(url)
        assert_sent_to_admin_login(response)
        assert b"Institute Secret" not in response.content


def test_a_user_who_is_not_staff_cannot_change_a_fact_by_post(client):
    fact = FactFactory(answer="Institute X", statement="The organisation in question is Institute X.")
    client.force_login(InstructorFactory())
    response = client.post(reverse("admin:content_fact_change", args=[fact.pk]), {"answer": "Hacked"})
    assert_sent_to_admin_login(response)
    fact.refresh_from_db()
    assert fact.answer == "Institute X"


def test_staff_reach_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(ADMIN).status_code == 200


def test_staff_without_permissions_cannot_open_a_fact(client):
    fact = FactFactory()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:content_fact_change", args=[fact.pk])).status_code == 403


def test_staff_without_permissions_cannot_change_a_fact(client):
    fact = FactFactory(answer="Institute X", statement="The organisation in question is Institute X.")
    client.force_login(UserFactory(is_staff=True))
    response = client.post(reverse("admin:content_fact_change", args=[fact.pk]), {"answer": "Hacked"})
    assert response.status_code == 403
    assert Fact.objects.get(pk=fact.pk).answer == "Institute X"
