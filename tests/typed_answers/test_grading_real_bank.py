"""The grader on the real bank (seeds/): what a learner may type for a fact, and what stays wrong.

Each row: the fact's key, what was typed, whether it is right, and the spelling shown ("" unless the answer
was accepted as a typo). Keys are built from the loaded seeds as typed questions freeze them.
"""

import pytest

from content.models import Fact
from quiz.typed_answers import MAX_TYPED_LENGTH, grade
from quiz.typed_keys import typed_keys_for

pytestmark = pytest.mark.usefixtures("real_bank")

RIGHT, WRONG = True, False

CASES = [
    # Names: case, punctuation, hyphens and spaces, a leading "the", aliases of the same answer.
    ("kz-korean-center-almaty-1991", "ALMATY", RIGHT, ""),
    ("kz-korean-center-almaty-1991", "Alma-Ata", RIGHT, ""),
    ("kz-korean-center-almaty-1991", "alma ata", RIGHT, ""),
    ("uz-tashkent-kpop-party", "Toshkent", RIGHT, ""),
    ("tm-korean-cultural-center-ashgabat", "Ashkhabad", RIGHT, ""),
    ("uz-fergana-uzbek-korean-university", "Farg‘ona", RIGHT, ""),
    ("ca-diaspora-kz-kg-spread", "Kirghizia", RIGHT, ""),
    ("ca-diaspora-kz-kg-spread", "the Kyrgyz Republic", RIGHT, ""),
    ("kr-soft-power-users", "Turkiye", RIGHT, ""),
    ("tm-bts-fans-hundreds", "Bangtan Boys", RIGHT, ""),
    ("kz-koica-indirect-diaspora-benefit", "Korea International Cooperation Agency", RIGHT, ""),
    ("kz-koica-indirect-diaspora-benefit", "koica", RIGHT, ""),
    ("ca-exim-bank-infrastructure-loans", "Korea Eximbank", RIGHT, ""),
    ("kz-akk-inter-korean-dialogue", "Association of Koreans of Kazakhstan", RIGHT, ""),
    ("uz-festival-albums-bts-blackpink", "BLACKPINK", RIGHT, ""),
    ("ca-grand-chessboard", "Grand Chessboard", RIGHT, ""),
    ("ca-grand-chessboard", "The Grand Chessboard: American Primacy and Its Geostrategic Imperatives", RIGHT, ""),
    ("kr-parasite-oscar", "Gisaengchung", RIGHT, ""),
    ("kz-kore-ilbo-newspaper", "Koryo Ilbo", RIGHT, ""),
    ("uz-digital-uzbekistan-2030", "Digital Uzbekistan 2030", RIGHT, ""),
    # Korean names: either word order, with or without the hyphen; other romanisations as aliases.
    ("kr-kim-dae-jung-pop-culture", "Kim Dae-jung", RIGHT, ""),
    ("kr-kim-dae-jung-pop-culture", "Kim Daejung", RIGHT, ""),
    ("kr-kim-dae-jung-pop-culture", "Dae-jung Kim", RIGHT, ""),
    ("kr-kim-dae-jung-pop-culture", "kim dae jung", RIGHT, ""),
    ("kr-new-northern-policy-moon-jae-in", "Mun Jae-in", RIGHT, ""),
    ("kr-kim-young-sam-cultural-identity", "Kim Yong Sam", RIGHT, ""),
    ("kr-melissen-public-diplomacy", "Melissen, Jan", RIGHT, ""),
    ("kr-gangnam-style-artist", "Park Jae-sang", RIGHT, ""),
    # Claims: every answer a cited source (or the record) supports.
    ("kz-german-kim", "German Kim", RIGHT, ""),
    ("kg-ku-joon-pyo", "Koo Jun Pyo", RIGHT, ""),
    ("kz-smarthealth-kangnam-severance", "Gangnam Severance", RIGHT, ""),
    ("kr-eurasia-initiative-park-geun-hye", "Lee Myung-bak", RIGHT, ""),
    ("uz-soft-power-most-felt", "Kazakhstan", RIGHT, ""),
    # Typos in names: accepted, with the spelling to show.
    ("kz-korean-center-almaty-1991", "Almatty", RIGHT, "Almaty"),
    ("uz-tashkent-kpop-party", "Tashkient", RIGHT, "Tashkent"),
    ("kz-jumong-boom", "Jumung", RIGHT, "Jumong"),
    ("kz-kr-1995-nazarbayev-visit", "Nursultan Nazarbeyev", RIGHT, "Nursultan Nazarbayev"),
    (
        "kr-bufs-first-central-asian-dept",
        "Busan Universty of Foriegn Studies",
        RIGHT,
        "Busan University of Foreign Studies",
    ),
    ("ca-brzezinski-geostrategic-center", "Zbigniew Brzezinsky", RIGHT, "Zbigniew Brzezinski"),
    ("kz-kr-1995-nazarbayev-visit", "Nazarbayev Nursultan", RIGHT, ""),
    # Short names and names with a number: no typo forgiven.
    ("kr-gangnam-style-artist", "PSI", WRONG, ""),
    ("tm-bts-fans-hundreds", "BTX", WRONG, ""),
    ("kr-g20-member", "G21", WRONG, ""),
    ("uz-digital-uzbekistan-2030", "Digital Uzbekistan 2031", WRONG, ""),
    ("kr-kocis", "KOSIS", WRONG, ""),
    # Other answers of the same category: never right, not even as a typo.
    ("kz-astana-concert-2011", "Almaty", WRONG, ""),
    ("kz-korean-center-almaty-1991", "Astana", WRONG, ""),
    ("kz-korean-center-almaty-1991", "Nur-Sultan", WRONG, ""),
    ("kr-nordpolitik-roh-tae-woo", "Moon Jae-in", WRONG, ""),
    ("kr-kim-dae-jung-pop-culture", "Kim Young-sam", WRONG, ""),
    ("kr-kim-dae-jung-pop-culture", "Kim Yong Sam", WRONG, ""),
    ("kr-kim-young-sam-cultural-identity", "Kim Dae-jung", WRONG, ""),
    ("ca-kotra-joint-projects", "KOICA", WRONG, ""),
    ("kz-koica-indirect-diaspora-benefit", "KOTRA", WRONG, ""),
    ("kz-k-university-hufs-top", "BUFS", WRONG, ""),
    ("kr-kangnam-kazakhstan-studies-2006", "Hanyang Universiti", WRONG, ""),
    ("kr-eurasia-initiative-park-geun-hye", "Moon Jae-in", WRONG, ""),
    # Years: every year of the fact's span and of its claims' spans, a record claim's too.
    ("kz-first-korean-dramas-on-tv", "2002", RIGHT, ""),
    ("kz-first-korean-dramas-on-tv", "2005", RIGHT, ""),
    ("kz-first-korean-dramas-on-tv", "mid-2000s", RIGHT, ""),
    ("kz-first-korean-dramas-on-tv", "2004-2006", RIGHT, ""),
    ("kz-first-korean-dramas-on-tv", "2007", WRONG, ""),
    ("kz-first-korean-dramas-on-tv", "2000s", WRONG, ""),
    ("kr-korean-wave-late-1990s", "1998", RIGHT, ""),
    ("kr-korean-wave-late-1990s", "1996", WRONG, ""),
    ("kr-parasite-oscar-year", "2019", RIGHT, ""),
    ("kr-parasite-oscar-year", "2020", RIGHT, ""),
    ("kr-parasite-oscar-year", "2021", WRONG, ""),
    ("kz-koreans-anniversary-projects-2018", "2017", RIGHT, ""),
    ("uz-korean-education-center-tashkent", "1992", RIGHT, ""),
    ("ca-koryo-saram-deportation", "in 1937", RIGHT, ""),
    ("ca-koryo-saram-deportation", "1938", WRONG, ""),
    ("ca-koryo-saram-deportation", "1973", WRONG, ""),
    ("kz-korean-language-boom", "1990", RIGHT, ""),
    # Dates: the date at its precision, in any common format; a claim's date too; a bare year is not a date.
    ("kz-diplomatic-relations", "28 January 1992", RIGHT, ""),
    ("kz-diplomatic-relations", "January 28, 1992", RIGHT, ""),
    ("kz-diplomatic-relations", "1992-01-28", RIGHT, ""),
    ("kz-diplomatic-relations", "28.01.1992", RIGHT, ""),
    ("kz-diplomatic-relations", "28th of Jan 1992", RIGHT, ""),
    ("kz-diplomatic-relations", "8 January 1992", RIGHT, ""),
    ("kz-diplomatic-relations", "1992", WRONG, ""),
    ("kz-diplomatic-relations", "18 January 1992", WRONG, ""),
    ("ca-forum-17th-seoul-2024", "Nov 2024", RIGHT, ""),
    ("ca-forum-17th-seoul-2024", "11/2024", RIGHT, ""),
    ("ca-forum-17th-seoul-2024", "October 2024", WRONG, ""),
    # Numbers in every format, with or without a unit or "%", in words when small.
    ("kz-korean-population-2018", "108177", RIGHT, ""),
    ("kz-korean-population-2018", "108,177", RIGHT, ""),
    ("kz-korean-population-2018", "108 177", RIGHT, ""),
    ("kz-korean-population-2018", "108\u202f177", RIGHT, ""),
    ("kz-korean-population-2018", "108.177", RIGHT, ""),
    ("kz-korean-population-2018", "108,177 ethnic Koreans", RIGHT, ""),
    ("kz-korean-population-2018", "108,117", RIGHT, ""),
    ("kz-korean-population-2018", "108,178", WRONG, ""),
    ("kz-korean-population-2018", "108", WRONG, ""),
    ("kz-korean-population-2018", "not 108,177", WRONG, ""),
    ("kz-koreans-census-1939", "96,453 or 74,019", WRONG, ""),
    ("uz-koica-training-women", "1.942", RIGHT, ""),
    ("kz-korea-image-negative", "3.700", RIGHT, ""),
    ("kz-korea-image-negative", "3,700", WRONG, ""),
    ("kz-korea-positive-image-share", "80.2%", RIGHT, ""),
    ("kz-korea-positive-image-share", "80,2 %", RIGHT, ""),
    ("kz-korea-positive-image-share", "80.2 percent", RIGHT, ""),
    ("kz-korea-positive-image-share", "80", WRONG, ""),
    ("kz-korea-image-undecided", "15", RIGHT, ""),
    ("uz-population-40-million", "forty million", RIGHT, ""),
    ("uz-population-40-million", "40,000,000", RIGHT, ""),
    ("uz-population-40-million", "40", RIGHT, ""),
    ("uz-population-40-million", "45 million", WRONG, ""),
    ("kr-hallyu-exports-2023", "14.16 billion dollars", RIGHT, ""),
    ("kr-hallyu-exports-2023", "$14,160,000,000", RIGHT, ""),
    ("kr-hallyu-exports-2023", "14.2 billion", WRONG, ""),
    ("uz-aladdin-members", "five", RIGHT, ""),
    ("uz-aladdin-members", "6", WRONG, ""),
    ("kr-twelfth-largest-economy", "twelfth", RIGHT, ""),
    ("kr-twelfth-largest-economy", "12", RIGHT, ""),
    ("kr-twelfth-largest-economy", "11th", WRONG, ""),
    ("kz-workers-14-fold-growth", "fourteen times", RIGHT, ""),
    ("kr-global-oda-growth-2010-2022", "2,5x", RIGHT, ""),
    ("kg-film-budget", "20000 US dollars", RIGHT, ""),
    # A quantity stated "about": within 10% of it.
    ("tj-korean-citizens-100", "100", RIGHT, ""),
    ("tj-korean-citizens-100", "95", RIGHT, ""),
    ("tj-korean-citizens-100", "120", WRONG, ""),
    ("uz-world-kpop-festival-50-countries", "fifty", RIGHT, ""),
    ("kr-bufs-students-graduates", "300", RIGHT, ""),
    ("kr-bufs-students-graduates", "290", WRONG, ""),
    # Input that is no answer at all.
    ("kz-korean-center-almaty-1991", "   ", WRONG, ""),
    ("kz-korean-center-almaty-1991", "The", WRONG, ""),
    ("kz-korean-center-almaty-1991", "Almaty" + " " * MAX_TYPED_LENGTH, WRONG, ""),
    ("kz-korean-population-2018", "1" * (MAX_TYPED_LENGTH + 1), WRONG, ""),
]


@pytest.fixture
def keys():
    facts = Fact.objects.filter(key__in={key for key, *_ in CASES})
    by_pk = typed_keys_for(facts)
    return {fact.key: by_pk[fact.pk] for fact in facts}


def test_the_table_has_at_least_sixty_cases_of_distinct_facts():
    assert len(CASES) >= 60
    assert len({key for key, *_ in CASES}) >= 40


@pytest.mark.parametrize(("fact_key", "typed", "right", "spelling"), CASES, ids=[f"{c[0]}:{c[1][:30]}" for c in CASES])
def test_grading_on_the_real_bank(keys, fact_key, typed, right, spelling):
    verdict = grade(typed, keys[fact_key])
    assert verdict.correct is right
    assert verdict.spelling == spelling
    if right:
        assert verdict.matched in keys[fact_key].accepted()
