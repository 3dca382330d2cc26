"""load_seeds: validates everything first, writes all or nothing, and is idempotent."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import Citation, Claim, Country, Fact, Source, Theme

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(FIXTURE, folder)
    return folder


def load(folder: Path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_seeds", seeds=folder, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Country, Theme, Source, Fact, Claim, Citation)
    }


def test_loads_facts_sources_claims_and_citations(seeds):
    load(seeds)
    fact = Fact.objects.get(key="kz-relations")
    assert fact.display_date == "28 January 1992"
    assert list(fact.claims.values_list("answer", flat=True)) == ["8 January 1992"]
    assert fact.citations.count() == 2
    assert Fact.objects.get(key="kz-joint-ventures").citations.count() == 2
    assert [c.slug for c in fact.countries.all()] == ["kazakhstan"]


def test_second_run_changes_nothing(seeds):
    load(seeds)
    before = snapshot()
    output = load(seeds)
    assert snapshot() == before
    assert "nothing changed" in output


def test_edited_entry_is_updated_in_place(seeds):
    load(seeds)
    pk = Fact.objects.get(key="kz-joint-ventures").pk
    path = seeds / "alpha-2020.toml"
    path.write_text(path.read_text().replace("difficulty = 2", "difficulty = 3"))
    load(seeds)
    fact = Fact.objects.get(key="kz-joint-ventures")
    assert (fact.pk, fact.difficulty) == (pk, 3)


def test_unchanged_facts_keep_their_rows_when_another_changes(seeds):
    load(seeds)
    before = snapshot()
    path = seeds / "beta-2021.toml"
    path.write_text(path.read_text().replace("in 1992.", "during 1992."))
    load(seeds)
    assert snapshot() == before


def test_fact_removed_from_seeds_is_retired_not_deleted(seeds):
    load(seeds)
    path = seeds / "beta-2021.toml"
    text = path.read_text()
    path.write_text(text[: text.index("[[facts]]")] + text[text.index("[[claims]]") :])
    load(seeds)
    assert Fact.objects.get(key="uz-relations").is_active is False


def broken(seeds: Path, old: str, new: str, file: str = "alpha-2020.toml") -> None:
    path = seeds / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "alpha-2020.toml",
            'date = "1992-01-28"',
            'date = "1992-02-30"',
            "kz-relations: date '1992-02-30' is not a calendar date",
        ),
        (
            "alpha-2020.toml",
            'countries = ["kazakhstan"]',
            'countries = ["narnia"]',
            "kz-relations: unknown country 'narnia'",
        ),
        (
            "beta-2021.toml",
            'citations = [{ locator = "Uzbekistan", quote = "Uzbekistan in 1992" }]',
            "",
            "uz-relations: has no citation",
        ),
        (
            "alpha-2020.toml",
            'quote = "over 900 joint enterprises"',
            'quote = "' + " ".join(["word"] * 26) + '"',
            "kz-joint-ventures: quotation has 26 words",
        ),
        ("beta-2021.toml", 'key = "uz-relations"', 'key = "kz-relations"', "kz-relations: duplicate fact key"),
    ],
    ids=["bad-date", "unknown-country", "missing-citation", "long-quotation", "duplicate-key"],
)
def test_malformed_seed_names_file_and_key_and_writes_nothing(seeds, file, old, new, message, capsys):
    load(seeds)
    before = snapshot()
    broken(seeds, old, new, file)
    # An edit elsewhere in the same run must not be written either.
    broken(seeds, "difficulty = 2", "difficulty = 3")
    with pytest.raises(CommandError, match="nothing was loaded"):
        load(seeds)
    assert f"{file}: {message}" in capsys.readouterr().err
    assert snapshot() == before
    assert Fact.objects.get(key="kz-joint-ventures").difficulty == 2


def test_malformed_seed_on_an_empty_database_writes_nothing(seeds):
    broken(seeds, 'countries = ["kazakhstan"]', 'countries = ["narnia"]')
    with pytest.raises(CommandError):
        load(seeds)
    assert not Fact.objects.exists() and not Source.objects.exists() and not Country.objects.exists()


def test_invalid_toml_is_reported_with_its_file(seeds, capsys):
    (seeds / "alpha-2020.toml").write_text("[source\nkey=")
    with pytest.raises(CommandError):
        load(seeds)
    assert "alpha-2020.toml: -: not valid TOML" in capsys.readouterr().err


def test_claim_on_an_unknown_fact_is_reported(seeds, capsys):
    broken(seeds, 'fact = "kz-relations"', 'fact = "kz-nothing"', "beta-2021.toml")
    with pytest.raises(CommandError):
        load(seeds)
    assert "beta-2021.toml: claim on kz-nothing: no fact with this key" in capsys.readouterr().err


def test_quotation_not_in_paper_is_reported_when_sources_given(seeds, capsys):
    broken(seeds, "over 900 joint enterprises", "over 901 joint enterprises")
    with pytest.raises(CommandError):
        call_command("load_seeds", seeds=seeds, sources=FIXTURE.parent / "papers")
    assert "quotation not found in alpha.txt" in capsys.readouterr().err


def test_claim_removed_from_seeds_is_deleted_with_its_citations(seeds):
    load(seeds)
    kept = set(Citation.objects.filter(claim__isnull=True).values_list("pk", flat=True))
    path = seeds / "beta-2021.toml"
    text = path.read_text()
    path.write_text(text[: text.index("[[claims]]")] + text[text.index("[[citations]]") :])
    output = load(seeds)
    assert not Claim.objects.exists()
    assert set(Citation.objects.values_list("pk", flat=True)) == kept
    assert "1 citations deleted" not in output and "1 claims deleted" in output


V2_TAXONOMY = """
[[countries]]
slug = "korea-theory"
name = "Korea & theory"
region = true

[[categories]]
slug = "university"
name = "University"
"""

V2_SOURCE = """
[source]
key = "gamma-2022"
short = "Gamma 2022"
title = "A third paper"
year = 2022
file = "gamma.txt"

[[facts]]
key = "kr-club"
statement = "A club for Korean culture meets at Seoul University."
answer = "Seoul University"
kind = "organisation"
category = "university"
countries = ["korea-theory"]
themes = ["diplomacy"]
difficulty = 2
learner_note = "Another paper names a different university."
distractors = ["Busan University", "Daegu University", "Incheon University"]
citations = [{ locator = "Intro", quote = "Seoul University hosts the club" }]

[[facts.claims]]
answer = "Busan National University"
record = true

[[facts]]
key = "kz-dramas"
statement = "Kazakh viewers first saw Korean series in the mid-2000s."
answer = "the mid-2000s"
kind = "year"
date = "2004"
date_end = "2006"
event = "Kazakh television first shows Korean series"
one_off = true
countries = ["kazakhstan"]
themes = ["diplomacy"]
difficulty = 2
citations = [{ locator = "Intro", quote = "in the mid-2000s" }]
"""


def test_seed_format_v2_fields_are_loaded(seeds):
    (seeds / "taxonomy.toml").write_text((seeds / "taxonomy.toml").read_text() + V2_TAXONOMY)
    (seeds / "gamma-2022.toml").write_text(V2_SOURCE)
    load(seeds)
    club = Fact.objects.get(key="kr-club")
    assert club.category.slug == "university"
    assert club.learner_note == "Another paper names a different university."
    assert club.distractors == ["Busan University", "Daegu University", "Incheon University"]
    assert club.claims.get().is_record and not club.claims.get().citations.exists()
    assert list(club.countries.values_list("slug", "is_region")) == [("korea-theory", True)]
    dramas = Fact.objects.get(key="kz-dramas")
    assert (dramas.one_off, list(dramas.years), dramas.display_date) == (True, [2004, 2005, 2006], "2004–2006")
    assert "nothing changed" in load(seeds)


def test_a_seeded_fact_takes_its_shuffle_position_from_its_key(seeds):
    from content.loading import stable_shuffle_key

    load(seeds)
    fact = Fact.objects.get(key="kz-relations")
    assert fact.shuffle_key == stable_shuffle_key("kz-relations")
    assert 0 <= fact.shuffle_key < 1 and stable_shuffle_key("kz-relations") != stable_shuffle_key("uz-relations")
