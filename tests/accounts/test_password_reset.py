"""Password reset by email (issue 17): Django's views with our templates, the console backend by default."""

import os
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_the_login_page_links_to_password_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_student_resets_a_forgotten_password_by_email(client):
    user = UserFactory(username="aliya", email="aliya@example.org")
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    assert_valid_html(page)
    response = client.post(reverse("password_reset"), {"email": "aliya@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and "aliya" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert_valid_html(form)
    assert "Set a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-long-phrase-7", "new_password2": "a-new-long-phrase-7"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a-new-long-phrase-7")


def test_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done") and not mail.outbox


def test_a_bad_link_says_so(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert "That link no longer works" in response.content.decode()


def test_email_goes_to_the_console_unless_smtp_is_configured():
    # The test runner swaps in locmem; the value the app runs with is the settings module's own.
    import config.settings as configured

    expected = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    assert expected == configured.EMAIL_BACKEND
