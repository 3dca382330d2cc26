"""One factory per model."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from content.models import ENTITY_KINDS, Category, Citation, Claim, Country, Fact, Source, Theme
from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    Classroom,
    LearnAnswer,
    LearnItem,
    LearnRound,
    Membership,
    Question,
    QuestionFact,
    Quiz,
    TopicSet,
    TypedOverride,
)
from quiz.typed_answers import TypedKey, normalise


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"country-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    position = factory.Sequence(int)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    position = factory.Sequence(int)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    position = factory.Sequence(int)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"author-{2000 + n}")
    short_name = factory.LazyAttribute(lambda o: o.key.replace("-", " ").title())
    authors = "A. Author"
    title = factory.Sequence(lambda n: f"Paper number {n}")
    year = 2021
    paper_file = factory.LazyAttribute(lambda o: f"{o.key}.txt")


class FactFactory(DjangoModelFactory):
    """An organisation fact (an institute) by default; traits make the other common kinds."""

    class Meta:
        model = Fact
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"fact-{n}")
    answer = factory.Sequence(lambda n: f"Institute {n}")
    statement = factory.LazyAttribute(lambda o: f"The organisation in question is {o.answer}.")
    kind = Fact.Kind.ORGANISATION
    category = factory.Maybe("names_a_thing", factory.SubFactory(CategoryFactory, slug="research-institute"), None)
    difficulty = 2

    class Params:
        names_a_thing = factory.LazyAttribute(lambda o: o.kind in ENTITY_KINDS)
        dated = factory.Trait(
            kind=Fact.Kind.YEAR,
            one_off=True,
            event_date=factory.Sequence(lambda n: datetime.date(1990 + n % 30, 1, 1)),
            date_precision="year",
            answer=factory.LazyAttribute(lambda o: str(o.event_date.year)),
            event=factory.Sequence(lambda n: f"Event number {n} happens"),
            statement=factory.LazyAttribute(lambda o: f"{o.event} in {o.answer}."),
        )
        quantity = factory.Trait(
            kind=Fact.Kind.NUMBER,
            value=900,
            unit="joint enterprises",
            answer="about 900",
            statement="There were about 900 joint enterprises.",
        )

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create:
            self.countries.set(extracted if extracted is not None else [CountryFactory(slug="kazakhstan")])

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory(slug="diplomacy")])

    @factory.post_generation
    def cited(self, create, extracted, **kwargs):
        if create and extracted is not False:
            CitationFactory(fact=self)


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    fact = factory.SubFactory(FactFactory)
    answer = factory.Sequence(lambda n: f"Other answer {n}")


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    fact = factory.SubFactory(FactFactory, cited=False)
    source = factory.SubFactory(SourceFactory)
    locator = "Introduction"
    quote = factory.Sequence(lambda n: f"a short verbatim quotation number {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner-{n}")
    password = factory.django.Password("correct horse battery staple")


class QuizFactory(DjangoModelFactory):
    class Meta:
        model = Quiz

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Practice quiz {n}")
    question_types = ["choice"]
    seed = factory.Sequence(int)


class QuestionFactory(DjangoModelFactory):
    """A four-option choice question whose third option is right; the `timeline` trait makes four events."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    quiz = factory.SubFactory(QuizFactory)
    position = 0
    type = "choice"
    prompt = factory.Sequence(lambda n: f"Which agency is number {n}?")
    options = ["Agency Alpha", "Agency Bravo", "Agency Charlie", "Agency Delta"]
    key = [2]
    statements = ["Agency Charlie is the one."]
    citations = [
        {"source": "Oh & Zholamanova 2021", "locator": "Table 2", "quote": "a short quotation", "claim_answer": None}
    ]
    # One fact per item for a timeline, one otherwise.
    fact_ids = factory.LazyAttribute(
        lambda o: [FactFactory().pk for _ in (o.options if o.type == "timeline" else [None])]
    )

    class Params:
        timeline = factory.Trait(
            type="timeline",
            prompt="Put these events in order, earliest first.",
            options=["Event C", "Event A", "Event D", "Event B"],
            item_dates=["1995", "1991", "2001", "1993"],
            key=[1, 3, 0, 2],
            statements=["A.", "B.", "C.", "D."],
        )
        # "Type the answer", with a key built by hand (a person: typos forgiven, a rival never).
        typed = factory.Trait(
            type="typed",
            prompt="Which president of South Korea visited Tashkent in 1998?",
            options=[],
            key=TypedKey(
                kind="person",
                answer="Kim Dae-jung",
                aliases=("Kim Daejung",),
                claims=("Kim Dae Jung",),
                rivals=("Kim Young-sam", "Roh Moo-hyun"),
            ).to_json(),
            statements=["Kim Dae-jung visited Tashkent in 1998."],
            also_accepted=["Kim Dae Jung"],
        )

    @factory.post_generation
    def link_facts(self, create, extracted, **kwargs):
        if create:
            QuestionFact.objects.bulk_create(QuestionFact(question=self, fact_id=pk) for pk in self.fact_ids)


class AttemptFactory(DjangoModelFactory):
    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    learner = factory.LazyAttribute(lambda o: o.quiz.owner)
    question_count = factory.LazyAttribute(lambda o: o.quiz.questions.count())


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory, quiz=factory.SelfAttribute("..attempt.quiz"))
    given = 2
    score = 1.0
    is_correct = True
    answered_at = factory.LazyFunction(timezone.now)


class MemoryStateFactory(DjangoModelFactory):
    """A fact reviewed once, in the Review state; set `stability` for the mastery you need (stability / 21 days)."""

    class Meta:
        model = "quiz.MemoryState"

    learner = factory.SubFactory(UserFactory)
    fact = factory.SubFactory(FactFactory)
    state = 2  # fsrs.State.Review
    stability = 10.5
    difficulty = 5.0
    last_review = factory.LazyFunction(timezone.now)
    due = factory.LazyAttribute(lambda o: o.last_review + datetime.timedelta(days=max(1, round(o.stability))))
    reps = 1


class InstructorFactory(UserFactory):
    """A user in the instructor group."""

    username = factory.Sequence(lambda n: f"instructor-{n}")

    @factory.post_generation
    def instructor_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name="instructor")[0])


class ClassroomFactory(DjangoModelFactory):
    class Meta:
        model = Classroom

    name = factory.Sequence(lambda n: f"Class {n}")
    owner = factory.SubFactory(InstructorFactory)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    classroom = factory.SubFactory(ClassroomFactory)
    student = factory.SubFactory(UserFactory)


class TopicSetFactory(DjangoModelFactory):
    class Meta:
        model = TopicSet
        skip_postgeneration_save = True

    owner = factory.SubFactory(InstructorFactory)
    name = factory.Sequence(lambda n: f"Topic set {n}")
    question_types = ["choice"]
    question_count = 5

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def facts(self, create, extracted, **kwargs):
        if create and extracted:
            self.facts.set(extracted)


class AssignmentFactory(DjangoModelFactory):
    """An assignment open since yesterday and due in a week; its quiz has no questions unless the test adds some."""

    class Meta:
        model = Assignment

    classroom = factory.SubFactory(ClassroomFactory)
    topic_set = factory.SubFactory(TopicSetFactory, owner=factory.SelfAttribute("..classroom.owner"))
    quiz = factory.SubFactory(QuizFactory, owner=factory.SelfAttribute("..classroom.owner"))
    title = factory.SelfAttribute("topic_set.name")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    due_at = factory.LazyAttribute(lambda o: o.opens_at + datetime.timedelta(days=8))


class LearnRoundFactory(DjangoModelFactory):
    """An open Learn round; add its items with LearnItemFactory (item_count says how many it holds)."""

    class Meta:
        model = LearnRound

    learner = factory.SubFactory(UserFactory)
    title = "All countries · all themes"
    item_count = 1
    next_queue = factory.SelfAttribute("item_count")


class LearnItemFactory(DjangoModelFactory):
    """A round's fact at the multiple-choice stage: four options, the third right, a typed key of its answer."""

    class Meta:
        model = LearnItem

    round = factory.SubFactory(LearnRoundFactory)
    fact = factory.SubFactory(
        FactFactory, kind=Fact.Kind.PERSON, answer=factory.Sequence(lambda n: f"Scholar Number{n}")
    )
    position = 0
    queue = factory.SelfAttribute("position")
    prompt = "Who is the scholar in question?"
    options = factory.LazyAttribute(lambda o: ["Alpha Person", "Bravo Person", o.fact.answer, "Delta Person"])
    key = [2]
    typed_key = factory.LazyAttribute(lambda o: {"kind": o.fact.kind, "answer": o.fact.answer})
    statement = factory.LazyAttribute(lambda o: o.fact.statement)


class LearnAnswerFactory(DjangoModelFactory):
    """A right multiple-choice answer to an item of its round."""

    class Meta:
        model = LearnAnswer

    item = factory.SubFactory(LearnItemFactory)
    round = factory.SelfAttribute("item.round")
    turn = 0
    stage = "choice"
    option = 2
    correct = True
    rating = 3
    answered_at = factory.LazyFunction(timezone.now)


class TypedOverrideFactory(DjangoModelFactory):
    """A learner's open "I was right" on a typed quiz question about an institute."""

    class Meta:
        model = TypedOverride

    learner = factory.SubFactory(UserFactory)
    fact = factory.SubFactory(FactFactory)
    question = factory.SubFactory(QuestionFactory, fact_ids=factory.LazyAttribute(lambda q: [q.factory_parent.fact.pk]))
    origin = TypedOverride.Origin.QUESTION
    text = "The Institute"
    normalised = factory.LazyAttribute(lambda o: normalise(o.text))
