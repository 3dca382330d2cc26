from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest

from content.models import Category, Citation, Claim, Country, Fact, Source, Theme


@admin.register(Country, Theme, Category)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "fact_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(fact_count=Count("facts"))

    @admin.display(ordering="fact_count", description="facts")
    def fact_count(self, obj) -> int:
        return obj.fact_count


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "short_name", "year", "paper_file", "citation_count"]
    search_fields = ["key", "short_name", "authors", "title"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(ordering="citation_count", description="citations")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count


class CitationInline(admin.StackedInline):
    # Stacked, not tabular: a tabular row's inputs have column headings but no labels (axe: critical).
    model = Citation
    extra = 0
    min_num = 1
    fields = ["source", "locator", "quote", "claim"]
    autocomplete_fields = ["source"]

    def get_formset(self, request: HttpRequest, obj: Fact | None = None, **kwargs):
        # Every fact needs a citation; the admin does not enforce min_num unless asked.
        formset = super().get_formset(request, obj, validate_min=True, **kwargs)
        # A citation may only back one of this fact's own claims.
        field = formset.form.base_fields["claim"]
        field.queryset = obj.claims.all() if obj else Claim.objects.none()
        return formset


class ClaimInline(admin.StackedInline):
    model = Claim
    extra = 0
    fields = ["answer", "event_date", "date_end", "date_precision", "value", "is_record", "note"]


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(source.key, source.short_name) for source in Source.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Exists(Citation.objects.filter(fact=OuterRef("pk"), source__key=self.value())))
        return queryset


class DisputedFilter(admin.SimpleListFilter):
    title = "sources disagree"
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", "Disputed"), ("no", "Undisputed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.disputed()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.disputed().values("pk"))
        return queryset


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["key", "answer", "kind", "display_date", "difficulty", "is_active"]
    list_filter = [
        "countries",
        "themes",
        "kind",
        "category",
        "one_off",
        SourceFilter,
        DisputedFilter,
        "difficulty",
        "is_active",
    ]
    search_fields = ["key", "statement", "answer", "event", "question"]
    # Checkboxes for six countries and nine themes; filter_horizontal's widget fails the axe audit (its
    # search icon carries ARIA attributes a span may not have).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [ClaimInline, CitationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "statement",
                    "answer",
                    "aliases",
                    "kind",
                    "category",
                    "question",
                    "difficulty",
                    "countries",
                    "themes",
                ]
            },
        ),
        ("Event", {"fields": ["event", "event_date", "date_end", "date_precision", "one_off"]}),
        ("Quantity", {"fields": ["value", "unit", "as_of_year"]}),
        ("Multiple choice", {"fields": ["multiple_choice", "distractors"]}),
        ("Notes", {"fields": ["learner_note", "note", "is_active"]}),
    ]

    @admin.display(ordering="event_date", description="date")
    def display_date(self, obj: Fact) -> str:
        return obj.display_date
