from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import Citation

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def loaded():
    call_command("load_seeds", seeds=FIXTURES / "seeds", stdout=StringIO())


def test_every_quotation_found_reports_zero_missing(loaded):
    out = StringIO()
    call_command("verify_citations", sources=FIXTURES / "papers", stdout=out)
    assert "5 citations checked, 0 quotations not found" in out.getvalue()


def test_a_quotation_edited_in_the_database_is_listed(loaded):
    citation = Citation.objects.get(quote="over 900 joint enterprises")
    citation.quote = "over 9000 joint enterprises"
    citation.save()
    out = StringIO()
    with pytest.raises(CommandError, match="1 quotation"):
        call_command("verify_citations", sources=FIXTURES / "papers", stdout=out)
    assert "alpha-2020 (alpha.txt): kz-joint-ventures: not found: 'over 9000 joint enterprises'" in out.getvalue()


def test_case_is_kept_when_matching(loaded):
    citation = Citation.objects.get(quote="over 900 joint enterprises")
    citation.quote = "Over 900 joint enterprises"
    citation.save()
    with pytest.raises(CommandError):
        call_command("verify_citations", sources=FIXTURES / "papers", stdout=StringIO())


def test_missing_sources_folder_is_a_clear_error(loaded, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("verify_citations", sources=tmp_path / "nowhere", stdout=StringIO())
