"""Typed questions from the generator: which facts get one, what their key holds, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import Fact
from quiz import attempts, typed_answers
from quiz.generator import CannotBuild, QuestionType, Selection, build_quiz, load_fact_data, typed_question
from quiz.models import Question
from tests.factories import ClaimFactory, FactFactory, UserFactory
from tests.generator.banks import entity_fact

pytestmark = pytest.mark.django_db
TYPED = Selection(question_types=(QuestionType.TYPED,), count=5)


def test_a_name_fact_gets_a_typed_question_with_its_aliases_claims_and_rivals():
    fact = entity_fact(answer="King Sejong Institute", aliases=["KSI"], statement="The King Sejong Institute teaches.")
    ClaimFactory(fact=fact, answer="Sejong Institute")
    entity_fact(answer="King Sejong Institutes")  # one letter away: a rival, never a typo
    [question] = [q for q in build_quiz(selection=TYPED, seed=1) if q.fact_ids == [fact.pk]] or [None]
    assert question is not None and question.type == QuestionType.TYPED and question.options == []
    key = question.typed_key
    assert (key.answer, key.aliases, key.claims) == ("King Sejong Institute", ("KSI",), ("Sejong Institute",))
    assert "King Sejong Institutes" in key.rivals
    assert not typed_answers.grade("King Sejong Institutes", key).correct


def test_the_prompt_never_shows_the_answer():
    fact = entity_fact(answer="Korea Foundation", statement="The Korea Foundation funds chairs of Korean studies.")
    [question] = build_quiz(
        selection=Selection(fact_ids=(fact.pk,), question_types=(QuestionType.TYPED,), count=1), seed=2
    )
    assert "Korea Foundation" not in question.prompt and "_____" in question.prompt


def test_a_phrase_fact_gets_no_typed_question():
    fact = FactFactory(
        kind=Fact.Kind.PHRASE, category=None, answer="a shared past", statement="They share a shared past."
    )
    with pytest.raises(CannotBuild):
        typed_question(load_fact_data([fact.pk])[fact.pk])


def test_a_list_membership_fact_gets_no_typed_question():
    fact = entity_fact(answer="Samsung", multiple_choice=False, statement="Samsung is one of the chaebol present.")
    with pytest.raises(CannotBuild):
        typed_question(load_fact_data([fact.pk])[fact.pk])


def test_the_stored_key_is_frozen_with_the_question():
    fact = entity_fact(answer="Korea Foundation", statement="The Korea Foundation funds chairs of Korean studies.")
    built = build_quiz(selection=Selection(fact_ids=(fact.pk,), question_types=(QuestionType.TYPED,), count=1), seed=3)
    attempts.store_quiz(owner=UserFactory(), title="t", built=built, question_types=["typed"], seed=3)
    Fact.objects.filter(pk=fact.pk).update(answer="Korea Fund", statement="The Korea Fund funds chairs.")
    stored = Question.objects.get()
    assert stored.options == [] and stored.typed_key().answer == "Korea Foundation"


def typed_quiz_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        assert build_quiz(selection=TYPED, seed=7)
    return len(queries)


# A window of candidates (two queries when it wraps around), snapshots, countries, authors, the family
# windows, the typed keys (the facts, their claims, their categories' names) and the citations.
TYPED_QUIZ_QUERIES = 12


@pytest.mark.parametrize("size", [20, 400])
def test_building_typed_questions_costs_a_bounded_number_of_queries(size):
    for n in range(size):
        entity_fact(answer=f"Agency {n}")
    assert typed_quiz_queries() <= TYPED_QUIZ_QUERIES
