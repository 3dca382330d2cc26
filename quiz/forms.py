"""Forms: sign-up, practice selection, answers (the quiz player), flashcards, classes, topic sets and assignments."""

from __future__ import annotations

import datetime

import fsrs
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.http import urlencode

from content.models import Country, Fact, Theme
from quiz.generator import Selection
from quiz.models import (
    ASSIGNMENT_INSTRUCTIONS_MAX,
    ID_MAX,
    MAX_TOPIC_SET_QUESTIONS,
    QUESTIONS_PER_QUIZ_MAX,
    REPORT_COMMENT_MAX,
    Classroom,
    LearnItem,
    LearnStage,
    Question,
    QuestionReport,
    QuestionType,
    TopicSet,
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


class PracticeForm(forms.Form):
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

    def radio_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, checked) for each option: the question page writes the radios out itself, since
        the widget's template per option cost a third of the hottest page's time."""
        chosen = str(self["option"].value())
        return [(str(index), label, str(index) == chosen) for index, label in self.fields["option"].choices]

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


class LearnTopicForm(forms.Form):
    """The topic of a round: countries and themes, as practice picks them (ticking none means all)."""

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


class LearnChoiceForm(LearnStepForm):
    option = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Your answer",
        error_messages={
            "required": "Choose an answer.",
            "invalid_choice": "That option does not belong to this question.",
        },
    )

    def __init__(self, *args, item: LearnItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item_shown = item
        self.fields["option"].choices = list(enumerate(item.options))

    def radio_options(self) -> list[tuple[str, str, bool]]:
        chosen = str(self["option"].value())
        return [(str(index), label, str(index) == chosen) for index, label in self.fields["option"].choices]


class LearnTypedForm(LearnStepForm):
    text = forms.CharField(
        max_length=MAX_TYPED_LENGTH,
        label="Your answer",
        error_messages={
            "required": "Type your answer (or ask for a hint).",
            "max_length": f"An answer is at most {MAX_TYPED_LENGTH} characters: nothing was recorded.",
        },
    )

    def __init__(self, *args, item: LearnItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item_shown = item


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


# Instructors and classes.

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
