"""Signal receivers, connected in QuizConfig.ready()."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from quiz.roles import is_instructor

SESSION_ROLE_KEY = "is_instructor"


@receiver(user_logged_in)
def remember_role(sender, request: HttpRequest | None, user, **kwargs) -> None:
    # The navigation needs the role on every page; the session, loaded anyway, spares a groups query
    # per page. Views never trust it: instructor_required checks the groups themselves.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_ROLE_KEY] = is_instructor(user)
