from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Fact bank"

    def ready(self) -> None:
        from content import topic_totals  # noqa: F401  (connects the receivers that keep the totals current)
