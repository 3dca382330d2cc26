"""Learn mode's shared helpers: a bank of typeable facts, a round started through the page, and answering its
steps the way a browser does (the form's turn and item, plainly or with htmx)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from content.models import Fact
from quiz import learn_rounds
from quiz.models import LearnAnswer, LearnItem, LearnRound, LearnStage, MemoryState, TypedOverride
from tests.conftest import HTMX
from tests.factories import CategoryFactory, CountryFactory, FactFactory, ThemeFactory

NAMES = [
    "Aigerim Bekova",
    "Dauren Sultanov",
    "Madina Yusupova",
    "Timur Rakhimov",
    "Saule Nurlanova",
    "Bakhyt Omarov",
    "Zarina Karimova",
    "Nurlan Abenov",
    "Gulnara Tokaeva",
    "Erlan Serikbaev",
    "Asel Dzhumabaeva",
    "Ruslan Ismailov",
]
START = reverse("quiz:learn")


def scholars(names=NAMES, *, country=None, theme=None) -> list[Fact]:
    """Person facts of one category (so each has three distractors), in a country and a theme."""
    country = country or CountryFactory(slug="kazakhstan")
    theme = theme or ThemeFactory(slug="education")
    category = CategoryFactory(slug="scholar")
    return [
        FactFactory(
            kind=Fact.Kind.PERSON,
            category=category,
            answer=name,
            statement=f"The survey of Korean classes was led by {name}.",
            countries=[country],
            themes=[theme],
        )
        for name in names
    ]


@pytest.fixture
def bank(db) -> list[Fact]:
    return scholars()


def start(client, **topic) -> LearnRound:
    response = client.post(START, topic)
    assert response.status_code == 303, response.content.decode()[:2000]
    return LearnRound.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def current(round_: LearnRound) -> LearnItem:
    round_.refresh_from_db()
    return learn_rounds.current_item(round_=round_)


def answer_data(round_: LearnRound, *, right: bool = True, text: str | None = None) -> dict:
    """The answer form for the step asked now: its right (or a wrong) option, or `text` at a typed step
    (default: the key's answer, or a wrong name)."""
    item = current(round_)
    data = {"turn": round_.turn, "item": item.pk}
    if item.stage == LearnStage.CHOICE:
        data["option"] = item.key[0] if right else (item.key[0] + 1) % len(item.options)
    else:
        data["text"] = text if text is not None else (item.typed_key["answer"] if right else "Somebody Else Entirely")
    return data


def send_answer(client, round_: LearnRound, data: dict, *, htmx: bool = False):
    return client.post(reverse("quiz:learn-answer-post", args=[round_.pk]), data, **(HTMX if htmx else {}))


def post_answer(client, round_: LearnRound, *, right: bool = True, text: str | None = None, htmx: bool = False):
    """Answer the step asked now (see answer_data)."""
    return send_answer(client, round_, answer_data(round_, right=right, text=text), htmx=htmx)


def finish(client, round_: LearnRound) -> None:
    """Answer every step right until the round is done."""
    while current(round_) is not None:
        assert post_answer(client, round_).status_code == 303


def snapshot() -> tuple:
    """Everything Learn mode writes, to show a refused request wrote nothing."""
    return (
        list(LearnRound.objects.order_by("pk").values_list("pk", "turn", "done_count", "next_queue", "finished_at")),
        list(
            LearnItem.objects.order_by("pk").values_list("pk", "stage", "queue", "tries", "misses", "hinted", "hints")
        ),
        list(LearnAnswer.objects.order_by("pk").values_list("pk", "correct", "overridden")),
        list(MemoryState.objects.order_by("pk").values_list("pk", "reps", "due", "stability")),
        list(TypedOverride.objects.order_by("pk").values_list("pk", "text")),
    )
