"""build_quiz: the requested mix from the chosen topic, no fact twice, reproducible, bounded queries."""

import datetime

import pytest

from quiz.generator import QuestionType, Selection, build_quiz
from quiz.generator.text import norm
from tests.factories import CitationFactory, CountryFactory, ThemeFactory
from tests.generator.banks import entity_fact, event_fact

pytestmark = pytest.mark.django_db

ALL_TYPES = tuple(QuestionType.all)


def make_bank(size: int, *, countries=None, themes=None) -> list:
    """`size` organisation facts and as many dated ones, spread over years."""
    facts = []
    for n in range(size):
        facts.append(entity_fact(answer=f"Agency {n}", countries=countries, themes=themes))
        year = 1950 + (n * 7) % 70
        facts.append(
            event_fact(
                event_date=datetime.date(year, 1, 1),
                answer=str(year),
                event=f"Milestone {n} reached",
                statement=f"Milestone {n} was reached in {year}.",
                countries=countries,
                themes=themes,
            )
        )
    return facts


def test_same_seed_gives_the_same_quiz():
    make_bank(15)
    selection = Selection(question_types=ALL_TYPES, count=8)
    first = build_quiz(selection=selection, seed=42)
    second = build_quiz(selection=selection, seed=42)
    assert [(q.type, q.prompt, q.options, q.items) for q in first] == [
        (q.type, q.prompt, q.options, q.items) for q in second
    ]


def test_different_seeds_give_different_quizzes():
    make_bank(15)
    selection = Selection(question_types=ALL_TYPES, count=8)
    assert [q.prompt for q in build_quiz(selection=selection, seed=1)] != [
        q.prompt for q in build_quiz(selection=selection, seed=2)
    ]


def test_no_fact_is_used_twice_in_one_quiz():
    make_bank(20)
    for seed in range(10):
        questions = build_quiz(selection=Selection(question_types=ALL_TYPES, count=10), seed=seed)
        used = [fact_id for q in questions for fact_id in q.fact_ids]
        assert len(used) == len(set(used))


def test_the_requested_mix_is_built():
    make_bank(20)
    questions = build_quiz(selection=Selection(question_types=ALL_TYPES, count=10), seed=3)
    assert len(questions) == 10
    assert {q.type for q in questions} == set(ALL_TYPES)
    # Ten questions over five types: two of each.
    assert sum(q.type == QuestionType.TIMELINE for q in questions) == 2
    assert sum(q.type == QuestionType.TYPED for q in questions) == 2


def test_only_facts_of_the_chosen_countries_and_themes_are_asked():
    kz, uz = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    hallyu, aid = ThemeFactory(slug="hallyu"), ThemeFactory(slug="aid")
    wanted = {f.pk for f in make_bank(6, countries=[kz], themes=[hallyu])}
    make_bank(6, countries=[uz], themes=[hallyu])
    make_bank(6, countries=[kz], themes=[aid])
    selection = Selection(country_ids=(kz.pk,), theme_ids=(hallyu.pk,), question_types=ALL_TYPES, count=6)
    for seed in range(5):
        for question in build_quiz(selection=selection, seed=seed):
            assert set(question.fact_ids) <= wanted


def test_retired_facts_are_never_asked():
    facts = make_bank(8)
    retired = {f.pk for f in facts[::2]}
    for fact in facts[::2]:
        fact.is_active = False
        fact.save()
    for seed in range(5):
        for question in build_quiz(selection=Selection(question_types=ALL_TYPES, count=4), seed=seed):
            assert not set(question.fact_ids) & retired


def test_every_question_carries_its_citations():
    fact = entity_fact(answer="KOICA", statement="Aid is run by KOICA.", cited=False)
    CitationFactory(fact=fact, locator="Table 2", quote="KOICA runs aid", source__short_name="Oh 2021")
    for name in ("KOTRA", "KOFIH", "NIIED"):
        entity_fact(answer=name)
    questions = build_quiz(selection=Selection(fact_ids=(fact.pk,), count=1), seed=0)
    assert [(c.source, c.locator, c.quote) for c in questions[0].citations] == [
        ("Oh 2021", "Table 2", "KOICA runs aid")
    ]


def test_quiz_leans_toward_facts_the_learner_has_not_mastered():
    facts = make_bank(20)
    choice_facts = [f for f in facts if f.kind == "organisation"]
    mastered = {f.pk for f in choice_facts[:10]}
    mastery = {pk: 1.0 for pk in mastered}
    asked_mastered = asked_new = 0
    for seed in range(30):
        for question in build_quiz(selection=Selection(count=5), seed=seed, mastery=mastery):
            if question.fact_ids[0] in mastered:
                asked_mastered += 1
            else:
                asked_new += 1
    assert asked_new > 3 * asked_mastered


@pytest.mark.parametrize("size", [50, 500])
def test_query_count_does_not_grow_with_the_bank(size, django_assert_max_num_queries):
    make_bank(size)
    with django_assert_max_num_queries(16):
        questions = build_quiz(selection=Selection(question_types=ALL_TYPES, count=20), seed=5)
    assert len(questions) == 20


def test_distractors_come_from_the_whole_bank_not_the_selection():
    kz, uz = CountryFactory(slug="kazakhstan"), CountryFactory(slug="uzbekistan")
    asked = entity_fact(answer="KOICA", statement="Aid is run by KOICA.", countries=[kz])
    others = {entity_fact(answer=name, countries=[uz]).answer for name in ("KOTRA", "KOFIH", "NIIED")}
    (question,) = build_quiz(selection=Selection(country_ids=(kz.pk,), count=1), seed=0)
    assert question.fact_ids == [asked.pk]
    assert {o.text for o in question.options if not o.is_correct} == others


def test_distractors_are_answers_of_the_same_category_only():
    entity_fact(answer="KOICA", statement="Aid is run by KOICA.", slug="agency")
    agencies = {entity_fact(answer=name, slug="agency").answer for name in ("KOTRA", "KOFIH", "NIIED")}
    for name in ("Seoul", "Tashkent", "Almaty", "Busan"):
        entity_fact(answer=name, slug="city", kind="place")
    for seed in range(10):
        for question in build_quiz(selection=Selection(count=5), seed=seed):
            texts = {o.text for o in question.options}
            assert texts <= agencies | {"KOICA"} or texts <= {"Seoul", "Tashkent", "Almaty", "Busan"}


def test_a_facts_curated_distractors_come_before_answers_of_its_category():
    curated = ["KOTRA", "KOFIH", "NIIED"]
    asked = entity_fact(answer="KOICA", statement="Aid is run by KOICA.", distractors=curated)
    for name in ("EDCF", "KEXIM", "KDI", "KISDI", "KOMIPO", "KEPCO"):
        entity_fact(answer=name)
    for seed in range(5):
        (question,) = build_quiz(selection=Selection(fact_ids=(asked.pk,), count=1), seed=seed)
        assert {o.text for o in question.options if not o.is_correct} == set(curated)


def test_no_event_is_asked_twice_in_one_quiz_even_from_two_facts():
    for n in range(12):
        year = 1960 + 5 * n
        for copy in range(2):
            event_fact(
                event_date=datetime.date(year + copy, 1, 1),
                answer=str(year + copy),
                event=f"Milestone {n} reached",
                statement=f"Milestone {n} was reached in {year + copy}.",
            )
    for seed in range(15):
        questions = build_quiz(selection=Selection(question_types=ALL_TYPES, count=6), seed=seed)
        asked = [norm(label) for q in questions for label in ([q.prompt] if q.type == "event_year" else [])]
        labels = [norm(item.label) for q in questions for item in q.items]
        labels += [norm(o.text) for q in questions if q.type == "year_event" for o in q.options if o.is_correct]
        labels += [label.removeprefix("in which year ") for label in asked]
        assert len(labels) == len(set(labels)), labels
