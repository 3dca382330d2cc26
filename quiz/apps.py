from django.apps import AppConfig


class QuizConfig(AppConfig):
    name = "quiz"

    def ready(self) -> None:
        from quiz import signals  # noqa: F401  (connects the receivers)
