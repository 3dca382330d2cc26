"""Roles: the groups that make a user a student or an instructor, the check, and the view guard.

Students are the `student` group (sign-up puts every new account in it), instructors the `instructor`
group; staff can do everything an instructor can. Migration 0002 creates both groups with the names
written out, as migrations must: they are history and cannot follow this module.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

STUDENT_GROUP = "student"
INSTRUCTOR_GROUP = "instructor"
ROLE_GROUPS = (STUDENT_GROUP, INSTRUCTOR_GROUP)


def is_instructor(user: AbstractBaseUser) -> bool:
    """Instructors are the `instructor` group; staff can do everything an instructor can."""
    if not user.is_authenticated:
        return False
    return user.is_staff or any(group.name == INSTRUCTOR_GROUP for group in user.groups.all())


def instructor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only instructors (and staff) reach the view (403 for everyone else); each view still scopes its
    objects to their owner."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_instructor(request.user):
            raise PermissionDenied("This page is for instructors.")
        return view(request, *args, **kwargs)

    return wrapper
