from django.urls import path

from tests.load.bare import views

urlpatterns = [
    path("read/", views.read, name="read"),
    path("write/", views.write, name="write"),
]
