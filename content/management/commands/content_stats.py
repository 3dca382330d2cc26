from django.core.management.base import BaseCommand
from django.db.models import Count, Q

from content.models import Category, Claim, Country, Fact, FactKind, Source, Theme


class Command(BaseCommand):
    help = "Print the fact bank as Markdown tables: facts per country, theme, source and kind, and disagreements."

    def handle(self, *args, **options) -> None:
        write = self.stdout.write
        active = Fact.objects.active()
        dated, disputed = active.dated().count(), active.disputed().count()
        write(f"{active.count()} active facts, {dated} dated events, {disputed} disputed\n")
        claims = Claim.objects.filter(fact__is_active=True)
        record = claims.filter(is_record=True).count()
        write(
            f"claims: {claims.count()} ({claims.count() - record} from a paper, {record} from the record) | "
            f"learner notes: {active.exclude(learner_note='').count()} | "
            f"spans: {active.filter(date_end__isnull=False).count() + claims.filter(date_end__isnull=False).count()} | "
            f"one-off events: {active.filter(one_off=True).count()} | "
            f"categorised: {active.filter(category__isnull=False).count()}\n"
        )

        def table(title: str, rows) -> None:
            write(f"| {title} | facts |\n|---|---:|")
            for name, count in rows:
                write(f"| {name} | {count} |")
            write("")

        live = Q(facts__is_active=True)
        table(
            "scope (country or region)",
            Country.objects.annotate(n=Count("facts", filter=live)).values_list("name", "n"),
        )
        table("theme", Theme.objects.annotate(n=Count("facts", filter=live)).values_list("name", "n"))
        table(
            "source (facts citing it)",
            Source.objects.annotate(
                n=Count("citations__fact", filter=Q(citations__fact__is_active=True), distinct=True)
            )
            .order_by("paper_file")
            .values_list("short_name", "n"),
        )
        kinds = dict(active.values_list("kind").annotate(n=Count("pk")))
        table("answer kind", [(label, kinds.get(value, 0)) for value, label in FactKind.choices])
        table(
            "answer category",
            Category.objects.annotate(n=Count("facts", filter=live))
            .filter(n__gt=0)
            .order_by("position", "name")
            .values_list("name", "n"),
        )

        write("Disagreements (every answer a cited source supports is accepted):\n")
        disputed = active.disputed().prefetch_related("claims__citations__source", "citations__source")
        for fact in disputed:
            primary = sorted({c.source.short_name for c in fact.citations.all() if c.claim_id is None})
            claims = "; ".join(
                f"{claim.answer} ("
                + (
                    "the record"
                    if claim.is_record
                    else ", ".join(sorted({c.source.short_name for c in claim.citations.all()}))
                )
                + ")"
                for claim in fact.claims.all()
            )
            write(f"- `{fact.key}`: {fact.answer} ({', '.join(primary)}) vs {claims}")
