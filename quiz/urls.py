from django.urls import path

from quiz.views import classes, dashboard, flashcards, items, practice, progress, question_reports, reports, teach

app_name = "quiz"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("practice/", practice.practice, name="practice"),
    path("attempts/<int:attempt_id>/", practice.attempt_detail, name="attempt"),
    path("attempts/<int:attempt_id>/questions/<int:number>/", practice.question_page, name="question"),
    path("attempts/<int:attempt_id>/answer/", practice.answer, name="answer"),
    path("attempts/<int:attempt_id>/hint/", practice.hint, name="hint"),
    path("attempts/<int:attempt_id>/questions/<int:number>/override/", practice.override, name="override"),
    path("attempts/<int:attempt_id>/finish/", practice.finish, name="finish"),
    path("attempts/<int:attempt_id>/abandon/", practice.abandon, name="abandon"),
    path("attempts/<int:attempt_id>/review/", practice.review, name="review"),
    path("questions/<int:question_id>/report/", question_reports.report_question, name="report-question"),
    path("attempts/<int:attempt_id>/practise-missed/", practice.practise_missed, name="practise-missed"),
    path("progress/", progress.progress_page, name="progress"),
    path("flashcards/", flashcards.deck_page, name="flashcards"),
    path("flashcards/rate/", flashcards.rate, name="flashcard-rate"),
    path("classes/join/", classes.join, name="join-classroom"),
    path("assignments/<int:assignment_id>/start/", classes.assignment_start, name="assignment-start"),
    path("teach/", teach.teach, name="teach"),
    path("teach/classes/new/", teach.classroom_create, name="classroom-create"),
    path("teach/classes/<int:classroom_id>/", teach.classroom_detail, name="classroom"),
    path("teach/classes/<int:classroom_id>/code/", teach.classroom_code, name="classroom-code"),
    path(
        "teach/classes/<int:classroom_id>/students/<int:student_id>/remove/",
        teach.classroom_remove_student,
        name="classroom-remove-student",
    ),
    path("teach/classes/<int:classroom_id>/assign/", teach.assignment_create, name="assignment-create"),
    path("teach/topic-sets/new/", teach.topic_set_edit, name="topic-set-create"),
    path("teach/topic-sets/<int:topic_set_id>/", teach.topic_set_detail, name="topic-set"),
    path("teach/topic-sets/<int:topic_set_id>/edit/", teach.topic_set_edit, name="topic-set-edit"),
    path("teach/assignments/<int:assignment_id>/", teach.assignment_detail, name="assignment"),
    path(
        "teach/assignments/<int:assignment_id>/questions/<int:question_id>/swap/",
        teach.question_swap,
        name="question-swap",
    ),
    path("teach/assignments/<int:assignment_id>/items/", items.item_analysis, name="item-analysis"),
    path("teach/assignments/<int:assignment_id>/report/", reports.report_page, name="class-report"),
    path("teach/assignments/<int:assignment_id>/report.csv", reports.report_csv, name="class-report-csv"),
]
