"""Mounted under /loadtest/ by config/urls.py only when LOADTEST=1."""

from django.urls import path

from tests.load import views

app_name = "loadtest"
urlpatterns = [
    path("ceiling/read/", views.ceiling_read, name="ceiling-read"),
    path("ceiling/write/", views.ceiling_write, name="ceiling-write"),
]
