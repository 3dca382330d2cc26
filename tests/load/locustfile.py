"""Simulated students: log in, then loop over question GET, answer POST (htmx: the feedback), progress GET,
the two ceiling views and, on the bare project's server, its two views: one of each per round so every endpoint
sees the same traffic.

Driven by tests/load/run.py through the environment:
LOADTEST_PLAN (students, password, attempt ids, fact ids), LOADTEST_ANSWERS (where each 2xx answer's
attempt and step is written), LOADTEST_SECONDS (measured window, counted from when the whole class has
logged in: statistics are reset then), LOADTEST_USERS, LOADTEST_WAIT_MAX (think time between requests),
LOADTEST_BARE_HOST (the bare ceiling project's server; its requests are left out when unset), LOADTEST_EVENTS
(when set, a file that gets one line per request: time, name, status, failed; the cluster test's phases).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import events, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser
from locust.exception import StopUser

PLAN = json.load(open(os.environ["LOADTEST_PLAN"]))  # noqa: SIM115 - read once at import
USERNAMES = itertools.cycle(sorted(PLAN["students"]))
ANSWERS = open(os.environ["LOADTEST_ANSWERS"], "a", buffering=1)  # noqa: SIM115 - one line per 2xx answer
SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
USERS = int(os.environ.get("LOADTEST_USERS", "1"))
WAIT_MAX = float(os.environ.get("LOADTEST_WAIT_MAX", "0.5"))
BARE_HOST = os.environ.get("LOADTEST_BARE_HOST", "")
BARE_ROWS = 200  # the bare project's migration creates rows 1..200

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTION = re.compile(r'name="option" value="(\d+)"')
STEP = re.compile(r'name="step" value="(\d+)"')
LOCATION = re.compile(r"/attempts/(\d+)/")
FEEDBACK = 'id="feedback-heading"'  # only on an answered question's page (templates/quiz/question.html)

logged_in = 0


def think() -> None:
    gevent.sleep(random.uniform(0, WAIT_MAX))


@events.init.add_listener
def remember(environment, **_kwargs) -> None:
    global ENVIRONMENT
    ENVIRONMENT = environment


if os.environ.get("LOADTEST_EVENTS"):
    EVENTS = open(os.environ["LOADTEST_EVENTS"], "a", buffering=1)  # noqa: SIM115 - one line per request

    @events.request.add_listener
    def log_request(name, response=None, exception=None, **_kwargs) -> None:
        status = getattr(response, "status_code", 0) or 0
        EVENTS.write(f"{time.time():.3f} {name.replace(' ', '_')} {status} {1 if exception else 0}\n")


SETTLE = 2.0  # seconds for the requests queued behind the last logins to drain before measuring


def class_logged_in() -> None:
    """Once every student is in (and SETTLE later): start the measured window and end the run SECONDS later."""
    gevent.sleep(SETTLE)
    runner = ENVIRONMENT.runner
    runner.stats.reset_all()
    with open(os.environ["LOADTEST_WINDOW"], "w") as window:
        window.write(str(time.time()))
    print(f"loadtest: all {USERS} students logged in; measuring for {SECONDS:.0f} s", flush=True)
    gevent.spawn_later(SECONDS, runner.quit)


class Student(FastHttpUser):
    def on_start(self) -> None:
        global logged_in
        self.username = next(USERNAMES)
        self.attempts = list(PLAN["students"][self.username])
        self.attempt = self.attempts.pop(0)
        self.step = 0
        # The bare project is another site: its own client, so neither server sees the other's cookies.
        self.bare = (
            FastHttpSession(base_url=BARE_HOST, request_event=self.environment.events.request, user=self)
            if BARE_HOST
            else None
        )
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PLAN["password"], "csrfmiddlewaretoken": token},
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {response.status_code}")
                raise StopUser()
        logged_in += 1
        if logged_in == USERS:
            gevent.spawn(class_logged_in)

    def next_attempt(self) -> None:
        if self.attempts:
            self.attempt, self.step = self.attempts.pop(0), 0
            return
        # Out of prepared attempts: start one the way a student does, on the practice page.
        with self.client.post(
            "/practice/",
            data={
                "question_types": ["choice", "event_year", "year_event"],
                "length": 20,
                "csrfmiddlewaretoken": self.token,
            },
            name="practice POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = LOCATION.search(response.headers.get("Location") or "")
            if response.status_code != 303 or not match:
                response.failure(f"no new attempt: {response.status_code}")
                raise StopUser()
        self.attempt, self.step = int(match.group(1)), 0

    @task
    def round(self) -> None:
        # No redirect followed: a session another app server does not know would send us to the login page (302),
        # which must count as a failure, not as a page without a form.
        with self.client.get(
            f"/attempts/{self.attempt}/questions/{self.step + 1}/",
            name="question GET",
            allow_redirects=False,
            catch_response=True,
        ) as page:
            if page.status_code != 200:
                page.failure(f"question GET: {page.status_code}")
        options = OPTION.findall(page.text or "")
        step = STEP.search(page.text or "")
        if page.status_code == 302 and self.step > 0 and (page.headers.get("Location") or "").startswith("/attempts/"):
            # Sent to the attempt: this question is not the current one (we moved on from a page that looked
            # answered but was cut short). Step back; the page before shows its form or its feedback.
            self.step -= 1
            return
        if page.status_code == 200 and FEEDBACK in (page.text or "") and self.step < 20:
            # The feedback page: our answer was stored though its response never reached us (a server killed
            # mid-request). Move on to the next question.
            self.step += 1
            if self.step >= 20:
                self.next_attempt()
            return
        if page.status_code != 200 or not options or not step or int(step.group(1)) != self.step:
            return  # a failure locust has counted (status), or a page without the form
        self.token = CSRF.search(page.text).group(1)
        think()
        response = self.client.post(
            f"/attempts/{self.attempt}/answer/",
            data={"step": self.step, "option": random.choice(options), "csrfmiddlewaretoken": self.token},
            headers={"HX-Request": "true"},
            name="answer POST",
        )
        if 200 <= response.status_code < 300:
            ANSWERS.write(f"{self.attempt} {self.step}\n")
            self.step += 1
        think()
        self.client.get("/progress/", name="progress GET")
        think()
        fact = random.choice(PLAN["facts"])
        self.client.get(f"/loadtest/ceiling/read/?fact={fact}", name="ceiling read")
        think()
        self.client.post(
            "/loadtest/ceiling/write/", data={"fact": fact, "csrfmiddlewaretoken": self.token}, name="ceiling write"
        )
        if self.bare is not None:
            think()
            row = random.randint(1, BARE_ROWS)
            page = self.bare.get(f"/read/?row={row}", name="bare read")
            token = CSRF.search(page.text or "")
            if page.status_code == 200 and token:
                think()
                self.bare.post("/write/", data={"row": row, "csrfmiddlewaretoken": token.group(1)}, name="bare write")
        if self.step >= 20:
            self.next_attempt()
        think()
