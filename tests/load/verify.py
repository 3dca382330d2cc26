"""After a load run: every answer the server acknowledged with a 2xx is stored exactly once.

`python -m tests.load.verify ANSWERS_FILE` (with the server's DATABASE_URL) prints one JSON line:
acknowledged answers, stored answers, lost (2xx but not stored), duplicated (acknowledged twice, or stored
twice), unacknowledged (stored without a 2xx the client saw, e.g. a timeout) and attempts whose step
disagrees with their stored answers.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db.models import Count

    from quiz.models import Answer, Attempt

    with open(sys.argv[1]) as lines:
        acknowledged = Counter(tuple(map(int, line.split())) for line in lines if line.strip())
    stored = Counter(
        {
            (row["attempt_id"], row["question__position"]): row["n"]
            for row in Answer.objects.filter(attempt__learner__username__startswith="load-")
            .values("attempt_id", "question__position")
            .annotate(n=Count("pk"))
        }
    )
    steps = Attempt.objects.filter(learner__username__startswith="load-").annotate(n=Count("answers"))
    report = {
        "acknowledged": sum(acknowledged.values()),
        "stored": sum(stored.values()),
        "lost": sum(1 for key in acknowledged if key not in stored),
        "duplicated": sum(n - 1 for n in acknowledged.values() if n > 1) + sum(n - 1 for n in stored.values() if n > 1),
        "unacknowledged": sum(1 for key in stored if key not in acknowledged),
        "step_mismatch": sum(1 for attempt in steps if attempt.step != attempt.n),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
