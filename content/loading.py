"""Write a validated seed bank into the database, idempotently.

Rows are matched by their stable keys and only saved when something changed,
so reloading the same seeds changes nothing and an edited entry keeps its
primary key (and with it every learner's history). Facts that left the seeds
are retired, not deleted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from content.models import Category, Citation, Claim, Country, Fact, Source, Theme
from content.seedfile import CitationEntry, ClaimEntry, FactEntry, PartialDate, SeedBank
from content.topic_totals import sync_facts


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)

    def add(self, what: str, outcome: str) -> None:
        self.counts[f"{what} {outcome}"] += 1

    def summary(self) -> str:
        changed = {k: v for k, v in sorted(self.counts.items()) if not k.endswith("unchanged")}
        if not changed:
            return "nothing changed"
        return ", ".join(f"{v} {k}" for k, v in changed.items())


def stable_shuffle_key(key: str) -> float:
    """A seeded fact's place in shuffle order, from its key: every load of the seeds samples the bank alike,
    so the demo class and anything built from a seed number come out the same on every machine."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:13], 16) / 16**13


def _sync(instance, values: dict, report: LoadReport, what: str) -> None:
    """Save `instance` with `values` if any differs (or it is new)."""
    is_new = instance.pk is None
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if is_new or changed:
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
    report.add(what, "created" if is_new else "updated" if changed else "unchanged")


def _date_fields(date: PartialDate | None, end: PartialDate | None) -> dict:
    if date is None:
        return {"event_date": None, "date_end": None, "date_precision": ""}
    return {"event_date": date.value, "date_end": end.value if end else None, "date_precision": date.precision}


@transaction.atomic
def load_bank(*, bank: SeedBank) -> LoadReport:
    """Upsert taxonomy, sources and facts of a bank that `read_bank` found clean."""
    report = LoadReport()
    countries = _sync_taxonomy(Country, bank.countries, report, "countries", regions=bank.regions)
    themes = _sync_taxonomy(Theme, bank.themes, report, "themes")
    categories = _sync_taxonomy(Category, bank.categories, report, "categories")

    sources = {source.key: source for source in Source.objects.all()}
    for entry in bank.sources.values():
        source = sources.get(entry.key) or Source(key=entry.key)
        values = {
            "short_name": entry.short,
            "authors": entry.authors,
            "title": entry.title,
            "year": entry.year,
            "venue": entry.venue,
            "doi": entry.doi,
            "url": entry.url,
            "paper_file": entry.paper_file,
            "note": entry.note,
        }
        _sync(source, values, report, "sources")
        sources[entry.key] = source

    existing = {
        fact.key: fact
        for fact in Fact.objects.prefetch_related(
            "countries", "themes", "claims", "citations__source", "citations__claim"
        )
    }
    for entry in bank.facts.values():
        fact = existing.get(entry.key) or Fact(key=entry.key, shuffle_key=stable_shuffle_key(entry.key))
        existed = fact.pk is not None
        _sync(fact, _fact_values(entry, categories), report, "facts")
        _sync_tags(fact.countries, {countries[slug] for slug in entry.countries}, report, "fact countries")
        _sync_tags(fact.themes, {themes[slug] for slug in entry.themes}, report, "fact themes")
        _sync_claims_and_citations(fact, entry, sources, report, existed=existed)

    leaving = list(Fact.objects.filter(is_active=True).exclude(key__in=bank.facts.keys()).values_list("pk", flat=True))
    retired = Fact.objects.filter(pk__in=leaving, is_active=True).update(is_active=False)
    # An update sends no signals: the totals learn of the retired facts here.
    sync_facts(fact_ids=leaving)
    if retired:
        report.counts["facts retired"] += retired
    return report


def _sync_taxonomy(
    model, entries: list[tuple[str, str]], report: LoadReport, what: str, *, regions: set[str] | None = None
) -> dict:
    rows = {row.slug: row for row in model.objects.all()}
    for position, (slug, name) in enumerate(entries):
        row = rows.get(slug) or model(slug=slug)
        values = {"name": name, "position": position}
        if regions is not None:
            values["is_region"] = slug in regions
        _sync(row, values, report, what)
        rows[slug] = row
    return rows


def _fact_values(entry: FactEntry, categories: dict) -> dict:
    return {
        "statement": entry.statement,
        "question": entry.question,
        "answer": entry.answer,
        "kind": entry.kind,
        "category": categories[entry.category] if entry.category else None,
        "event": entry.event,
        **_date_fields(entry.date, entry.date_end),
        "one_off": entry.one_off,
        "distractors": entry.distractors,
        "aliases": entry.aliases,
        "multiple_choice": entry.multiple_choice,
        "learner_note": entry.learner_note,
        "value": entry.value,
        "unit": entry.unit,
        "as_of_year": entry.as_of,
        "difficulty": entry.difficulty,
        "note": entry.note,
        "is_active": True,
    }


def _sync_tags(relation, wanted: set, report: LoadReport, what: str) -> None:
    current = set(relation.all())
    if current != wanted:
        relation.set(wanted)
        report.add(what, "updated")


def _sync_claims_and_citations(
    fact: Fact, entry: FactEntry, sources: dict, report: LoadReport, *, existed: bool
) -> None:
    """Match claims and citations to the entry; existing ones come prefetched with the fact."""
    claims = {claim.answer: claim for claim in fact.claims.all()} if existed else {}
    deleted_claims = set()
    wanted_claims: dict[str, ClaimEntry] = {claim.answer: claim for claim in entry.claims}
    for answer, claim in claims.items():
        if answer not in wanted_claims:
            deleted_claims.add(claim.pk)
            claim.delete()
            report.add("claims", "deleted")
    for answer, claim_entry in wanted_claims.items():
        claim = claims.get(answer) or Claim(fact=fact, answer=answer)
        values = {
            **_date_fields(claim_entry.date, claim_entry.date_end),
            "value": claim_entry.value,
            "is_record": claim_entry.record,
            "note": claim_entry.note,
        }
        _sync(claim, values, report, "claims")
        claims[answer] = claim

    def identity(source_key: str, claim_answer: str | None, citation: CitationEntry | Citation) -> tuple:
        return (source_key, claim_answer, citation.locator, citation.quote)

    wanted = {identity(c.source, None, c): (None, c) for c in entry.citations}
    for claim_entry in entry.claims:
        for c in claim_entry.citations:
            wanted[identity(c.source, claim_entry.answer, c)] = (claims[claim_entry.answer], c)
    current = {}
    for citation in fact.citations.all() if existed else ():
        if citation.claim_id in deleted_claims:
            continue  # deleted with its claim just above
        key = identity(citation.source.key, citation.claim.answer if citation.claim else None, citation)
        if key in wanted and key not in current:
            current[key] = citation
        else:
            citation.delete()
            report.add("citations", "deleted")
    for key, (claim, citation_entry) in wanted.items():
        if key in current:
            report.add("citations", "unchanged")
            continue
        Citation.objects.create(
            fact=fact,
            claim=claim,
            source=sources[citation_entry.source],
            locator=citation_entry.locator,
            quote=citation_entry.quote,
        )
        report.add("citations", "created")
