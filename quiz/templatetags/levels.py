"""`{% levels_bar figure name %}`: a quiz.progress.Mastery's facts per level as a bar (segments in the level colours,
labelled for screen readers with `name` and the figures in words) and as text.

Written in Python rather than as an included template: the progress page shows one bar per country and theme
besides the overall one, and the included template's two loops over the levels were about half of that page's
rendering (some 900 template nodes of 1,100 on the bench learner's page).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from quiz.models import Level
from quiz.progress import Mastery

register = template.Library()


@register.simple_tag
def levels_bar(figure: Mastery, name: str) -> SafeString:
    segments = format_html_join(
        "",
        '<span class="level-{}" style="--share: {}"></span>',
        ((count.level, f"{count.share:.4f}") for count in figure.levels if count.count),
    )
    # The text leaves out "0 new" (nothing left to meet) but keeps a level reached by none.
    keys = format_html_join(
        "",
        '<span class="level-key level-{}">{} {}</span>',
        ((count.level, count.count, count.label) for count in figure.levels if count.count or count.level != Level.NEW),
    )
    return format_html(
        '<div class="levels-bar" role="img" aria-label="{}: {}">{}</div>\n'
        '<p class="levels-text" aria-hidden="true">{}</p>',
        name,
        figure.summary,
        segments,
        keys,
    )
