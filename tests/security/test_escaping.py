"""Text typed by people (facts, class, topic-set and assignment names, usernames) renders as text everywhere.

Every such text here is NASTY: a script element and an attribute break-out. On every page that shows it,
the raw `<script>alert(1)` and `hx-get="/x"` never appear, the escaped form does, and parsing the page finds
the text in the document but no element with an hx-get of "/x" and no inline script.
"""

from __future__ import annotations

import csv
import io

import html5lib
import pytest
from django.urls import reverse

from content.models import Fact
from tests.conftest import HTMX
from tests.factories import CountryFactory, FactFactory
from tests.security.conftest import World, make_world

pytestmark = pytest.mark.django_db
NASTY = '<script>alert(1)</script>" hx-get="/x'
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_ATTRIBUTE = "&quot; hx-get=&quot;/x"


def assert_shown_as_text(html: str) -> None:
    assert "<script>alert(1)" not in html
    assert 'hx-get="/x"' not in html
    assert ESCAPED_SCRIPT in html and ESCAPED_ATTRIBUTE in html
    root = html5lib.parse(html, namespaceHTMLElements=False)
    assert not [element for element in root.iter() if element.get("hx-get") == "/x"]
    assert not [script for script in root.iter("script") if not script.get("src")]
    texts = ["".join(element.itertext()) for element in root.iter()]
    values = [value for element in root.iter() for value in element.attrib.values()]
    assert any(NASTY in text for text in texts + values), "the text is not shown at all"


@pytest.fixture
def nasty(db) -> World:
    return make_world(
        instructor=f"{NASTY}-teacher",
        student=NASTY,
        classroom=NASTY,
        topic_set=NASTY,
        title=NASTY,
        prompt=NASTY,
        option=NASTY,
        statement=NASTY,
    )


@pytest.fixture
def nasty_fact(db) -> Fact:
    """The only fact of its country, so a deck of that country shows it."""
    return FactFactory(answer=NASTY, statement=f"It is {NASTY}.", countries=[CountryFactory(slug="nowhere")])


@pytest.fixture
def student_client(client, nasty):
    client.force_login(nasty.student)
    return client


@pytest.fixture
def instructor_client(client, nasty):
    client.force_login(nasty.instructor)
    return client


def answer_first(client, world: World, **headers):
    return client.post(reverse("quiz:answer", args=[world.attempt.pk]), {"step": 0, "option": 2}, **headers)


def test_the_student_dashboard(student_client):
    assert_shown_as_text(student_client.get(reverse("quiz:dashboard")).content.decode())


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx-partial"])
def test_the_question(student_client, nasty, headers):
    response = student_client.get(reverse("quiz:question", args=[nasty.attempt.pk, 1]), **headers)
    assert_shown_as_text(response.content.decode())


def test_the_htmx_feedback_fragment(student_client, nasty):
    response = answer_first(student_client, nasty, **HTMX)
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode())


def test_the_feedback_page(student_client, nasty):
    answer_first(student_client, nasty)
    assert_shown_as_text(student_client.get(reverse("quiz:question", args=[nasty.attempt.pk, 1])).content.decode())


def test_a_refused_answer_keeps_the_question_escaped(student_client, nasty):
    response = student_client.post(reverse("quiz:answer", args=[nasty.attempt.pk]), {"step": 0, "option": 9}, **HTMX)
    assert response.status_code == 400
    assert_shown_as_text(response.content.decode())


def test_the_review(student_client, nasty):
    answer_first(student_client, nasty)
    student_client.post(reverse("quiz:finish", args=[nasty.attempt.pk]), {"confirm": "yes"})
    assert_shown_as_text(student_client.get(reverse("quiz:review", args=[nasty.attempt.pk])).content.decode())


def test_the_progress_page(student_client, nasty):
    answer_first(student_client, nasty)
    student_client.post(reverse("quiz:finish", args=[nasty.attempt.pk]), {"confirm": "yes"})
    assert_shown_as_text(student_client.get(reverse("quiz:progress")).content.decode())


def test_the_flashcard(student_client, nasty_fact):
    country = nasty_fact.countries.get()
    response = student_client.get(reverse("quiz:flashcards"), {"countries": country.pk})
    assert_shown_as_text(response.content.decode())


def test_the_next_flashcard_after_an_htmx_rating(student_client, nasty_fact):
    """Rating the other card Good leaves the new nasty card as the one to study now."""
    country = nasty_fact.countries.get()
    other = FactFactory(countries=[country])
    url = f"{reverse('quiz:flashcard-rate')}?countries={country.pk}"
    response = student_client.post(url, {"fact": other.pk, "rating": 3, "reps": 0}, **HTMX)
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode())


def test_the_teach_page(instructor_client):
    assert_shown_as_text(instructor_client.get(reverse("quiz:teach")).content.decode())


def test_the_class_page(instructor_client, nasty):
    assert_shown_as_text(instructor_client.get(reverse("quiz:classroom", args=[nasty.classroom.pk])).content.decode())


def test_the_message_after_creating_a_class(instructor_client):
    response = instructor_client.post(
        reverse("quiz:classroom-create"), {"name": f"{NASTY} 2", "code_valid_days": 7}, follow=True
    )
    assert_shown_as_text(response.content.decode())


def test_the_message_after_removing_a_student(instructor_client, nasty):
    url = reverse("quiz:classroom-remove-student", args=[nasty.classroom.pk, nasty.student.pk])
    assert_shown_as_text(instructor_client.post(url, follow=True).content.decode())


def test_the_topic_set_page(instructor_client, nasty):
    assert_shown_as_text(instructor_client.get(reverse("quiz:topic-set", args=[nasty.topic_set.pk])).content.decode())


def test_the_topic_set_form_with_the_name_in_an_attribute_and_facts_as_labels(instructor_client, nasty, nasty_fact):
    html = instructor_client.get(reverse("quiz:topic-set-edit", args=[nasty.topic_set.pk])).content.decode()
    assert_shown_as_text(html)
    root = html5lib.parse(html, namespaceHTMLElements=False)
    assert [field for field in root.iter("input") if field.get("name") == "name"][0].get("value") == NASTY


def test_the_assignment_form_lists_topic_sets_escaped(instructor_client, nasty):
    url = reverse("quiz:assignment-create", args=[nasty.classroom.pk])
    assert_shown_as_text(instructor_client.get(url).content.decode())


@pytest.mark.parametrize("page", ["quiz:assignment", "quiz:class-report", "quiz:item-analysis"])
def test_the_assignment_pages(instructor_client, nasty, page):
    url = reverse(page, args=[nasty.assignment.pk])
    assert_shown_as_text(instructor_client.get(url).content.decode())


def test_the_csv_holds_the_name_verbatim(instructor_client, nasty):
    """CSV is not HTML: no entities, the value exactly as typed (it starts with '<', not like a formula)."""
    response = instructor_client.get(reverse("quiz:class-report-csv", args=[nasty.assignment.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert NASTY in [row[0] for row in rows[1:]]
    assert "&lt;" not in response.content.decode()


def test_a_formula_like_name_in_the_csv_is_prefixed_to_stay_text(instructor_client, nasty):
    nasty.student.username = '=HYPERLINK("http://x","<script>")'
    nasty.student.save()
    response = instructor_client.get(reverse("quiz:class-report-csv", args=[nasty.assignment.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'" + nasty.student.username in [row[0] for row in rows[1:]]
