import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from quiz.attempts import NoQuestions
from quiz.classes import assign
from quiz.demo import ASSIGNMENT_OPENED_DAYS_AGO, populate_demo_class
from quiz.models import Classroom, Membership, TopicSet
from quiz.roles import INSTRUCTOR_GROUP, ROLE_GROUPS, STUDENT_GROUP

DEMO_ASSIGNMENT_SEED = 18

# The README names these logins; they exist for local demos only.
DEMO_USERS = [
    {"username": "admin", "password": "hallyu-admin", "is_staff": True, "is_superuser": True, "group": None},
    {
        "username": "instructor",
        "password": "hallyu-instructor",
        "is_staff": False,
        "is_superuser": False,
        "group": INSTRUCTOR_GROUP,
    },
    {
        "username": "student",
        "password": "hallyu-student",
        "is_staff": False,
        "is_superuser": False,
        "group": STUDENT_GROUP,
    },
]


class Command(BaseCommand):
    help = "Create (or reset) the demo admin, instructor and student accounts named in the README."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS}
        for spec in DEMO_USERS:
            user, created = User.objects.get_or_create(username=spec["username"])
            user.is_staff, user.is_superuser = spec["is_staff"], spec["is_superuser"]
            user.set_password(spec["password"])
            user.save()
            if spec["group"]:
                user.groups.add(groups[spec["group"]])
            self.stdout.write(f"{'created' if created else 'reset'} {spec['username']} / {spec['password']}")
        self._demo_class(
            instructor=User.objects.get(username="instructor"), student=User.objects.get(username="student")
        )

    def _demo_class(self, *, instructor, student) -> None:
        """A class with the demo student, a dozen synthetic students with a history (`quiz.demo`) and one
        assignment, so the instructor's pages have data on a first look."""
        classroom = Classroom.objects.filter(owner=instructor, name="Demo class").first()
        if classroom is None:
            classroom = Classroom.objects.create(owner=instructor, name="Demo class")
        Membership.objects.get_or_create(classroom=classroom, student=student)
        topic_set, _ = TopicSet.objects.get_or_create(
            owner=instructor,
            name="Central Asia overview",
            defaults={"question_types": ["choice", "event_year", "timeline"], "question_count": 10},
        )
        now = timezone.now()
        if not classroom.assignments.exists():
            try:
                # A fixed seed: two fresh databases get the same demo questions, and so the same demo history.
                assign(
                    classroom=classroom,
                    topic_set=topic_set,
                    opens_at=now - datetime.timedelta(days=ASSIGNMENT_OPENED_DAYS_AGO),
                    due_at=now + datetime.timedelta(days=5),
                    seed=DEMO_ASSIGNMENT_SEED,
                )
            except NoQuestions:
                self.stdout.write("no facts loaded yet: the demo class has no assignment")
                return
        assignment = classroom.assignments.order_by("pk").first()
        created = populate_demo_class(assignment=assignment, now=now)
        if created:
            self.stdout.write(f"demo class {classroom.name}: {created} synthetic students with a history")
        self.stdout.write(f"demo class {classroom.name}: join code {classroom.join_code}")
