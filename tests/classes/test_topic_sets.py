"""Topic sets: named selections an instructor saves, previews and reuses; nobody else sees them."""

import pytest
from django.urls import reverse

from quiz.models import TopicSet
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
