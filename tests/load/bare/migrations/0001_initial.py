import django.db.models.deletion
from django.db import migrations, models


def rows(apps, schema_editor):
    Row = apps.get_model("bare", "Row")
    Row.objects.bulk_create(Row(text=f"Row {n}: a line of text about the size of a fact's statement.") for n in range(200))


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Row",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(max_length=200)),
            ],
        ),
        migrations.CreateModel(
            name="Insert",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("row", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="bare.row")),
            ],
        ),
        migrations.RunPython(rows, migrations.RunPython.noop),
    ]
