"""The levels as pages show them (quiz/templatetags/levels.py): the levels bar, a segment per level reached, the
figures in words for screen readers and the levels as text; a heatmap cell in its standing's colour."""

from __future__ import annotations

from django.template import Context, Template

from quiz.progress import GridCell, Mastery


def render(figure: Mastery, name: str) -> str:
    return Template("{% load levels %}{% levels_bar figure name %}").render(Context({"figure": figure, "name": name}))


def test_a_segment_for_each_level_some_facts_have_reached_sized_by_its_share():
    html = render(Mastery(mastery=0.5, seen=3, total=4, mastered=1, familiar=2), "Uzbekistan")
    assert '<span class="level-mastered" style="--share: 0.2500"></span>' in html
    assert '<span class="level-familiar" style="--share: 0.5000"></span>' in html
    assert '<span class="level-new" style="--share: 0.2500"></span>' in html
    assert "level-learning" not in html.split("levels-text")[0], "no segment for a level no fact has reached"


def test_the_text_keeps_a_level_reached_by_none_but_not_zero_new():
    html = render(Mastery(mastery=1.0, seen=2, total=2, mastered=2), "Diplomacy")
    text = html.split('class="levels-text"')[1]
    assert '<span class="level-key level-learning">0 learning</span>' in text
    assert "new" not in text


def test_the_screen_reader_label_names_the_topic_escaped_with_its_figures():
    html = render(Mastery(mastery=0.0, seen=0, total=3), 'Trade & "aid"')
    assert 'aria-label="Trade &amp; &quot;aid&quot;: 0 mastered, 0 familiar, 0 learning, 3 new (of 3)"' in html


def cell(**figures) -> str:
    template = Template("{% load levels %}{% heat_cell cell per_class %}")
    per_class = figures.pop("per_class", False)
    return template.render(Context({"cell": GridCell(theme_name="Trade", **figures), "per_class": per_class}))


def test_a_learners_cell_reads_facts_met_over_facts_in_its_standings_colour():
    html = cell(mastery=0.6, seen=3, total=4, facts=4, mastered=1, familiar=2)
    assert html.startswith('<td class="heat heat-familiar" data-theme="Trade"><span aria-hidden="true">3/4</span>')
    assert '<span class="visually-hidden">Familiar: 1 mastered, 2 familiar, 0 learning, 1 new (of 4)</span>' in html


def test_a_class_cell_reads_how_many_facts_it_holds():
    html = cell(mastery=0.1, seen=10, total=40, facts=8, learning=10, per_class=True)
    assert '<span aria-hidden="true">8</span>' in html
    assert "heat-new" in html, "under half the pairs met"


def test_a_cell_without_facts_is_a_dash():
    html = cell(mastery=0.0, seen=0, total=0, facts=0)
    assert html == '<td class="heat heat-empty"><span aria-hidden="true">—</span><span class="visually-hidden">' + (
        "no facts</span></td>"
    )
