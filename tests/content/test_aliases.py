"""Aliases in the seeds: other spellings or names of the fact's own answer, checked, loaded and edited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from content.models import Fact
from tests.content.test_seed_checks import BASE_FACT, bank_with
from tests.factories import FactFactory

KAZNU = """
key = "kz-kaznu"
statement = "Korean is taught at Al-Farabi Kazakh National University."
answer = "Al-Farabi Kazakh National University"
kind = "organisation"
category = "university"
countries = ["kazakhstan"]
themes = ["diplomacy"]
difficulty = 1
citations = [{ locator = "Introduction", quote = "Nazarbayev University hosts a Korean club." }]
"""


def with_aliases(fact: str, aliases: str) -> str:
    return fact.replace('kind = "organisation"', f'aliases = {aliases}\nkind = "organisation"')


def test_aliases_are_read_whitespace_collapsed(tmp_path):
    bank, problems, _ = bank_with(tmp_path, with_aliases(BASE_FACT, '["NU", "Nazarbayev  Univ."]'))
    assert problems == []
    assert bank.facts["kz-club"].aliases == ["NU", "Nazarbayev Univ."]


@pytest.mark.parametrize(
    ("aliases", "problem"),
    [
        ('["NU", "nu"]', "two aliases are the same"),
        ('["nazarbayev university"]', "an alias is the answer itself"),
        ('[""]', "aliases must be a list of non-empty texts"),
        ('"NU"', "aliases must be a list of non-empty texts"),
    ],
)
def test_an_alias_that_adds_nothing_is_refused(tmp_path, aliases, problem):
    _, problems, _ = bank_with(tmp_path, with_aliases(BASE_FACT, aliases))
    assert any(problem in p for p in problems), problems


def test_an_alias_naming_another_answer_of_the_category_is_refused(tmp_path):
    _, problems, _ = bank_with(
        tmp_path, with_aliases(BASE_FACT, '["KazNU"]'), extra="[[facts]]\n" + with_aliases(KAZNU, '["KazNU"]')
    )
    assert sum("alias 'KazNU' names another answer of category 'university'" in p for p in problems) == 2


def test_two_facts_naming_one_thing_may_list_each_others_spelling(tmp_path):
    other = KAZNU.replace("kz-kaznu", "kz-nu-club").replace("Al-Farabi Kazakh National University", "NU")
    _, problems, _ = bank_with(
        tmp_path,
        with_aliases(BASE_FACT, '["NU"]'),
        extra="[[facts]]\n" + with_aliases(other, '["Nazarbayev University"]'),
    )
    assert problems == []


def test_an_alias_may_not_be_a_claim_or_a_distractor(tmp_path):
    fact = with_aliases(BASE_FACT, '["Astana IT University", "KIMEP University"]') + (
        'distractors = ["KIMEP University", "Satbayev University", "Turan University"]\n'
        'claims = [{ answer = "Astana IT University", citations = [{ locator = "Introduction", '
        'quote = "Nazarbayev University hosts a Korean club." }] }]\n'
    )
    _, problems, _ = bank_with(tmp_path, fact)
    assert any("is a claim's answer" in p for p in problems), problems
    assert any("is also a distractor" in p for p in problems), problems


@pytest.mark.django_db
def test_the_real_bank_loads_its_aliases(real_bank):
    assert Fact.objects.get(key="kz-korean-center-almaty-1991").aliases == ["Alma-Ata"]
    assert Fact.objects.exclude(aliases=[]).count() >= 70


@pytest.mark.django_db
def test_a_fact_with_aliases_that_are_not_texts_is_refused_by_clean():
    fact = FactFactory.build(aliases=["Alma-Ata", ""])
    with pytest.raises(ValidationError) as error:
        fact.clean()
    assert "aliases" in error.value.message_dict


@pytest.mark.django_db
def test_the_fact_admin_shows_and_saves_aliases(admin_client):
    fact = FactFactory(
        kind="place", answer="Almaty", statement="In Almaty.", category__slug="city", aliases=["Alma-Ata"]
    )
    page = admin_client.get(reverse("admin:content_fact_change", args=[fact.pk])).content.decode()
    assert 'name="aliases"' in page
    assert "Alma-Ata" in page
