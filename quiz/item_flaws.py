"""An item-writing check: counts the flaws a teacher's item review would find in generated questions.

It reads questions only through what the learner sees and what the bank says
(a question's type, prompt, options with their text and key flag, fact ids,
timeline items; the facts' answers, claims and dates), so the same check runs
against any generator that produces such objects, before and after a change.
The rules follow Haladyna, Downing & Rodriguez (2002), condensed in
/work/shared/item-writing.md.

Flaws per question (rates over the questions the flaw can apply to):
- key rank among the sorted numeric options (a histogram and a chi-square
  against uniform), and the share of keys in the inner ranks;
- key-only stem echo, key uniquely longest, mixed-shape options (cues);
- overlapping bounded options ("more than 1,000" beside "more than 2,000");
- near-duplicate options; numbers out of order;
- a distractor equal to a claimed answer or inside a claimed span;
- paper-trivia prompts ("according to the paper", "Table 3", an author's
  name when the fact is not that author's argument).
Per quiz: a fact or an event asked twice.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

CHOICE_TYPES = ("choice", "event_year", "year_event")

# Flaws that no generated question may have: the check exits non-zero on any.
MUST_BE_ZERO = (
    "overlapping bounded options",
    "near-duplicate options",
    "numbers out of order",
    "distractor is a claimed answer or in a claimed span",
    "fact or event twice in a quiz",
    "paper-trivia prompt",
)
CUES = ("key-only stem echo", "key uniquely longest", "mixed-shape options")
# Not a flaw by itself (an author's own argument may name them), but the target is under 3%.
NAMES_THE_PAPER = "prompt names the paper or an author (target < 3%)"
ALL_FLAWS = (*CUES, *MUST_BE_ZERO, NAMES_THE_PAPER)


class OptionLike(Protocol):
    text: str
    is_correct: bool


# ---------------------------------------------------------------- text helpers


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


# Words too common in this bank to be a cue when the key shares them with the stem.
COMMON_WORDS = frozenset(
    [
        "korea",
        "korean",
        "koreans",
        "south",
        "republic",
        "central",
        "asia",
        "asian",
        "with",
        "from",
        "that",
        "this",
        "their",
        "which",
        "what",
        "were",
        "between",
        "national",
        "state",
        "international",
        "kazakhstan",
        "uzbekistan",
        "kyrgyzstan",
        "tajikistan",
        "turkmenistan",
        "kazakh",
        "uzbek",
        "kyrgyz",
        "tajik",
        "turkmen",
        "when",
        "where",
        "there",
        "these",
        "those",
        "into",
        "about",
        "have",
        "been",
        "after",
        "before",
        "under",
        "other",
        "than",
        "they",
        "them",
        "also",
        "more",
        "most",
        "some",
        "each",
        "year",
        "years",
        "first",
        "under",
        "being",
        "does",
        "made",
        "make",
        "many",
        "much",
        "over",
        "such",
        "only",
        "very",
        "what",
        "whose",
        "whom",
        "while",
        "during",
        "against",
        "among",
        "country",
        "countries",
    ]
)


def stem(word: str) -> str:
    """A crude stem, enough to see "embassy" in "embassies" and "programme" in "programmes"."""
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("es", ""), ("s", ""), ("'s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    return word[:7]


def telling_words(text: str) -> set[str]:
    """Distinctive words of a text (stemmed): long enough and not common in this bank."""
    words = normalise(text.replace("_____", " ")).split()
    return {stem(word) for word in words if len(word) >= 4 and word not in COMMON_WORDS and not word.isdigit()}


MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
DATE_TEXT = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Za-z]+) )?(\d{4})$")
NUMBER_TEXT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def numeric_value(text: str) -> float | None:
    """The value an option stands for, for sorting: a date, a year or the (first) number in it."""
    stripped = text.strip()
    match = DATE_TEXT.match(stripped)
    # A bare year sorts as its number (and "7000 people" is no year); a date with a month as its day number.
    if match and match.group(2) is not None and match.group(2).casefold() in MONTHS:
        day, month, year = match.groups()
        month_number = MONTHS.get(month.casefold(), 1) if month else 1
        try:
            return float(datetime.date(int(year), month_number, int(day or 1)).toordinal())
        except ValueError:
            return None
    numbers = NUMBER_TEXT.findall(stripped)
    if len(numbers) != 1:
        return None
    scale = SCALE.search(stripped.casefold())
    return float(numbers[0].replace(",", "")) * (SCALES[scale.group(1)] if scale else 1)


# "USD 300 million" and "USD 2 billion" are one frame of different magnitudes.
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE = re.compile(r"\d\s*(thousand|million|billion|trillion)\b")


LOWER = re.compile(r"\b(more than|over|above|at least|in excess of|exceeding|upwards of|no fewer than)\b|\d\+")
# "nearly", "about", "almost" are approximations of a point, not bounds.
UPPER = re.compile(r"\b(less than|fewer than|under|below|up to|at most|no more than)\b")
RANK = re.compile(r"\b(top|among the|one of the|first)\s+(\d+|ten|five|three|twenty)\b", re.I)
BOUND_WORDS = re.compile(LOWER.pattern + "|" + UPPER.pattern.replace("\\b(", "\\b(?:"))
WORD_NUMBERS = {"three": 3, "five": 5, "ten": 10, "twenty": 20}


@dataclass(frozen=True)
class Interval:
    """The values an option claims: a point, a bound, or a rank bound ("top 10": ranks 1 to 10)."""

    family: str  # "value" or "rank"
    low: float
    high: float
    bounded: bool

    def meets(self, other: Interval) -> bool:
        return self.family == other.family and self.low <= other.high and other.low <= self.high


def interval(text: str) -> Interval | None:
    lowered = text.casefold()
    rank = RANK.search(lowered)
    if rank:
        count = rank.group(2)
        top = float(WORD_NUMBERS.get(count, 0) or count)
        return Interval("rank", 1, top, True)
    value = numeric_value(text)
    if value is None:
        return None
    if LOWER.search(lowered):
        return Interval("value", value + 1e-9, float("inf"), True)
    if UPPER.search(lowered):
        return Interval("value", float("-inf"), value - 1e-9, True)
    return Interval("value", value, value, False)


def singular(text: str) -> str:
    return " ".join(stem(word) if len(word) > 3 else word for word in normalise(text).split())


SMALL_WORDS = frozenset(["of", "and", "for", "the", "in", "on", "to", "de"])


def is_abbreviation(short: str, long: str) -> bool:
    """`short` is written from the starts of `long`'s words, in order: KOICA for Korea International
    Cooperation Agency (KO + I + C + A), BTS for Bangtan Sonyeondan (small words may be skipped)."""
    letters = short.replace(".", "").casefold()
    words = [w.casefold() for w in re.findall(r"[A-Za-z]+", long)]
    if " " in short.strip() or len(letters) < 2 or len(words) < 2 or not letters.isalpha():
        return False

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return all(word in SMALL_WORDS for word in words[j:])
        if j == len(words):
            return False
        word = words[j]
        if word in SMALL_WORDS and match(i, j + 1):
            return True
        return any(
            letters[i : i + n] == word[:n] and match(i + n, j + 1)
            for n in range(1, min(len(word), len(letters) - i) + 1)
        )

    return match(0, 0)


def near_duplicates(a: str, b: str) -> bool:
    """Two options that name one thing: same words up to plural and case, an abbreviation of the other,
    one inside the other, or nearly the same letters."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if na == nb or singular(a) == singular(b):
        return True
    if any(ch.isdigit() for ch in na + nb):
        return False  # numbers and dates are distinct when their values are
    compact_a, compact_b = na.replace(" ", ""), nb.replace(" ", "")
    if is_abbreviation(a, b) or is_abbreviation(b, a):
        return True
    short, long = sorted((singular(a), singular(b)), key=len)
    if len(short) >= 4 and re.search(rf"\b{re.escape(short)}\b", long):
        return True
    # Letter similarity only for short names: long labels that differ in one place name different things
    # ("South Korea opens its embassy in Kazakhstan" / "... in Uzbekistan").
    if max(len(na.split()), len(nb.split())) > 3:
        return False
    return difflib.SequenceMatcher(None, compact_a, compact_b).ratio() >= 0.85


SCALE_WORDS = re.compile(r"\b(thousand|million|billion|trillion)\b")


def numeric_options(texts: Sequence[str]) -> bool:
    """Options that are numbers, years or dates of one frame ("more than # people"), not names that happen
    to hold a digit ("F-4", "COVID-19")."""
    if all(DATE_TEXT.match(text.strip()) for text in texts):
        return True
    frames = {
        " ".join(NUMBER_TEXT.sub("#", SCALE_WORDS.sub(" ", BOUND_WORDS.sub(" ", text.casefold()))).split())
        for text in texts
    }
    return len(frames) == 1 and all(len(NUMBER_TEXT.findall(text)) == 1 for text in texts)


DIGIT = re.compile(r"\d")


def shape(text: str) -> tuple[bool, bool, int]:
    """(has a digit, starts with a capital, length class): options of one question share it."""
    words = text.count(" ") + 1
    return (bool(DIGIT.search(text)), text[:1].isupper(), 0 if words <= 4 else 1 if words <= 9 else 2)


# ---------------------------------------------------------------- prompts about the paper

PAPER_TRIVIA = re.compile(
    r"\baccording to\b[^?]*\b(paper|authors?|study|article|survey|report|researchers?)\b"
    r"|\b(the|this|that|their) (paper|article|study|authors?|researchers?)\b"
    r"|\b(table|figure|fig\.|chart|appendix)\s*\d"
    r"|\bin (their|its|the|this) (survey|study|paper|article|conclusion|introduction)\b"
    r"|\b(paper|article|study)'s\b",
    re.IGNORECASE,
)
ARGUMENT_VERBS = re.compile(
    r"\b(argu|suggest|contend|claim|propos|recommend|call|describ|see|view|regard|conclud|warn|insist|"
    r"believ|consider|stress|emphasi|find|found|note|maintain)\w*",
    re.IGNORECASE,
)


def author_surnames(authors: str) -> list[str]:
    """Surnames of a "First Last; First Last" author list (the last word of each name)."""
    names = [name.strip() for name in re.split(r";|\band\b|&", authors) if name.strip()]
    return [name.split()[-1] for name in names if name.split()]


def is_paper_trivia(prompt: str, *, statement: str = "", surnames: Iterable[str] = ()) -> bool:
    """A prompt that asks about the paper rather than the subject.

    Naming an author is allowed only when the fact is that author's argument, which the statement shows by
    naming them with an argument verb ("Oh & Zholamanova argue ..."); "the authors", "the paper" or a table
    never are.
    """
    if PAPER_TRIVIA.search(prompt):
        return True
    for surname in surnames:
        if len(surname) < 2 or not re.search(rf"\b{re.escape(surname)}\b", prompt):
            continue
        argued = re.search(rf"\b{re.escape(surname)}\b", statement) and ARGUMENT_VERBS.search(statement)
        if not argued:
            return True
    return False


# ---------------------------------------------------------------- facts as the check sees them


def years_of(fact: Any) -> set[int]:
    """Every year the fact's sources support: its date (every year of its span) and each claim's."""
    years: set[int] = set()
    spans = [(getattr(fact, "event_date", None), getattr(fact, "date_end", None))]
    spans += [(getattr(c, "event_date", None), getattr(c, "date_end", None)) for c in getattr(fact, "claims", ())]
    for start, end in spans:
        if start is None:
            continue
        years.update(range(start.year, (end or start).year + 1))
    return years


def accepted_texts(fact: Any) -> set[str]:
    return {normalise(fact.answer), *(normalise(claim.answer) for claim in getattr(fact, "claims", ()))}


# ---------------------------------------------------------------- the review


@dataclass
class Tally:
    """Counts per flaw, with the number of items each rate is over."""

    flaws: Counter = field(default_factory=Counter)
    over: Counter = field(default_factory=Counter)
    key_ranks: Counter = field(default_factory=Counter)  # rank of the key among 4 sorted numeric options
    examples: dict[str, list[str]] = field(default_factory=dict)

    def count(self, flaw: str, applies: bool, flawed: bool, example: str = "") -> None:
        if not applies:
            return
        self.over[flaw] += 1
        if flawed:
            self.flaws[flaw] += 1
            if example:
                self.examples.setdefault(flaw, [])
                if len(self.examples[flaw]) < 5:
                    self.examples[flaw].append(example)

    def rate(self, flaw: str) -> float:
        return self.flaws[flaw] / self.over[flaw] if self.over[flaw] else 0.0

    @property
    def numeric_keys(self) -> int:
        return sum(self.key_ranks.values())

    def inner_share(self) -> float:
        """Share of numeric keys (four options) in the two inner ranks: chance is 50%."""
        return (self.key_ranks[1] + self.key_ranks[2]) / self.numeric_keys if self.numeric_keys else 0.0

    def chi_square(self) -> float:
        """Pearson's chi-square of the key ranks against uniform (3 degrees of freedom; 7.81 is p = 0.05)."""
        total = self.numeric_keys
        if not total:
            return 0.0
        expected = total / 4
        return sum((self.key_ranks[rank] - expected) ** 2 / expected for rank in range(4))

    def must_be_zero_failures(self) -> list[str]:
        return [flaw for flaw in MUST_BE_ZERO if self.flaws[flaw]]


def review_question(
    question: Any,
    *,
    facts: Mapping[int, Any],
    tally: Tally,
    surnames: Mapping[int, Sequence[str]] | None = None,
    rivals: Mapping[str, set[str]] | None = None,
) -> None:
    """Count the flaws of one generated question.

    `facts` maps fact ids to snapshots (answer, claims, dates, event, statement); `surnames` maps a fact id to
    the surnames of its cited authors; `rivals` maps a normalised question text to the answers that every fact
    asking it accepts (a distractor true by another fact).
    """
    label = f"[{question.type}] {question.prompt[:160]}"
    fact = facts.get(question.fact_ids[0]) if question.fact_ids else None
    statement = getattr(fact, "statement", "") if fact else ""
    names = [name for fact_id in question.fact_ids for name in (surnames or {}).get(fact_id, ())]
    tally.count(
        "paper-trivia prompt",
        True,
        is_paper_trivia(question.prompt, statement=statement, surnames=names),
        label,
    )
    names_someone = any(re.search(rf"\b{re.escape(name)}\b", question.prompt) for name in names if len(name) > 1)
    tally.count(NAMES_THE_PAPER, True, names_someone or bool(PAPER_TRIVIA.search(question.prompt)), label)
    if question.type not in CHOICE_TYPES or not question.options:
        return
    options = list(question.options)
    key = next((o for o in options if o.is_correct), None)
    if key is None:
        return
    distractors = [o for o in options if not o.is_correct]
    texts = [o.text for o in options]
    detail = f"{label} :: " + " | ".join(("*" if o.is_correct else "") + o.text for o in options)

    # Cues.
    stem_words = telling_words(question.prompt)
    key_echo = bool(telling_words(key.text) & stem_words)
    other_echo = any(telling_words(o.text) & stem_words for o in distractors)
    tally.count("key-only stem echo", True, key_echo and not other_echo, detail)
    tally.count("key uniquely longest", True, all(len(key.text) > len(o.text) for o in distractors), detail)
    tally.count("mixed-shape options", True, len({shape(text) for text in texts}) > 1, detail)

    # Numbers: the key's rank, their order, bounds that make a second option true.
    values = [numeric_value(text) for text in texts]
    numeric = all(value is not None for value in values) and numeric_options(texts)
    if numeric and len(options) == 4:
        tally.key_ranks[sorted(values).index(values[options.index(key)])] += 1
    tally.count("numbers out of order", numeric, numeric and values != sorted(values), detail)
    intervals = [interval(text) if numeric else None for text in texts]
    has_bound = any(i is not None and i.bounded for i in intervals)
    key_interval = intervals[options.index(key)]
    overlapping = key_interval is not None and any(
        i is not None and i.meets(key_interval) for o, i in zip(options, intervals, strict=True) if not o.is_correct
    )
    tally.count("overlapping bounded options", has_bound, has_bound and overlapping, detail)

    # Near-duplicates.
    duplicated = any(near_duplicates(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :])
    tally.count("near-duplicate options", True, duplicated, detail)

    # A distractor a source supports.
    claimed = False
    if fact is not None:
        accepted = accepted_texts(fact)
        if rivals and getattr(fact, "question", ""):
            accepted |= rivals.get(normalise(fact.question), set())
        years = years_of(fact)
        for option in distractors:
            if normalise(option.text) in accepted:
                claimed = True
            if question.type == "year_event":
                other = facts.get(getattr(option, "fact_id", None))
                asked_year = key_year(question.prompt)
                if other is not None and asked_year is not None and asked_year in years_of(other):
                    claimed = True
            elif question.type == "event_year" or (getattr(fact, "kind", "") in ("year", "date")):
                value = numeric_value(option.text)
                year = option_year(option.text, value)
                if year is not None and year in years and question.type == "event_year":
                    claimed = True
                if year is not None and getattr(fact, "date_end", None) and year in years:
                    claimed = True
    tally.count("distractor is a claimed answer or in a claimed span", True, claimed, detail)


def key_year(prompt: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", prompt)
    return int(match.group()) if match else None


def option_year(text: str, value: float | None) -> int | None:
    if value is None:
        return None
    match = DATE_TEXT.match(text.strip())
    if match:
        return int(match.group(3))
    return None


def events_asked(question: Any, facts: Mapping[int, Any]) -> list[str]:
    """The events a question asks about, by normalised label (a timeline asks each of its items)."""
    labels = []
    for fact_id in question.fact_ids:
        fact = facts.get(fact_id)
        if fact is not None and getattr(fact, "event", ""):
            labels.append(normalise(fact.event))
    if question.type == "year_event":
        labels += [normalise(o.text) for o in question.options if o.is_correct]
    return labels


def review_quiz(questions: Sequence[Any], *, facts: Mapping[int, Any], tally: Tally) -> None:
    """A quiz asks no fact and no event twice, in any form."""
    fact_ids: Counter = Counter()
    events: Counter = Counter()
    for question in questions:
        fact_ids.update(set(question.fact_ids))
        events.update(set(events_asked(question, facts)))
    repeated = [str(i) for i, n in fact_ids.items() if n > 1] + [e for e, n in events.items() if n > 1]
    tally.count("fact or event twice in a quiz", True, bool(repeated), "; ".join(repeated[:4]))
