"""Reading numbers, years and dates out of what a learner typed, in the formats people write them.

Pure functions for `quiz.typed_answers`. A typed quantity may carry thousands separators (108,177 /
108 177 / 108'177, and 108.177 where a decimal could not be meant), a decimal comma (80,2), "%", a unit,
a scale word ("1.56 billion") or be written in words up to "twenty" and the tens ("forty"). A typed date
may be "28 January 1992", "January 28, 1992", "1992-01-28" or "28.01.1992" (day before month, as written
in Central Asia and Europe; month first only with the month's name).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from content.number_words import CARDINALS
from content.number_words import ORDINALS as ORDINAL_WORDS

SMALL_NUMBERS = {word: number for number, word in enumerate(CARDINALS)}
TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENS["twenty"] = 20
ORDINALS = {word: number for number, word in enumerate(ORDINAL_WORDS)}
SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
# Words that turn a number into a different claim ("not 5", "more than 300"): an answer with one is wrong.
QUALIFIERS = frozenset(
    ["not", "no", "never", "less", "fewer", "more", "over", "under", "above", "below", "between", "except", "minus"]
)
# A stated quantity hedged with one of these is accepted within HEDGE_TOLERANCE of its value.
HEDGES = ("about", "around", "roughly", "approximately", "some", "nearly", "almost", "close to", "circa", "c.")
HEDGE_TOLERANCE = Decimal("0.1")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

NUMBER_RUN = re.compile(r"\d+(?:[ ,.'\u2019]\d+)*")
WORD = re.compile(r"[^\W\d_]+")
GROUPED = re.compile(r"^[1-9]\d{0,2}(?:X\d{3})+$")


def fold(text: str) -> str:
    """NFKC (so a no-break or narrow space is a space, a full-width digit a digit) and case folded."""
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2212", "-")


def _grouped(run: str, separator: str) -> bool:
    return bool(GROUPED.match(run.replace(separator, "X")))


def read_run(run: str, *, whole_key: bool) -> Decimal | None:
    """One run of digits and separators as a number, or None when no reading is safe.

    `whole_key`: every accepted value is a whole number of 1,000 or more, so "108.177" cannot mean a
    decimal and is read as 108177; otherwise a single dot is always a decimal point.
    """
    separators = {char for char in run if not char.isdigit()}
    text = run
    if not separators:
        pass
    elif separators <= {" ", "'", "\u2019"}:
        if len(separators) > 1 or not _grouped(run, separators.pop()):
            return None
        text = re.sub(r"\D", "", run)
    elif separators == {","}:
        if _grouped(run, ","):
            text = run.replace(",", "")
        elif run.count(",") == 1:
            text = run.replace(",", ".")  # a decimal comma: 80,2
        else:
            return None
    elif separators == {"."}:
        if run.count(".") > 1:
            if not _grouped(run, "."):
                return None
            text = run.replace(".", "")
        elif whole_key and _grouped(run, "."):
            text = run.replace(".", "")
    elif separators == {",", "."}:
        last = max(run.rfind(","), run.rfind("."))
        decimal_mark, thousands = run[last], "," if run[last] == "." else "."
        whole, fraction = run[:last], run[last + 1 :]
        if decimal_mark in whole or not _grouped(whole, thousands):
            return None
        text = whole.replace(thousands, "") + "." + fraction
    else:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _words_to_digits(text: str) -> str:
    """'twenty five' -> '25', 'forty' -> '40', 'fourth' -> '4': small numbers and the tens, in words."""
    words = text.replace("-", " ").split()
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in TENS and following in SMALL_NUMBERS and 0 < SMALL_NUMBERS[following] < 10:
            out.append(str(TENS[word] + SMALL_NUMBERS[following]))
            index += 2
            continue
        if word in TENS and following in ORDINALS and 0 < ORDINALS[following] < 10:
            out.append(str(TENS[word] + ORDINALS[following]))
            index += 2
            continue
        if word in SMALL_NUMBERS:
            out.append(str(SMALL_NUMBERS[word]))
        elif word in TENS:
            out.append(str(TENS[word]))
        elif word in ORDINALS:
            out.append(str(ORDINALS[word]))
        else:
            out.append(word)
        index += 1
    return " ".join(out)


def scale_of(text: str) -> Decimal:
    """The scale word an answer is stated in ("USD 1.56 billion" -> 10**9), 1 without one."""
    for word in WORD.findall(fold(text)):
        if word in SCALES and word != "hundred":
            return SCALES[word]
    return Decimal(1)


def read_quantity(text: str, *, whole_key: bool = False, answer_scale: Decimal = Decimal(1)) -> list[Decimal]:
    """The values a typed quantity may mean: [] when it holds no number, two numbers, or a qualifier.

    A number typed without the scale word its answer is stated in ("40" for "40 million") may mean
    either, so both readings are returned.
    """
    folded = _words_to_digits(fold(text))
    runs = NUMBER_RUN.findall(folded)
    if len(runs) != 1:
        return []
    rest = NUMBER_RUN.sub(" ", folded)
    words = WORD.findall(rest)
    if any(word in QUALIFIERS for word in words):
        return []
    value = read_run(runs[0].strip(), whole_key=whole_key)
    if value is None:
        return []
    scales = [SCALES[word] for word in words if word in SCALES]
    if len(scales) > 1:
        return []
    if scales:
        return [value * scales[0]]
    readings = [value]
    if answer_scale != 1:
        readings.append(value * answer_scale)
    return readings


def stated_tolerance(answer: str, value: Decimal) -> Decimal:
    """How far from `value` a typed quantity may be, from how the answer states it.

    - hedged ("about 20", "roughly 700", "close to 300"): within 10% of the value;
    - with a scale word ("40 million", "USD 1.56 billion"): half a unit of the last digit stated
      (39.5-40.5 million; 1.555-1.565 billion), since the paper rounded it there;
    - otherwise ("108,177", "5.1%", "4th") exactly as stated.
    """
    folded = fold(answer)
    if any(re.search(rf"(?<!\w){re.escape(hedge)}(?!\w)", folded) for hedge in HEDGES):
        return abs(value) * HEDGE_TOLERANCE
    scale = scale_of(answer)
    if scale != 1:
        runs = NUMBER_RUN.findall(folded)
        if runs:
            digits = runs[0].replace(",", "")
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            return scale * Decimal(5) / Decimal(10) ** (decimals + 1)
    return Decimal(0)


# Dates --------------------------------------------------------------------------------------------------

DateTuple = tuple[int, int, int]  # (year, month, day); 0 for a part not given


def _date_tokens(text: str) -> list[str]:
    tokens = re.findall(r"\d+|[^\W\d_]+", fold(text))
    # "28th", "the", "of", "in", "on": ordinal suffixes and filler words carry no date part.
    return [t for t in tokens if t not in {"st", "nd", "rd", "th", "the", "of", "in", "on"}]


def read_date(text: str) -> DateTuple | None:
    """A typed date to (year, month, day), with 0 for parts not given; None when it is not one date."""
    tokens = _date_tokens(text)
    months = [t for t in tokens if t in MONTHS]
    numbers = [t for t in tokens if t.isdigit()]
    if len(months) + len(numbers) != len(tokens) or len(months) > 1:
        return None
    years = [n for n in numbers if len(n) == 4]
    if len(years) != 1:
        return None
    year = int(years[0])
    others = [int(n) for n in numbers if len(n) != 4]
    if months:
        month = MONTHS[months[0]]
        if len(others) > 1:
            return None
        day = others[0] if others else 0
    elif len(others) == 1:
        month, day = others[0], 0
    elif len(others) == 2:
        # ISO year-month-day, or day.month.year: never month/day/year in digits, which reads both ways.
        month, day = (others[0], others[1]) if len(tokens[0]) == 4 else (others[1], others[0])
    else:
        return None if others else (year, 0, 0)
    if not 1 <= month <= 12 or not 0 <= day <= 31:
        return None
    return (year, month, day)


def read_years(text: str) -> list[int]:
    """A typed year or span of years ("1992", "in 1992", "2004-2006", "2004 to 2006") as its years."""
    folded = fold(text)
    runs = re.findall(r"\d+", folded)
    words = [w for w in WORD.findall(folded) if w not in {"in", "the", "year", "to", "until", "till", "and", "from"}]
    if words or not runs or any(len(run) != 4 for run in runs) or len(runs) > 2:
        return []
    first, last = int(runs[0]), int(runs[-1])
    if last < first:
        return []
    return list(range(first, last + 1))
