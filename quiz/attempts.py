"""Practice quizzes and attempts: start one, answer its questions, finish or abandon it.

The answer path is guarded like Moodle's: every answer form carries the step it
was rendered at, and an answer is stored only by the conditional update that
moves the attempt from that step to the next. A stale tab, a replay, a double
click or an answer after finishing matches no row and changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from content.models import Country, Fact, Theme
from quiz import generator, sql, typed_answers
from quiz.generator import Selection, norm
from quiz.models import Answer, Attempt, MemoryState, Question, QuestionFact, QuestionType, Quiz, mastery_expression
from quiz.regrading import regrade_if_changed
from quiz.review import review_attempt
from quiz.scheduling import StaleReview, rating_for_answer, review_facts_noting_before


class NoQuestions(Exception):
    """The selection yields no question at all."""


class AnswerConflict(Exception):
    """The attempt is not where the form thought it was (409): nothing was written."""


class AttemptClosed(Exception):
    """The attempt was finished or abandoned already (a second click, another tab): nothing changed."""


def practice_title(*, countries: Sequence[Country], themes: Sequence[Theme], count: int) -> str:
    where = ", ".join(country.name for country in countries) or "All countries"
    what = ", ".join(theme.name for theme in themes) or "all themes"
    return f"{where} · {what} ({count} questions)"[:200]


def _stored_fields(question: generator.GeneratedQuestion, facts: dict[int, tuple[str, str]]) -> dict:
    """A generated question as stored: texts shown, the key kept server-side, feedback frozen.

    `facts` maps a fact id to its statement and learner note (`_feedback_texts`).
    """
    fields = {
        "type": question.type,
        "prompt": question.prompt,
        "fact_ids": question.fact_ids,
        "statements": [facts[fact_id][0] for fact_id in question.fact_ids if fact_id in facts],
        "notes": [facts[fact_id][1] for fact_id in question.fact_ids if facts.get(fact_id, ("", ""))[1]],
        "citations": [
            {"source": ref.source, "locator": ref.locator, "quote": ref.quote, "claim_answer": ref.claim_answer}
            for ref in question.citations
        ],
        "also_accepted": question.also_accepted,
    }
    if question.type == generator.QuestionType.TIMELINE:
        fields["options"] = [item.label for item in question.items]
        fields["item_dates"] = [item.display_date for item in question.items]
        fields["key"] = question.correct_order
    elif question.type == generator.QuestionType.TYPED:
        if question.typed_key is None:
            raise ValueError("a typed question is stored with its key (generator.attach_typed_keys)")
        fields["options"] = []
        fields["key"] = question.typed_key.to_json()
    else:
        # Every option a cited source supports is right, not only the primary answer.
        accepted = {norm(text) for text in question.also_accepted}
        fields["options"] = [option.text for option in question.options]
        if question.type == generator.QuestionType.YEAR_EVENT:
            fields["item_dates"] = [option.date_text for option in question.options]
        fields["key"] = [
            index for index, option in enumerate(question.options) if option.is_correct or norm(option.text) in accepted
        ]
    return fields


def _feedback_texts(fact_ids) -> dict[int, tuple[str, str]]:
    """Each fact's statement and learner note, in one query: what feedback shows beside the answer."""
    rows = Fact.objects.filter(pk__in=fact_ids).values_list("pk", "statement", "learner_note")
    return {pk: (statement, note) for pk, statement, note in rows}


def frozen_fields(question: generator.GeneratedQuestion) -> dict:
    """A generated question's stored fields (its statements read from the bank): to replace one in place."""
    return frozen_fields_of([question])[0]


def frozen_fields_of(questions: Sequence[generator.GeneratedQuestion]) -> list[dict]:
    """Generated questions' stored fields, their statements read in one query (Learn mode freezes a round's)."""
    facts = _feedback_texts({fact_id for question in questions for fact_id in question.fact_ids})
    return [_stored_fields(question, facts) for question in questions]


@transaction.atomic
def start_practice(
    *,
    learner: AbstractBaseUser,
    countries: Sequence[Country],
    themes: Sequence[Theme],
    question_types: Sequence[str],
    count: int,
    seed: int | None = None,
) -> Attempt:
    """Build a quiz for the selection (leaning toward facts the learner has not mastered) and open an attempt."""
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    selection = Selection(
        country_ids=tuple(country.pk for country in countries),
        theme_ids=tuple(theme.pk for theme in themes),
        question_types=tuple(question_types),
        count=count,
    )
    mastery = dict(
        MemoryState.objects.filter(learner=learner)
        .annotate(mastery=mastery_expression())
        .values_list("fact_id", "mastery")
    )
    built = generator.build_quiz(selection=selection, seed=seed, mastery=mastery)
    if not built:
        raise NoQuestions("No question can be built from this selection: choose more countries, themes or types.")
    quiz = store_quiz(
        owner=learner,
        title=practice_title(countries=countries, themes=themes, count=len(built)),
        built=built,
        question_types=question_types,
        seed=seed,
        countries=countries,
        themes=themes,
    )
    return Attempt.objects.create(quiz=quiz, learner=learner, question_count=len(built))


# The forms a missed fact is asked in again, tried in this order: the dated forms ask the same fact from
# another side, multiple choice is what most facts can always be. A timeline is left out: it mixes facts.
RETRY_FORMS = (QuestionType.EVENT_YEAR, QuestionType.YEAR_EVENT, QuestionType.CHOICE)


@transaction.atomic
def start_missed_practice(*, learner: AbstractBaseUser, attempt: Attempt, seed: int | None = None) -> Attempt:
    """A new quiz on exactly the facts the closed `attempt` missed, each asked in another form where the generator
    can build one (else in the form it was missed in); facts no question can be built for are left to flashcards.

    Every generator call of the missed-facts quiz is here: one per form over the facts not missed in that form,
    then one per form over the facts still left that were missed in it, at most six."""
    if attempt.learner_id != learner.pk:
        raise PermissionError("an attempt's missed facts are practised by its own learner only")
    review = review_attempt(attempt=attempt)
    missed = review.missed_fact_ids
    if not missed:
        raise NoQuestions("Nothing was missed in this quiz, so there is nothing to practise again.")
    missed_in = {fact_id: row.question.type for row in review.rows for fact_id in row.missed}
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    built: list[generator.Question] = []
    placed: set[int] = set()
    for other_form in (True, False):
        for form in RETRY_FORMS:
            wanted = tuple(
                fact_id for fact_id in missed if fact_id not in placed and (missed_in[fact_id] != form) == other_form
            )
            if not wanted:
                continue
            selection = Selection(fact_ids=wanted, question_types=(form,), count=len(wanted))
            for question in generator.build_quiz(selection=selection, seed=seed):
                built.append(question)
                placed.update(question.fact_ids)
    if not built:
        raise NoQuestions("No question can be built from the facts you missed: study them as flashcards instead.")
    random.Random(seed).shuffle(built)
    quiz = store_quiz(
        owner=learner,
        title=f"Practice: missed in {attempt.quiz.title}"[:200],
        built=built,
        question_types=sorted({question.type for question in built}, key=QuestionType.all.index),
        seed=seed,
        countries=list(attempt.quiz.countries.all()),
        themes=list(attempt.quiz.themes.all()),
    )
    return Attempt.objects.create(quiz=quiz, learner=learner, question_count=len(built))


@transaction.atomic
def store_quiz(
    *,
    owner: AbstractBaseUser,
    title: str,
    built: Sequence[generator.GeneratedQuestion],
    question_types: Sequence[str],
    seed: int,
    countries: Sequence[Country] = (),
    themes: Sequence[Theme] = (),
) -> Quiz:
    """Freeze generated questions as a quiz: their keys, statements and citations, linked to their facts."""
    quiz = Quiz.objects.create(owner=owner, title=title, question_types=list(question_types), seed=seed)
    quiz.countries.set(countries)
    quiz.themes.set(themes)
    fact_ids = {fact_id for question in built for fact_id in question.fact_ids}
    facts = _feedback_texts(fact_ids)
    questions = Question.objects.bulk_create(
        Question(quiz=quiz, position=position, **_stored_fields(question, facts))
        for position, question in enumerate(built)
    )
    QuestionFact.objects.bulk_create(
        QuestionFact(question=question, fact_id=fact_id) for question in questions for fact_id in question.fact_ids
    )
    return quiz


@transaction.atomic
def record_answer(
    *,
    learner: AbstractBaseUser,
    attempt: Attempt,
    question: Question,
    given: int | list[int] | str,
    now: datetime.datetime,
) -> Answer:
    """Grade and store an answer to the attempt's current question, and feed each fact's memory state.

    `given` has been validated against the question (an option of it, a permutation of its items, or a
    typed text within MAX_TYPED_LENGTH). The attempt moves on only if it is still open and still at this
    question; otherwise AnswerConflict, and nothing is written. A typed answer is graded here, on the
    server, against the key frozen with the question; a right one after the hint was revealed at this
    step is reviewed as Hard.
    """
    if attempt.learner_id != learner.pk:
        raise PermissionError("an attempt is answered by its own learner only")
    if question.quiz_id != attempt.quiz_id:
        raise AnswerConflict("That question is not part of this attempt.")
    typed = {}
    if question.is_typed:
        verdict = typed_answers.grade(given, question.typed_key())
        typed = {
            "text": given,
            "hinted": attempt.hinted_step == question.position,
        }
        given = {"matched": verdict.matched, "spelling": verdict.spelling}
        score = 1.0 if verdict.correct else 0.0
    else:
        score = question.grade(given)
    is_correct = score == 1.0
    # The answer keeps its grade; a question the teacher dropped from scoring adds nothing to the attempt.
    counted = question.dropped_at is None
    moved = sql.move_attempt_past(
        attempt_id=attempt.pk,
        position=question.position,
        score=score if counted else 0.0,
        correct=is_correct and counted,
        now=now,
    )
    if not moved:
        raise AnswerConflict(conflict_message(attempt))
    answer = Answer(
        attempt=attempt, question=question, given=given, score=score, is_correct=is_correct, answered_at=now, **typed
    )
    recalled = answer.facts_recalled()
    hinted = typed.get("hinted", False)
    try:
        _, before = review_facts_noting_before(
            learner=learner,
            ratings={fact_id: rating_for_answer(correct=ok, hinted=hinted) for fact_id, ok in recalled.items()},
            now=now,
        )
    except StaleReview as busy:  # the facts kept being reviewed by other requests: undo the answer too
        raise AnswerConflict(str(busy)) from busy
    if question.is_typed and not is_correct:
        # What "I was right" puts back before re-rating the review as Good (answer_overrides).
        answer.memory_before = before[question.fact_ids[0]]
    sql.insert_answer(answer)
    # Holding the attempt's row now: a drop or restore that committed since the question was read is seen
    # here, and the attempt is recomputed from its answers, this one included (quiz.question_drops explains
    # the interleavings).
    regraded = regrade_if_changed(attempt_id=attempt.pk, question_id=question.pk, counted=counted)
    # The row moved exactly one step from where we read it, so these are its values now.
    attempt.step += 1
    attempt.last_answered_at = now
    if regraded:
        attempt.refresh_from_db(fields=["score", "correct_count", "dropped_count"])
    else:
        attempt.score += score if counted else 0.0
        attempt.correct_count += int(is_correct and counted)
    return answer


def conflict_message(attempt: Attempt) -> str:
    if not attempt.is_open:
        return f"This attempt is already {attempt.get_state_display().lower()}: answers can no longer change."
    return (
        "That question has already been answered (in another tab, by a double click or a resubmitted page). "
        "Nothing was changed; carry on from the current question."
    )


def close_attempt(*, attempt: Attempt, state: str, now: datetime.datetime) -> None:
    """Finish or abandon an open attempt, once: a second request changes nothing (AttemptClosed)."""
    closed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(state=state, finished_at=now)
    if not closed:
        attempt.refresh_from_db(fields=["state"])
        raise AttemptClosed(conflict_message(attempt))
    attempt.state, attempt.finished_at = state, now
