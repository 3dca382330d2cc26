"""Template context for every page: the site header's links."""

from __future__ import annotations

import functools

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString

from quiz.signals import SESSION_ROLE_KEY

# (view name, label), in the order the main navigation shows them.
LEARNER_LINKS = [
    ("quiz:dashboard", "Home"),
    ("quiz:practice", "Practice"),
    ("quiz:learn", "Learn"),
    ("quiz:flashcards", "Flashcards"),
    ("quiz:progress", "Progress"),
]
INSTRUCTOR_LINK = ("quiz:teach", "Teach")
STAFF_LINK = ("admin:index", "Admin")
# The header's other links, by the name the templates use.
HEADER_URLS = {
    "home": "content:home",
    "login": "login",
    "signup": "signup",
    "logout": "logout",
    "password_change": "password_change",
}


@functools.cache
def _urls(script_prefix: str) -> dict[str, str]:
    """Every header URL, reversed once per process (and script prefix) rather than on every page:
    reversing them was a fifth of a question page's rendering."""
    names = [name for name, _ in [*LEARNER_LINKS, INSTRUCTOR_LINK, STAFF_LINK]] + list(HEADER_URLS.values())
    return {name: reverse(name) for name in names}


@functools.lru_cache(maxsize=256)
def _nav_html(links: tuple[tuple[str, str, bool], ...]) -> SafeString:
    """The main navigation's list items, rendered once per process for each (links, current page): the same
    for every user of a role, and its loop was a fifth of the header's rendering on every page."""
    return render_to_string("includes/site_nav.html", {"nav_links": links})


def navigation(request: HttpRequest) -> dict:
    """The header's URLs, and the main navigation for this user (`nav_html`: its links, the current page
    marked). Instructors' link: staff, or the role remembered in the session at login."""
    urls = _urls(get_script_prefix())
    context = {"header_urls": {key: urls[name] for key, name in HEADER_URLS.items()}, "nav_html": ""}
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return context
    links = list(LEARNER_LINKS)
    if user.is_staff or request.session.get(SESSION_ROLE_KEY):
        links.append(INSTRUCTOR_LINK)
    if user.is_staff:
        links.append(STAFF_LINK)
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else None
    context["nav_html"] = _nav_html(tuple((urls[name], label, name == current) for name, label in links))
    return context
