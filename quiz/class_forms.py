"""Instructors' forms: classes, join codes, topic sets (with the fact picker) and assignments."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from content.models import Country, Fact, Theme
from quiz.forms import IdsChoiceField
from quiz.generator import Selection
from quiz.models import (
    ASSIGNMENT_INSTRUCTIONS_MAX,
    MAX_TOPIC_SET_QUESTIONS,
    Classroom,
    QuestionType,
    TopicSet,
)

CODE_VALIDITY_CHOICES = [(7, "1 week"), (14, "2 weeks"), (30, "30 days"), (0, "Until I replace it")]


class CodeValidityMixin:
    """How long a new join code works: a number of days, or 0 for until it is replaced."""

    def expires_at(self, now: datetime.datetime) -> datetime.datetime | None:
        days = self.cleaned_data["code_valid_days"]
        return now + datetime.timedelta(days=days) if days else None


class OwnedNameMixin:
    """A name unique per owner: the owner is not a form field, so the model's constraint check skips it."""

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        model = self._meta.model
        if model.objects.filter(owner=self.instance.owner, name=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"You already have a {model._meta.verbose_name} with this name.", code="name_taken")
        return name


class ClassroomForm(OwnedNameMixin, CodeValidityMixin, forms.ModelForm):
    code_valid_days = forms.TypedChoiceField(
        choices=CODE_VALIDITY_CHOICES, coerce=int, initial=14, label="Join code works for"
    )

    class Meta:
        model = Classroom
        fields = ["name"]
        labels = {"name": "Class name"}

    def __init__(self, *args, owner: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.owner = owner


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Join code",
        help_text="The 8 letters and digits your instructor gave you.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class NewCodeForm(CodeValidityMixin, forms.Form):
    code_valid_days = forms.TypedChoiceField(
        choices=CODE_VALIDITY_CHOICES, coerce=int, initial=14, label="New code works for"
    )


class FactChoiceField(IdsChoiceField):
    def label_from_instance(self, fact: Fact) -> str:
        return fact.statement


class TopicSetForm(OwnedNameMixin, forms.ModelForm):
    question_types = forms.MultipleChoiceField(
        choices=QuestionType.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=QuestionType.all,
        error_messages={"required": "Choose at least one type of question."},
    )
    facts = FactChoiceField(
        Fact.objects.active().order_by("statement"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Hand-picked facts",
        help_text="Optional: tick facts to ask only about them (they must also match the countries and themes).",
    )

    class Meta:
        model = TopicSet
        fields = ["name", "countries", "themes", "question_types", "question_count", "facts"]
        widgets = {"countries": forms.CheckboxSelectMultiple, "themes": forms.CheckboxSelectMultiple}
        field_classes = {"countries": IdsChoiceField, "themes": IdsChoiceField}
        labels = {"question_count": "Number of questions"}
        help_texts = {"countries": "Tick none for all countries.", "themes": "Tick none for all themes."}

    def __init__(self, *args, owner: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.owner = owner
        self.fields["question_count"].widget.attrs.update(min=1, max=MAX_TOPIC_SET_QUESTIONS)

    def clean_question_count(self) -> int:
        count = self.cleaned_data["question_count"]
        if not 1 <= count <= MAX_TOPIC_SET_QUESTIONS:
            raise ValidationError(f"Choose between 1 and {MAX_TOPIC_SET_QUESTIONS} questions.", code="out_of_range")
        return count


# How many facts the picker lists at once: a search narrows it, and picked facts are always listed.
PICKER_LIMIT = 60


class FactPickerForm(forms.Form):
    """The topic set form as sent by its "Find facts" button (GET): the selection so far, and a search.

    It only filters what the picker lists; nothing is saved. Anything invalid is left out of the filter.
    """

    countries = IdsChoiceField(Country.objects.all(), required=False)
    themes = IdsChoiceField(Theme.objects.all(), required=False)
    facts = IdsChoiceField(Fact.objects.active(), required=False)
    q = forms.CharField(required=False, max_length=100, label="Search the facts")
    # Read only by the question preview (`selection`).
    question_types = forms.MultipleChoiceField(choices=QuestionType.choices, required=False)
    question_count = forms.IntegerField(required=False, min_value=1, max_value=MAX_TOPIC_SET_QUESTIONS)
    seed = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1)

    def selection(self) -> Selection:
        """The unsaved choice as a generator selection, for the preview: an invalid or missing part takes the
        topic set form's default (every type, 10 questions), so a half-filled form still previews."""
        self.is_valid()
        cleaned = self.cleaned_data
        return Selection(
            country_ids=tuple(country.pk for country in cleaned.get("countries") or ()),
            theme_ids=tuple(theme.pk for theme in cleaned.get("themes") or ()),
            question_types=tuple(cleaned.get("question_types") or QuestionType.all),
            count=cleaned.get("question_count") or TopicSet._meta.get_field("question_count").default,
            fact_ids=tuple(fact.pk for fact in cleaned.get("facts") or ()),
        )

    @property
    def seed_value(self) -> int:
        self.is_valid()
        return self.cleaned_data.get("seed") or 0

    def initial_for_topic_set_form(self) -> dict:
        """What the topic set form shows again: every field as it was sent (it is validated on saving)."""
        data = self.data
        return {
            "name": data.get("name", ""),
            "countries": data.getlist("countries"),
            "themes": data.getlist("themes"),
            "question_types": data.getlist("question_types"),
            "question_count": data.get("question_count", ""),
            "facts": data.getlist("facts"),
        }


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AssignmentForm(forms.Form):
    # Most recently edited first, and that one chosen: the set a teacher has just made is the one they assign.
    topic_set = forms.ModelChoiceField(TopicSet.objects.none(), label="Topic set", empty_label=None)
    title = forms.CharField(
        max_length=200,
        required=False,
        label="Title",
        help_text="What students see, e.g. “Week 3: diaspora”. Leave empty to use the topic set's name.",
    )
    instructions = forms.CharField(
        max_length=ASSIGNMENT_INSTRUCTIONS_MAX,
        required=False,
        label="Instructions (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to students on their dashboard and when they start the quiz.",
    )
    opens_at = forms.DateTimeField(label="Opens", widget=DateTimeInput())
    due_at = forms.DateTimeField(label="Due", widget=DateTimeInput())
    mastery_target = forms.IntegerField(
        label="Mastery target (%)",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Optional: done only once the student's mastery of the assignment's facts reaches it.",
    )

    def __init__(self, *args, owner: AbstractBaseUser, now: datetime.datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        topic_sets = TopicSet.objects.visible_to(owner).order_by("-updated_at", "-pk")
        self.fields["topic_set"].queryset = topic_sets
        if not self.initial.get("topic_set"):
            self.initial["topic_set"] = topic_sets.values_list("pk", flat=True).first()
        today = timezone.localtime(now).replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = today
        self.fields["due_at"].initial = today + datetime.timedelta(days=7)

    def clean(self) -> dict:
        cleaned = super().clean()
        opens_at, due_at = cleaned.get("opens_at"), cleaned.get("due_at")
        if opens_at and due_at and due_at <= opens_at:
            self.add_error(
                "due_at", ValidationError("The due date must be after the opening date.", code="due_before_opening")
            )
        return cleaned
