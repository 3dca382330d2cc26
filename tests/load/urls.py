"""The load test's URLconf (tests/load/settings.py): the app's own URLs, and the ceiling views under /loadtest/.

The production URLconf (config/urls.py) knows nothing of them.
"""

from django.urls import include, path

from tests.load import views

ceiling_patterns = (
    [
        path("ceiling/read/", views.ceiling_read, name="ceiling-read"),
        path("ceiling/write/", views.ceiling_write, name="ceiling-write"),
    ],
    "loadtest",
)

urlpatterns = [
    path("loadtest/", include(ceiling_patterns)),
    path("", include("config.urls")),
]
