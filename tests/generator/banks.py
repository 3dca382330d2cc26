"""Synthetic banks in the database for the generator's tests, whatever the seed format the models are at."""

from quiz.generator.snapshots import FACT_FIELDS, HAS_CATEGORIES, HAS_ONE_OFF
from tests.factories import FactFactory


def category(slug: str = "agency"):
    """A category (seed format v2), or None on a bank without categories."""
    if not HAS_CATEGORIES:
        return None
    from content.models import Category

    return Category.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})[0]


def entity_fact(*, slug: str = "agency", **fields):
    """An organisation fact in category `slug`."""
    extra = {"category": category(slug)} if HAS_CATEGORIES else {}
    return FactFactory(**extra, **fields)


def event_fact(**fields):
    """A one-off dated event (a year fact)."""
    extra = {"one_off": True} if HAS_ONE_OFF else {}
    if "date_end" in fields and "date_end" not in FACT_FIELDS:
        raise AssertionError("spans need seed format v2")
    return FactFactory(dated=True, **extra, **fields)
