"""The item-writing check: each flaw is recognised, and a clean item has none."""

import datetime
from dataclasses import dataclass, field

import pytest

from quiz import item_flaws


@dataclass
class Opt:
    text: str
    is_correct: bool = False
    fact_id: int | None = None


@dataclass
class Q:
    prompt: str
    options: list
    type: str = "choice"
    fact_ids: list = field(default_factory=lambda: [1])
    items: list = field(default_factory=list)


@dataclass
class Claim:
    answer: str
    event_date: datetime.date | None = None
    date_end: datetime.date | None = None


@dataclass
class F:
    answer: str
    statement: str = ""
    question: str = ""
    kind: str = "organisation"
    event: str = ""
    event_date: datetime.date | None = None
    date_end: datetime.date | None = None
    claims: tuple = ()


def flaws_of(question, facts=None, surnames=None) -> set[str]:
    tally = item_flaws.Tally()
    facts = facts or {1: F(answer=next(o.text for o in question.options if o.is_correct))}
    item_flaws.review_question(question, facts=facts, tally=tally, surnames=surnames)
    return set(tally.flaws)


def options(*texts, key=0):
    return [Opt(text, i == key) for i, text in enumerate(texts)]


def test_a_clean_item_has_no_flaw():
    question = Q("Which agency runs Korea's grant aid?", options("KOICA", "KOTRA", "KOFIH", "NIIED"))
    assert flaws_of(question) == set()


def test_numbers_out_of_ascending_order_are_a_flaw():
    assert "numbers out of order" in flaws_of(Q("In _____ it opened.", options("1995", "1992", "1994", "1999")))


def test_the_key_rank_among_sorted_numbers_is_counted():
    tally = item_flaws.Tally()
    question = Q("In _____ it opened.", options("1990", "1992", "1994", "1999", key=1))
    item_flaws.review_question(question, facts={1: F("1992", kind="year")}, tally=tally)
    assert tally.key_ranks == {1: 1}


def test_bounded_options_that_make_a_second_one_true_are_a_flaw():
    question = Q("They took part in _____ internships.", options("more than 2,000", "more than 1,000", "500", "300"))
    assert "overlapping bounded options" in flaws_of(question)


def test_a_rank_bound_beside_a_wider_one_is_a_flaw():
    question = Q("Koreans rank among the _____ largest groups.", options("top 10", "top 20", "top 8", "top 7"))
    assert "overlapping bounded options" in flaws_of(question)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Korean Embassy", "Korean embassies"), ("KOICA", "Korea International Cooperation Agency"), ("BTS", "BTS")],
)
def test_options_naming_one_thing_are_near_duplicates(a, b):
    assert item_flaws.near_duplicates(a, b)


def test_different_events_with_similar_wording_are_not_near_duplicates():
    assert not item_flaws.near_duplicates(
        "South Korea opens its embassy in Kazakhstan", "South Korea opens its embassy in Uzbekistan"
    )


def test_a_distractor_year_inside_a_claimed_span_is_a_flaw():
    fact = F("2004", kind="year", event="X", event_date=datetime.date(2004, 1, 1), date_end=datetime.date(2006, 1, 1))
    question = Q("In which year? X.", options("2004", "2005", "2009", "2011"), type="event_year")
    assert "distractor is a claimed answer or in a claimed span" in flaws_of(question, {1: fact})


def test_a_distractor_equal_to_a_claim_is_a_flaw():
    fact = F("8 January 1992", kind="date", claims=(Claim("28 January 1992"),))
    question = Q("When?", options("8 January 1992", "28 January 1992", "3 March 1993", "4 May 1994"))
    assert "distractor is a claimed answer or in a claimed span" in flaws_of(question, {1: fact})


def test_the_key_alone_echoing_the_stem_is_a_cue():
    question = Q("Which Korean bank opened a branch?", options("Shinhan Bank", "KOICA", "KOTRA", "KOFIH"))
    assert "key-only stem echo" in flaws_of(question)


@pytest.mark.parametrize(
    "prompt",
    ["According to the 2018 paper, what happened?", "What do the authors call it?", "In Table 3, which is largest?"],
)
def test_prompts_about_the_paper_are_trivia(prompt):
    assert item_flaws.is_paper_trivia(prompt)


def test_naming_an_author_is_trivia_unless_the_fact_is_their_argument():
    prompt = "Which side do Oh & Zholamanova call the most crucial?"
    assert item_flaws.is_paper_trivia(prompt, statement="The cultural side matters.", surnames=["Oh", "Zholamanova"])
    argued = "Oh & Zholamanova argue that the socio-cultural side matters most."
    assert not item_flaws.is_paper_trivia(prompt, statement=argued, surnames=["Oh", "Zholamanova"])


def test_an_event_asked_twice_in_one_quiz_is_a_flaw():
    facts = {1: F("1992", event="Embassy opens"), 2: F("1992", event="Embassy  opens.")}
    tally = item_flaws.Tally()
    quiz = [Q("In which year? Embassy opens.", [], fact_ids=[1]), Q("When did it open?", [], fact_ids=[2])]
    item_flaws.review_quiz(quiz, facts=facts, tally=tally)
    assert tally.flaws["fact or event twice in a quiz"] == 1


def test_names_that_hold_a_digit_are_not_numbers_to_order():
    question = Q("During which pandemic?", options("COVID-19", "Korea + 5", "F-4", "Karavan Korea-Central Asia 2016"))
    assert not {"numbers out of order", "overlapping bounded options"} & flaws_of(question)
