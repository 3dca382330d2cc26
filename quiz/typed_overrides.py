"""Learners' "I was right" on typed answers, and what an admin does with them: add the text as an alias of
the fact (closing every open override that typed the same thing) or dismiss it.

The caller checks when a learner may override (in practice only, after a wrong verdict); the database
keeps it to once per learner and question.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from content.models import Fact
from quiz.models import Question, TypedOverride
from quiz.typed_answers import MAX_TYPED_LENGTH, compact, normalise


class OverrideRefused(ValueError):
    """The text cannot be recorded (empty, or longer than a typed answer may be)."""


class AliasRefused(ValueError):
    """The text names another fact's answer of the same category: it is a wrong answer, not an alias."""


@transaction.atomic
def record_override(
    *, learner, fact: Fact, text: str, question: Question | None = None, origin: str = ""
) -> TypedOverride:
    """Store a learner's override of a wrong verdict; from a question unless `origin` says learn/flashcards.

    A second override of the same question by the same learner raises IntegrityError (the constraint).
    """
    text = " ".join(text.split())
    if not normalise(text) or len(text) > MAX_TYPED_LENGTH:
        raise OverrideRefused(f"An override needs the answer typed, at most {MAX_TYPED_LENGTH} characters.")
    origin = origin or (TypedOverride.Origin.QUESTION if question is not None else TypedOverride.Origin.LEARN)
    return TypedOverride.objects.create(
        learner=learner, fact=fact, question=question, origin=origin, text=text, normalised=normalise(text)
    )


@transaction.atomic
def add_alias(*, override: TypedOverride) -> int:
    """Add the override's text to its fact's aliases, and mark it and every open override of the fact with the
    same normalised text aliased. Returns how many overrides were closed. The fact row is locked so two
    admins adding aliases at once both land. Raises AliasRefused, changing nothing, when the text names
    another answer of the fact's category (the learner was wrong: dismiss it)."""
    fact = Fact.objects.select_for_update().get(pk=override.fact_id)
    _refuse_a_rival(fact, override.text)
    if not any(normalise(name) == override.normalised for name in (fact.answer, *fact.aliases)):
        fact.aliases = [*fact.aliases, override.text]
        fact.save(update_fields=["aliases", "updated_at"])
    # This override however it stands (an admin may alias one dismissed before), and every open one alike.
    same = Q(fact=fact, normalised=override.normalised, status=TypedOverride.Status.OPEN) | Q(pk=override.pk)
    return (
        TypedOverride.objects.filter(same)
        .exclude(status=TypedOverride.Status.ALIASED)
        .update(status=TypedOverride.Status.ALIASED)
    )


def _refuse_a_rival(fact: Fact, text: str) -> None:
    """The seeds' rule for aliases: never a name of another thing of the fact's category."""
    if fact.category_id is None:
        return
    typed, own = compact(text), compact(fact.answer)
    others = Fact.objects.active().filter(category_id=fact.category_id).exclude(pk=fact.pk)
    for key, answer, aliases in others.values_list("key", "answer", "aliases"):
        if compact(answer) != own and typed in {compact(name) for name in (answer, *(aliases or ()))}:
            raise AliasRefused(f"{text!r} names the answer of {key}, another {fact.category.name.lower()}.")


@transaction.atomic
def dismiss(*, override: TypedOverride) -> bool:
    """Dismiss an open override (its learner keeps the credit). False if it was no longer open."""
    return bool(
        TypedOverride.objects.filter(pk=override.pk, status=TypedOverride.Status.OPEN).update(
            status=TypedOverride.Status.DISMISSED
        )
    )
