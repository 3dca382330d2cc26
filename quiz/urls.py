from django.urls import path

from quiz.views import dashboard, flashcards, practice, progress

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
]
