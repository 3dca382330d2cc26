"""Benchmarks that print figures (no pass/fail): `make bench` runs this on a throwaway database."""

import datetime
import random
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from content.models import Citation, Country, Fact, Source, Theme
from quiz.generator import QuestionType, Selection, build_quiz

COUNTRIES = ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "central-asia"]
THEMES = ["diplomacy", "hallyu", "diaspora", "education", "economy", "development-aid", "health", "public-opinion"]
KINDS = (
    ["organisation"] * 3
    + ["term"] * 2
    + ["person", "place", "work", "number", "number", "percentage", "year", "year", "date"]
)


def synthetic_fact(n: int, rng: random.Random) -> Fact:
    kind = KINDS[n % len(KINDS)]
    fields: dict = {"key": f"bench-{n}", "kind": kind, "difficulty": 1 + n % 3, "shuffle_key": rng.random()}
    if kind in ("year", "date"):
        day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(75 * 365))
        if kind == "year":
            day, precision, answer = day.replace(month=1, day=1), "year", str(day.year)
        else:
            precision, answer = "day", f"{day.day} {day:%B %Y}"
        fields |= {"event_date": day, "date_precision": precision, "event": f"Synthetic event number {n}"}
        statement = f"Synthetic event number {n} took place on {answer}."
    elif kind in ("number", "percentage"):
        value = Decimal(rng.randrange(1, 1000)) if kind == "percentage" else Decimal(rng.randrange(10, 10**6))
        if kind == "percentage":
            value = value / 10
        answer = f"{value}%" if kind == "percentage" else f"{int(value):,}"
        fields |= {"value": value, "unit": "%" if kind == "percentage" else "people", "as_of_year": 2020}
        statement = f"Synthetic figure {n} was {answer}."
    else:
        answer = f"{kind.title()} {n}"
        statement = f"Synthetic statement {n} names {answer} as its answer."
    return Fact(statement=statement, answer=answer, **fields)


class Command(BaseCommand):
    help = "Time quiz generation on synthetic banks of growing size (prints figures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, sizes: str, runs: int, **options) -> None:
        db = settings.DATABASES["default"]
        if Fact.objects.exists():
            raise CommandError(f"bench needs an empty database, and {db['NAME']} has facts: use `make bench`")
        write = self.stdout.write
        write(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        countries = [Country.objects.create(slug=s, name=s.title(), position=i) for i, s in enumerate(COUNTRIES)]
        themes = [Theme.objects.create(slug=s, name=s.title(), position=i) for i, s in enumerate(THEMES)]
        source = Source.objects.create(
            key="bench", short_name="Bench 2026", title="Synthetic", year=2026, paper_file="x"
        )
        rng = random.Random(1)
        created = 0
        selections = {
            "all topics, 4 types": Selection(question_types=tuple(QuestionType.all), count=20),
            "1 country x 4 themes": Selection(
                country_ids=(countries[0].pk,),
                theme_ids=tuple(theme.pk for theme in themes[:4]),
                question_types=tuple(QuestionType.all),
                count=20,
            ),
        }
        write(f"\nBuild a 20-question quiz ({runs} seeds each): median / p95 ms, SQL queries per quiz")
        write(f"{'facts':>8}  {'selection':<22} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'questions':>9}")
        figures = {}
        for size in (int(s) for s in sizes.split(",")):
            started = time.perf_counter()
            with transaction.atomic():
                while created < size:
                    batch = [synthetic_fact(n, rng) for n in range(created, min(size, created + 5000))]
                    Fact.objects.bulk_create(batch)
                    facts = list(Fact.objects.filter(key__in=[f.key for f in batch]).values_list("id", flat=True))
                    Fact.countries.through.objects.bulk_create(
                        Fact.countries.through(fact_id=i, country_id=countries[i % 6].pk) for i in facts
                    )
                    Fact.themes.through.objects.bulk_create(
                        Fact.themes.through(fact_id=i, theme_id=themes[(i // 6) % 8].pk) for i in facts
                    )
                    Citation.objects.bulk_create(
                        Citation(fact_id=i, source=source, locator="Table 1", quote=f"synthetic quote {i}")
                        for i in facts
                    )
                    created += len(batch)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            write(f"  (bank grown to {size} facts in {time.perf_counter() - started:.1f} s)")
            for label, selection in selections.items():
                timings, queries, built = [], set(), set()
                for seed in range(runs):
                    with CaptureQueriesContext(connection) as captured:
                        start = time.perf_counter()
                        questions = build_quiz(selection=selection, seed=seed)
                        timings.append((time.perf_counter() - start) * 1000)
                    queries.add(len(captured.captured_queries))
                    built.add(len(questions))
                median = statistics.median(timings)
                p95 = sorted(timings)[int(0.95 * (len(timings) - 1))]
                figures[(size, label)] = median
                query_text = "/".join(str(q) for q in sorted(queries))
                built_text = "/".join(str(b) for b in sorted(built))
                write(f"{size:>8}  {label:<22} {median:>10.1f} {p95:>8.1f} {query_text:>8} {built_text:>9}")
        sizes_seen = sorted({size for size, _ in figures})
        if len(sizes_seen) > 1:
            small, large = sizes_seen[0], sizes_seen[-1]
            for label in selections:
                ratio = figures[(large, label)] / figures[(small, label)]
                write(f"ratio {large}/{small} facts, {label}: {ratio:.2f}x")
