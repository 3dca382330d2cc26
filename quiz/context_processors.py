"""Template context for every page."""

from __future__ import annotations

from django.http import HttpRequest

from quiz.signals import SESSION_ROLE_KEY


def roles(request: HttpRequest) -> dict:
    """Whether to show instructors' links: staff, or the role remembered in the session at login."""
    user = getattr(request, "user", None)
    shown = bool(user and user.is_authenticated and (user.is_staff or request.session.get(SESSION_ROLE_KEY)))
    return {"is_instructor": shown}
