"""The bank's fact totals per topic, kept in step with the facts so that pages never count the bank.

`TopicTotal` holds how many active facts carry each combination of countries and themes, and
`FactTopics` the combination (its `TopicTotal` row) each active fact is counted under. Whenever a fact is
saved or deleted, or its countries or themes change (from either side of the relation), `sync_facts`
compares what is counted for the facts concerned with what they are now and moves the difference, in the
same transaction: a handful of queries whatever the bank's size. The signal receivers below call it; code that bypasses
signals (`QuerySet.update`, `bulk_create` on the facts or their tag tables) must call `sync_facts` on the
facts it touched, or `recount` (from scratch, O(bank)) after a bulk load.

Concurrent edits of one fact are serialised by locking the fact rows before reading their tags, so the last
sync to commit reads every change committed before it (PostgreSQL's read committed takes a fresh snapshot
per statement; SQLite has one writer at a time).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from content.models import Country, Fact, FactTopics, Theme, TopicTotal

TagSet = frozenset[int]
Combination = tuple[TagSet, TagSet]  # (countries, themes)


def encode(ids: Iterable[int]) -> str:
    return ",".join(str(pk) for pk in sorted(set(ids)))


def decode(text: str) -> TagSet:
    return frozenset(int(pk) for pk in text.split(",")) if text else frozenset()


def _current(fact_ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """The encoded (countries, themes) of those of `fact_ids` that are active now: three queries."""
    active = set(Fact.objects.filter(pk__in=fact_ids, is_active=True).values_list("pk", flat=True))
    tags: dict[int, tuple[list[int], list[int]]] = {pk: ([], []) for pk in active}
    for index, through, column in ((0, Fact.countries.through, "country_id"), (1, Fact.themes.through, "theme_id")):
        for fact_id, tag_id in through.objects.filter(fact_id__in=active).values_list("fact_id", column):
            tags[fact_id][index].append(tag_id)
    return {pk: (encode(countries), encode(themes)) for pk, (countries, themes) in tags.items()}


@transaction.atomic
def sync_facts(*, fact_ids: Iterable[int]) -> None:
    """Bring `FactTopics` and `TopicTotal` in step with these facts as they are now (deleted ones count as
    retired): a fixed number of queries for a batch of facts."""
    fact_ids = set(fact_ids)
    if not fact_ids:
        return
    # The lock first: a concurrent sync of the same facts waits here, then reads what the other committed.
    list(Fact.objects.select_for_update().filter(pk__in=fact_ids).order_by("pk").values_list("pk", flat=True))
    counted = {
        pk: (countries, themes)
        for pk, countries, themes in FactTopics.objects.filter(fact_id__in=fact_ids).values_list(
            "fact_id", "combination__countries", "combination__themes"
        )
    }
    current = _current(fact_ids)
    delta: Counter[tuple[str, str]] = Counter()
    for pk in fact_ids:
        before, now = counted.get(pk), current.get(pk)
        if before != now:
            if before is not None:
                delta[before] -= 1
            if now is not None:
                delta[now] += 1
    gone = [pk for pk in counted if pk not in current]
    changed = {pk: combination for pk, combination in current.items() if counted.get(pk) != combination}
    ids = _rows({key for key, n in delta.items() if n} | set(changed.values()))
    if gone:
        FactTopics.objects.filter(fact_id__in=gone).delete()
    if changed:
        FactTopics.objects.bulk_create(
            [FactTopics(fact_id=pk, combination_id=ids[key]) for pk, key in changed.items()],
            update_conflicts=True,
            unique_fields=["fact"],
            update_fields=["combination"],
        )
    _add(Counter({ids[key]: n for key, n in delta.items() if n}))


def _rows(keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The ids of these combinations' rows, each created at 0 facts if missing, so that racing writers only
    ever increment or decrement (never overwrite) a total: two queries."""
    if not keys:
        return {}
    TopicTotal.objects.bulk_create(
        [TopicTotal(countries=c, themes=t, facts=0) for c, t in sorted(keys)], ignore_conflicts=True
    )
    rows = TopicTotal.objects.filter(countries__in={c for c, _ in keys}, themes__in={t for _, t in keys}).values_list(
        "countries", "themes", "pk"
    )
    return {(c, t): pk for c, t, pk in rows if (c, t) in keys}


def _add(delta: Counter[int]) -> None:
    """Add each delta to its combination's total (by row id)."""
    for pk, n in sorted(delta.items()):
        if n:
            TopicTotal.objects.filter(pk=pk).update(facts=F("facts") + n)


def counted_from_scratch() -> dict[int, tuple[str, str]]:
    """Every active fact's encoded (countries, themes), read from the facts: O(bank)."""
    tags: dict[int, tuple[list[int], list[int]]] = {
        pk: ([], []) for pk in Fact.objects.active().values_list("pk", flat=True)
    }
    for index, through, column in ((0, Fact.countries.through, "country_id"), (1, Fact.themes.through, "theme_id")):
        for fact_id, tag_id in through.objects.filter(fact__is_active=True).values_list("fact_id", column):
            tags[fact_id][index].append(tag_id)
    return {pk: (encode(countries), encode(themes)) for pk, (countries, themes) in tags.items()}


@transaction.atomic
def recount() -> None:
    """Rebuild `FactTopics` and `TopicTotal` from the facts: after a bulk load that bypassed signals."""
    counted = counted_from_scratch()
    FactTopics.objects.all().delete()
    TopicTotal.objects.all().delete()
    totals = Counter(counted.values())
    TopicTotal.objects.bulk_create(TopicTotal(countries=c, themes=t, facts=n) for (c, t), n in totals.items())
    ids = {(c, t): pk for c, t, pk in TopicTotal.objects.values_list("countries", "themes", "pk")}
    FactTopics.objects.bulk_create(
        (FactTopics(fact_id=pk, combination_id=ids[key]) for pk, key in counted.items()), batch_size=5000
    )


@dataclass(frozen=True)
class TopicTotals:
    """The active facts per combination of countries and themes, and the totals the pages read from them."""

    combinations: dict[Combination, int] = field(default_factory=dict)
    # Every combination's row by id, those at 0 facts too: what a learner's states grouped by
    # `FactTopics.combination` are named by.
    by_id: dict[int, Combination] = field(default_factory=dict)

    @cached_property
    def overall(self) -> int:
        return sum(self.combinations.values())

    @cached_property
    def _per_country(self) -> dict[int, int]:
        return _sum_by(self.combinations, lambda countries, themes: countries)

    @cached_property
    def _per_theme(self) -> dict[int, int]:
        return _sum_by(self.combinations, lambda countries, themes: themes)

    @cached_property
    def _per_cell(self) -> dict[tuple[int, int], int]:
        return _sum_by(self.combinations, lambda countries, themes: ((c, t) for c in countries for t in themes))

    def country(self, pk: int) -> int:
        return self._per_country.get(pk, 0)

    def theme(self, pk: int) -> int:
        return self._per_theme.get(pk, 0)

    def cell(self, country: int, theme: int) -> int:
        """Facts tagged with both: a fact with two countries and two themes counts in four cells."""
        return self._per_cell.get((country, theme), 0)

    def selection(self, *, countries: Collection[int] = (), themes: Collection[int] = ()) -> int:
        """Facts with any of `countries` and any of `themes` (an empty side means any), as
        `FactQuerySet.in_topic` selects them."""
        return sum(
            n
            for combination, n in self.combinations.items()
            if matches(combination, countries=countries, themes=themes)
        )


def matches(combination: Combination, *, countries: Collection[int] = (), themes: Collection[int] = ()) -> bool:
    """Whether a fact with these tags is in the topic selection (an empty side means any)."""
    tagged_countries, tagged_themes = combination
    return (not countries or not tagged_countries.isdisjoint(countries)) and (
        not themes or not tagged_themes.isdisjoint(themes)
    )


def _sum_by(combinations: dict[Combination, int], keys) -> dict:
    sums: dict = defaultdict(int)
    for (countries, themes), n in combinations.items():
        for key in keys(countries, themes):
            sums[key] += n
    return dict(sums)


def topic_totals() -> TopicTotals:
    """The bank's totals: one query over a table as long as the tag combinations ever used."""
    rows = list(TopicTotal.objects.values_list("pk", "countries", "themes", "facts"))
    by_id = {pk: (decode(countries), decode(themes)) for pk, countries, themes, _ in rows}
    return TopicTotals(combinations={by_id[pk]: n for pk, _, _, n in rows if n > 0}, by_id=by_id)


# Signal receivers (connected by importing this module in ContentConfig.ready()).


@receiver(post_save, sender=Fact, dispatch_uid="topic_totals_fact_saved")
def _fact_saved(sender, instance: Fact, **kwargs) -> None:
    sync_facts(fact_ids=[instance.pk])


@receiver(pre_delete, sender=Fact, dispatch_uid="topic_totals_fact_deleted")
def _fact_deleted(sender, instance: Fact, **kwargs) -> None:
    # Before the delete cascades to its FactTopics row: what it was counted under is still known.
    counted = FactTopics.objects.filter(fact_id=instance.pk).values_list("combination_id", flat=True).first()
    if counted is not None:
        _add(Counter({counted: -1}))
        FactTopics.objects.filter(fact_id=instance.pk).delete()


def _tags_changed(sender, instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # Clearing a country's (or theme's) facts: which facts, known only before the rows go.
        instance._topic_totals_cleared = list(instance.facts.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        sync_facts(fact_ids=[instance.pk])
    elif action == "post_clear":
        sync_facts(fact_ids=getattr(instance, "_topic_totals_cleared", []))
    else:
        sync_facts(fact_ids=pk_set or [])


m2m_changed.connect(_tags_changed, sender=Fact.countries.through, dispatch_uid="topic_totals_countries")
m2m_changed.connect(_tags_changed, sender=Fact.themes.through, dispatch_uid="topic_totals_themes")


@receiver(pre_delete, sender=Country, dispatch_uid="topic_totals_country_deleted")
@receiver(pre_delete, sender=Theme, dispatch_uid="topic_totals_theme_deleted")
def _tag_deleting(sender, instance, **kwargs) -> None:
    # The delete cascades to the tag rows without m2m signals: note the facts to sync once they are gone.
    instance._topic_totals_facts = list(instance.facts.values_list("pk", flat=True))


@receiver(post_delete, sender=Country, dispatch_uid="topic_totals_country_gone")
@receiver(post_delete, sender=Theme, dispatch_uid="topic_totals_theme_gone")
def _tag_deleted(sender, instance, **kwargs) -> None:
    sync_facts(fact_ids=getattr(instance, "_topic_totals_facts", []))
