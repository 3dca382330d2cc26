import django.db.models.deletion
from django.db import migrations, models


def point_at_rows(apps, schema_editor) -> None:
    """Each counted fact's combination row (every counted combination has one: the totals count it)."""
    FactTopics = apps.get_model("content", "FactTopics")
    TopicTotal = apps.get_model("content", "TopicTotal")
    for pk, countries, themes in TopicTotal.objects.values_list("pk", "countries", "themes"):
        FactTopics.objects.filter(countries=countries, themes=themes).update(combination_id=pk)


def write_texts_back(apps, schema_editor) -> None:
    FactTopics = apps.get_model("content", "FactTopics")
    TopicTotal = apps.get_model("content", "TopicTotal")
    for pk, countries, themes in TopicTotal.objects.values_list("pk", "countries", "themes"):
        FactTopics.objects.filter(combination_id=pk).update(countries=countries, themes=themes)


class Migration(migrations.Migration):
    """FactTopics names its combination by TopicTotal's id instead of repeating the two lists' text: the
    learner pages group thousands of memory states by it, and an integer groups faster than two strings."""

    dependencies = [
        ("content", "0009_topic_totals"),
    ]

    operations = [
        migrations.AddField(
            model_name="facttopics",
            name="combination",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="content.topictotal"
            ),
        ),
        migrations.RunPython(point_at_rows, write_texts_back),
        migrations.AlterField(
            model_name="facttopics",
            name="combination",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="content.topictotal"
            ),
        ),
        migrations.RemoveField(model_name="facttopics", name="countries"),
        migrations.RemoveField(model_name="facttopics", name="themes"),
    ]
