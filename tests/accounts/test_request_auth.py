"""The session and its user, read with one SQL statement each (config/request_auth.py): the same rows as the ORM
code in the docstrings, and every property of Django's own database sessions and ModelBackend kept."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from config.request_auth import ModelBackend, SessionStore
from tests.factories import UserFactory
from tests.sql.test_orm_equivalence import loaded, orm_equivalent

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def orm_session(session_key: str) -> Session | None:
    namespace = {"Session": Session, "session_key": session_key, "now": timezone.now()}
    exec(orm_equivalent(SessionStore._get_session_from_db), namespace)
    return namespace["session"]


def orm_user(user_id):
    namespace = {"User": get_user_model(), "user_id": user_id}
    exec(orm_equivalent(ModelBackend.get_user), namespace)
    return namespace["user"]


def stored_session(**data) -> SessionStore:
    store = SessionStore()
    store.update(data)
    store.create()
    return store


@pytest.mark.parametrize("expired", [False, True])
def test_a_session_row_is_read_as_the_orm_reads_it(expired):
    key = stored_session(colour="blue").session_key
    if expired:
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    row, expected = SessionStore(key)._get_session_from_db(), orm_session(key)
    assert (loaded(row) if row else None) == (loaded(expected) if expected else None)
    assert (row is None) == expired


def test_a_stored_session_loads_its_data_and_an_expired_one_none():
    key = stored_session(colour="blue").session_key
    assert SessionStore(key).load() == {"colour": "blue"}
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None, "an unknown or expired key is forgotten, so a new one is issued"


@pytest.mark.parametrize("key", ["", "short", "no-such-session-key-000000000000", "x' OR '1'='1"])
def test_an_unknown_or_malformed_key_reads_nothing(key):
    assert SessionStore(key or None).load() == {}


@pytest.mark.parametrize("state", ["active", "inactive", "missing", "not a number"])
def test_the_user_of_a_session_is_read_as_the_model_backend_reads_it(state):
    user = UserFactory(is_active=state != "inactive")
    user_id = {"missing": user.pk + 1000, "not a number": "abc"}.get(state, str(user.pk))
    found = ModelBackend().get_user(user_id)
    if state == "active":
        assert loaded(found) == loaded(orm_user(user_id))
        assert found.get_session_auth_hash() == user.get_session_auth_hash()
    else:
        assert found is None, "inactive or unknown users are not logged in, as with Django's ModelBackend"


def test_a_login_through_the_form_is_known_on_the_next_request(client):
    UserFactory(username="dilnoza")
    client.post(reverse("login"), {"username": "dilnoza", "password": PASSWORD})
    assert client.session["_auth_user_backend"] == "config.request_auth.ModelBackend"
    assert client.get(reverse("quiz:dashboard")).status_code == 200


def test_logging_in_rotates_the_session_key(client):
    UserFactory(username="dilnoza")
    client.get(reverse("login"))
    session = client.session
    session["before"] = True
    session.save()
    before = session.session_key
    client.post(reverse("login"), {"username": "dilnoza", "password": PASSWORD})
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_session_stops_working_at_logout_even_if_its_cookie_is_replayed(client):
    user = UserFactory()
    client.force_login(user)
    stolen = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = stolen
    response = client.get(reverse("quiz:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_changing_the_password_ends_the_other_sessions(client):
    user = UserFactory()
    client.force_login(user)
    user.set_password("another long passphrase")
    user.save()
    response = client.get(reverse("quiz:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_deactivated_user_is_logged_out_on_the_next_request(client):
    user = UserFactory()
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("quiz:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_session_cookie_is_http_only(client):
    UserFactory(username="dilnoza")
    client.post(reverse("login"), {"username": "dilnoza", "password": PASSWORD})
    assert client.cookies["sessionid"]["httponly"]
