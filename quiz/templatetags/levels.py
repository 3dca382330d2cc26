"""Levels as the progress page, the dashboard and the class report show them:

- `{% levels_bar figure name %}`: a quiz.progress.Mastery's facts per level as a bar (segments in the level colours,
  labelled for screen readers with `name` and the figures in words) and as text;
- `{% heat_cell cell per_class %}`: one cell of the country x theme heatmap (includes/heatmap.html).

Written in Python rather than as template markup: the progress page shows one bar per country and theme besides
the overall one and a heatmap of some sixty cells, and the bars' two loops over the levels were about half of
that page's rendering (some 900 template nodes of 1,100 on the bench learner's page), the cells most of the rest.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from quiz.models import Level
from quiz.progress import GridCell, Mastery

register = template.Library()

# The same for every cell without facts: built once.
EMPTY_CELL = format_html(
    '<td class="heat heat-empty"><span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></td>',
    "—",
    "no facts",
)


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


@register.simple_tag
def heat_cell(cell: GridCell, per_class: bool = False) -> SafeString:
    """A cell in its standing's colour with a short figure (the class's facts in the cell, or a learner's facts met
    / facts in it), the full figures for screen readers; a dash when no fact falls in the cell."""
    if not cell.facts:
        return EMPTY_CELL
    figure = str(cell.facts) if per_class else f"{cell.seen}/{cell.total}"
    return format_html(
        '<td class="heat heat-{}" data-theme="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}: {}</span></td>',
        cell.standing,
        cell.theme_name,
        figure,
        cell.standing.label,
        cell.summary,
    )
