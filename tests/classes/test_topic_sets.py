"""Topic sets: named selections an instructor saves, previews and reuses; nobody else sees them."""

import re

import pytest
from django.urls import reverse

from quiz.models import TopicSet
from tests.conftest import HTMX
from tests.factories import CountryFactory, FactFactory, ThemeFactory, TopicSetFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db
CREATE = reverse("quiz:topic-set-create")


@pytest.fixture
def topics(db):
    country, theme = CountryFactory(name="Uzbekistan"), ThemeFactory(name="Education")
    facts = [
        FactFactory(
            countries=[country], themes=[theme], answer=f"School {n}", statement=f"School {n} opened in Tashkent."
        )
        for n in range(6)
    ]
    return country, theme, facts


def test_saving_a_topic_set_stores_the_selection_and_shows_its_preview(instructor_client, instructor, topics):
    country, theme, _ = topics
    data = {
        "name": "Uzbek schools",
        "countries": [country.pk],
        "themes": [theme.pk],
        "question_types": ["choice"],
        "question_count": 4,
    }
    response = instructor_client.post(CREATE, data)
    topic_set = TopicSet.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("quiz:topic-set", args=[topic_set.pk])
    assert topic_set.owner == instructor and list(topic_set.countries.all()) == [country]
    preview = instructor_client.get(response["Location"])
    assert len(preview.context["preview"]) == 4
    assert "(correct)" in preview.content.decode()
    assert_valid_html(preview)


def test_hand_picked_facts_limit_the_preview_to_them(instructor_client, instructor, topics):
    _, _, facts = topics
    topic_set = TopicSetFactory(owner=instructor, question_count=5, facts=facts[:2])
    preview = instructor_client.get(reverse("quiz:topic-set", args=[topic_set.pk])).context["preview"]
    assert {fact_id for question in preview for fact_id in question.fact_ids} <= {facts[0].pk, facts[1].pk}
    assert len(preview) == 2


def test_the_preview_warns_when_the_topics_hold_too_little(instructor_client, instructor, topics):
    topic_set = TopicSetFactory(owner=instructor, question_count=20)
    page = instructor_client.get(reverse("quiz:topic-set", args=[topic_set.pk])).content.decode()
    assert "material for only 6 of the 20 questions" in page


def test_a_bad_preview_seed_falls_back(instructor_client, instructor, topics):
    topic_set = TopicSetFactory(owner=instructor)
    assert instructor_client.get(reverse("quiz:topic-set", args=[topic_set.pk]), {"seed": "x"}).status_code == 200


def test_an_invalid_topic_set_is_refused_and_nothing_saved(instructor_client, topics):
    response = instructor_client.post(CREATE, {"name": "", "question_types": [], "question_count": 0})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one type of question." in page
    assert not TopicSet.objects.exists()
    assert_valid_html(response)


def test_too_many_questions_are_refused(instructor_client, topics):
    data = {"name": "Big", "question_types": ["choice"], "question_count": 500}
    response = instructor_client.post(CREATE, data)
    assert response.status_code == 400
    assert response.context["form"].has_error("question_count", "out_of_range")
    assert not TopicSet.objects.exists()


def test_editing_keeps_the_owner_and_updates_the_selection(instructor_client, instructor, topics):
    topic_set = TopicSetFactory(owner=instructor, name="Old")
    data = {"name": "New", "question_types": ["choice", "timeline"], "question_count": 7}
    response = instructor_client.post(reverse("quiz:topic-set-edit", args=[topic_set.pk]), data)
    topic_set.refresh_from_db()
    assert response.status_code == 303
    assert (topic_set.name, topic_set.question_count, topic_set.owner) == ("New", 7, instructor)


def test_another_instructors_topic_set_is_a_404_to_see_or_change(instructor_client):
    other = TopicSetFactory(name="Theirs")
    assert instructor_client.get(reverse("quiz:topic-set", args=[other.pk])).status_code == 404
    edit = reverse("quiz:topic-set-edit", args=[other.pk])
    assert instructor_client.get(edit).status_code == 404
    assert (
        instructor_client.post(
            edit, {"name": "Mine now", "question_types": ["choice"], "question_count": 3}
        ).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.name == "Theirs"


def test_a_topic_set_name_is_unique_per_instructor(instructor_client, instructor, topics):
    TopicSetFactory(owner=instructor, name="Uzbek schools")
    data = {"name": "Uzbek schools", "question_types": ["choice"], "question_count": 3}
    response = instructor_client.post(CREATE, data)
    assert response.status_code == 400
    assert "You already have a topic set with this name." in response.content.decode()
    assert response.context["form"].has_error("name", "name_taken")


def test_the_topic_set_form_pages_are_valid(instructor_client, instructor, topics):
    assert_valid_html(instructor_client.get(CREATE))
    assert_valid_html(
        instructor_client.get(reverse("quiz:topic-set-edit", args=[TopicSetFactory(owner=instructor).pk]))
    )


def test_students_cannot_make_topic_sets(student_client, topics):
    assert (
        student_client.post(CREATE, {"name": "x", "question_types": ["choice"], "question_count": 3}).status_code == 403
    )
    assert not TopicSet.objects.exists()


# Issue 18: the hand-pick list follows the chosen countries and themes, and a search.


@pytest.fixture
def two_topics(topics):
    country, theme, school_facts = topics
    other_country, other_theme = CountryFactory(name="Kazakhstan"), ThemeFactory(name="Diaspora")
    elsewhere = FactFactory(
        countries=[other_country], themes=[other_theme], answer="Almaty", statement="A theatre opened in Almaty."
    )
    other_theme_fact = FactFactory(
        countries=[country], themes=[other_theme], answer="Samarkand", statement="A centre opened in Samarkand."
    )
    return {
        "country": country,
        "theme": theme,
        "schools": school_facts,
        "elsewhere": elsewhere,
        "other": other_theme_fact,
    }


def listed(response) -> list[str]:
    return [fact.statement for fact in response.context["picker"].picked + response.context["picker"].matches]


def test_the_picker_lists_the_facts_of_the_chosen_countries_and_themes(instructor_client, two_topics):
    response = instructor_client.get(CREATE, {"countries": two_topics["country"].pk, "themes": two_topics["theme"].pk})
    assert response.status_code == 200
    assert_valid_html(response)
    assert sorted(listed(response)) == sorted(fact.statement for fact in two_topics["schools"])
    assert "School 0 opened in Tashkent." in response.content.decode()  # each fact's statement is shown
    # Nothing chosen: every fact.
    assert len(listed(instructor_client.get(CREATE))) == 8


def test_the_picker_searches_the_statements_and_answers(instructor_client, two_topics):
    response = instructor_client.get(CREATE, {"q": "samarkand"})
    assert listed(response) == ["A centre opened in Samarkand."]
    assert listed(instructor_client.get(CREATE, {"q": "School 3"})) == ["School 3 opened in Tashkent."]
    assert "No fact matches" in instructor_client.get(CREATE, {"q": "nowhere at all"}).content.decode()


def test_picked_facts_stay_listed_and_ticked_whatever_the_filter(instructor_client, two_topics):
    picked = two_topics["elsewhere"]
    response = instructor_client.get(
        CREATE, {"countries": two_topics["country"].pk, "facts": picked.pk, "q": "School 1"}
    )
    picker = response.context["picker"]
    assert [fact.pk for fact in picker.picked] == [picked.pk]
    assert [fact.statement for fact in picker.matches] == ["School 1 opened in Tashkent."]
    assert f'value="{picked.pk}" id="id_facts_{picked.pk}" checked' in response.content.decode()


def test_with_htmx_only_the_list_is_rendered(instructor_client, two_topics):
    response = instructor_client.get(CREATE, {"q": "Samarkand"}, **HTMX)
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert body.lstrip().startswith('<fieldset class="choice-group choice-group-wide fact-list" id="fact-list">')
    assert "A centre opened in Samarkand." in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_without_javascript_find_facts_redirects_to_the_filtered_page_and_saves_nothing(instructor_client, two_topics):
    data = {
        "name": "Draft",
        "countries": [two_topics["country"].pk],
        "question_types": ["choice"],
        "q": "Samarkand",
        "find": "1",
    }
    response = instructor_client.post(CREATE, data)
    assert response.status_code == 303 and not TopicSet.objects.exists()
    location = response["Location"]
    assert "csrfmiddlewaretoken" not in location and "find" not in location
    page = instructor_client.get(location)
    assert listed(page) == ["A centre opened in Samarkand."]
    assert '<details class="fact-picker" id="fact-picker" open>' in page.content.decode()
    form = page.context["form"]
    assert form["name"].value() == "Draft" and [str(pk) for pk in form["countries"].value()] == [
        str(two_topics["country"].pk)
    ]


def test_the_edit_page_starts_from_the_saved_selection(instructor_client, instructor, two_topics):
    topic_set = TopicSetFactory(owner=instructor, countries=[two_topics["country"]], themes=[two_topics["theme"]])
    topic_set.facts.set([two_topics["schools"][0]])
    response = instructor_client.get(reverse("quiz:topic-set-edit", args=[topic_set.pk]))
    picker = response.context["picker"]
    assert [fact.pk for fact in picker.picked] == [two_topics["schools"][0].pk]
    assert len(picker.matches) == 5


def test_bad_filters_are_ignored_not_a_500(instructor_client, two_topics):
    response = instructor_client.get(CREATE, {"countries": ["x", str(2**70)], "facts": "nope", "q": "y" * 500})
    assert response.status_code == 200
    assert len(listed(response)) == 8


def previewed_facts(response) -> set[int]:
    return {fact_id for question in response.context["preview"]["questions"] for fact_id in question.fact_ids}


def correct_answers(response) -> list[str]:
    """The answers an htmx preview fragment marks correct (a fragment has no response.context)."""
    return re.findall(r"<strong>([^<]+)</strong> \(correct\)", response.content.decode())


def test_the_form_previews_the_unsaved_choice_of_topics_with_htmx(instructor_client, two_topics):
    query = {"countries": two_topics["country"].pk, "themes": two_topics["theme"].pk, "question_count": 3}
    response = instructor_client.get(CREATE, {**query, "question_types": "choice", "preview": "1"}, **HTMX)
    assert response.status_code == 200
    assert_valid_html(response, fragment=True)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="question-preview"') and "<html" not in body
    answers = correct_answers(response)
    assert len(answers) == 3 and body.count('<li class="review-item">') == 3
    assert set(answers) <= {fact.answer for fact in two_topics["schools"]}
    assert not TopicSet.objects.exists()


def test_the_preview_follows_the_hand_picked_facts_and_types(instructor_client, two_topics):
    picked = two_topics["schools"][:2]
    query = {"facts": [fact.pk for fact in picked], "question_types": "choice", "question_count": 10, "preview": "1"}
    response = instructor_client.get(CREATE, query, **HTMX)
    assert sorted(correct_answers(response)) == sorted(fact.answer for fact in picked)
    assert "2 questions</strong> of the 10 asked for: the topics hold material for no more" in response.content.decode()


def test_the_preview_of_a_typed_question_shows_its_typed_answer(instructor_client, two_topics):
    picked = two_topics["schools"][:2]
    query = {"facts": [fact.pk for fact in picked], "question_types": "typed", "question_count": 2, "preview": "1"}
    body = instructor_client.get(CREATE, query, **HTMX).content.decode()
    typed = re.findall(r"Typed answer: <strong>([^<]+)</strong>", body)
    assert sorted(typed) == sorted(fact.answer for fact in picked)


def test_without_javascript_the_preview_button_reloads_the_form_with_the_preview_and_saves_nothing(
    instructor_client, two_topics
):
    data = {
        "name": "Draft",
        "countries": [two_topics["country"].pk],
        "themes": [two_topics["theme"].pk],
        "question_types": ["choice"],
        "question_count": 2,
        "preview": "1",
    }
    response = instructor_client.post(CREATE, data)
    assert response.status_code == 303 and not TopicSet.objects.exists()
    location = response["Location"]
    assert location.endswith("#question-preview") and "csrfmiddlewaretoken" not in location
    page = instructor_client.get(location)
    assert_valid_html(page)
    assert page.context["form"]["name"].value() == "Draft"
    assert len(page.context["preview"]["questions"]) == 2
    assert previewed_facts(page) <= {fact.pk for fact in two_topics["schools"]}
    assert "Show another sample" in page.content.decode()


def test_another_sample_draws_with_the_next_seed(instructor_client, topics):
    response = instructor_client.get(CREATE, {"question_types": "choice", "question_count": 2, "preview": "1"})
    another = response.context["preview"]["another_query"]
    assert "seed=1" in another and "question_count=2" in another and "preview=1" in another
    assert f'href="{CREATE}?{another}#question-preview"'.replace("&", "&amp;") in response.content.decode()
    assert len(correct_answers(instructor_client.get(f"{CREATE}?{another}", **HTMX))) == 2


def test_a_bad_preview_request_previews_with_defaults_not_a_500(instructor_client, topics):
    query = {"question_types": ["nonsense"], "question_count": "999", "seed": "-4", "countries": "x", "preview": "1"}
    response = instructor_client.get(CREATE, query)
    assert response.status_code == 200
    assert response.context["preview"]["asked"] == 10, "an out-of-range count falls back to the default"
    assert response.context["preview"]["questions"], "an unknown type falls back to every type"


def test_the_form_without_a_preview_asked_shows_none(instructor_client, topics):
    response = instructor_client.get(CREATE)
    assert response.context["preview"] is None
    assert 'name="preview"' in response.content.decode()
