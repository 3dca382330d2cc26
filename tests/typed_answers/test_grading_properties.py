"""Properties of the grader: normalisation is idempotent; the answer and every alias and claim are always
right; no other answer of the category is ever right. Over the real bank and over synthetic keys."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import Fact
from quiz.typed_answers import TypedKey, can_type, compact, edit_distance, grade, normalise
from quiz.typed_keys import typed_keys_for

NAME = st.text(alphabet=st.characters(whitelist_categories=["Lu", "Ll"]), min_size=1, max_size=12)
NAMES = st.lists(NAME, min_size=1, max_size=3).map(" ".join)
# What a learner may change without changing the answer: case, dashes for spaces, quotes, a leading "the".
VARIATIONS = [
    str.upper,
    str.lower,
    lambda text: text.replace(" ", "-"),
    lambda text: f"  \u201c{text}\u201d ",
    lambda text: f"The {text}",
    lambda text: f"{text}.",
]


@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing(text):
    assert normalise(normalise(text)) == normalise(text)


@given(NAMES, st.sampled_from(VARIATIONS))
def test_a_name_is_right_however_it_is_cased_or_punctuated(answer, vary):
    key = TypedKey(kind="organisation", answer=answer)
    assert grade(vary(answer), key).correct


@given(NAMES, st.lists(NAMES, max_size=4), st.lists(NAMES, min_size=1, max_size=5), st.sampled_from(VARIATIONS))
def test_no_rival_is_ever_right_however_it_is_typed(answer, aliases, rivals, vary):
    accepted = {compact(name) for name in (answer, *aliases)}
    rivals = [rival for rival in rivals if compact(rival) not in accepted]
    key = TypedKey(kind="organisation", answer=answer, aliases=tuple(aliases), rivals=tuple(rivals))
    for rival in rivals:
        assert not grade(vary(rival), key).correct or compact(vary(rival)) in accepted


@pytest.fixture(scope="module")
def real_keys(_real_bank_module, django_db_blocker):
    with django_db_blocker.unblock():
        facts = list(Fact.objects.active())
        keys = typed_keys_for(facts)
        return [(fact, keys[fact.pk]) for fact in facts if can_type(fact)]


@pytest.fixture(scope="module")
def category_names(_real_bank_module, django_db_blocker):
    """Every answer, alias and claim of each category, read from the bank (not from the keys)."""
    with django_db_blocker.unblock():
        names: dict[int, set[str]] = {}
        for fact in Fact.objects.active().exclude(category=None).prefetch_related("claims"):
            names.setdefault(fact.category_id, set()).update(
                [fact.answer, *fact.aliases, *(claim.answer for claim in fact.claims.all())]
            )
        return names


@pytest.mark.django_db
def test_every_typed_fact_accepts_its_answer_its_aliases_and_its_claims(real_keys):
    for fact, key in real_keys:
        for name in key.accepted():
            assert grade(name, key).correct, (fact.key, name)
            assert grade(name.upper(), key).correct, (fact.key, name)


@pytest.mark.django_db
def test_no_typed_fact_accepts_another_answer_of_its_category(real_keys, category_names):
    rivals_checked = 0
    for fact, key in real_keys:
        accepted = {compact(name) for name in key.accepted()}
        for name in category_names.get(fact.category_id, ()):
            if compact(name) not in accepted:
                assert not grade(name, key).correct, (fact.key, name)
                rivals_checked += 1
    assert rivals_checked > 1000  # the property ran over the bank, not over a handful of facts


@pytest.mark.django_db
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_a_rival_with_a_typo_is_no_typo_of_the_key(real_keys, data):
    fact, key = data.draw(st.sampled_from([(f, k) for f, k in real_keys if k.rivals]))
    rival = data.draw(st.sampled_from(key.rivals))
    position = data.draw(st.integers(min_value=0, max_value=len(rival)))
    typed = rival[:position] + "x" + rival[position:]
    verdict = grade(typed, key)
    # Right only if the slip lands exactly on an accepted name; never a typo of the key nearer the rival.
    assert not verdict.correct or compact(typed) in {compact(name) for name in key.accepted()} or verdict.spelling
    if verdict.spelling:
        nearest = min(edit_distance(compact(typed), compact(name), limit=3) for name in key.accepted())
        assert edit_distance(compact(typed), compact(rival), limit=3) > nearest
