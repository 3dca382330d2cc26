"""Who is asking, on every request: the session read from the database and the user it names, one SQL
statement each rather than a query built by the ORM.

Every logged-in request reads both before its view runs. Building each query with the ORM cost ten times as
much as running it (measured in process on the question page: ~0.30 ms to build and run `Session.objects.get`
or `User.objects.get`, ~0.03 ms to run the same statement), so together they were a fifth of the question
GET. What is read and what is done with it are Django's own: the statements are the ones the ORM code in each
docstring sends, values come back through the fields' converters (`quiz.sql.to_python`), and everything else
(decoding and verifying the signed session data, saving, rotating the key at login, flushing at logout, the
user's password hash check against the session, `is_active`) is inherited unchanged.
`tests/accounts/test_request_auth.py` runs both (the ORM code read from the docstrings) and compares them.

SESSION_ENGINE = "config.request_auth" (sessions stay in the database table every app server shares);
AUTHENTICATION_BACKENDS names `config.request_auth.ModelBackend` where Django's ModelBackend was.
"""

from __future__ import annotations

import functools

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from quiz.sql import to_python


@functools.cache
def _select(model, where: str, using: str) -> str:
    """SELECT every concrete column of `model` WHERE `where` (columns named as %(column)s), written once."""
    quote = connections[using].ops.quote_name
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
    names = {field.column: quote(field.column) for field in model._meta.concrete_fields}
    return f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {where % names}"


def _fetch_one(model, where: str, params: list, *, using: str):
    """The row WHERE `where` as a model instance (None when there is none), as the ORM would have built it."""
    with connections[using].cursor() as cursor:
        cursor.execute(_select(model, where, using), params)
        row = cursor.fetchone()
    if row is None:
        return None
    fields = model._meta.concrete_fields
    return model.from_db(using, [field.attname for field in fields], to_python(row, fields, using=using))


class SessionStore(db.SessionStore):
    """Django's database sessions, read with one SQL statement."""

    def _get_session_from_db(self) -> Session | None:
        """The unexpired session row of this key, or None (and the key forgotten, so that saving issues a
        new one, as Django's does). The ORM equivalent::

            session = Session.objects.filter(session_key=session_key, expire_date__gt=now).first()
        """
        model = self.model
        using = router.db_for_read(model)
        expire_date = model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connections[using])
        where = "%(session_key)s = %%s AND %(expire_date)s > %%s"
        # A key that fails Django's validation (set when it was assigned from the cookie) is None: no query.
        session = _fetch_one(model, where, [self.session_key, expire_date], using=using) if self.session_key else None
        if session is None:
            self._session_key = None
        return session


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend (logins, permissions), with the user of a session read with one SQL statement."""

    def get_user(self, user_id) -> AbstractBaseUser | None:
        """The user with this primary key if it may log in (`is_active`, as Django's ModelBackend asks),
        or None. The ORM equivalent of the read::

            user = User._default_manager.filter(pk=user_id).first()
        """
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except Exception:
            return None
        where = f"%({model._meta.pk.column})s = %%s"
        user = _fetch_one(model, where, [pk], using=router.db_for_read(model))
        return user if user is not None and self.user_can_authenticate(user) else None
