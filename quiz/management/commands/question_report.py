import re
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.models import Citation, Country, Fact, Theme
from quiz import item_flaws
from quiz.generator import (
    TIMELINE_MIN,
    GeneratedQuestion,
    QuestionType,
    Selection,
    bank_context,
    build_quiz,
    load_fact_data,
    single_fact_questions,
)

FLAW_SEEDS = 5
FLAW_QUIZZES = 200


class Command(BaseCommand):
    help = "Generate every question type for every active fact; print counts and the facts that yield none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--show", type=int, default=0, help="also print N sample questions")
        parser.add_argument(
            "--flaws",
            action="store_true",
            help="item-writing check: every single-fact type for every fact over several seeds, and many quizzes;"
            " exits non-zero when a must-be-zero flaw occurs",
        )
        parser.add_argument("--examples", type=int, default=0, help="with --flaws: print N flawed items per flaw")
        parser.add_argument(
            "--facts",
            action="store_true",
            help="with --flaws: list per fact key the facts with no multiple-choice question (and why) and the"
            " facts whose questions keep a cue whatever the seed (content to fix)",
        )

    def handle(self, *args, seed: int, show: int, flaws: bool, examples: int, facts: bool, **options) -> None:
        if flaws:
            return self.flaws(seed=seed, examples=examples, per_fact=facts)
        facts = load_fact_data(Fact.objects.active().values_list("pk", flat=True))
        snapshots = sorted(facts.values(), key=lambda f: f.key)
        dated = [f for f in snapshots if f.is_event]
        context = bank_context(facts=snapshots)
        countries = dict(Country.objects.values_list("id", "name"))
        themes = dict(Theme.objects.values_list("id", "name"))

        per_type: Counter = Counter()
        per_country: Counter = Counter()
        per_theme: Counter = Counter()
        none: list[tuple[str, dict]] = []
        samples: list[GeneratedQuestion] = []
        for fact in snapshots:
            results = single_fact_questions(fact, context=context, seed=seed)
            built = [q for q in results.values() if isinstance(q, GeneratedQuestion)]
            if fact.is_event:
                # Any one-off event can join a timeline of events with other dates.
                per_type[QuestionType.TIMELINE] += 1
                built_any = True
            else:
                built_any = bool(built)
            for question in built:
                per_type[question.type] += 1
                if len(samples) < show:
                    samples.append(question)
            count = len(built) + fact.is_event
            for country_id in fact.country_ids:
                per_country[countries[country_id]] += count
            for theme_id in fact.theme_ids:
                per_theme[themes[theme_id]] += count
            if not built_any:
                none.append((fact.key, {t: r for t, r in results.items() if isinstance(r, str)}))

        write = self.stdout.write
        write(f"{len(snapshots)} active facts, {len(dated)} one-off events")
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

    def flaws(self, *, seed: int, examples: int, per_fact: bool = False) -> None:
        write = self.stdout.write
        facts = load_fact_data(Fact.objects.active().values_list("pk", flat=True))
        snapshots = sorted(facts.values(), key=lambda f: f.key)
        context = bank_context(facts=snapshots)
        surnames: dict[int, set[str]] = {}
        for fact_id, authors in Citation.objects.values_list("fact_id", "source__authors"):
            surnames.setdefault(fact_id, set()).update(item_flaws.author_surnames(authors))
        rivals: dict[str, set[str]] = {}
        for fact in snapshots:
            if fact.question:
                rivals.setdefault(item_flaws.normalise(fact.question), set()).update(item_flaws.accepted_texts(fact))
        tally = item_flaws.Tally()
        built = 0
        no_choice: dict[str, str] = {}
        # Per fact and question type, the flaws of its questions over the seeds.
        flawed: dict[tuple[str, str], Counter] = {}
        for fact in snapshots:
            made_choice = False
            reasons = {}
            for run in range(FLAW_SEEDS):
                for question_type, result in single_fact_questions(fact, context=context, seed=seed + run).items():
                    if isinstance(result, str):
                        reasons.setdefault(question_type, result)
                        continue
                    made_choice = True
                    built += 1
                    before = Counter(tally.flaws)
                    item_flaws.review_question(result, facts=facts, tally=tally, surnames=surnames, rivals=rivals)
                    flawed.setdefault((fact.key, question_type), Counter()).update(tally.flaws - before)
            if not made_choice:
                no_choice[fact.key] = reasons.get(QuestionType.CHOICE, "")
        all_types = Selection(question_types=tuple(QuestionType.all), count=12)
        quizzes = 0
        for run in range(FLAW_QUIZZES):
            questions = build_quiz(selection=all_types, seed=seed + run)
            quizzes += 1
            item_flaws.review_quiz(questions, facts=facts, tally=tally)
            for question in questions:
                if question.type == QuestionType.TIMELINE:
                    item_flaws.review_question(question, facts=facts, tally=tally, surnames=surnames, rivals=rivals)
        write(
            f"{len(snapshots)} active facts; {built} single-fact questions ({FLAW_SEEDS} seeds), {quizzes} quizzes"
            " of 12 questions (all types)"
        )
        write(self.flaw_table(tally))
        write(f"\nFacts that yield no multiple-choice question: {len(no_choice)}")
        for reason, count in Counter(reason_family(r) for r in no_choice.values()).most_common():
            write(f"  {count:>4}  {reason}")
        if examples:
            for flaw, items in tally.examples.items():
                write(f"\n{flaw}:")
                for item in items[:examples]:
                    write(f"  {item}")
        if examples or per_fact:
            write("\nFacts without a multiple-choice question (they stay in flashcards):")
            for key, reason in sorted(no_choice.items()):
                write(f"  {key}: {reason}")
        if per_fact:
            write(f"\nFacts whose questions keep a flaw in at least {FLAW_SEEDS - 1} of {FLAW_SEEDS} seeds:")
            for (key, question_type), counts in sorted(flawed.items()):
                kept = [
                    flaw for flaw, n in counts.items() if n >= FLAW_SEEDS - 1 and flaw != item_flaws.NAMES_THE_PAPER
                ]
                if kept:
                    write(f"  {key} [{question_type}]: {', '.join(sorted(kept))}")
        failures = tally.must_be_zero_failures()
        if failures:
            raise CommandError("must-be-zero flaws found: " + ", ".join(failures))

    @staticmethod
    def flaw_table(tally: item_flaws.Tally) -> str:
        lines = [f"\n{'flaw':<64} {'count':>6} {'of':>6} {'rate':>7}"]
        for flaw in item_flaws.ALL_FLAWS:
            zero = " (must be 0)" if flaw in item_flaws.MUST_BE_ZERO else ""
            lines.append(f"{flaw + zero:<64} {tally.flaws[flaw]:>6} {tally.over[flaw]:>6} {tally.rate(flaw):>7.1%}")
        ranks = " ".join(f"{tally.key_ranks[rank]}" for rank in range(4))
        lines.append(
            f"{'numeric keys by rank 1/2/3/4 (4 options)':<64} {ranks}"
            f"\n{'numeric keys in the two inner ranks (chance 50%)':<64} {tally.inner_share():>21.1%}"
            f"\n{'chi-square of key ranks vs uniform (3 df; 7.81 = p .05)':<64} {tally.chi_square():>21.1f}"
        )
        return "\n".join(lines)


def reason_family(reason: str) -> str:
    """A CannotBuild message without its particulars, to count facts by why they yield no question."""
    return re.sub(r"\d+", "N", reason) or "(no reason given)"
