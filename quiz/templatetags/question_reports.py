"""The report form's choices for the include that feedback and review pages render (they pass no form)."""

from django import template

from quiz.models import REPORT_COMMENT_MAX, QuestionReport

register = template.Library()


@register.simple_tag
def report_kinds() -> list[tuple[str, str]]:
    return list(QuestionReport.Kind.choices)


@register.simple_tag
def report_comment_max() -> int:
    return REPORT_COMMENT_MAX
