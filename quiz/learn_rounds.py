"""Learn mode: a round of up to ten facts, each recognised (multiple choice) and then recalled (typed).

A round's facts are the topic's due facts, most overdue first, then new ones, in the order flashcards
study them (`flashcards.due_then_new`), kept to facts that make both a multiple-choice question (the
generator) and a typed one (`typed_answers.can_type`). Both questions are frozen when the round starts.

The round is a queue: the open item with the lowest `queue` is asked now, and an answered item goes to the
back. A right choice moves a fact on to typing, a right typed answer finishes it; a wrong answer keeps it
at its stage, so it comes back later in the round, after every other open fact (next only when it is the
last one left). The round finishes when every fact was typed right once (a database constraint holds it
to that).

Every answer reviews the fact's one FSRS memory state, as quizzes and flashcards do:
- multiple choice: right Good, wrong Again;
- typed: wrong Again; right after a hint Hard; right with no miss of this fact in the round and no hint
  Easy (recognised and recalled at the first try: Anki's "easy"); right otherwise Good.
"I was right" after a wrong typed verdict (Learn is practice) puts the fact's memory back as it was
before that answer's Again and reviews it as the right answer would have been (Good, or Hard after a
hint), finishing the fact for the round; if the fact was reviewed elsewhere in between, the review goes
on top of that one instead.

Writes are guarded like the quiz player's: every form carries the round's `turn`, and a change is made
only by the conditional UPDATE that moves the round from that turn to the next, in one transaction with
the rest of its writes, so a replay, a stale tab or a double click changes nothing (LearnConflict).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q
from django.utils.dateparse import parse_datetime

from content.models import Country, Fact, Theme
from quiz import attempts, flashcards, generator
from quiz.models import (
    ROUND_SIZE_MAX,
    LearnAnswer,
    LearnItem,
    LearnRound,
    LearnStage,
    MemoryState,
    QuestionType,
)
from quiz.scheduling import Rating, StaleReview, rating_for_answer, review_facts
from quiz.typed_answers import TYPED_KINDS, TypedKey, can_type, grade
from quiz.typed_keys import typed_keys_for
from quiz.typed_overrides import record_override

# Facts read from the topic's queue to find ten that make both questions (some make neither).
CANDIDATES = 3 * ROUND_SIZE_MAX
# What an "I was right" puts back: the memory state's fields an answer's review changes.
MEMORY_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


class NothingToLearn(Exception):
    """No fact of the topic is due or new and makes both questions (the message says what to do)."""


class LearnConflict(Exception):
    """The round is not where the form thought it was (409): nothing was written."""


STALE = (
    "That step was already answered (in another tab, by a double click or a resubmitted page). "
    "Nothing was changed; carry on from where the round stands."
)


def topic_title(*, countries: Sequence[Country], themes: Sequence[Theme]) -> str:
    where = ", ".join(country.name for country in countries) or "All countries"
    what = ", ".join(theme.name for theme in themes) or "all themes"
    return f"{where} · {what}"[:200]


def choose_facts(
    *, learner: AbstractBaseUser, countries: Sequence[Country], themes: Sequence[Theme], now: datetime.datetime
) -> list[Fact]:
    """Up to CANDIDATES facts of the topic whose kind can be typed, due first then new (at most three queries)."""
    return flashcards.due_then_new(
        learner=learner,
        deck=flashcards.deck(countries=countries, themes=themes),
        now=now,
        limit=CANDIDATES,
        where=Q(kind__in=TYPED_KINDS, multiple_choice=True),
    )


@transaction.atomic
def start_round(
    *,
    learner: AbstractBaseUser,
    countries: Sequence[Country],
    themes: Sequence[Theme],
    now: datetime.datetime,
    seed: int | None = None,
) -> LearnRound:
    """A new round on the topic: up to ten facts in FSRS order, each with its two questions frozen."""
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    candidates = choose_facts(learner=learner, countries=countries, themes=themes, now=now)
    facts = {fact.pk: fact for fact in candidates}
    typeable = [fact.pk for fact in candidates if can_type(fact)]
    built = (
        generator.build_quiz(
            selection=generator.Selection(
                fact_ids=tuple(typeable), question_types=(QuestionType.CHOICE,), count=max(1, len(typeable))
            ),
            seed=seed,
        )
        if typeable
        else []
    )
    by_fact = {question.fact_ids[0]: question for question in built}
    chosen = [fact_id for fact_id in typeable if fact_id in by_fact][:ROUND_SIZE_MAX]
    if not chosen:
        raise NothingToLearn(
            "Nothing in this topic is due or new and can be both recognised and typed: "
            "choose more countries or themes, or come back when your cards are due."
        )
    frozen = attempts.frozen_fields_of([by_fact[fact_id] for fact_id in chosen])
    keys = typed_keys_for(facts[fact_id] for fact_id in chosen)
    round_ = LearnRound.objects.create(
        learner=learner,
        title=topic_title(countries=countries, themes=themes),
        item_count=len(chosen),
        next_queue=len(chosen),
    )
    round_.countries.set(countries)
    round_.themes.set(themes)
    LearnItem.objects.bulk_create(
        LearnItem(
            round=round_,
            fact_id=fact_id,
            position=position,
            queue=position,
            prompt=fields["prompt"],
            options=fields["options"],
            key=fields["key"],
            also_accepted=fields["also_accepted"],
            typed_key=keys[fact_id].to_json(),
            statement=fields["statements"][0] if fields["statements"] else "",
            notes=fields["notes"],
            citations=fields["citations"],
        )
        for position, (fact_id, fields) in enumerate(zip(chosen, frozen, strict=True))
    )
    return round_


def current_item(*, round_: LearnRound) -> LearnItem | None:
    """The item asked now: the open one first in the queue (None once the round is finished). One query."""
    if round_.is_finished:
        return None
    return round_.items.exclude(stage=LearnStage.DONE).order_by("queue").first()


def typed_rating(*, item: LearnItem, correct: bool) -> Rating:
    """The quiz player's rule (`rating_for_answer`), and Easy for a fact typed right first time unhelped."""
    if correct and not item.hinted and item.misses == 0:
        return Rating.Easy
    return rating_for_answer(correct=correct, hinted=item.hinted)


def _move_round(*, round_: LearnRound, turn: int, done: bool, now: datetime.datetime) -> bool:
    """The guarded UPDATE: move the open round from `turn` to the next, counting a finished fact."""
    finishing = done and round_.done_count + 1 == round_.item_count
    moved = LearnRound.objects.filter(pk=round_.pk, turn=turn, finished_at__isnull=True).update(
        turn=F("turn") + 1,
        next_queue=F("next_queue") + 1,
        done_count=F("done_count") + int(done),
        finished_at=now if finishing else None,
    )
    if moved:
        # The row moved exactly one turn from where it was read, so these are its values now.
        round_.turn += 1
        round_.next_queue += 1
        round_.done_count += int(done)
        round_.finished_at = now if finishing else None
    return bool(moved)


def _memory_before(*, learner: AbstractBaseUser, fact_id: int) -> dict | None:
    return MemoryState.objects.filter(learner=learner, fact_id=fact_id).values(*MEMORY_FIELDS).first()


@transaction.atomic
def answer_item(
    *,
    learner: AbstractBaseUser,
    round_: LearnRound,
    item: LearnItem,
    turn: int,
    now: datetime.datetime,
    option: int | None = None,
    text: str | None = None,
) -> LearnAnswer:
    """Grade the answer to the round's current item, move the item on (or to the back), review the fact.

    The caller validated the answer's shape (an option of the item's question, or text within
    MAX_TYPED_LENGTH) and read `item` as the round's current item at `turn`. LearnConflict if the round
    moved on since (or is finished): then nothing is written.
    """
    if round_.learner_id != learner.pk or item.round_id != round_.pk:
        raise PermissionError("a round is answered by its own learner only")
    if item.stage == LearnStage.DONE or turn != round_.turn:
        raise LearnConflict(STALE)
    typed = item.stage == LearnStage.TYPED
    spelling, memory_before = "", None
    if typed:
        verdict = grade(text or "", TypedKey.from_json(item.typed_key))
        correct, spelling = verdict.correct, verdict.spelling
        rating = typed_rating(item=item, correct=correct)
    else:
        correct = option in item.key
        rating = Rating.Good if correct else Rating.Again
    done = typed and correct
    queue = round_.next_queue
    if not _move_round(round_=round_, turn=turn, done=done, now=now):
        raise LearnConflict(STALE)
    if typed and not correct:
        memory_before = _memory_before(learner=learner, fact_id=item.fact_id)
    next_stage = (LearnStage.DONE if typed else LearnStage.TYPED) if correct else item.stage
    LearnItem.objects.filter(pk=item.pk).update(
        stage=next_stage, queue=queue, tries=F("tries") + 1, misses=F("misses") + int(not correct), hinted=False
    )
    answer = LearnAnswer.objects.create(
        round=round_,
        item=item,
        turn=turn,
        stage=item.stage,
        option=None if typed else option,
        given=(text or "") if typed else "",
        correct=correct,
        hinted=item.hinted and typed,
        spelling=spelling if correct else "",
        rating=int(rating),
        memory_before=memory_before,
        answered_at=now,
    )
    try:
        review_facts(learner=learner, ratings={item.fact_id: rating}, now=now)
    except StaleReview as busy:  # the fact kept being reviewed by other requests: undo the answer too
        raise LearnConflict(str(busy)) from busy
    item.stage, item.queue, item.hinted = next_stage, queue, False
    item.tries += 1
    item.misses += int(not correct)
    return answer


@transaction.atomic
def show_hint(*, round_: LearnRound, item: LearnItem, turn: int) -> None:
    """Record that the learner asked for a hint on the pending typed step (a right answer then counts Hard;
    `item.hint_text` is the hint). Asking twice records it once. LearnConflict if the step is no longer the
    current one, including when an answer moved the round on between the read and this write."""
    if round_.is_finished or turn != round_.turn or item.stage != LearnStage.TYPED:
        raise LearnConflict(STALE)
    recorded = LearnItem.objects.filter(
        pk=item.pk, stage=LearnStage.TYPED, hinted=False, round__turn=turn, round__finished_at__isnull=True
    ).update(hinted=True, hints=F("hints") + 1)
    if not recorded and not LearnRound.objects.filter(pk=round_.pk, turn=turn, finished_at__isnull=True).exists():
        raise LearnConflict(STALE)
    if not item.hinted:
        item.hinted, item.hints = True, item.hints + 1


def can_override(*, round_: LearnRound, answer: LearnAnswer) -> bool:
    """ "I was right" is offered once, on a wrong typed verdict, while it is the round's latest change."""
    return (
        answer.is_typed
        and not answer.correct
        and not answer.overridden
        and not round_.is_finished
        and answer.turn + 1 == round_.turn
    )


def _restore_memory(*, learner: AbstractBaseUser, fact_id: int, before: dict | None) -> None:
    """Put the fact's memory back as it was before a wrong answer's Again, if nobody reviewed it since."""
    reps_after = (before["reps"] if before else 0) + 1
    latest = MemoryState.objects.filter(learner=learner, fact_id=fact_id, reps=reps_after)
    if before is None:
        latest.delete()
        return
    restored = dict(before)
    for field in ("due", "last_review"):
        if isinstance(restored[field], str):
            restored[field] = parse_datetime(restored[field])
    latest.update(**restored)


@transaction.atomic
def override(
    *, learner: AbstractBaseUser, round_: LearnRound, answer: LearnAnswer, turn: int, now: datetime.datetime
) -> LearnAnswer:
    """ "I was right": the wrong typed verdict counts as right for the round (the fact is done), the fact's
    memory is reviewed as a right answer instead of Again, and the text is recorded for an editor
    (`typed_overrides.record_override`). Once per answer, only on the round's latest answer; else
    LearnConflict and nothing is written."""
    if round_.learner_id != learner.pk or answer.round_id != round_.pk:
        raise PermissionError("a round's answers are overridden by its own learner only")
    if turn != round_.turn or not can_override(round_=round_, answer=answer):
        raise LearnConflict("“I was right” is only for the typed answer just marked wrong, and only once.")
    if not _move_round(round_=round_, turn=turn, done=True, now=now):
        raise LearnConflict(STALE)
    if not LearnAnswer.objects.filter(pk=answer.pk, overridden=False).update(overridden=True):
        raise LearnConflict(STALE)
    LearnItem.objects.filter(pk=answer.item_id).update(stage=LearnStage.DONE, misses=F("misses") - 1, overridden=True)
    _restore_memory(learner=learner, fact_id=answer.item.fact_id, before=answer.memory_before)
    rating = Rating.Hard if answer.hinted else Rating.Good
    try:
        review_facts(learner=learner, ratings={answer.item.fact_id: rating}, now=now)
    except StaleReview as busy:
        raise LearnConflict(str(busy)) from busy
    record_override(learner=learner, fact=answer.item.fact, text=answer.given)
    answer.overridden = True
    return answer
