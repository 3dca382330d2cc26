"""Seed format v2, step 2 of 3: v1 rows made valid for the v2 constraints.

On PostgreSQL, rows updated in a migration leave deferred foreign-key checks pending, and
an ALTER TABLE in the same transaction then fails: the constraints are a migration of their own.
"""

from django.db import migrations

ENTITY_KINDS = ["country", "organisation", "person", "place", "work", "concept"]


def convert_v1_rows(apps, schema_editor):
    """Make v1 rows valid under the v2 constraints; `load_seeds` then writes the real values."""
    Fact = apps.get_model("content", "Fact")
    Category = apps.get_model("content", "Category")
    Country = apps.get_model("content", "Country")
    Country.objects.filter(slug="central-asia").update(is_region=True)
    # v1 treated every dated fact as an event; keep that until an editor says otherwise.
    Fact.objects.filter(event_date__isnull=False).update(one_off=True)
    # v1's catch-all "term" is not known to be a noun phrase: never multiple choice until categorised.
    Fact.objects.filter(kind="term").update(kind="phrase")
    kinds = Fact.objects.filter(kind__in=ENTITY_KINDS, category__isnull=True).values_list("kind", flat=True)
    for kind in sorted(set(kinds)):
        category, _ = Category.objects.get_or_create(slug=kind, defaults={"name": kind.title(), "position": 1000})
        Fact.objects.filter(kind=kind, category__isnull=True).update(category=category)


class Migration(migrations.Migration):
    dependencies = [("content", "0002_seed_format_v2")]

    operations = [migrations.RunPython(convert_v1_rows, migrations.RunPython.noop)]
