from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

# The README names these logins; they exist for local demos only.
DEMO_USERS = [
    {"username": "admin", "password": "hallyu-admin", "is_staff": True, "is_superuser": True, "group": None},
    {
        "username": "instructor",
        "password": "hallyu-instructor",
        "is_staff": False,
        "is_superuser": False,
        "group": "instructor",
    },
    {"username": "student", "password": "hallyu-student", "is_staff": False, "is_superuser": False, "group": "student"},
]
ROLE_GROUPS = ["student", "instructor"]


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
