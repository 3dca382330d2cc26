"""The fact admin, with what the quiz app adds to it: a preview of the questions a fact yields.

`content` knows nothing of quizzes, so the preview lives here: the quiz app re-registers the fact admin
with one more (read-only) section. INSTALLED_APPS lists `content` before `quiz`, so the admin has
registered `content`'s own FactAdmin by the time this module runs.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from content.admin import FactAdmin
from content.models import Fact
from quiz.generator import questions_for_fact
from quiz.models import QuestionType

admin.site.unregister(Fact)


@admin.register(Fact)
class FactWithQuestionsAdmin(FactAdmin):
    fieldsets = [
        *FactAdmin.fieldsets,
        ("Questions the generator builds from this fact", {"fields": ["question_preview"]}),
    ]
    readonly_fields = [*FactAdmin.readonly_fields, "question_preview"]

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
            blocks.append(format_html("<p><strong>{}</strong>: {}</p><ul>{}</ul>", label, result.prompt, options))
        return format_html_join("", "{}", ((block,) for block in blocks))
