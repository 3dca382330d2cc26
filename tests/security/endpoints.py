"""Every POST endpoint of the app, with who may post to it and a valid form for it."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# name: (role, URL parameters, form data a legitimate user would send)
POST_ENDPOINTS: dict[str, tuple[str, tuple[str, ...], dict]] = {
    "quiz:practice": ("student", (), {"question_types": ["choice"], "length": 5}),
    "quiz:answer": ("student", ("attempt_id",), {"step": 0, "option": 2}),
    "quiz:hint": ("student", ("attempt_id",), {"step": 0}),
    "quiz:override": ("student", ("attempt_id", "number"), {}),
    "quiz:finish": ("student", ("attempt_id",), {"confirm": "yes"}),
    "quiz:abandon": ("student", ("attempt_id",), {}),
    "quiz:report-question": ("student", ("question_id",), {"kind": "typo", "comment": "A typo."}),
    "quiz:practise-missed": ("student", ("attempt_id",), {}),
    "quiz:flashcard-rate": ("student", (), {"rating": 3, "reps": 0}),
    "quiz:learn": ("student", (), {}),
    "quiz:learn-answer-post": ("student", ("round_id",), {"turn": 1, "text": "Somebody"}),
    "quiz:learn-hint": ("student", ("round_id",), {"turn": 1}),
    "quiz:learn-override": ("student", ("round_id", "answer_id"), {"turn": 1}),
    "quiz:join-classroom": ("student", (), {"code": "ABCDEFGH"}),
    "quiz:assignment-start": ("student", ("assignment_id",), {}),
    "quiz:classroom-create": ("instructor", (), {"name": "Period 3", "code_valid_days": 14}),
    "quiz:classroom-code": ("instructor", ("classroom_id",), {"code_valid_days": 7}),
    "quiz:classroom-remove-student": ("instructor", ("classroom_id", "student_id"), {}),
    "quiz:assignment-create": (
        "instructor",
        ("classroom_id",),
        {"opens_at": "2030-01-01T09:00", "due_at": "2030-01-08T09:00"},
    ),
    "quiz:question-swap": ("instructor", ("assignment_id", "question_id"), {}),
    "quiz:question-drop": ("instructor", ("assignment_id", "question_id"), {}),
    "quiz:question-restore": ("instructor", ("assignment_id", "question_id"), {}),
    "quiz:topic-set-create": ("instructor", (), {"name": "New set", "question_types": ["choice"], "question_count": 5}),
    "quiz:topic-set-edit": (
        "instructor",
        ("topic_set_id",),
        {"name": "Renamed", "question_types": ["choice"], "question_count": 5},
    ),
    "signup": (
        "anonymous",
        (),
        {"username": "newcomer", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    ),
    "login": ("anonymous", (), {"username": "someone", "password": "whatever"}),
    "password_reset": ("anonymous", (), {"email": "someone@example.org"}),
    "password_reset_confirm": ("anonymous", ("uidb64", "token"), {"new_password1": "x", "new_password2": "x"}),
    "logout": ("student", (), {}),
    "password_change": (
        "student",
        (),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "x-9-long-pass",
            "new_password2": "x-9-long-pass",
        },
    ),
}


def app_url_names() -> dict[str, tuple[str, ...]]:
    """Every named URL of the app (the Django admin left out) and its parameters."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}{pattern.name}"] = tuple(pattern.pattern.converters)

    walk(get_resolver().url_patterns, "")
    return found
