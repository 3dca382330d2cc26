"""The flashcards page: login required, a topic selection in the query string, the back behind <details>."""

import re

import pytest

from tests.factories import CountryFactory, FactFactory, ThemeFactory
from tests.flashcards.conftest import PAGE
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_page_shows_the_counts_and_the_cue_of_the_next_card(learner_client):
    FactFactory(question="Which institute teaches Korean?", shuffle_key=0.1)
    FactFactory(shuffle_key=0.2)
    html = learner_client.get(PAGE).content.decode()
    assert "<strong>0</strong> due today" in html and "<strong>2</strong> new" in html
    assert "Which institute teaches Korean?" in html


def test_the_answer_statement_and_citation_are_on_the_back_inside_details(learner_client):
    fact = FactFactory(answer="King Sejong Institute", statement="The King Sejong Institute teaches Korean.")
    citation = fact.citations.get()
    html = learner_client.get(PAGE).content.decode()
    back = re.search(r'<details class="flashcard-back" data-flashcard>(.*?)</details>', html, re.S).group(1)
    front = html[: html.index('<details class="flashcard-back"')]
    assert (
        '<summary><span class="when-closed">Show answer</span><span class="when-open">Hide answer</span></summary>'
        in back
    )
    assert "King Sejong Institute" in back and "King Sejong Institute" not in front
    assert fact.statement in back
    assert f"Source: {citation.source.short_name}, {citation.locator}" in back and citation.quote in back


def test_the_rating_form_carries_the_card_and_its_review_count(learner_client):
    fact = FactFactory()
    html = learner_client.get(PAGE).content.decode()
    assert f'name="fact" value="{fact.pk}"' in html and 'name="reps" value="0"' in html
    assert [int(value) for value in re.findall(r'name="rating" value="(\d)"', html)] == [1, 2, 3, 4]


def test_the_topic_selection_narrows_the_deck_and_is_kept_for_the_rating(learner_client):
    country, theme = CountryFactory(slug="uzbekistan"), ThemeFactory(slug="education")
    FactFactory(countries=[country], themes=[theme], question="The Uzbek one?")
    FactFactory(question="The other one?")
    query = f"countries={country.pk}&themes={theme.pk}"
    html = learner_client.get(f"{PAGE}?{query}").content.decode()
    assert "The Uzbek one?" in html and "The other one?" not in html
    assert "<strong>1</strong> new" in html
    assert f'action="/flashcards/rate/?countries={country.pk}&amp;themes={theme.pk}"' in html


@pytest.mark.parametrize("query", ["countries=abc", "countries=999999", "themes=0"])
def test_an_invalid_topic_selection_is_a_400_with_the_form_error(learner_client, query):
    response = learner_client.get(f"{PAGE}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error"' in html and 'id="deck"' not in html


def test_an_empty_selection_says_so(learner_client):
    html = learner_client.get(PAGE).content.decode()
    assert "No facts in this selection" in html


def test_text_from_facts_is_escaped(learner_client):
    FactFactory(answer="<b>Agency</b>", statement="The <b>Agency</b> & co.")
    html = learner_client.get(PAGE).content.decode()
    assert "<b>Agency</b>" not in html and "&lt;b&gt;Agency&lt;/b&gt;" in html


def test_the_page_is_valid_html(learner_client):
    FactFactory()
    assert_valid_html(learner_client.get(PAGE))


def test_the_page_says_how_scheduling_works_and_offers_keyboard_shortcuts(learner_client):
    # Issue 17: one plain sentence instead of "FSRS"; the shortcuts in a static file (the CSP allows no inline script).
    html = learner_client.get(PAGE).content.decode()
    assert "the longer the app waits before showing the card again" in html and "FSRS" not in html
    assert "js/flashcards.js" in html and "<kbd>Space</kbd>" in html
