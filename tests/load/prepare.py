"""Prepare a load-test database: N students (one shared password hash) with open choice-only practice attempts.

Run as `python -m tests.load.prepare --students N --attempts K --out FILE` with the server's environment;
writes {username: [attempt ids]} to FILE. The quizzes are built by the real generator (a few seeds, reused),
frozen with store_quiz like the practice page does, one quiz and one open attempt per student and slot.
"""

from __future__ import annotations

import argparse
import json
import os

PASSWORD = "load-test-student"  # noqa: S105 - throwaway database on loopback
QUESTION_TYPES = ("choice", "event_year", "year_event")  # radio answers only: no timeline
QUESTIONS = 20
BUILT_VARIANTS = 8


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--attempts", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from content.models import Fact
    from quiz.attempts import store_quiz
    from quiz.generator import Selection, build_quiz
    from quiz.models import Attempt

    User = get_user_model()
    selection = Selection(country_ids=(), theme_ids=(), question_types=QUESTION_TYPES, count=QUESTIONS)
    variants = [build_quiz(selection=selection, seed=seed, mastery={}) for seed in range(BUILT_VARIANTS)]
    if any(len(built) != QUESTIONS for built in variants):
        raise SystemExit(f"the seed bank does not build {QUESTIONS}-question choice quizzes: run load_seeds first")
    password = make_password(PASSWORD)  # hashed once, shared: a full-strength hash, as logins will check it
    plan: dict[str, list[int]] = {}
    with transaction.atomic():
        student_group, _ = Group.objects.get_or_create(name="student")
        users = User.objects.bulk_create(
            User(username=f"load-{n:03d}", password=password) for n in range(args.students)
        )
        users = list(User.objects.filter(username__in=[user.username for user in users]).order_by("username"))
        student_group.user_set.add(*users)
        for index, user in enumerate(users):
            ids = []
            for slot in range(args.attempts):
                built = variants[(index + slot) % len(variants)]
                quiz = store_quiz(
                    owner=user, title=f"Load test {slot}", built=built, question_types=QUESTION_TYPES, seed=slot
                )
                ids.append(Attempt.objects.create(quiz=quiz, learner=user, question_count=len(built)).pk)
            plan[user.username] = ids
    with open(args.out, "w") as out:
        facts = list(Fact.objects.values_list("pk", flat=True)[:200])
        json.dump({"password": PASSWORD, "students": plan, "facts": facts}, out)
    print(f"prepared {len(plan)} students x {args.attempts} attempts of {len(variants[0])} questions")


if __name__ == "__main__":
    main()
