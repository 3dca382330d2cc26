"""Issue 19's Learn journey in Chromium against the real bank: a round from its first multiple choice to typed
recall, with a hint, a typo accepted with its spelling shown and an "I was right"; then the next round one click
away. The same round without JavaScript. Screenshots at 1280 and 390 px (artifacts/screenshots/learn-*.png),
each asserted to need no sideways scrolling."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from content.models import Country
from quiz import learn_rounds
from quiz.models import LearnAnswer, LearnItem, LearnRound, LearnStage, TypedOverride
from quiz.typed_answers import NAME_KINDS, TypedKey, grade
from tests.browser import steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WRONG = "Somebody Else Entirely"


def a_typo_of(item: LearnItem) -> str | None:
    """A misspelling of the item's answer that the grader accepts as a typo (two letters swapped), if any."""
    key = TypedKey.from_json(item.typed_key)
    if key.kind not in NAME_KINDS:
        return None
    answer = key.answer
    for at in range(len(answer) - 2, 0, -1):
        if answer[at].isalpha() and answer[at + 1].isalpha() and answer[at] != answer[at + 1]:
            typo = answer[:at] + answer[at + 1] + answer[at] + answer[at + 2 :]
            if grade(typo, key).spelling:
                return typo
    return None


def now_asked(learner) -> tuple[LearnRound, LearnItem | None]:
    round_ = LearnRound.objects.filter(learner=learner).latest("created_at")
    return round_, learn_rounds.current_item(round_=round_)


def test_a_learn_round_from_multiple_choice_to_typed_recall(page: Page, bank, audit, shoot_fitting):
    learner = get_user_model().objects.create_user(username="aruzhan", password=steps.PASSWORD)
    steps.log_in(page, "aruzhan", steps.PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Learn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn")
    audit(page, "learn topic picker")
    shoot_fitting(page, "learn-topic-picker")
    page.get_by_label("Kyrgyzstan").check()
    page.get_by_role("button", name="Start a round").click()
    expect(page.locator(".learn-step")).to_be_visible()
    page.evaluate("window.__sameDocument = true")
    shots, typo_done, override_done = set(), False, False
    for _ in range(60):
        round_, item = now_asked(learner)
        if item is None:
            break
        expect(page.locator("#learn-heading")).to_have_text(item.prompt)
        bar = page.locator("#learn-progress-bar")
        expect(bar).to_have_attribute("value", str(round_.done_count))
        if item.stage == LearnStage.CHOICE:
            if "choice" not in shots:
                audit(page, "learn multiple choice")
                shoot_fitting(page, "learn-choice")
                shots.add("choice")
            page.locator(".option").nth(item.key[0]).click()
            page.get_by_role("button", name="Check answer").click()
            expect(page.locator("#feedback-heading")).to_have_text("Correct")
        elif not typo_done and (typo := a_typo_of(item)):
            assert item.typed_key["answer"] not in page.content(), "the key reached the page before answering"
            page.get_by_role("button", name="Show a hint").click()
            expect(page.locator(".learn-hint")).to_be_visible()
            audit(page, "learn typed step with a hint")
            page.get_by_label("Your answer").fill(typo)
            shoot_fitting(page, "learn-typed-hint")
            page.get_by_role("button", name="Check answer").click()
            expect(page.locator(".spelling-note")).to_have_text(
                f"Accepted — it is spelled “{item.typed_key['answer']}”"
            )
            audit(page, "learn typo accepted")
            shoot_fitting(page, "learn-typo-accepted")
            typo_done = True
        elif typo_done and not override_done:
            page.get_by_label("Your answer").fill(WRONG)
            page.get_by_role("button", name="Check answer").click()
            expect(page.locator("#feedback-heading")).to_have_text("Not quite")
            audit(page, "learn typed answer marked wrong")
            page.get_by_role("button", name="I was right").click()
            expect(page.locator("#feedback-heading")).to_have_text("Counted as right")
            override_done = True
        else:
            page.get_by_label("Your answer").fill(item.typed_key["answer"])
            page.get_by_role("button", name="Check answer").click()
            expect(page.locator("#feedback-heading")).to_have_text("Correct")
        round_.refresh_from_db()
        expect(page.locator("#learn-progress-bar")).to_have_attribute("value", str(round_.done_count))
        page.get_by_role("link", name="Continue").or_(page.get_by_role("link", name="See the round’s summary")).click()
    assert typo_done and override_done
    assert page.evaluate("window.__sameDocument === true"), "a step reloaded the page instead of swapping in place"
    expect(page.locator("#summary-heading")).to_have_text("Round complete")
    expect(page.locator(".learn-results")).to_contain_text("you said you were right")
    audit(page, "learn summary")
    shoot_fitting(page, "learn-summary")
    override = TypedOverride.objects.get(learner=learner)
    assert override.text == WRONG and override.origin == TypedOverride.Origin.LEARN
    assert LearnAnswer.objects.filter(round=round_, hinted=True, correct=True).exclude(spelling="").count() == 1
    page.get_by_role("button", name="Next round").click()
    expect(page.locator(".learn-step")).to_be_visible()
    assert LearnRound.objects.filter(learner=learner).count() == 2
    assert list(LearnRound.objects.filter(learner=learner).latest("created_at").countries.all()) == [
        Country.objects.get(name="Kyrgyzstan")
    ]
    audit.assert_clean()


def test_without_javascript_a_learn_step_posts_and_redirects(browser, live_server, bank, audit):
    learner = get_user_model().objects.create_user(username="timur", password=steps.PASSWORD)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    audit.watch(page)
    steps.log_in(page, "timur", steps.PASSWORD)
    page.goto("/learn/")
    page.get_by_label("Kyrgyzstan").check()
    page.get_by_role("button", name="Start a round").click()
    twin = browser.new_context(base_url=live_server.url, storage_state=context.storage_state()).new_page()
    audit.watch(twin)
    round_, item = now_asked(learner)
    for _ in range(round_.item_count):  # every multiple choice, then the first typed step
        round_, item = now_asked(learner)
        page.locator(".option").nth(item.key[0]).click()
        page.get_by_role("button", name="Check answer").click()
        expect(page).to_have_url(f"{live_server.url}/learn/{round_.pk}/answers/{LearnAnswer.objects.latest('pk').pk}/")
        page.get_by_role("link", name="Continue").click()
    round_, item = now_asked(learner)
    assert item.stage == LearnStage.TYPED
    page.get_by_role("button", name="Show a hint").click()
    expect(page.locator(".learn-hint")).to_be_visible()
    audit.by_twin(page, twin, "learn typed step with a hint (no JavaScript)")
    page.get_by_label("Your answer").fill(item.typed_key["answer"])
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#feedback-heading")).to_have_text("Correct")
    expect(page.locator("#learn-progress-bar")).to_have_attribute("value", "1")
    audit.by_twin(page, twin, "learn verdict (no JavaScript)")
    audit.assert_clean()
