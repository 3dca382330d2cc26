"""Browser tests: Debian's Chromium driven by Playwright against the live server, with the real seed bank.

Outside CI a machine without Chromium (or without npm to fetch axe-core) skips
these tests; in CI (CI set to a non-empty value) a missing tool is a failure.
Screenshots go to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API keeps an event loop running in the test thread; Django would otherwise refuse
# the ORM calls the tests make to set up data (they run between browser steps, never concurrently).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_VERSION = "4.14.1"
TOOLS = ROOT / ".browser-tools"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--metrics-recording-only",
    "--no-first-run",
]


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI installs it: see .ci/run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        _missing(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's source, installed on first use into the git-ignored .browser-tools/ with npm."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm not found: it installs axe-core for the accessibility audit")
        TOOLS.mkdir(exist_ok=True)
        command = [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(TOOLS),
            f"axe-core@{AXE_VERSION}",
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if done.returncode or not AXE.exists():
            _missing(f"npm could not install axe-core: {done.stderr.strip()[-500:]}")
    return AXE.read_text()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": str(chromium_path), "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def bank(transactional_db):
    """The project's own seeds/, loaded into the live server's database (emptied after each test)."""
    call_command("load_seeds", seeds=settings.SEEDS_DIR, stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())


class Audit:
    """axe-core run on every page a journey visits; serious and critical violations are collected."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.pages = 0

    def watch(self, page) -> None:
        """Collect the content-security policy's refusals too: Chromium reports each one on the console."""

        def on_console(message) -> None:
            if "Content Security Policy" in message.text:
                self.problems.append(f"CSP ({page.url}): {message.text}")

        page.on("console", on_console)

    def __call__(self, page, label: str) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # evaluate() runs through the DevTools protocol: it works under a content-security policy
            # and with the page's own JavaScript disabled.
            page.evaluate(self.source + "\n;undefined")
        # preload off: axe would otherwise insert style elements to read stylesheets (only the
        # css-orientation-lock rule needs them), which the content-security policy rightly refuses.
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"], preload: false})).violations
                 .filter(v => v.impact === "serious" || v.impact === "critical")
                 .map(v => `${v.impact} ${v.id}: ${v.help} at `
                           + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))"""
        )
        self.pages += 1
        self.problems += [f"{label} ({page.url}): {violation}" for violation in violations]

    def by_twin(self, page, twin, label: str) -> None:
        """Audit a page whose JavaScript is off (evaluate() cannot run there): load the same URL in `twin`, a
        JavaScript-enabled page sharing its cookies. Pages never change data on GET, so this is the same page."""
        twin.goto(page.url)
        self(twin, label)

    def assert_clean(self) -> None:
        assert self.pages, "no page was audited"
        assert not self.problems, "axe found serious or critical violations:\n" + "\n".join(self.problems)


@pytest.fixture
def audit(axe_source) -> Audit:
    return Audit(axe_source)


@pytest.fixture
def page(page, audit):
    """pytest-playwright's page, watched for content-security policy refusals from the first request."""
    audit.watch(page)
    return page


@pytest.fixture
def shoot():
    """Screenshots of the page at desktop and phone width, into artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        size = page.viewport_size
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(size)

    return take


@pytest.fixture
def shoot_fitting():
    """Like `shoot`, and each width asserted to need no sideways scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        size = page.viewport_size
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(100)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client, f"{name} at {width} px scrolls sideways: {scroll} > {client}"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(size)

    return take
