"""Learners' forms: sign-up, practice selection, answers (the quiz player), Learn mode, flashcards and question
reports. Instructors' forms (classes, join codes, topic sets, assignments) are in quiz/class_forms.py."""

from __future__ import annotations

import fsrs
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.http import urlencode

from content.models import Country, Fact, Theme
from quiz.models import (
    ID_MAX,
    QUESTIONS_PER_QUIZ_MAX,
    REPORT_COMMENT_MAX,
    LearnItem,
    LearnStage,
    Question,
    QuestionReport,
    QuestionType,
)
from quiz.roles import STUDENT_GROUP
from quiz.typed_answers import MAX_TYPED_LENGTH


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of model ids that refuses an id no column can hold before the lookup (SQLite raises
    OverflowError on one, which would be a 500) with the usual "not one of the choices" error."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: the parent reports it as an invalid value
            if not -ID_MAX - 1 <= number <= ID_MAX:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


QUIZ_LENGTHS = [(5, "5 questions"), (10, "10 questions"), (20, "20 questions")]


class TopicForm(forms.Form):
    """A topic: countries and themes (ticking none of either means all)."""

    countries = IdsChoiceField(
        Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for all countries.",
    )
    themes = IdsChoiceField(
        Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for all themes.",
    )


class PracticeForm(TopicForm):
    question_types = forms.MultipleChoiceField(
        choices=QuestionType.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=QuestionType.all,
        error_messages={"required": "Choose at least one type of question."},
    )
    length = forms.TypedChoiceField(choices=QUIZ_LENGTHS, coerce=int, initial=10, label="Length")


class OptionFields(forms.Form):
    """A choice question's picked option, by its index (the quiz player and Learn mode); the subclass sets the
    field's choices from what it shows."""

    option = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Your answer",
        error_messages={
            "required": "Choose an answer.",
            "invalid_choice": "That option does not belong to this question.",
        },
    )

    def radio_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, checked) for each option: the pages write the radios out themselves
        (includes/answer_options.html), since the widget's template per option cost a third of the hottest
        page's time."""
        chosen = str(self["option"].value())
        return [(str(index), label, str(index) == chosen) for index, label in self.fields["option"].choices]


class AnswerForm(forms.Form):
    """What every answer form carries: the step the attempt was at when the question was shown."""

    step = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, question: Question, **kwargs) -> None:
        self.question = question
        super().__init__(*args, **kwargs)


class ChoiceAnswerForm(OptionFields, AnswerForm):
    def __init__(self, *args, question: Question, **kwargs) -> None:
        super().__init__(*args, question=question, **kwargs)
        self.fields["option"].choices = list(enumerate(question.options))

    @property
    def given(self) -> int:
        return self.cleaned_data["option"]


class TimelineAnswerForm(AnswerForm):
    """The items' shown indexes in the learner's order; an untouched order must be confirmed."""

    order = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": "That event does not belong to this question."},
    )
    confirm_order = forms.BooleanField(required=False, label="Keep this order: I have checked it")

    def __init__(self, *args, question: Question, **kwargs) -> None:
        super().__init__(*args, question=question, **kwargs)
        self.fields["order"].choices = [(index, label) for index, label in enumerate(question.options)]

    def clean_order(self) -> list[int]:
        order = self.cleaned_data["order"]
        if sorted(order) != list(range(len(self.question.options))):
            raise ValidationError(
                "The order must list every event of the question exactly once.", code="order_not_a_permutation"
            )
        return order

    def clean(self) -> dict:
        cleaned = super().clean()
        order = cleaned.get("order")
        if order == list(range(len(self.question.options))) and not cleaned.get("confirm_order"):
            raise ValidationError(
                "You have not moved any event. Put them in order, or tick “Keep this order” to submit it as shown.",
                code="order_unchanged",
            )
        return cleaned

    @property
    def given(self) -> list[int]:
        return self.cleaned_data["order"]


TYPED_TOO_LONG = f"Keep the answer under {MAX_TYPED_LENGTH} characters."


class TypedAnswerForm(AnswerForm):
    """The learner's own words; longer than MAX_TYPED_LENGTH is refused here, never graded."""

    text = forms.CharField(
        max_length=MAX_TYPED_LENGTH,
        label="Your answer",
        error_messages={"required": "Type an answer (or reveal the hint first).", "max_length": TYPED_TOO_LONG},
    )

    @property
    def given(self) -> str:
        return self.cleaned_data["text"]


def answer_form(question: Question, *args, **kwargs) -> AnswerForm:
    if question.is_typed:
        form_class = TypedAnswerForm
    else:
        form_class = TimelineAnswerForm if question.is_timeline else ChoiceAnswerForm
    return form_class(*args, question=question, **kwargs)


# Learn mode.


LEARN_INCOMPLETE = "The form is incomplete: reload the round."


class LearnStepForm(forms.Form):
    """What every Learn form carries: the round's turn and the item it was shown for (a stale one is refused)."""

    turn = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"required": LEARN_INCOMPLETE, "invalid": LEARN_INCOMPLETE},
    )
    item = forms.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": LEARN_INCOMPLETE},
    )

    def first_error(self) -> str:
        return next(str(error) for errors in self.errors.values() for error in errors)


class LearnChoiceForm(OptionFields, LearnStepForm):
    def __init__(self, *args, item: LearnItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = list(enumerate(item.options))


class LearnTypedForm(LearnStepForm):
    text = forms.CharField(
        max_length=MAX_TYPED_LENGTH,
        label="Your answer",
        error_messages={
            "required": "Type your answer (or ask for a hint).",
            "max_length": f"An answer is at most {MAX_TYPED_LENGTH} characters: nothing was recorded.",
        },
    )

    def __init__(self, *args, item: LearnItem, **kwargs) -> None:  # `item`: the choice form's signature
        super().__init__(*args, **kwargs)


def learn_answer_form(item: LearnItem, *args, **kwargs) -> LearnChoiceForm | LearnTypedForm:
    form_class = LearnTypedForm if item.stage == LearnStage.TYPED else LearnChoiceForm
    return form_class(*args, item=item, **kwargs)


class StepForm(forms.Form):
    """The step a question was shown at (the hint POST): a stale tab or a replay is refused against it."""

    step = forms.IntegerField(min_value=0, max_value=QUESTIONS_PER_QUIZ_MAX)


# Flashcards.

SELECTION_FIELDS = ("countries", "themes", "facts", "mode")
TYPE_MODE = "type"
INCOMPLETE = "The rating form is incomplete: reload the deck."


class DeckForm(forms.Form):
    """The topic selection (query parameters); ticking nothing means all."""

    countries = IdsChoiceField(
        Country.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, help_text="Tick none for all."
    )
    themes = IdsChoiceField(
        Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, help_text="Tick none for all."
    )
    # Hand-picked cards (the review's "study them as flashcards": the facts a quiz missed), kept in the query.
    facts = IdsChoiceField(Fact.objects.active(), required=False, widget=forms.MultipleHiddenInput)
    # "type": answer by typing (cards whose answer can be typed); anything else: recall, then flip.
    mode = forms.ChoiceField(choices=[("", "Flip"), (TYPE_MODE, "Type")], required=False, widget=forms.HiddenInput)

    def pairs(self, *, mode: str | None = None) -> list[tuple[str, str]]:
        """The valid selection as (name, value) pairs in the order given; `mode` replaces the mode."""
        pairs = [(name, value) for name in SELECTION_FIELDS if name != "mode" for value in self.data.getlist(name)]
        mode = self.cleaned_data.get("mode", "") if mode is None else mode
        return pairs + ([("mode", mode)] if mode else [])

    def query(self, *, mode: str | None = None) -> str:
        """The valid selection as a query string, in the order it was given."""
        return urlencode(self.pairs(mode=mode))

    @property
    def typing(self) -> bool:
        return self.cleaned_data.get("mode") == TYPE_MODE

    def summary(self) -> str:
        if self.cleaned_data["facts"]:
            count = len(self.cleaned_data["facts"])
            return f"{count} hand-picked card{'s' if count != 1 else ''}"
        countries = ", ".join(country.name for country in self.cleaned_data["countries"]) or "All countries"
        themes = ", ".join(theme.name for theme in self.cleaned_data["themes"]) or "all themes"
        return f"{countries} · {themes}"


class TypedCardForm(forms.Form):
    """A typed answer to the shown card (a GET: grading writes nothing). Empty with `reveal`: show the answer."""

    card = forms.IntegerField(min_value=1, max_value=ID_MAX)
    text = forms.CharField(
        max_length=MAX_TYPED_LENGTH, required=False, label="Your answer", error_messages={"max_length": TYPED_TOO_LONG}
    )
    reveal = forms.BooleanField(required=False)


class RatingForm(forms.Form):
    fact = forms.ModelChoiceField(
        Fact.objects.active().only("pk"),
        error_messages={
            "required": INCOMPLETE,
            "invalid_choice": "That card is not in the bank (it may have been retired): reload the deck.",
        },
    )
    rating = forms.TypedChoiceField(
        choices=[(rating.value, rating.name) for rating in fsrs.Rating],
        coerce=int,
        error_messages={"required": INCOMPLETE, "invalid_choice": "Rate the card Again, Hard, Good or Easy."},
    )
    reps = forms.IntegerField(
        min_value=0, error_messages={"required": INCOMPLETE, "invalid": INCOMPLETE, "min_value": INCOMPLETE}
    )

    def first_error(self) -> str:
        return next(str(error) for errors in self.errors.values() for error in errors)


class SignUpForm(UserCreationForm):
    """A new learner: username and password; the account joins the student group."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username"]

    @transaction.atomic
    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=STUDENT_GROUP))
        return user


# Question reports.


class QuestionReportForm(forms.Form):
    """What is wrong with a question, and optionally a short comment."""

    kind = forms.ChoiceField(
        choices=QuestionReport.Kind.choices,
        widget=forms.RadioSelect,
        label="What is the problem?",
        error_messages={
            "required": "Choose what is wrong with the question.",
            "invalid_choice": "Choose one of the problems listed.",
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=REPORT_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Comment (optional)",
        error_messages={"max_length": f"Keep the comment under {REPORT_COMMENT_MAX} characters."},
    )
