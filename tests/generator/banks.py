"""Synthetic banks in the database for the generator's tests."""

from content.models import Category
from tests.factories import FactFactory


def category(slug: str = "agency") -> Category:
    return Category.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})[0]


def entity_fact(*, slug: str = "agency", **fields):
    """An organisation fact in category `slug`."""
    return FactFactory(category=category(slug), **fields)


def event_fact(**fields):
    """A one-off dated event (a year fact)."""
    return FactFactory(dated=True, **fields)
