"""Benchmarks that print figures (no pass/fail): `make bench` runs this on a throwaway database."""

import datetime
import random
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

import fsrs
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from content.models import ENTITY_KINDS, Category, Citation, Country, Fact, Source, Theme
from content.topic_totals import sync_facts
from quiz.flashcards import deck, next_card
from quiz.generator import QuestionType, Selection, build_quiz
from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    Classroom,
    Membership,
    MemoryState,
    Question,
    QuestionFact,
    Quiz,
    TopicSet,
    new_join_code,
)
from quiz.roles import INSTRUCTOR_GROUP

COUNTRIES = ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "central-asia"]
THEMES = ["diplomacy", "hallyu", "diaspora", "education", "economy", "development-aid", "health", "public-opinion"]
KINDS = (
    ["organisation"] * 3
    + ["concept"] * 2
    + ["person", "place", "work", "number", "number", "percentage", "year", "year", "date"]
)


# Answer categories of the synthetic bank, as many as the real taxonomy has: distractors are read per category.
CATEGORY_COUNT = 45


def synthetic_fact(n: int, rng: random.Random, categories: Sequence[Category]) -> Fact:
    kind = KINDS[n % len(KINDS)]
    fields: dict = {"key": f"bench-{n}", "kind": kind, "difficulty": 1 + n % 3, "shuffle_key": rng.random()}
    if kind in ENTITY_KINDS:
        fields["category"] = categories[rng.randrange(len(categories))]
    if kind in ("year", "date"):
        day = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(75 * 365))
        if kind == "year":
            day, precision, answer = day.replace(month=1, day=1), "year", str(day.year)
        else:
            precision, answer = "day", f"{day.day} {day:%B %Y}"
        fields |= {
            "event_date": day,
            "date_precision": precision,
            "event": f"Synthetic event number {n}",
            # Most dated facts are one-off events; the rest are baselines and yearly figures.
            "one_off": n % 3 != 0,
        }
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


def analyze() -> None:
    """Refresh SQLite's planner statistics after bulk loads, as a long-running database would have them."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def grow_bank(
    *,
    created: int,
    size: int,
    countries: list[Country],
    themes: list[Theme],
    categories: list[Category],
    source: Source,
    rng: random.Random,
) -> int:
    """Add synthetic facts numbered `created` to `size` - 1, each in one country and one theme, cited once."""
    with transaction.atomic():
        while created < size:
            batch = [synthetic_fact(n, rng, categories) for n in range(created, min(size, created + 5000))]
            Fact.objects.bulk_create(batch)
            facts = list(Fact.objects.filter(key__in=[f.key for f in batch]).values_list("id", flat=True))
            Fact.countries.through.objects.bulk_create(
                Fact.countries.through(fact_id=i, country_id=countries[i % 6].pk) for i in facts
            )
            Fact.themes.through.objects.bulk_create(
                Fact.themes.through(fact_id=i, theme_id=themes[(i // 6) % 8].pk) for i in facts
            )
            Citation.objects.bulk_create(
                Citation(fact_id=i, source=source, locator="Table 1", quote=f"synthetic quote {i}") for i in facts
            )
            # bulk_create sends no signals: the topic totals learn of the batch here.
            sync_facts(fact_ids=facts)
            created += len(batch)
    analyze()
    return created


# What is timed for the learner whose every answer met a different fact (the 10k-answer history at full width).
WIDE_LEARNER_REQUESTS = frozenset({"progress page", "flashcards page", "flashcard rating (htmx)"})
QUESTIONS_PER_QUIZ = 20
BATCH = 2000


def _batches(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def synthetic_question(*, quiz: Quiz, position: int, fact_id: int, label: str) -> Question:
    """A four-option choice question about one fact, its key cycling through the options."""
    return Question(
        quiz=quiz,
        position=position,
        type="choice",
        prompt=f"{label} question {position}?",
        options=["Option A", "Option B", "Option C", "Option D"],
        key=[position % 4],
        statements=[f"{label} statement {position}."],
        citations=[{"source": "Bench 2026", "locator": "Table 1", "quote": "synthetic", "claim_answer": None}],
        fact_ids=[fact_id],
    )


def store_questions(questions: list[Question]) -> list[Question]:
    """Insert the questions and their fact links, in batches."""
    for batch in _batches(questions):
        Question.objects.bulk_create(batch)
        QuestionFact.objects.bulk_create(QuestionFact(question=q, fact_id=q.fact_ids[0]) for q in batch)
    return questions


def synthetic_state(*, learner: AbstractBaseUser, fact_id: int, now: datetime.datetime, rng: random.Random):
    """A memory state in the Review phase, stability spread from hours to months, last reviewed in the past month."""
    stability = max(0.1, rng.lognormvariate(1.5, 1.2))
    last_review = now - datetime.timedelta(days=rng.uniform(0, 30))
    return MemoryState(
        learner=learner,
        fact_id=fact_id,
        state=fsrs.State.Review.value,
        stability=stability,
        difficulty=rng.uniform(1, 10),
        last_review=last_review,
        due=last_review + datetime.timedelta(days=stability),
        reps=rng.randint(1, 6),
    )


def build_learner_history(*, learner: AbstractBaseUser, fact_ids: list[int], answers: int) -> None:
    """A learner who has finished 20-question choice quizzes totalling `answers` answers over `fact_ids` (cycled),
    and holds one FSRS memory state per fact answered, with stabilities spread from hours to months."""
    if not fact_ids:
        raise CommandError("a learner history needs facts")
    rng = random.Random(answers)
    now = timezone.now()
    quiz_count = -(-answers // QUESTIONS_PER_QUIZ)
    with transaction.atomic():
        quizzes = []
        for batch in _batches(range(quiz_count)):
            quizzes += Quiz.objects.bulk_create(
                Quiz(owner=learner, title=f"Synthetic practice quiz {n}", question_types=["choice"], seed=n)
                for n in batch
            )
        # Question n of the history asks about fact n (cycling), so states cover min(answers, facts) facts.
        questions = store_questions(
            [
                synthetic_question(
                    quiz=quizzes[n // QUESTIONS_PER_QUIZ],
                    position=n % QUESTIONS_PER_QUIZ,
                    fact_id=fact_ids[n % len(fact_ids)],
                    label="Synthetic",
                )
                for n in range(answers)
            ]
        )
        correct = [rng.random() < 0.7 for _ in range(answers)]
        attempts = []
        for index, quiz in enumerate(quizzes):
            right = sum(correct[index * QUESTIONS_PER_QUIZ : (index + 1) * QUESTIONS_PER_QUIZ])
            count = min(QUESTIONS_PER_QUIZ, answers - index * QUESTIONS_PER_QUIZ)
            attempts.append(
                Attempt(
                    quiz=quiz,
                    learner=learner,
                    state=Attempt.State.FINISHED,
                    step=count,
                    question_count=count,
                    score=right,
                    correct_count=right,
                    last_answered_at=now,
                    finished_at=now,
                )
            )
        for batch in _batches(attempts):
            Attempt.objects.bulk_create(batch)
        for batch in _batches(list(range(answers))):
            Answer.objects.bulk_create(
                Answer(
                    attempt=attempts[n // QUESTIONS_PER_QUIZ],
                    question=questions[n],
                    given=questions[n].key[0] if correct[n] else (questions[n].key[0] + 1) % 4,
                    score=1.0 if correct[n] else 0.0,
                    is_correct=correct[n],
                    answered_at=now,
                )
                for n in batch
            )
        met = dict.fromkeys(fact_ids[n % len(fact_ids)] for n in range(answers))
        states = [synthetic_state(learner=learner, fact_id=fact_id, now=now, rng=rng) for fact_id in met]
        for batch in _batches(states):
            MemoryState.objects.bulk_create(batch)
    analyze()


# The class report benchmark: a class of --class-size students on an assignment whose topic spans this many
# facts, each student with this many attempts on it.
CLASS_TOPIC_FACTS = 300
CLASS_ATTEMPTS_EACH = 20
CLOSED_STATES = [Attempt.State.FINISHED] * 9 + [Attempt.State.ABANDONED]


def build_class_history(
    *, instructor: AbstractBaseUser, size: int, fact_ids: list[int], attempts_each: int
) -> Assignment:
    """A class of `size` students on a 20-question assignment drawn from `fact_ids` (its topic set's facts).

    Each student has made `attempts_each` attempts on it (the last one still open for every other student,
    the others finished with 20 answers, abandoned ones among them) and holds an FSRS memory state for
    nearly every fact of the topic, with stabilities spread from hours to months. Answer rows are left out:
    the report reads attempts and memory states, never answers.
    """
    rng = random.Random(size)
    now = timezone.now()
    with transaction.atomic():
        classroom = Classroom.objects.create(owner=instructor, name="Bench class", join_code=new_join_code())
        topic_set = TopicSet.objects.create(
            owner=instructor, name="Bench topic", question_types=["choice"], question_count=QUESTIONS_PER_QUIZ
        )
        topic_set.facts.set(fact_ids)
        quiz = Quiz.objects.create(owner=instructor, title="Bench topic", question_types=["choice"], seed=0)
        asked = rng.sample(fact_ids, QUESTIONS_PER_QUIZ)
        store_questions(
            [
                synthetic_question(quiz=quiz, position=n, fact_id=fact_id, label="Assignment")
                for n, fact_id in enumerate(asked)
            ]
        )
        assignment = Assignment.objects.create(
            classroom=classroom,
            topic_set=topic_set,
            quiz=quiz,
            title="Bench assignment",
            opens_at=now - datetime.timedelta(days=7),
            due_at=now + datetime.timedelta(days=7),
        )
        unusable = make_password(None)
        students = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-student-{n:04}", password=unusable) for n in range(size)
        )
        Membership.objects.bulk_create(Membership(classroom=classroom, student=student) for student in students)
        attempts = []
        for index, student in enumerate(students):
            for n in range(attempts_each):
                is_open = n == attempts_each - 1 and index % 2 == 0
                # One closed attempt in ten abandoned: the report must skip them.
                state = Attempt.State.IN_PROGRESS if is_open else rng.choice(CLOSED_STATES)
                step = rng.randrange(QUESTIONS_PER_QUIZ) if is_open else QUESTIONS_PER_QUIZ
                right = rng.randint(0, step)
                # started_at is stamped on creation: the time spent runs forward from it.
                ended = now + datetime.timedelta(minutes=rng.uniform(2, 40))
                attempts.append(
                    Attempt(
                        quiz=quiz,
                        learner=student,
                        state=state,
                        step=step,
                        question_count=QUESTIONS_PER_QUIZ,
                        score=right,
                        correct_count=right,
                        last_answered_at=ended,
                        finished_at=None if is_open else ended,
                    )
                )
        for batch in _batches(attempts):
            Attempt.objects.bulk_create(batch)
        # Nearly every fact of the topic met: one in ten not yet.
        states = [
            synthetic_state(learner=student, fact_id=fact_id, now=now, rng=rng)
            for student in students
            for fact_id in fact_ids
            if rng.random() >= 0.1
        ]
        for batch in _batches(states):
            MemoryState.objects.bulk_create(batch)
    analyze()
    return assignment


def open_attempt(*, learner: AbstractBaseUser, fact_ids: list[int], questions: int) -> Attempt:
    """A fresh in-progress attempt of `questions` choice questions, one per fact, for the answer benchmark."""
    with transaction.atomic():
        quiz = Quiz.objects.create(owner=learner, title="Bench quiz", question_types=["choice"], seed=0)
        created = store_questions(
            [
                synthetic_question(quiz=quiz, position=n, fact_id=fact_id, label="Bench")
                for n, fact_id in enumerate(fact_ids[:questions])
            ]
        )
        return Attempt.objects.create(quiz=quiz, learner=learner, question_count=len(created))


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def is_transaction_control(sql: str) -> bool:
    """BEGIN/COMMIT and savepoints: counted apart from the statements that read or write data."""
    return sql.upper().startswith(TRANSACTION_CONTROL)


@dataclass
class RequestTimings:
    median_ms: float
    p95_ms: float
    # CPU time of this process (the whole request, and SQLite's work, which runs in-process; not a PostgreSQL
    # server's): steadier than the wall clock on a machine other work shares.
    cpu_ms: float
    queries: list[int]
    statuses: list[int]


def time_requests(
    client: Client, method: str, url_or_callable: str | Callable[[], str | tuple[str, dict]], n: int, **extra
) -> RequestTimings:
    """Time `n` requests through the whole Django stack (server time, no network).

    `url_or_callable` is a URL, or a callable run (untimed) before each request
    that returns the URL or (URL, data): a POST that changes state needs a fresh
    target each time. `extra` goes to the client (headers=..., for one).
    """
    timings, cpu, queries, statuses = [], [], set(), set()
    send = getattr(client, method.lower())
    for _ in range(n):
        target = url_or_callable() if callable(url_or_callable) else url_or_callable
        url, data = target if isinstance(target, tuple) else (target, None)
        # The query log holds 9000 entries; a long run would wrap it and miscount.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = send(url, data, **extra) if data is not None else send(url, **extra)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        queries.add(sum(1 for query in captured.captured_queries if not is_transaction_control(query["sql"])))
        statuses.add(response.status_code)
    return RequestTimings(
        median_ms=statistics.median(timings),
        p95_ms=sorted(timings)[int(0.95 * (len(timings) - 1))],
        cpu_ms=statistics.median(cpu),
        queries=sorted(queries),
        statuses=sorted(statuses),
    )


class Command(BaseCommand):
    help = "Time quiz generation on synthetic banks of growing size, and the learner pages (prints figures)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--answers", type=int, default=10_000, help="History length for the page benchmarks.")
        parser.add_argument(
            "--class-size",
            type=int,
            default=200,
            help=f"Students in the class report benchmark ({CLASS_TOPIC_FACTS} facts, {CLASS_ATTEMPTS_EACH}"
            " attempts each); 0 skips it.",
        )

    def handle(self, *args, sizes: str, runs: int, answers: int, class_size: int, **options) -> None:
        db = settings.DATABASES["default"]
        if Fact.objects.exists():
            raise CommandError(f"bench needs an empty database, and {db['NAME']} has facts: use `make bench`")
        write = self.stdout.write
        write(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        countries = [Country.objects.create(slug=s, name=s.title(), position=i) for i, s in enumerate(COUNTRIES)]
        themes = [Theme.objects.create(slug=s, name=s.title(), position=i) for i, s in enumerate(THEMES)]
        categories = [
            Category.objects.create(slug=f"category-{n}", name=f"Category {n}", position=n)
            for n in range(CATEGORY_COUNT)
        ]
        source = Source.objects.create(
            key="bench", short_name="Bench 2026", title="Synthetic", year=2026, paper_file="x"
        )
        rng = random.Random(1)
        created = 0
        selections = {
            "all topics, all types": Selection(question_types=tuple(QuestionType.all), count=20),
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
        # Page figures by (size, label): the same learner and class are timed at every size, so the ratios show
        # what the bank's growth alone costs.
        page_figures: dict[tuple[int, str], RequestTimings] = {}
        learner = wide_learner = assignment = None
        for size in (int(s) for s in sizes.split(",")):
            started = time.perf_counter()
            created = grow_bank(
                created=created,
                size=size,
                countries=countries,
                themes=themes,
                categories=categories,
                source=source,
                rng=rng,
            )
            write(f"  (bank grown to {size} facts in {time.perf_counter() - started:.1f} s)")
            for label, selection in selections.items():
                timings, queries, built = [], set(), set()
                for seed in range(runs):
                    reset_queries()
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
            # The learner's history is built on the first bank (its answers cycle over the facts there are) and
            # kept as the bank grows.
            learner = learner or self._learner_with_history(answers=answers, username="bench-learner")
            self._learner_pages(learner=learner, facts=created, answers=answers, runs=runs, figures=page_figures)
            if wide_learner is None and created >= answers:
                # A second learner whose answers each met a different fact: as many memory states as answers.
                wide_learner = self._learner_with_history(answers=answers, username="bench-learner-wide")
            if wide_learner is not None:
                self._learner_pages(
                    learner=wide_learner,
                    facts=created,
                    answers=answers,
                    runs=runs,
                    figures=page_figures,
                    requests=WIDE_LEARNER_REQUESTS,
                )
            if class_size:
                assignment = assignment or self._class_history(size=class_size)
                self._class_report(
                    assignment=assignment, size=class_size, bank=created, runs=runs, figures=page_figures
                )
        sizes_seen = sorted({size for size, _ in figures})
        if len(sizes_seen) > 1:
            small, large = sizes_seen[0], sizes_seen[-1]
            for label in selections:
                ratio = figures[(large, label)] / figures[(small, label)]
                write(f"ratio {large}/{small} facts, {label}: {ratio:.2f}x")
            for (size, label), timed in page_figures.items():
                if size == large and (small, label) in page_figures:
                    before = page_figures[(small, label)]
                    write(
                        f"ratio {large}/{small} facts, {label}: {timed.median_ms / before.median_ms:.2f}x"
                        f" (cpu {timed.cpu_ms / before.cpu_ms:.2f}x)"
                    )

    def _learner_with_history(self, *, answers: int, username: str) -> AbstractBaseUser:
        started = time.perf_counter()
        learner = get_user_model().objects.create_user(username=username)
        fact_ids = list(Fact.objects.active().order_by("shuffle_key").values_list("pk", flat=True)[:answers])
        build_learner_history(learner=learner, fact_ids=fact_ids, answers=answers)
        seen = MemoryState.objects.filter(learner=learner).count()
        self.stdout.write(
            f"\n  ({username}: {answers} answers, {seen} memory states, built in {time.perf_counter() - started:.1f} s)"
        )
        return learner

    def _learner_pages(
        self,
        *,
        learner: AbstractBaseUser,
        facts: int,
        answers: int,
        runs: int,
        figures: dict[tuple[int, str], RequestTimings],
        requests: frozenset[str] | None = None,
    ) -> None:
        """The learner's hot pages through the whole Django stack (`requests`: a subset of them by label)."""
        write = self.stdout.write
        met = MemoryState.objects.filter(learner=learner).count()
        write(
            f"\nLearner pages on {facts} facts, {learner.get_username()} ({answers} answers, {met} facts met;"
            f" {runs} requests each): median / p95 ms,"
        )
        write("SQL statements per request (BEGIN/COMMIT not counted: a write runs in one transaction)")
        write(f"{'facts':>8} {'met':>8}  {'request':<22} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
        suffix = "" if requests is None else f", {met // 1000}k met"

        def row(label: str, timed: RequestTimings) -> None:
            if timed.statuses != [200]:
                raise CommandError(f"{label} answered {timed.statuses}, expected [200]")
            figures[(facts, label + suffix)] = timed
            query_text = "/".join(str(q) for q in timed.queries)
            write(
                f"{facts:>8} {met:>8}  {label:<22} {timed.median_ms:>10.1f} {timed.p95_ms:>8.1f} {timed.cpu_ms:>7.1f}"
                f" {query_text:>8}"
            )

        def wanted(label: str) -> bool:
            return requests is None or label in requests

        # The test client's host name is not among the development ALLOWED_HOSTS.
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            client = Client()
            client.force_login(learner)
            htmx = {"HX-Request": "true"}
            url = reverse("quiz:progress")
            for label, headers in (("progress page", {}), ("progress panel (htmx)", htmx)):
                if wanted(label):
                    row(label, time_requests(client, "get", url, runs, headers=headers))

            if wanted("question page"):
                # One attempt over facts the learner has met, so every answer updates an existing memory state.
                met_ids = list(
                    MemoryState.objects.filter(learner=learner).order_by("?").values_list("fact_id", flat=True)
                )
                attempt = open_attempt(learner=learner, fact_ids=met_ids, questions=runs)
                row("question page", time_requests(client, "get", reverse("quiz:question", args=[attempt.pk, 1]), runs))
                answer_url = reverse("quiz:answer", args=[attempt.pk])
                steps = iter(range(runs))

                def next_answer() -> tuple[str, dict]:
                    step = next(steps)
                    return answer_url, {"step": step, "option": step % 4 if step % 3 else (step + 1) % 4}

                row("answer POST (htmx)", time_requests(client, "post", next_answer, runs, headers=htmx))

            if wanted("flashcards page"):
                row("flashcards page", time_requests(client, "get", reverse("quiz:flashcards"), runs))

            def next_rating() -> tuple[str, dict]:
                card = next_card(learner=learner, deck=deck(), now=timezone.now())
                return reverse("quiz:flashcard-rate"), {"fact": card.fact_id, "reps": card.reps, "rating": 3}

            if wanted("flashcard rating (htmx)"):
                row("flashcard rating (htmx)", time_requests(client, "post", next_rating, runs, headers=htmx))

    def _class_history(self, *, size: int) -> Assignment:
        """An instructor's class with a long history on an assignment over the first facts in shuffle order."""
        started = time.perf_counter()
        instructor = get_user_model().objects.create_user(username="bench-instructor")
        instructor.groups.add(Group.objects.get_or_create(name=INSTRUCTOR_GROUP)[0])
        fact_ids = list(Fact.objects.active().order_by("shuffle_key").values_list("pk", flat=True)[:CLASS_TOPIC_FACTS])
        assignment = build_class_history(
            instructor=instructor, size=size, fact_ids=fact_ids, attempts_each=CLASS_ATTEMPTS_EACH
        )
        attempts = Attempt.objects.filter(quiz_id=assignment.quiz_id).count()
        states = MemoryState.objects.filter(learner__memberships__classroom_id=assignment.classroom_id).count()
        self.stdout.write(
            f"\n  (class: {size} students, {attempts} attempts on the assignment, {states} memory states over"
            f" {len(fact_ids)} facts, built in {time.perf_counter() - started:.1f} s)"
        )
        return assignment

    def _class_report(
        self, *, assignment: Assignment, size: int, bank: int, runs: int, figures: dict[tuple[int, str], RequestTimings]
    ) -> None:
        """The instructor's class report (page and CSV) on a class with a long history, through the whole stack."""
        write = self.stdout.write
        attempts = Attempt.objects.filter(quiz_id=assignment.quiz_id).count()
        topic_facts = assignment.topic_set.facts.count()
        write(f"\nClass report on {bank} facts ({runs} requests each): median / p95 ms, SQL statements per request")
        columns = f"{'students':>8} {'facts':>6} {'attempts':>8}  {'request':<26}"
        write(f"{columns} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            client = Client()
            client.force_login(assignment.classroom.owner)
            for label, route, sort in (
                ("class report page", "quiz:class-report", "name"),
                ("class report, by mastery", "quiz:class-report", "-mastery"),
                ("class report CSV", "quiz:class-report-csv", "name"),
            ):
                url = f"{reverse(route, args=[assignment.pk])}?sort={sort}"
                timed = time_requests(client, "get", url, runs)
                if timed.statuses != [200]:
                    raise CommandError(f"{label} answered {timed.statuses}, expected [200]")
                figures[(bank, label)] = timed
                query_text = "/".join(str(q) for q in timed.queries)
                write(
                    f"{size:>8} {topic_facts:>6} {attempts:>8}  {label:<26} {timed.median_ms:>10.1f}"
                    f" {timed.p95_ms:>8.1f} {timed.cpu_ms:>7.1f} {query_text:>8}"
                )
