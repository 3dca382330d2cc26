"""Seed format v2 and the checks against the papers: each rule, on a one-fact bank written for it."""

from pathlib import Path

import pytest

from content.paper_checks import check_against_papers, common_words, lcs_length, quote_in_paper, readings
from content.seedfile import read_bank

TAXONOMY = """
[[countries]]
slug = "kazakhstan"
name = "Kazakhstan"

[[countries]]
slug = "korea-theory"
name = "Korea & theory"
region = true

[[themes]]
slug = "diplomacy"
name = "Diplomacy"

[[categories]]
slug = "university"
name = "University"
"""

PAPER = (
    "Introduction. The Agree-\nment on cultural cooperation was signed in 1995.The embassy opened later. "
    "Korean dramas first reached Kazakh television screens in the mid-2000s, when Winter Sonata was shown. "
    "Table 2 lists 12,764 students. Nazarbayev University hosts a Korean club. "
    "South Korea is a middle power that uses its culture to win friends abroad and shape the agenda."
)

BASE_FACT = """
key = "kz-club"
statement = "A Korean club meets at Nazarbayev University."
answer = "Nazarbayev University"
kind = "organisation"
category = "university"
countries = ["kazakhstan"]
themes = ["diplomacy"]
difficulty = 1
citations = [{ locator = "Introduction", quote = "Nazarbayev University hosts a Korean club." }]
"""


def bank_with(tmp_path: Path, fact: str = BASE_FACT, extra: str = "", paper: str = PAPER):
    seeds, papers = tmp_path / "seeds", tmp_path / "papers"
    seeds.mkdir(parents=True)
    papers.mkdir()
    (papers / "p.txt").write_text(paper, encoding="utf-8")
    (seeds / "taxonomy.toml").write_text(TAXONOMY, encoding="utf-8")
    source = '[source]\nkey = "src-2020"\nshort = "Src 2020"\ntitle = "T"\nyear = 2020\nfile = "p.txt"\n'
    (seeds / "src-2020.toml").write_text(f"{source}\n[[facts]]\n{fact}\n{extra}", encoding="utf-8")
    bank, problems = read_bank(seeds)
    return bank, [str(p) for p in problems], [str(p) for p in check_against_papers(bank, papers)]


def messages(problems: list[str]) -> str:
    return "\n".join(problems)


def test_a_clean_fact_passes_every_check(tmp_path):
    bank, problems, paper_problems = bank_with(tmp_path)
    assert problems == [] and paper_problems == []
    assert bank.facts["kz-club"].category == "university"


# ---------------------------------------------------------------- format


def test_kind_term_is_refused_with_the_kinds_that_replace_it(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT.replace('kind = "organisation"', 'kind = "term"'))
    assert "kind term is gone: use concept" in messages(problems)


def test_an_entity_answer_needs_a_category(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT.replace('category = "university"\n', ""))
    assert "kind organisation needs a category" in messages(problems)


def test_an_unknown_category_is_refused(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT.replace('"university"', '"universty"'))
    assert "unknown category 'universty'" in messages(problems)


def test_a_phrase_answer_takes_no_category(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT.replace('kind = "organisation"', 'kind = "phrase"'))
    assert "kind phrase takes no category" in messages(problems)


def test_a_misspelt_field_is_reported_not_ignored(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT + 'learner_nte = "x"\n')
    assert "unknown field(s) learner_nte" in messages(problems)


def test_the_taxonomy_marks_regions(tmp_path):
    bank, _, _ = bank_with(tmp_path)
    assert bank.regions == {"korea-theory"}


SPAN_FACT = """
key = "kz-dramas"
statement = "Viewers in Kazakhstan could watch their first Korean series on TV in the mid-2000s."
answer = "the mid-2000s"
kind = "year"
date = "2004"
date_end = "2006"
event = "Korean dramas first shown on Kazakh television"
one_off = true
countries = ["kazakhstan"]
themes = ["diplomacy"]
difficulty = 2
citations = [
  { locator = "Introduction", quote = "Korean dramas first reached Kazakh television screens in the mid-2000s" },
]
"""


def test_a_span_is_read_with_every_year_in_it(tmp_path):
    bank, problems, paper_problems = bank_with(tmp_path, SPAN_FACT)
    assert problems == [] and paper_problems == []
    assert list(bank.facts["kz-dramas"].years()) == [2004, 2005, 2006]


@pytest.mark.parametrize(
    ("end", "message"),
    [('"2003"', "must be later than date"), ('"2006-05"', "must have the precision of date")],
)
def test_a_span_must_end_after_it_starts_at_the_same_precision(tmp_path, end, message):
    _, problems, _ = bank_with(tmp_path, SPAN_FACT.replace('"2006"', end))
    assert message in messages(problems)


def test_the_event_label_may_not_give_away_any_year_of_the_span(tmp_path):
    _, problems, _ = bank_with(tmp_path, SPAN_FACT.replace("first shown on", "shown in 2005 on"))
    assert "gives its own year away" in messages(problems)


def test_a_one_off_event_needs_a_date(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT + "one_off = true\n")
    assert "one_off marks a datable event: it needs a date" in messages(problems)


def test_curated_distractors_may_not_include_an_accepted_answer(tmp_path):
    fact = BASE_FACT + 'distractors = ["KIMEP University", "Nazarbayev university", "Satbayev University"]\n'
    _, problems, _ = bank_with(tmp_path, fact)
    assert "distractor 'Nazarbayev university' is an accepted answer" in messages(problems)


def test_fewer_than_three_curated_distractors_are_refused(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT + 'distractors = ["KIMEP University"]\n')
    assert "at least 3 distractors" in messages(problems)


RECORD_CLAIM = """
[[facts.claims]]
answer = "Satbayev University"
record = true
"""


def test_a_record_claim_needs_no_citation_but_a_learner_note(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT + RECORD_CLAIM)
    assert "a record claim needs a learner_note" in messages(problems)
    _, problems, _ = bank_with(tmp_path / "2", BASE_FACT + 'learner_note = "The paper is wrong."\n' + RECORD_CLAIM)
    assert problems == []


def test_a_claim_from_a_paper_needs_a_citation(tmp_path):
    _, problems, _ = bank_with(tmp_path, BASE_FACT + '\n[[facts.claims]]\nanswer = "Satbayev University"\n')
    assert "a claim needs at least one citation" in messages(problems)


# ---------------------------------------------------------------- quotations


def test_a_quote_may_join_a_word_the_pdf_broke_across_lines():
    paper = readings(PAPER)
    assert quote_in_paper("The Agreement on cultural cooperation", paper)
    assert quote_in_paper("The Agree- ment on cultural cooperation", paper)


def test_a_quote_may_part_sentences_the_pdf_ran_together():
    assert quote_in_paper("signed in 1995. The embassy opened later.", readings(PAPER))


def test_a_quote_with_other_words_is_still_not_found():
    assert not quote_in_paper("The Agreement on trade cooperation", readings(PAPER))


# ---------------------------------------------------------------- paraphrase


def test_names_and_numbers_are_left_out_of_the_compared_words():
    assert common_words("In 1995 Korea and Kazakhstan signed the Agreement.") == ["in", "and", "signed", "the"]


def test_lcs_counts_words_in_order():
    assert lcs_length(["a", "b", "c", "d"], ["a", "x", "c", "y", "d"]) == 3


def test_a_statement_that_keeps_the_paper_sentence_shape_fails(tmp_path):
    copied = BASE_FACT.replace(
        'statement = "A Korean club meets at Nazarbayev University."',
        'statement = "South Korea is a middle power which employs its culture to gain friends overseas and shape'
        ' the agenda; Nazarbayev University hosts a club."',
    )
    _, _, paper_problems = bank_with(tmp_path, copied)
    assert "statement follows a paper sentence" in messages(paper_problems)


def test_a_statement_in_other_words_passes(tmp_path):
    own = BASE_FACT.replace(
        'statement = "A Korean club meets at Nazarbayev University."',
        'statement = "Being neither great nor small, Korea leans on its films and music for influence; a club of'
        ' fans gathers at Nazarbayev University."',
    )
    _, _, paper_problems = bank_with(tmp_path, own)
    assert paper_problems == []


# ---------------------------------------------------------------- evidence


def test_a_quote_without_the_answer_is_reported(tmp_path):
    fact = BASE_FACT.replace("Nazarbayev University hosts a Korean club.", "The embassy opened later.")
    _, _, paper_problems = bank_with(tmp_path, fact)
    assert "no quotation carries the answer 'Nazarbayev University'" in messages(paper_problems)


def test_a_quote_exception_is_listed_instead_of_failing(tmp_path):
    fact = BASE_FACT.replace("Nazarbayev University hosts a Korean club.", "The embassy opened later.")
    fact += 'quote_exception = "The paper names the university only in a figure."\n'
    _, _, paper_problems = bank_with(tmp_path, fact)
    assert paper_problems == []


NUMBER_FACT = """
key = "kz-students"
statement = "Some 12,764 students were counted."
answer = "12,764"
kind = "number"
value = 12764
unit = "students"
countries = ["kazakhstan"]
themes = ["diplomacy"]
difficulty = 2
citations = [{ locator = "LOCATOR", quote = "QUOTE" }]
"""


@pytest.mark.parametrize(
    ("locator", "quote", "carries"),
    [
        ("Table 2", "Table 2 lists 12,764 students.", True),
        ("Table 2, row Students, column 2020", "Table 2 lists", True),
        ("Table 2", "Table 2 lists", False),
    ],
)
def test_a_number_is_carried_by_its_digits_or_by_a_named_table_cell(tmp_path, locator, quote, carries):
    fact = NUMBER_FACT.replace("LOCATOR", locator).replace("QUOTE", quote)
    _, problems, paper_problems = bank_with(tmp_path, fact)
    assert problems == []
    assert ("no quotation carries" not in messages(paper_problems)) is carries


def test_a_claim_quote_must_carry_the_claims_answer(tmp_path):
    claim = (
        '\n[[facts.claims]]\nanswer = "Satbayev University"\n'
        'citations = [{ locator = "Intro", quote = "The embassy opened later." }]\n'
    )
    _, _, paper_problems = bank_with(tmp_path, BASE_FACT + claim)
    assert "no quotation carries the claim's answer 'Satbayev University'" in messages(paper_problems)


def test_a_number_written_with_a_scale_word_carries_its_value(tmp_path):
    fact = NUMBER_FACT.replace("LOCATOR", "Intro").replace("QUOTE", "The Agreement on cultural cooperation")
    fact = fact.replace('answer = "12,764"', 'answer = "2,000"').replace("value = 12764", "value = 2000")
    fact = fact.replace("Some 12,764 students", "Some 2,000 students")
    fact = fact.replace("The Agreement on cultural cooperation", "2 thousand")
    _, _, paper_problems = bank_with(tmp_path, fact, paper=PAPER + " About 2 thousand took part.")
    assert "no quotation carries" not in messages(paper_problems)


def test_a_claim_answers_the_facts_question_not_its_date(tmp_path):
    claim = '\n[[facts.claims]]\nanswer = "2020"\nrecord = true\n'
    _, problems, _ = bank_with(tmp_path, BASE_FACT + 'learner_note = "x"\n' + claim)
    assert "answer '2020' is a date, but the fact's answer is a organisation" in messages(problems)


def test_a_quote_may_leave_out_the_extracts_emphasis_marks():
    assert quote_in_paper("in his book Soft Power he", readings("in his book *Soft Power* he"))


def test_a_quote_may_leave_out_the_extracts_escape_before_a_dollar():
    assert quote_in_paper("worth $4 billion", readings(r"worth \$4 billion"))


def test_a_list_membership_fact_can_opt_out_of_multiple_choice(tmp_path):
    bank, problems, _ = bank_with(tmp_path, BASE_FACT + "multiple_choice = false\n")
    assert problems == [] and bank.facts["kz-club"].multiple_choice is False
    _, problems, _ = bank_with(tmp_path / "2", BASE_FACT + "multiple_choice = false\ndistractors = ['a', 'b', 'c']\n")
    assert "multiple_choice = false: the fact takes no distractors" in messages(problems)
