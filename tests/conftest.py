from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

PAPERS = Path(settings.PAPERS_DIR)


@pytest.fixture(scope="module")
def _real_bank_module(django_db_setup, django_db_blocker):
    """Load seeds/ once per module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seeds", seeds=settings.SEEDS_DIR, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def real_bank(_real_bank_module, db):
    """The project's own seeds/, loaded into the test database."""


needs_papers = pytest.mark.skipif(not PAPERS.is_dir(), reason=f"source papers not found at {PAPERS}")
