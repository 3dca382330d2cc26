"""Every POST endpoint, fuzzed: whatever the form data and the ids in the URL, never a 5xx, and a 4xx writes nothing.

Each example runs in a savepoint rolled back afterwards, so examples do not see each other's writes
(a finished attempt, a new class) and every one starts from the same world.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.models import Assignment, Attempt, Classroom, LearnItem, LearnRound, Membership, TopicSet
from tests.factories import FactFactory
from tests.security.conftest import World, make_world, row_counts
from tests.security.endpoints import POST_ENDPOINTS

pytestmark = pytest.mark.django_db

# Fields each endpoint reads, beyond those of its valid form in POST_ENDPOINTS.
MORE_FIELDS = {
    "quiz:practice": ["countries", "themes"],
    "quiz:answer": ["order", "confirm_order"],
    "quiz:flashcard-rate": ["fact"],
    "quiz:learn": ["countries", "themes"],
    "quiz:learn-answer-post": ["item", "option"],
    "quiz:learn-hint": ["item"],
    "quiz:assignment-create": ["topic_set", "mastery_target"],
    "quiz:topic-set-create": ["countries", "themes", "facts"],
    "quiz:topic-set-edit": ["countries", "themes", "facts"],
    "login": ["next"],
}
PLAUSIBLE = ["", "0", "1", "2", "3", "-1", "on", "true", "choice", "timeline", "2030-01-01T09:00", "1e3", "\x00"]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalar = st.one_of(
    text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(PLAUSIBLE),
)
value = st.one_of(scalar, st.lists(scalar, max_size=4))
url_id = st.one_of(st.none(), st.integers(min_value=0, max_value=10**20))  # None: the world's real id


def form_data(name: str) -> st.SearchStrategy[dict]:
    fields = list(POST_ENDPOINTS[name][2]) + MORE_FIELDS.get(name, [])
    known = st.fixed_dictionaries({}, optional={field: value for field in fields})
    extra = st.dictionaries(text.filter(bool), value, max_size=3)
    return st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})


def fingerprint() -> tuple:
    """Row counts of every app table and the values a refused request could still have changed."""
    return (
        row_counts(),
        list(Attempt.objects.order_by("pk").values_list("pk", "state", "step", "score", "correct_count")),
        list(Classroom.objects.order_by("pk").values_list("pk", "name", "join_code", "join_code_expires_at")),
        list(Membership.objects.order_by("pk").values_list("classroom", "student")),
        list(TopicSet.objects.order_by("pk").values_list("pk", "name", "question_count", "question_types")),
        list(Assignment.objects.order_by("pk").values_list("pk", "title", "opens_at", "due_at")),
        list(LearnRound.objects.order_by("pk").values_list("pk", "turn", "done_count", "finished_at")),
        list(LearnItem.objects.order_by("pk").values_list("pk", "stage", "queue", "hinted", "hints", "overridden")),
    )


@pytest.fixture
def fuzz_world(db) -> World:
    world = make_world()
    for _ in range(6):  # enough facts for a practice quiz or a topic set to be built sometimes
        FactFactory()
    return world


@pytest.mark.parametrize("name", POST_ENDPOINTS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_post_is_a_server_error_and_a_refused_one_writes_nothing(fuzz_world, name, data):
    role, params, _ = POST_ENDPOINTS[name]
    real = fuzz_world.url_args()
    ids = {param: data.draw(url_id, label=param) for param in params}
    url = reverse(name, kwargs={param: real[param] if ids[param] is None else ids[param] for param in params})
    form = data.draw(form_data(name), label="form")
    with transaction.atomic():
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(fuzz_world, role))
        before = fingerprint()
        response = client.post(url, form)
        assert response.status_code < 500
        if 400 <= response.status_code < 500:
            assert fingerprint() == before
        transaction.set_rollback(True)
