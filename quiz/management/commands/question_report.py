from collections import Counter

from django.core.management.base import BaseCommand, CommandParser

from content.models import Country, Fact, Theme
from quiz.generator import (
    TIMELINE_MIN,
    Question,
    QuestionType,
    bank_context,
    load_fact_data,
    single_fact_questions,
)


class Command(BaseCommand):
    help = "Generate every question type for every active fact; print counts and the facts that yield none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--show", type=int, default=0, help="also print N sample questions")

    def handle(self, *args, seed: int, show: int, **options) -> None:
        facts = load_fact_data(Fact.objects.active().values_list("pk", flat=True))
        snapshots = sorted(facts.values(), key=lambda f: f.key)
        dated = [f for f in snapshots if f.event_date]
        context = bank_context(pool=snapshots, dated_pool=dated)
        countries = dict(Country.objects.values_list("id", "name"))
        themes = dict(Theme.objects.values_list("id", "name"))

        per_type: Counter = Counter()
        per_country: Counter = Counter()
        per_theme: Counter = Counter()
        none: list[tuple[str, dict]] = []
        samples: list[Question] = []
        for fact in snapshots:
            results = single_fact_questions(fact, context=context, seed=seed)
            built = [q for q in results.values() if isinstance(q, Question)]
            if fact.event_date:
                # Any dated event can join a timeline of events with other dates.
                per_type[QuestionType.TIMELINE] += 1
                built_any = True
            else:
                built_any = bool(built)
            for question in built:
                per_type[question.type] += 1
                if len(samples) < show:
                    samples.append(question)
            count = len(built) + bool(fact.event_date)
            for country_id in fact.country_ids:
                per_country[countries[country_id]] += count
            for theme_id in fact.theme_ids:
                per_theme[themes[theme_id]] += count
            if not built_any:
                none.append((fact.key, {t: r for t, r in results.items() if isinstance(r, str)}))

        write = self.stdout.write
        write(f"{len(snapshots)} active facts, {len(dated)} dated events")
        write("\nQuestions per type (timeline: events that can take part)")
        for question_type, label in QuestionType.choices:
            write(f"  {label:<34} {per_type[question_type]:>5}")
        if len(dated) < TIMELINE_MIN:
            write(f"  (fewer than {TIMELINE_MIN} dated events: no timeline can be built)")
        write("\nQuestions per country")
        for name in countries.values():
            write(f"  {name:<34} {per_country[name]:>5}")
        write("\nQuestions per theme")
        for name in themes.values():
            write(f"  {name:<34} {per_theme[name]:>5}")
        write(f"\nFacts that yield no question: {len(none)}")
        for key, reasons in none:
            write(f"  {key}: " + "; ".join(f"{t}: {r}" for t, r in reasons.items()))
        for question in samples:
            write(f"\n[{question.type}] {question.prompt}")
            for option in question.options:
                write(f"  {'*' if option.is_correct else '-'} {option.text}")
