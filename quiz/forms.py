"""Forms: sign-up, practice selection and answers (the quiz player)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from content.models import Country, Theme
from quiz.generator import QuestionType
from quiz.models import Question

STUDENT_GROUP = "student"
QUIZ_LENGTHS = [(5, "5 questions"), (10, "10 questions"), (20, "20 questions")]


class PracticeForm(forms.Form):
    countries = forms.ModelMultipleChoiceField(
        Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for all countries.",
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for all themes.",
    )
    question_types = forms.MultipleChoiceField(
        choices=QuestionType.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=QuestionType.all,
        error_messages={"required": "Choose at least one type of question."},
    )
    length = forms.TypedChoiceField(choices=QUIZ_LENGTHS, coerce=int, initial=10, label="Length")


class AnswerForm(forms.Form):
    """What every answer form carries: the step the attempt was at when the question was shown."""

    step = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, question: Question, **kwargs) -> None:
        self.question = question
        super().__init__(*args, **kwargs)


class ChoiceAnswerForm(AnswerForm):
    option = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Your answer",
        error_messages={
            "required": "Choose an answer.",
            "invalid_choice": "That option does not belong to this question.",
        },
    )

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
            raise ValidationError("The order must list every event of the question exactly once.")
        return order

    def clean(self) -> dict:
        cleaned = super().clean()
        order = cleaned.get("order")
        if order == list(range(len(self.question.options))) and not cleaned.get("confirm_order"):
            raise ValidationError(
                "You have not moved any event. Put them in order, or tick “Keep this order” to submit it as shown."
            )
        return cleaned

    @property
    def given(self) -> list[int]:
        return self.cleaned_data["order"]


def answer_form(question: Question, *args, **kwargs) -> AnswerForm:
    form_class = TimelineAnswerForm if question.is_timeline else ChoiceAnswerForm
    return form_class(*args, question=question, **kwargs)


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
