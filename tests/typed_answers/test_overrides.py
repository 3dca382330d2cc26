"""'I was right': a learner's override is stored once per question; an admin adds its text as an alias of the
fact (closing every open override that typed the same) or dismisses it, from the admin's list."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from content.models import Fact
from quiz.models import TypedOverride
from quiz.typed_answers import MAX_TYPED_LENGTH
from quiz.typed_overrides import AliasRefused, OverrideRefused, add_alias, dismiss, record_override
from tests.factories import FactFactory, QuestionFactory, TypedOverrideFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fact():
    return FactFactory(kind="place", answer="Almaty", statement="It is Almaty.", category__slug="city")


def test_an_override_is_recorded_with_its_normalised_text(learner, fact):
    question = QuestionFactory(fact_ids=[fact.pk])
    override = record_override(learner=learner, fact=fact, text="  Alma-Ata ", question=question)
    assert (override.text, override.normalised, override.origin, override.status) == (
        "Alma-Ata",
        "alma ata",
        "question",
        "open",
    )


def test_an_override_from_learn_mode_names_no_question(learner, fact):
    assert record_override(learner=learner, fact=fact, text="Alma-Ata").origin == "learn"


def test_a_learner_overrides_a_question_only_once(learner, fact):
    question = QuestionFactory(fact_ids=[fact.pk])
    record_override(learner=learner, fact=fact, text="Alma-Ata", question=question)
    with pytest.raises(IntegrityError), transaction.atomic():
        record_override(learner=learner, fact=fact, text="Almaty city", question=question)
    assert TypedOverride.objects.count() == 1


@pytest.mark.parametrize("text", ["", "  ", "!!", "x" * (MAX_TYPED_LENGTH + 1)])
def test_an_empty_or_overlong_override_is_refused_and_nothing_stored(learner, fact, text):
    with pytest.raises(OverrideRefused):
        record_override(learner=learner, fact=fact, text=text)
    assert not TypedOverride.objects.exists()


def test_the_database_refuses_an_override_from_a_question_without_the_question(learner, fact):
    with pytest.raises(IntegrityError), transaction.atomic():
        TypedOverride.objects.create(learner=learner, fact=fact, text="x", normalised="x", origin="question")


def test_adding_an_alias_extends_the_fact_and_closes_the_same_open_overrides(fact):
    first = TypedOverrideFactory(fact=fact, text="Alma-Ata")
    same = TypedOverrideFactory(fact=fact, text="alma ata")
    other_text = TypedOverrideFactory(fact=fact, text="Almaty City")
    other_fact = TypedOverrideFactory(text="Alma-Ata")
    assert add_alias(override=first) == 2
    fact.refresh_from_db()
    assert fact.aliases == ["Alma-Ata"]
    statuses = {o.pk: o.status for o in TypedOverride.objects.all()}
    assert statuses == {first.pk: "aliased", same.pk: "aliased", other_text.pk: "open", other_fact.pk: "open"}


def test_adding_a_text_the_fact_already_accepts_adds_no_second_alias(fact):
    Fact.objects.filter(pk=fact.pk).update(aliases=["Alma-Ata"])
    add_alias(override=TypedOverrideFactory(fact=fact, text="ALMA ATA"))
    fact.refresh_from_db()
    assert fact.aliases == ["Alma-Ata"]


def test_a_dismissed_override_can_still_be_added_as_an_alias(fact):
    override = TypedOverrideFactory(fact=fact, text="Alma-Ata", status="dismissed")
    assert add_alias(override=override) == 1
    override.refresh_from_db()
    assert override.status == "aliased"


def test_dismissing_closes_only_an_open_override(fact):
    override = TypedOverrideFactory(fact=fact)
    assert dismiss(override=override) is True
    assert dismiss(override=override) is False
    override.refresh_from_db()
    assert override.status == "dismissed"


# The admin's triage.


@pytest.fixture
def overrides(fact):
    return [
        TypedOverrideFactory(fact=fact, text="Alma-Ata"),
        TypedOverrideFactory(fact=fact, text="alma ata"),
        TypedOverrideFactory(fact=fact, text="Almaty City"),
        TypedOverrideFactory(fact=fact, text="Old", status="dismissed"),
    ]


def test_the_admin_lists_open_overrides_grouped_by_fact_with_counts(admin_client, overrides, fact):
    page = admin_client.get(reverse("admin:quiz_typedoverride_changelist") + "?status__exact=open")
    body = page.content.decode()
    assert page.status_code == 200
    assert reverse("admin:content_fact_change", args=[fact.pk]) in body
    assert body.count('class="field-same_text">2<') == 2  # the two that typed Alma-Ata
    assert body.count('class="field-fact_open">3<') == 3
    assert reverse("admin:quiz_typedoverride_change", args=[overrides[3].pk]) not in body


def test_the_admin_adds_a_text_as_an_alias_in_one_action(admin_client, overrides, fact):
    response = admin_client.post(
        reverse("admin:quiz_typedoverride_changelist"),
        {"action": "add_as_alias", "_selected_action": [overrides[0].pk]},
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.aliases == ["Alma-Ata"]
    assert [o.status for o in TypedOverride.objects.order_by("pk")] == ["aliased", "aliased", "open", "dismissed"]


def test_the_admin_dismisses_in_one_action(admin_client, overrides, fact):
    admin_client.post(
        reverse("admin:quiz_typedoverride_changelist"),
        {"action": "dismiss_selected", "_selected_action": [overrides[2].pk]},
    )
    overrides[2].refresh_from_db()
    assert overrides[2].status == "dismissed"
    fact.refresh_from_db()
    assert fact.aliases == []


def test_the_admin_page_of_an_override_links_its_fact(admin_client, overrides, fact):
    page = admin_client.get(reverse("admin:quiz_typedoverride_change", args=[overrides[0].pk]))
    assert reverse("admin:content_fact_change", args=[fact.pk]) in page.content.decode()


def test_a_learner_cannot_reach_the_overrides_admin(learner_client, overrides):
    response = learner_client.get(reverse("admin:quiz_typedoverride_changelist"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_overrides_list_takes_the_same_queries_for_more_overrides(
    admin_client, fact, django_assert_max_num_queries
):
    for n in range(30):
        TypedOverrideFactory(fact=fact, text=f"Guess {n % 5}", learner=UserFactory())
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("admin:quiz_typedoverride_changelist")).status_code == 200


def test_each_open_row_has_one_click_buttons_posting_the_lists_form(admin_client, overrides):
    body = admin_client.get(reverse("admin:quiz_typedoverride_changelist")).content.decode()
    assert f'formaction="{reverse("admin:quiz_typedoverride_add_alias", args=[overrides[0].pk])}"' in body
    assert f'formaction="{reverse("admin:quiz_typedoverride_dismiss", args=[overrides[0].pk])}"' in body
    # A dismissed override can still be added, not dismissed again.
    assert f'formaction="{reverse("admin:quiz_typedoverride_add_alias", args=[overrides[3].pk])}"' in body
    assert f'formaction="{reverse("admin:quiz_typedoverride_dismiss", args=[overrides[3].pk])}"' not in body


def test_the_row_button_adds_an_alias_and_returns_to_the_filtered_list(admin_client, overrides, fact):
    listing = reverse("admin:quiz_typedoverride_changelist") + "?status__exact=open"
    response = admin_client.post(
        reverse("admin:quiz_typedoverride_add_alias", args=[overrides[1].pk]),
        HTTP_REFERER="http://testserver" + listing,
    )
    assert response.status_code == 302
    assert response["Location"].endswith(listing)
    fact.refresh_from_db()
    assert fact.aliases == ["alma ata"]
    assert TypedOverride.objects.filter(status="aliased").count() == 2


def test_the_row_button_dismisses(admin_client, overrides):
    admin_client.post(reverse("admin:quiz_typedoverride_dismiss", args=[overrides[2].pk]))
    overrides[2].refresh_from_db()
    assert overrides[2].status == "dismissed"


def test_the_row_actions_never_change_data_on_get(admin_client, overrides, fact):
    response = admin_client.get(reverse("admin:quiz_typedoverride_add_alias", args=[overrides[0].pk]))
    assert response.status_code == 405
    fact.refresh_from_db()
    assert fact.aliases == []


def test_a_learner_cannot_use_the_row_actions(learner_client, overrides):
    learner_client.post(reverse("admin:quiz_typedoverride_dismiss", args=[overrides[0].pk]))
    overrides[0].refresh_from_db()
    assert overrides[0].status == "open"


def test_a_row_action_on_a_missing_override_is_a_404(admin_client):
    assert admin_client.post(reverse("admin:quiz_typedoverride_dismiss", args=[999999])).status_code == 404


def test_a_text_naming_another_answer_of_the_category_is_never_added_as_an_alias(fact):
    FactFactory(kind="place", category=fact.category, answer="Astana", statement="In Astana.", aliases=["Nur-Sultan"])
    override = TypedOverrideFactory(fact=fact, text="nur sultan")
    with pytest.raises(AliasRefused):
        add_alias(override=override)
    fact.refresh_from_db()
    override.refresh_from_db()
    assert (fact.aliases, override.status) == ([], "open")


def test_the_admin_says_why_a_rivals_name_was_not_added(admin_client, fact):
    FactFactory(kind="place", category=fact.category, answer="Astana", statement="In Astana.")
    override = TypedOverrideFactory(fact=fact, text="Astana")
    response = admin_client.post(reverse("admin:quiz_typedoverride_add_alias", args=[override.pk]), follow=True)
    assert "names the answer of" in response.content.decode()
    fact.refresh_from_db()
    assert fact.aliases == []
