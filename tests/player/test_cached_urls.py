"""`{% cached_url %}` (quiz/templatetags/cached_urls.py): the URL `{% url %}` gives, reversed once per process."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from quiz.templatetags.cached_urls import _reverse

TAG = Template(
    "{% load cached_urls %}{% cached_url 'quiz:question' attempt number %}|"
    "{% cached_url 'quiz:finish' 7 as finish %}{{ finish }}"
)


def test_it_gives_what_url_gives_for_the_same_arguments():
    rendered = TAG.render(Context({"attempt": 5, "number": 3}))
    assert rendered == f"{reverse('quiz:question', args=[5, 3])}|{reverse('quiz:finish', args=[7])}"
    assert TAG.render(Context({"attempt": 6, "number": 1})).startswith(reverse("quiz:question", args=[6, 1]))


def test_a_url_that_does_not_exist_is_an_error_as_with_url():
    with pytest.raises(NoReverseMatch):
        Template("{% load cached_urls %}{% cached_url 'quiz:no-such-page' 1 %}").render(Context())


@override_settings(ROOT_URLCONF="tests.load.urls")
def test_a_changed_urlconf_forgets_what_was_reversed():
    assert _reverse.cache_info().currsize == 0
    assert _reverse("loadtest:ceiling-read", (), None, "/") == "/loadtest/ceiling/read/"
