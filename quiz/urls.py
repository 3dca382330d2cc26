from django.urls import path

from quiz.views import classes, dashboard, flashcards, items, practice, progress, reports, teach

app_name = "quiz"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("practice/", practice.practice, name="practice"),
    path("attempts/<int:attempt_id>/", practice.attempt, name="attempt"),
    path("attempts/<int:attempt_id>/questions/<int:number>/", practice.question, name="question"),
    path("attempts/<int:attempt_id>/answer/", practice.answer, name="answer"),
    path("attempts/<int:attempt_id>/finish/", practice.finish, name="finish"),
    path("attempts/<int:attempt_id>/abandon/", practice.abandon, name="abandon"),
    path("attempts/<int:attempt_id>/review/", practice.review, name="review"),
    path("progress/", progress.progress, name="progress"),
    path("flashcards/", flashcards.deck, name="flashcards"),
    path("flashcards/rate/", flashcards.rate, name="flashcard-rate"),
    path("classes/join/", classes.join_classroom, name="join-classroom"),
    path("assignments/<int:assignment_id>/start/", classes.start_assignment, name="assignment-start"),
    path("teach/", teach.teach, name="teach"),
    path("teach/classes/new/", teach.classroom_create, name="classroom-create"),
    path("teach/classes/<int:classroom_id>/", teach.classroom, name="classroom"),
    path("teach/classes/<int:classroom_id>/code/", teach.classroom_code, name="classroom-code"),
    path(
        "teach/classes/<int:classroom_id>/students/<int:student_id>/remove/",
        teach.classroom_remove_student,
        name="classroom-remove-student",
    ),
    path("teach/classes/<int:classroom_id>/assign/", teach.assignment_create, name="assignment-create"),
    path("teach/topic-sets/new/", teach.topic_set_form, name="topic-set-create"),
    path("teach/topic-sets/<int:topic_set_id>/", teach.topic_set, name="topic-set"),
    path("teach/topic-sets/<int:topic_set_id>/edit/", teach.topic_set_form, name="topic-set-edit"),
    path("teach/assignments/<int:assignment_id>/", teach.assignment, name="assignment"),
    path("teach/assignments/<int:assignment_id>/items/", items.item_analysis, name="item-analysis"),
    path("teach/assignments/<int:assignment_id>/report/", reports.class_report, name="class-report"),
    path("teach/assignments/<int:assignment_id>/report.csv", reports.class_report_csv, name="class-report-csv"),
]
