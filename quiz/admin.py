"""The fact admin, with what the quiz app adds to it: a preview of the questions a fact yields and the
learners' open reports on its questions; and the triage of those reports.

`content` knows nothing of quizzes, so the preview lives here: the quiz app re-registers the fact admin
with one more (read-only) section. INSTALLED_APPS lists `content` before `quiz`, so the admin has
registered `content`'s own FactAdmin by the time this module runs.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from content.admin import FactAdmin
from content.models import Fact
from quiz.generator import questions_for_fact
from quiz.models import QuestionReport, QuestionType, TypedOverride
from quiz.typed_overrides import AliasRefused, add_alias, dismiss

admin.site.unregister(Fact)


@admin.register(Fact)
class FactWithQuestionsAdmin(FactAdmin):
    fieldsets = [
        # First, so an editor who follows a report's link sees what learners said before editing.
        ("Open reports from learners", {"fields": ["open_reports"]}),
        *FactAdmin.fieldsets,
        ("Questions the generator builds from this fact", {"fields": ["question_preview"]}),
    ]
    readonly_fields = [*FactAdmin.readonly_fields, "open_reports", "question_preview"]

    # A read-only list rather than an inline: an inline's formset would have to be posted with every save.
    @admin.display(description="open reports")
    def open_reports(self, obj: Fact) -> str:
        if not obj.pk:
            return "None"
        reports = QuestionReport.objects.open().filter(fact=obj).select_related("question")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {} <em>{}</em></li>',
            (
                (
                    reverse("admin:quiz_questionreport_change", args=[report.pk]),
                    report.get_kind_display(),
                    report.created_at.strftime("%d %b %Y"),
                    report.question.prompt,
                    report.comment,
                )
                for report in reports
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "None"

    @admin.display(description="preview")
    def question_preview(self, obj: Fact) -> str:
        if not obj.pk:
            return "Save the fact to preview its questions."
        blocks = []
        for question_type, result in questions_for_fact(fact=obj).items():
            label = QuestionType.labels[question_type]
            if isinstance(result, str):
                blocks.append(format_html("<p><strong>{}</strong>: not built ({})</p>", label, result))
                continue
            options = format_html_join(
                "",
                "<li>{}{}</li>",
                ((option.text, " \u2714 correct" if option.is_correct else "") for option in result.options),
            )
            if result.typed_key is not None:
                # A typed question: what grading accepts (typos of a name aside).
                options = format_html_join(
                    "", "<li>{} \u2714 accepted</li>", ((text,) for text in result.typed_key.accepted())
                )
            blocks.append(format_html("<p><strong>{}</strong>: {}</p><ul>{}</ul>", label, result.prompt, options))
        return format_html_join("", "{}", ((block,) for block in blocks))


@admin.register(QuestionReport)
class QuestionReportAdmin(admin.ModelAdmin):
    """Triage: open reports first, each linked to its fact's admin page, where the fact is corrected."""

    list_display = ["created_at", "status", "kind", "question_prompt", "fact_link", "learner"]
    list_filter = ["status", "kind"]
    list_select_related = ["question", "fact", "learner"]
    search_fields = ["comment", "question__prompt", "fact__key"]
    fields = ["status", "kind", "comment", "question_prompt", "fact_link", "learner", "created_at"]
    readonly_fields = ["kind", "comment", "question_prompt", "fact_link", "learner", "created_at"]
    actions = ["mark_resolved", "reopen"]
    ordering = ["status", "-created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # learners report; admins triage

    @admin.display(description="question")
    def question_prompt(self, obj: QuestionReport) -> str:
        return obj.question.prompt

    @admin.display(description="fact", ordering="fact__key")
    def fact_link(self, obj: QuestionReport) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:content_fact_change", args=[obj.fact_id]), obj.fact.key
        )

    def _set_status(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        changed = queryset.exclude(status=status).update(status=status)
        self.message_user(request, f"{changed} report{'s' if changed != 1 else ''} marked {status}.", messages.SUCCESS)

    @admin.action(description="Mark the selected reports resolved")
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, QuestionReport.Status.RESOLVED)

    @admin.action(description="Reopen the selected reports")
    def reopen(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_status(request, queryset, QuestionReport.Status.OPEN)


@admin.register(TypedOverride)
class TypedOverrideAdmin(admin.ModelAdmin):
    """Learners' "I was right" on typed answers, grouped by fact and by what they typed: one click adds the
    text as an alias of the fact (closing every open override that typed the same) or dismisses it."""

    list_display = [
        "fact_link",
        "answer",
        "text",
        "same_text",
        "fact_open",
        "status",
        "row_actions",
        "origin",
        "learner",
        "created_at",
    ]
    list_filter = ["status", "origin"]
    list_select_related = ["fact", "learner"]
    search_fields = ["text", "fact__key", "fact__answer"]
    fields = ["status", "fact_link", "fact_answer", "text", "origin", "question", "learner", "created_at"]
    list_display_links = ["text"]
    readonly_fields = ["fact_link", "fact_answer", "text", "origin", "question", "learner", "created_at"]
    actions = ["add_as_alias", "dismiss_selected"]
    # Grouped by fact, then by what was typed: the same answer from many learners reads as one case.
    ordering = ["fact__key", "normalised", "-created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # learners override; admins triage

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        open_overrides = TypedOverride.objects.open().filter(fact=OuterRef("fact")).order_by()
        counted = open_overrides.values("fact").annotate(n=Count("pk")).values("n")
        same = open_overrides.filter(normalised=OuterRef("normalised")).values("fact").annotate(n=Count("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                fact_open_count=Coalesce(Subquery(counted), 0),
                same_text_count=Coalesce(Subquery(same.values("n")), 0),
            )
        )

    @admin.display(description="fact", ordering="fact__key")
    def fact_link(self, obj: TypedOverride) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:content_fact_change", args=[obj.fact_id]), obj.fact.key
        )

    @admin.display(description="answer", ordering="fact__answer")
    def answer(self, obj: TypedOverride) -> str:
        return obj.fact.answer

    @admin.display(description="fact's answer")
    def fact_answer(self, obj: TypedOverride) -> str:
        aliases = ", ".join(obj.fact.aliases)
        return f"{obj.fact.answer} (aliases: {aliases})" if aliases else obj.fact.answer

    @admin.display(description="open, same text", ordering="same_text_count")
    def same_text(self, obj: TypedOverride) -> int:
        return obj.same_text_count

    @admin.display(description="open, this fact", ordering="fact_open_count")
    def fact_open(self, obj: TypedOverride) -> int:
        return obj.fact_open_count

    def get_urls(self) -> list:
        own = [
            path(
                "<int:pk>/add-alias/",
                self.admin_site.admin_view(self.add_alias_view),
                name="quiz_typedoverride_add_alias",
            ),
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="quiz_typedoverride_dismiss",
            ),
        ]
        return own + super().get_urls()

    @admin.display(description="one click")
    def row_actions(self, obj: TypedOverride) -> str:
        """Buttons that post the list's own form (it carries the CSRF token) to the row's action URL: a form
        may not nest in the list's form, and a button's formaction needs none."""
        if obj.status == TypedOverride.Status.ALIASED:
            return "-"
        alias = format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">Add as alias</button>',
            reverse("admin:quiz_typedoverride_add_alias", args=[obj.pk]),
        )
        if obj.status != TypedOverride.Status.OPEN:
            return alias
        return format_html(
            '{} <button type="submit" class="button" formaction="{}" formmethod="post">Dismiss</button>',
            alias,
            reverse("admin:quiz_typedoverride_dismiss", args=[obj.pk]),
        )

    def _row_action(self, request: HttpRequest, pk: int, act) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        override = get_object_or_404(TypedOverride.objects.select_related("fact"), pk=pk)
        if not self.has_change_permission(request, override):
            raise PermissionDenied
        try:
            self.message_user(request, act(override), messages.SUCCESS)
        except AliasRefused as refusal:
            self.message_user(request, f"Not added: {refusal}", messages.ERROR)
        changelist = reverse("admin:quiz_typedoverride_changelist")
        # Back to the list as the admin filtered it (the list's form posts from that URL).
        referer = request.headers.get("Referer", "")
        return HttpResponseRedirect(referer if referer.split("?")[0].endswith(changelist) else changelist)

    def add_alias_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def act(override: TypedOverride) -> str:
            closed = add_alias(override=override)
            return (
                f"{override.text!r} is now an alias of {override.fact.key}; {closed} override"
                f"{'s' if closed != 1 else ''} closed. Copy it into the fact's seed file, or the next load_seeds "
                "drops it."
            )

        return self._row_action(request, pk, act)

    def dismiss_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        def act(override: TypedOverride) -> str:
            return f"{override.text!r} dismissed." if dismiss(override=override) else "It was no longer open."

        return self._row_action(request, pk, act)

    @admin.action(description="Add the selected texts as aliases of their facts")
    def add_as_alias(self, request: HttpRequest, queryset: QuerySet) -> None:
        closed = 0
        for override in queryset.select_related("fact"):
            try:
                closed += add_alias(override=override)
            except AliasRefused as refusal:
                self.message_user(request, f"Not added: {refusal}", messages.ERROR)
        self.message_user(
            request,
            f"Added as aliases; {closed} override{'s' if closed != 1 else ''} closed. "
            "Copy each alias into the fact's seed file, or the next load_seeds drops it.",
            messages.SUCCESS,
        )

    @admin.action(description="Dismiss the selected overrides")
    def dismiss_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        dismissed = sum(dismiss(override=override) for override in queryset)
        self.message_user(request, f"{dismissed} override{'s' if dismissed != 1 else ''} dismissed.", messages.SUCCESS)
