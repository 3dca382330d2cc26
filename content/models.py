"""The fact bank: sources, countries, themes, facts, their citations and disputes.

Invariants that matter live in database constraints; each constraint carries a
message, so `full_clean()` (and therefore the admin) reports a violation as a
form error before the database ever sees the row.
"""

from __future__ import annotations

import datetime
import random

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Length, Replace
from django.db.models.lookups import LessThanOrEqual

MAX_QUOTE_WORDS = 25


def random_shuffle_key() -> float:
    return random.random()


class Country(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")
    is_region = models.BooleanField(
        default=False, help_text="Not a single country: Central Asia as a whole, or Korea & theory."
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="country_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="theme_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """What sort of thing an answer is (university, K-pop act, city ...): options of one question share it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="category_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """A research paper that facts are cited from."""

    key = models.SlugField(max_length=60, unique=True, help_text="Stable key, e.g. oh-2021.")
    short_name = models.CharField(max_length=120, help_text="How feedback names it: 'Oh & Zholamanova 2021'.")
    authors = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    venue = models.CharField(max_length=200, blank=True)
    doi = models.CharField("DOI", max_length=120, blank=True)
    url = models.URLField(blank=True)
    paper_file = models.CharField(max_length=120, help_text="The paper's file name in the sources folder.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="source_key_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="source_year_plausible",
                violation_error_message="The year must be between 1900 and 2100.",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def format_partial_date(value, precision: str, end=None) -> str:
    """28 January 1992 / January 1992 / 1992, as the precision allows; a span as "2004–2006"."""
    if end is not None:
        return f"{format_partial_date(value, precision)}–{format_partial_date(end, precision)}"
    if precision == DatePrecision.DAY:
        return f"{value.day} {value:%B %Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%B %Y}"
    return str(value.year)


def _date_constraints(prefix: str) -> list[models.BaseConstraint]:
    """A date comes with a precision and vice versa; coarse dates are stored as their first day."""
    return [
        models.CheckConstraint(
            condition=Q(event_date__isnull=True, date_precision="")
            | Q(event_date__isnull=False, date_precision__in=DatePrecision.values),
            name=f"{prefix}_date_has_valid_precision",
            violation_error_message="A date needs a precision (year, month or day), and a precision needs a date.",
        ),
        models.CheckConstraint(
            condition=~Q(date_precision=DatePrecision.YEAR) | Q(event_date__month=1, event_date__day=1),
            name=f"{prefix}_year_precision_is_first_of_year",
            violation_error_message="A date known to the year is stored as 1 January of that year.",
        ),
        models.CheckConstraint(
            condition=~Q(date_precision=DatePrecision.MONTH) | Q(event_date__day=1),
            name=f"{prefix}_month_precision_is_first_of_month",
            violation_error_message="A date known to the month is stored as the 1st of that month.",
        ),
        models.CheckConstraint(
            condition=Q(date_end__isnull=True) | Q(event_date__isnull=False, date_end__gt=F("event_date")),
            name=f"{prefix}_span_ends_after_it_starts",
            violation_error_message="A span needs a start date, and its end must be later than its start.",
        ),
    ]


class Dated:
    """A fact's or a claim's date: a day, a month, a year, or a span of them (`date_end`)."""

    event_date: datetime.date | None
    date_end: datetime.date | None
    date_precision: str

    @property
    def display_date(self) -> str:
        if self.event_date is None:
            return ""
        return format_partial_date(self.event_date, self.date_precision, self.date_end)

    @property
    def years(self) -> range:
        """Every year the date (or span) covers: each one is a right answer."""
        if self.event_date is None:
            return range(0)
        return range(self.event_date.year, (self.date_end or self.event_date).year + 1)


class FactKind(models.TextChoices):
    DATE = "date", "Date"
    YEAR = "year", "Year"
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    COUNTRY = "country", "Country"
    ORGANISATION = "organisation", "Organisation"
    PERSON = "person", "Person"
    PLACE = "place", "Place"
    WORK = "work", "Work / title"
    CONCEPT = "concept", "Concept"
    PHRASE = "phrase", "Phrase (not multiple choice)"


DATE_KINDS = (FactKind.DATE, FactKind.YEAR)
QUANTITY_KINDS = (FactKind.NUMBER, FactKind.PERCENTAGE)
# Answers that name a thing: they have a category, and their wrong options are other answers of it.
ENTITY_KINDS = (
    FactKind.COUNTRY,
    FactKind.ORGANISATION,
    FactKind.PERSON,
    FactKind.PLACE,
    FactKind.WORK,
    FactKind.CONCEPT,
)


class Difficulty(models.IntegerChoices):
    CORE = 1, "Core"
    INTERMEDIATE = 2, "Intermediate"
    DETAIL = 3, "Detail"


class FactQuerySet(models.QuerySet):
    def active(self) -> FactQuerySet:
        return self.filter(is_active=True)

    def dated(self) -> FactQuerySet:
        """Facts that are events with a date: the material of timeline questions."""
        return self.filter(event_date__isnull=False)

    def disputed(self) -> FactQuerySet:
        return self.filter(Exists(Claim.objects.filter(fact=OuterRef("pk"))))

    def in_topic(self, *, countries=None, themes=None) -> FactQuerySet:
        queryset = self
        if countries:
            queryset = queryset.filter(
                Exists(Fact.countries.through.objects.filter(fact=OuterRef("pk"), country__in=countries))
            )
        if themes:
            queryset = queryset.filter(
                Exists(Fact.themes.through.objects.filter(fact=OuterRef("pk"), theme__in=themes))
            )
        return queryset


class Fact(Dated, models.Model):
    """One teachable statement, in our own words, with the answer it teaches."""

    Kind = FactKind

    key = models.SlugField(max_length=100, unique=True, help_text="Stable key that seed files use.")
    statement = models.TextField(help_text="The fact in our own words. The answer must appear in it.")
    question = models.TextField(blank=True, help_text="Optional explicit question whose answer is the answer.")
    answer = models.CharField(max_length=200, help_text="What the learner recalls, exactly as in the statement.")
    kind = models.CharField(max_length=20, choices=FactKind.choices)
    event = models.CharField(max_length=200, blank=True, help_text="For dated events: the event without its date.")
    event_date = models.DateField(null=True, blank=True)
    date_end = models.DateField(
        null=True, blank=True, help_text="With a date: the end of a span (every year in it is right)."
    )
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    one_off = models.BooleanField(
        "one-off event",
        default=False,
        help_text="A one-off, datable event: only these make event, year and timeline questions.",
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        help_text="For answers that name a thing: wrong options are other answers of this category.",
    )
    distractors = models.JSONField(
        default=list,
        blank=True,
        help_text="Curated wrong options for this question, offered before other answers of the category.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other spellings or names of this same answer (Alma-Ata for Almaty): a typed answer matching one "
        "is right. Never a different answer: the sources' other answers are claims.",
    )
    multiple_choice = models.BooleanField(
        default=True,
        help_text="Off for a list-membership fact: other members of the category may be true as well.",
    )
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    as_of_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Year the figure refers to.")
    countries = models.ManyToManyField(Country, related_name="facts")
    themes = models.ManyToManyField(Theme, related_name="facts")
    difficulty = models.PositiveSmallIntegerField(choices=Difficulty.choices, default=Difficulty.INTERMEDIATE)
    learner_note = models.TextField(
        blank=True, help_text="Shown to learners with the answer: disagreements, a paper's error."
    )
    note = models.TextField("editor's note", blank=True)
    is_active = models.BooleanField(default=True, help_text="Retired facts are hidden but keep learners' history.")
    # A random position in [0, 1): a contiguous window of facts ordered by it is
    # a uniform random sample, read through an index instead of ORDER BY random().
    shuffle_key = models.FloatField(default=random_shuffle_key, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="fact_key_not_empty"),
            models.CheckConstraint(
                condition=~Q(statement=""),
                name="fact_statement_not_empty",
                violation_error_message="Write the statement.",
            ),
            models.CheckConstraint(
                condition=~Q(answer=""),
                name="fact_answer_not_empty",
                violation_error_message="The answer cannot be empty.",
            ),
            models.CheckConstraint(
                condition=Q(statement__contains=F("answer")),
                name="fact_answer_in_statement",
                violation_error_message="The answer must appear in the statement, so that a cloze can be made.",
            ),
            models.CheckConstraint(condition=Q(kind__in=FactKind.values), name="fact_kind_valid"),
            models.CheckConstraint(
                condition=Q(difficulty__in=Difficulty.values),
                name="fact_difficulty_valid",
                violation_error_message="Difficulty must be 1, 2 or 3.",
            ),
            *_date_constraints("fact"),
            models.CheckConstraint(
                condition=~Q(kind__in=DATE_KINDS) | Q(event_date__isnull=False),
                name="fact_date_kind_has_date",
                violation_error_message="A date or year answer needs the event date.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=FactKind.YEAR) | Q(date_precision=DatePrecision.YEAR),
                name="fact_year_kind_has_year_precision",
                violation_error_message="A year answer needs a date of year precision.",
            ),
            models.CheckConstraint(
                condition=~Q(kind=FactKind.DATE) | Q(date_precision__in=[DatePrecision.MONTH, DatePrecision.DAY]),
                name="fact_date_kind_has_fine_precision",
                violation_error_message="A date answer needs month or day precision (use kind 'year' otherwise).",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=QUANTITY_KINDS) | (Q(value__isnull=False) & ~Q(unit="")),
                name="fact_quantity_has_value_and_unit",
                violation_error_message="A number or percentage needs a value and a unit.",
            ),
            models.CheckConstraint(
                condition=Q(event_date__isnull=True) | ~Q(event=""),
                name="fact_dated_has_event_label",
                violation_error_message="A dated fact needs an event label (the event without its date).",
            ),
            models.CheckConstraint(
                condition=Q(category__isnull=False) | ~Q(kind__in=ENTITY_KINDS),
                name="fact_entity_has_category",
                violation_error_message="An answer that names a thing needs a category.",
            ),
            models.CheckConstraint(
                condition=Q(category__isnull=True) | Q(kind__in=ENTITY_KINDS),
                name="fact_category_only_for_entities",
                violation_error_message="Only answers that name a thing have a category.",
            ),
            models.CheckConstraint(
                condition=Q(one_off=False) | Q(event_date__isnull=False),
                name="fact_one_off_has_date",
                violation_error_message="A one-off event needs its date.",
            ),
            models.CheckConstraint(
                condition=Q(as_of_year__isnull=True) | Q(as_of_year__gte=1800, as_of_year__lte=2100),
                name="fact_as_of_year_plausible",
                violation_error_message="The 'as of' year must be between 1800 and 2100.",
            ),
        ]
        # Partial indexes in shuffle order: the quiz builder reads windows of
        # active facts (all, dated, or of one kind) without sorting the bank.
        indexes = [
            models.Index(fields=["shuffle_key"], condition=Q(is_active=True), name="fact_active_shuffle"),
            models.Index(
                fields=["shuffle_key"],
                condition=Q(is_active=True, event_date__isnull=False),
                name="fact_dated_shuffle",
            ),
            # One-off events (what event questions and timelines draw): a topic's window reads only them.
            models.Index(
                fields=["shuffle_key"],
                condition=Q(is_active=True, one_off=True, event_date__isnull=False),
                name="fact_one_off_shuffle",
            ),
            models.Index(fields=["kind", "shuffle_key"], condition=Q(is_active=True), name="fact_kind_shuffle"),
            # Distractors come from the whole bank, a bounded window per category.
            models.Index(fields=["category", "shuffle_key"], condition=Q(is_active=True), name="fact_category_shuffle"),
        ]

    def __str__(self) -> str:
        return self.key

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        # SQLite's LIKE ignores case, so the constraint alone would accept a
        # differently-cased answer; the cloze needs the exact text.
        if self.answer and self.statement and self.answer not in self.statement:
            errors["answer"] = ValidationError(
                "The answer must appear in the statement exactly (case kept).", code="answer_not_in_statement"
            )
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) and a.strip() for a in self.aliases):
            errors["aliases"] = ValidationError("Aliases are a list of non-empty texts.", code="aliases_not_texts")
        if self.event_date and self.event and str(self.event_date.year) in self.event:
            errors["event"] = ValidationError(
                "The event label gives its own year away; leave the date out of it.", code="event_gives_year_away"
            )
        if errors:
            raise ValidationError(errors)


# Room for every country's (or theme's) id, comma-joined.
TAG_LIST_MAX_LENGTH = 500


class FactTopics(models.Model):
    """An active fact's combination of countries and themes as `TopicTotal` counts it: one row per active fact,
    none for a retired one. `content.topic_totals` keeps it and the totals in step with the facts; the learner
    pages group a learner's memory states by it (one join per state, none through the tag tables)."""

    fact = models.OneToOneField(Fact, on_delete=models.CASCADE, primary_key=True, related_name="counted_topics")
    # An integer to group by (the learner pages group thousands of states by it), not the two lists' text;
    # a combination's row is never deleted while facts point at it (it stays at 0 when emptied).
    combination = models.ForeignKey("TopicTotal", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "fact topics"

    def __str__(self) -> str:
        return f"{self.fact_id}: {self.combination}"


class TopicTotal(models.Model):
    """How many active facts carry exactly these countries and these themes: the bank's totals, the same for
    every learner. A country's total is the sum over the rows naming it, a cell's over the rows naming both,
    the bank's over all rows; there are as many rows as tag combinations in use, however large the bank."""

    countries = models.CharField(max_length=TAG_LIST_MAX_LENGTH, blank=True)
    themes = models.CharField(max_length=TAG_LIST_MAX_LENGTH, blank=True)
    # A combination no active fact carries any more keeps its row at 0: deleting it could race an increment.
    facts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["countries", "themes"], name="topic_total_one_per_tag_set"),
        ]

    def __str__(self) -> str:
        return f"countries {self.countries or '-'}, themes {self.themes or '-'}: {self.facts} facts"


class Claim(Dated, models.Model):
    """Another answer to a fact that a cited source supports: the sources disagree.

    The fact's own answer is the primary claim; a Claim row is an alternative
    that a learner is never marked wrong for giving.
    """

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="claims")
    answer = models.CharField(max_length=200)
    event_date = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True, help_text="With a date: the end of a span.")
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    is_record = models.BooleanField(
        "from the record",
        default=False,
        help_text="The established record, where a paper is wrong; the fact's learner note explains.",
    )
    note = models.TextField("editor's note", blank=True)

    class Meta:
        ordering = ["fact", "answer"]
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "answer"],
                name="claim_answer_unique_per_fact",
                violation_error_message="This fact already records that answer.",
            ),
            models.CheckConstraint(
                condition=~Q(answer=""),
                name="claim_answer_not_empty",
                violation_error_message="The answer cannot be empty.",
            ),
            *_date_constraints("claim"),
        ]

    def __str__(self) -> str:
        return f"{self.fact.key}: {self.answer}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.fact_id and self.answer == self.fact.answer:
            raise ValidationError(
                {
                    "answer": ValidationError(
                        "This is the fact's own answer; a claim records a different one.", code="claim_is_fact_answer"
                    )
                }
            )


class Citation(models.Model):
    """Where a source says it: a locator and a short verbatim quotation."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="citations")
    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        help_text="Leave empty when the citation supports the fact's own answer.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=200, help_text="Section heading or table number.")
    quote = models.TextField(help_text=f"Verbatim from the paper, at most {MAX_QUOTE_WORDS} words.")

    class Meta:
        ordering = ["fact", "claim", "source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(locator=""), name="citation_locator_not_empty", violation_error_message="Give a locator."
            ),
            models.CheckConstraint(
                condition=~Q(quote=""), name="citation_quote_not_empty", violation_error_message="Give a quotation."
            ),
            # Quotations are stored whitespace-collapsed, so words = spaces + 1.
            models.CheckConstraint(
                condition=~Q(quote__contains="  "),
                name="citation_quote_collapsed",
                violation_error_message="Collapse runs of spaces in the quotation.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    Length("quote") - Length(Replace("quote", Value(" "), Value(""))), MAX_QUOTE_WORDS - 1
                ),
                name="citation_quote_at_most_25_words",
                violation_error_message=f"A quotation has at most {MAX_QUOTE_WORDS} words.",
            ),
            models.UniqueConstraint(
                fields=["fact", "source", "quote"],
                condition=Q(claim__isnull=True),
                name="citation_unique_per_fact",
                violation_error_message="This fact already has this quotation from this source.",
            ),
            models.UniqueConstraint(
                fields=["claim", "source", "quote"],
                condition=Q(claim__isnull=False),
                name="citation_unique_per_claim",
                violation_error_message="This claim already has this quotation from this source.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.short_name}, {self.locator}"

    def save(self, *args, **kwargs) -> None:
        self.quote = " ".join(self.quote.split())
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        self.quote = " ".join(self.quote.split())
        if len(self.quote.split()) > MAX_QUOTE_WORDS:
            raise ValidationError(
                {"quote": ValidationError(f"A quotation has at most {MAX_QUOTE_WORDS} words.", code="quote_too_long")}
            )
        if self.claim_id and self.fact_id and self.claim.fact_id != self.fact_id:
            raise ValidationError(
                {"claim": ValidationError("That claim belongs to another fact.", code="claim_of_another_fact")}
            )
