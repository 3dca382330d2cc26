"""Instructors' pages: their classes (members, join code), topic sets (with a preview) and assignments.

Every object is looked up through `visible_to(request.user)`: another
instructor's class, topic set or assignment is a 404, whatever the URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from quiz import classes, question_drops, question_swaps
from quiz.attempts import NoQuestions
from quiz.class_forms import PICKER_LIMIT, AssignmentForm, ClassroomForm, FactPickerForm, NewCodeForm, TopicSetForm
from quiz.models import ID_MAX, Assignment, Classroom, Membership, Question, TopicSet
from quiz.roles import instructor_required
from quiz.views.http import HtmxHttpRequest, see_other, swap_in_place


@require_GET
@instructor_required
def teach(request: HttpRequest) -> HttpResponse:
    """The instructor's home: classes, topic sets and the latest assignments."""
    classrooms = (
        Classroom.objects.visible_to(request.user)
        .select_related("owner")
        .annotate(student_count=Count("memberships"))
        .order_by("name", "pk")  # a GROUP BY query drops Meta.ordering
    )
    topic_sets = (
        TopicSet.objects.visible_to(request.user).annotate(assignment_count=Count("assignments")).order_by("name", "pk")
    )
    assignments = (
        Assignment.objects.visible_to(request.user).select_related("classroom").order_by("-due_at", "-pk")[:10]
    )
    return render(
        request,
        "quiz/teach/teach.html",
        {"classrooms": classrooms, "topic_sets": topic_sets, "assignments": assignments, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
@instructor_required
def classroom_create(request: HtmxHttpRequest) -> HttpResponse:
    form = ClassroomForm(request.POST or None, owner=request.user)
    if request.method == "POST":
        if form.is_valid():
            classroom = classes.create_classroom(
                owner=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at(timezone.now())
            )
            messages.success(request, f"{classroom.name} is ready: give your students the code {classroom.join_code}.")
            return see_other(request, reverse("quiz:classroom", args=[classroom.pk]))
        return render(request, "quiz/teach/classroom_form.html", {"form": form}, status=400)
    return render(request, "quiz/teach/classroom_form.html", {"form": form})


def _classroom(request: HttpRequest, classroom_id: int) -> Classroom:
    return get_object_or_404(Classroom.objects.visible_to(request.user), pk=classroom_id)


def _classroom_page(request: HttpRequest, classroom: Classroom, *, code_form=None, status: int = 200) -> HttpResponse:
    now = timezone.now()
    members = Membership.objects.filter(classroom=classroom).select_related("student").order_by("student__username")
    return render(
        request,
        "quiz/teach/classroom.html",
        {
            "classroom": classroom,
            "members": members,
            "assignments": classroom.assignments.order_by("due_at", "pk"),
            "code_form": code_form or NewCodeForm(),
            "code_valid": classroom.code_is_valid(now),
            "now": now,
        },
        status=status,
    )


@require_GET
@instructor_required
def classroom_detail(request: HttpRequest, classroom_id: int) -> HttpResponse:
    return _classroom_page(request, _classroom(request, classroom_id))


@require_POST
@instructor_required
def classroom_code(request: HtmxHttpRequest, classroom_id: int) -> HttpResponse:
    """Replace the join code: the old one stops working at once."""
    classroom = _classroom(request, classroom_id)
    form = NewCodeForm(request.POST)
    if not form.is_valid():
        return _classroom_page(request, classroom, code_form=form, status=400)
    classes.new_code(classroom=classroom, expires_at=form.expires_at(timezone.now()))
    messages.success(request, f"The new join code is {classroom.join_code}; the old one no longer works.")
    return see_other(request, reverse("quiz:classroom", args=[classroom.pk]))


@require_POST
@instructor_required
def classroom_remove_student(request: HtmxHttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = _classroom(request, classroom_id)
    membership = get_object_or_404(
        # `student__pk`, not `student_id`: an id past 64 bits is then no match (404) instead of an OverflowError.
        Membership.objects.select_related("student"),
        classroom=classroom,
        student__pk=student_id,
    )
    classes.remove_student(classroom=classroom, student_id=membership.student_id)
    messages.success(request, f"{membership.student.get_username()} was removed from {classroom.name}.")
    return see_other(request, reverse("quiz:classroom", args=[classroom.pk]))


# The topic set form's fields a "Find facts" or "Preview" click carries to the page (never the CSRF token).
PICKER_QUERY_FIELDS = ("name", "countries", "themes", "question_types", "question_count", "facts", "q")
# The form's fields a preview is built from ("Show another sample" carries them with the next seed).
PREVIEW_QUERY_FIELDS = ("countries", "themes", "question_types", "question_count", "facts")


def _question_preview(filters: FactPickerForm) -> dict:
    """The preview of the unsaved selection as sent: its sample questions, what was asked for, the next sample."""
    selection = filters.selection()
    seed = filters.seed_value
    again = [(name, value) for name in PREVIEW_QUERY_FIELDS for value in filters.data.getlist(name) if value]
    return {
        "questions": classes.preview_selection(selection=selection, seed=seed),
        "asked": selection.count,
        "another_query": urlencode([*again, ("preview", "1"), ("seed", (seed + 1) % 2**31)]),
    }


def _fact_picker(filters: FactPickerForm, *, instance: TopicSet | None, use_instance: bool) -> classes.FactPicker:
    """The hand-pick list for the selection as sent (invalid parts left out), or as saved on first showing."""
    if use_instance:
        countries = [country.pk for country in instance.countries.all()] if instance else []
        themes = [theme.pk for theme in instance.themes.all()] if instance else []
        picked = [fact.pk for fact in instance.facts.all()] if instance else []
        query = ""
    else:
        filters.is_valid()
        cleaned = filters.cleaned_data
        countries = [country.pk for country in cleaned.get("countries", [])]
        themes = [theme.pk for theme in cleaned.get("themes", [])]
        picked = [fact.pk for fact in cleaned.get("facts", [])]
        query = cleaned.get("q", "")
    return classes.fact_picker(countries=countries, themes=themes, picked=picked, query=query, limit=PICKER_LIMIT)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@instructor_required
def topic_set_edit(request: HtmxHttpRequest, topic_set_id: int | None = None) -> HttpResponse:
    """Create a topic set, or edit one (assignments already given keep the questions they were built with).

    The hand-pick list follows the countries and themes ticked and a text search: live over htmx (a GET
    that renders the `fact-list` partial), and without JavaScript through the "Find facts" button, whose
    POST redirects to this page with the selection in the query string (nothing is saved). "Preview
    questions" works the same way with `preview` in the query: sample questions of the selection as it
    stands, the `question-preview` partial over htmx, the whole form around it otherwise (nothing stored)."""
    instance = get_object_or_404(TopicSet.objects.visible_to(request.user), pk=topic_set_id) if topic_set_id else None
    owner = instance.owner if instance else request.user
    url = reverse("quiz:topic-set-edit", args=[instance.pk]) if instance else reverse("quiz:topic-set-create")
    if request.method == "POST":
        if "find" in request.POST or "preview" in request.POST:
            fields = [(name, value) for name in PICKER_QUERY_FIELDS for value in request.POST.getlist(name) if value]
            if "preview" in request.POST:
                return see_other(request, f"{url}?{urlencode([*fields, ('preview', '1')])}#question-preview")
            return see_other(request, f"{url}?{urlencode(fields)}#fact-picker")
        form = TopicSetForm(request.POST, instance=instance, owner=owner)
        if form.is_valid():
            topic_set = form.save()
            return see_other(request, reverse("quiz:topic-set", args=[topic_set.pk]))
        picker = _fact_picker(FactPickerForm(request.POST), instance=instance, use_instance=False)
        context = {"form": form, "topic_set": instance, "picker": picker, "form_url": url}
        return render(request, "quiz/teach/topic_set_form.html", context, status=400)
    filters = FactPickerForm(request.GET)
    previewing = "preview" in request.GET
    if previewing and request.htmx:
        context = {"preview": _question_preview(filters), "form_url": url}
        return render(request, "quiz/teach/topic_set_form.html#question-preview", context)
    sent = any(name in request.GET for name in PICKER_QUERY_FIELDS)
    initial = filters.initial_for_topic_set_form() if sent else None
    form = TopicSetForm(instance=instance, owner=owner, initial=initial)
    picker = _fact_picker(filters, instance=instance, use_instance=not sent)
    # Arriving from "Find facts" (or a link with a selection), the hand-pick list is what the user came for.
    context = {
        "form": form,
        "topic_set": instance,
        "picker": picker,
        "form_url": url,
        "picker_open": sent and not previewing,
        "preview": _question_preview(filters) if previewing else None,
    }
    template = "quiz/teach/topic_set_form.html#fact-list" if request.htmx else "quiz/teach/topic_set_form.html"
    return render(request, template, context)


@require_GET
@instructor_required
def topic_set_detail(request: HttpRequest, topic_set_id: int) -> HttpResponse:
    """The topic set and a preview of the questions an assignment of it could hold (nothing is stored)."""
    topic_set = get_object_or_404(
        TopicSet.objects.visible_to(request.user).prefetch_related("countries", "themes", "facts"), pk=topic_set_id
    )
    try:
        seed = int(request.GET.get("seed", 0)) % 2**31
    except ValueError:
        seed = 0
    preview = classes.preview_questions(topic_set=topic_set, seed=seed)
    return render(
        request,
        "quiz/teach/topic_set.html",
        {
            "topic_set": topic_set,
            "preview": preview,
            "next_seed": seed + 1,
            "classrooms": Classroom.objects.visible_to(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@instructor_required
def assignment_create(request: HtmxHttpRequest, classroom_id: int) -> HttpResponse:
    classroom = _classroom(request, classroom_id)
    now = timezone.now()
    initial = {"topic_set": request.GET.get("topic_set")} if request.method == "GET" else None
    form = AssignmentForm(request.POST or None, owner=request.user, now=now, initial=initial)
    context = {"form": form, "classroom": classroom}
    if request.method == "POST":
        if form.is_valid():
            try:
                assignment = classes.assign(
                    classroom=classroom,
                    topic_set=form.cleaned_data["topic_set"],
                    opens_at=form.cleaned_data["opens_at"],
                    due_at=form.cleaned_data["due_at"],
                    mastery_target=form.cleaned_data["mastery_target"],
                    title=form.cleaned_data["title"],
                    instructions=form.cleaned_data["instructions"],
                )
            except NoQuestions as reason:
                form.add_error("topic_set", ValidationError(str(reason), code="no_questions"))
            else:
                messages.success(request, f"{assignment.title} is assigned to {classroom.name}.")
                return see_other(request, reverse("quiz:assignment", args=[assignment.pk]))
        return render(request, "quiz/teach/assignment_form.html", context, status=400)
    return render(request, "quiz/teach/assignment_form.html", context)


def _assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related("classroom", "topic_set"), pk=assignment_id
    )


def _assignment_page(
    request: HttpRequest, assignment: Assignment, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    questions = list(assignment.quiz.questions.all())
    dropped = sum(question.dropped_at is not None for question in questions)
    return render(
        request,
        "quiz/teach/assignment.html",
        {
            "assignment": assignment,
            "questions": questions,
            "dropped_count": dropped,
            "counted_count": len(questions) - dropped,
            "swappable": question_swaps.swappable_question_ids(assignment=assignment),
            "refusal": refusal,
            "now": timezone.now(),
        },
        status=status,
    )


def _assignment_question(assignment: Assignment, question_id: int) -> Question:
    if question_id > ID_MAX:  # SQLite cannot bind an id past 64 bits: no such question
        raise Http404("No such question in this assignment.")
    return get_object_or_404(Question, quiz_id=assignment.quiz_id, pk=question_id)


@require_GET
@instructor_required
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """An assignment as the instructor sees it: dates, target, its frozen questions with their keys."""
    return _assignment_page(request, _assignment(request, assignment_id))


@require_POST
@instructor_required
def question_swap(request: HtmxHttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Swap one question for another from the topic set, while nobody has finished or answered it (409 after)."""
    assignment = _assignment(request, assignment_id)
    question = _assignment_question(assignment, question_id)
    try:
        question = question_swaps.swap_question(assignment=assignment, question=question)
    except question_swaps.SwapRefused as refusal:
        return _assignment_page(request, assignment, refusal=str(refusal), status=409)
    messages.success(request, f"Question {question.position + 1} was swapped for a new one: check it below.")
    return see_other(request, reverse("quiz:assignment", args=[assignment.pk]) + f"#question-{question.position + 1}")


def _scoring_changed(
    request: HtmxHttpRequest, assignment: Assignment, question: Question, *, notice: str, status: int = 200
) -> HttpResponse:
    """After a drop or restore (or its refusal): htmx gets the question's own item, a plain form the page."""
    if request.htmx:
        question.refresh_from_db(fields=["dropped_at"])  # a refusal may come from a drop made elsewhere
        counts = list(assignment.quiz.questions.values_list("dropped_at", flat=True))
        context = {
            "assignment": assignment,
            "question": question,
            "number": question.position + 1,
            "item_notice": notice,
            "item_refused": status != 200,
            "swappable": question_swaps.swappable_question_ids(assignment=assignment),
            "dropped_count": sum(when is not None for when in counts),
            "counted_count": sum(when is None for when in counts),
        }
        response = render(request, "quiz/teach/assignment.html#scoring-changed", context, status=status)
        return swap_in_place(response) if status != 200 else response
    if status != 200:
        return _assignment_page(request, assignment, refusal=notice, status=status)
    messages.success(request, notice)
    return see_other(request, reverse("quiz:assignment", args=[assignment.pk]) + f"#question-{question.position + 1}")


@require_POST
@instructor_required
def question_drop(request: HtmxHttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Drop an answered question from scoring: every attempt of the assignment is regraded (409 if refused)."""
    assignment = _assignment(request, assignment_id)
    question = _assignment_question(assignment, question_id)
    try:
        regraded = question_drops.drop_question(assignment=assignment, question=question, now=timezone.now())
    except question_drops.DropRefused as refusal:
        return _scoring_changed(request, assignment, question, notice=str(refusal), status=409)
    notice = (
        f"Question {question.position + 1} no longer counts: "
        f"{regraded} attempt{'' if regraded == 1 else 's'} regraded without it."
    )
    return _scoring_changed(request, assignment, question, notice=notice)


@require_POST
@instructor_required
def question_restore(request: HtmxHttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Count a dropped question again (a misclick undone): every attempt is regraded with it (409 if refused)."""
    assignment = _assignment(request, assignment_id)
    question = _assignment_question(assignment, question_id)
    try:
        regraded = question_drops.restore_question(assignment=assignment, question=question)
    except question_drops.DropRefused as refusal:
        return _scoring_changed(request, assignment, question, notice=str(refusal), status=409)
    notice = (
        f"Question {question.position + 1} counts again: "
        f"{regraded} attempt{'' if regraded == 1 else 's'} regraded with it."
    )
    return _scoring_changed(request, assignment, question, notice=notice)
