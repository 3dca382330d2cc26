from django.apps import AppConfig


class BareConfig(AppConfig):
    name = "tests.load.bare"
    label = "bare"
    default_auto_field = "django.db.models.BigAutoField"
