"""Grading a typed answer forgivingly, against every answer the sources support. Pure functions, no database.

A question of the typed kind stores a `TypedKey` (built by `quiz.typed_keys.typed_key_for` from the fact,
its claims and its category) and `grade(text, key)` decides. The rules, in the order they are tried:

1. Names (person, place, organisation, work, country) are compared after `normalise` (NFKC, case,
   diacritics, punctuation, quotes, a leading "the", hyphens = spaces) and with spaces removed, so
   "Koryo-saram" = "koryo saram" = "Koryosaram" and "Black Pink" = "BLACKPINK". The fact's answer, its
   aliases and every claim's answer are right. A person's name is also right with its words the other
   way round ("Dae-jung Kim", "Melissen, Jan"): Korean and Western name orders both occur.
2. An answer that is another fact's answer (or alias) of the same category is wrong, never a typo.
3. A small typo in a name is accepted and the spelling shown: one edit (a letter added, dropped,
   changed, or two swapped) for names of 5 to 8 letters, two edits for longer ones, none for shorter
   ones, for acronyms written in capitals (KOCIS is not KOSIS) or for digits within a name; and only
   when no rival name is at least as close.
4. Years (year facts): every year of the fact's date or span and of its claims' dates or spans; a
   typed span ("2004-2006") is right when every year in it is.
5. Dates (date facts): the fact's or a claim's date at its precision, in any common format.
6. Quantities: see `quiz.typed_numbers`; any value of the fact or a claim, within the stated precision.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from quiz.typed_numbers import fold, read_date, read_quantity, read_years, scale_of

MAX_TYPED_LENGTH = 200
NAME_KINDS = frozenset({"person", "place", "organisation", "work", "country"})
YEAR_KINDS = frozenset({"year", "date"})
QUANTITY_KINDS = frozenset({"number", "percentage"})
TYPED_KINDS = NAME_KINDS | YEAR_KINDS | QUANTITY_KINDS
# Longer answers are a sentence to type, not a name to recall.
MAX_TYPED_ANSWER_WORDS = 6
MAX_TYPED_ANSWER_LENGTH = 60
# A list answer ("Almaty and Astana") is several names: recall of a list is not one typed answer.
LIST_ANSWER = re.compile(r",|\band\b|&(?=\s)")
SHORT_NAME = 5  # fewer letters than this: no typo is forgiven
LONG_NAME = 8  # more letters than this: two typos are forgiven

QUOTES = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Fold what a typed answer may differ in without being a different answer. Idempotent.

    NFKC, case folded, diacritics stripped (Ö = O), quotes dropped, every other punctuation mark and every
    hyphen or dash a space, a leading "the" dropped, whitespace collapsed.
    """
    # A few characters fold into ones that fold again (NFKC and case folding do not commute): repeat to
    # the fixed point, which a handful of rounds reaches.
    for _ in range(5):
        folded = _normalise_once(text)
        if folded == text:
            break
        text = folded
    return text


def _normalise_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", fold(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join("" if char in QUOTES else char for char in text)
    # The dotless i (Turkish, Kazakh Latin) upper-cases to I: a learner's caps lock must not make it wrong.
    text = text.replace("\u0131", "i")
    # "%" and "&" mean something in an answer ("5.1%", "Samsung C&T"); other punctuation does not.
    text = "".join(char if char.isalnum() or char in "%&." else " " for char in text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # a dot only survives between digits (5.1)
    words = text.split()
    while len(words) > 1 and words[0] == "the":  # "The" alone is a word, not an article
        words = words[1:]
    return " ".join(words)


def compact(text: str) -> str:
    """The normalised text without spaces: how names are matched ("Kim Daejung" = "Kim Dae-jung")."""
    return normalise(text).replace(" ", "")


@dataclass(frozen=True)
class TypedKey:
    """Everything grading needs, frozen with a question (JSON-safe through to_json/from_json)."""

    kind: str
    answer: str
    aliases: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    precision: str = ""
    rivals: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict) -> TypedKey:
        known = {field.name for field in fields(cls)}
        return cls(
            **{
                name: tuple(value) if isinstance(value, list) else value
                for name, value in data.items()
                if name in known
            }
        )

    def accepted(self) -> tuple[str, ...]:
        """The answer, its aliases and the claims' answers, as written: each is right when typed."""
        return (self.answer, *self.aliases, *self.claims)


@dataclass(frozen=True)
class Verdict:
    correct: bool
    matched: str = ""  # the accepted answer the text matched, as written
    spelling: str = ""  # set when accepted as a typo: "Accepted — it is spelled {spelling}"


WRONG = Verdict(correct=False)


def grade(text: str, key: TypedKey) -> Verdict:
    """Whether `text` is a right answer to the question `key` was frozen with (see the module's rules)."""
    if not isinstance(text, str) or len(text) > MAX_TYPED_LENGTH or not normalise(text):
        return WRONG
    typed = compact(text)
    for accepted in key.accepted():
        if typed == compact(accepted):
            return Verdict(correct=True, matched=accepted)
    if key.kind in NAME_KINDS:
        return _grade_name(text, key)
    if key.kind == "year":
        return _grade_years(text, key)
    if key.kind == "date":
        return _grade_date(text, key)
    if key.kind in QUANTITY_KINDS:
        return _grade_quantity(text, key)
    return WRONG


@lru_cache(maxsize=8192)
def _name_forms(name: str, kind: str) -> frozenset[str]:
    """The compact forms a name may be typed in: a person's words either way round."""
    forms = {compact(name)}
    if kind == "person":
        words = re.sub(r",", " ", fold(name)).split()
        if len(words) > 1:
            forms.add(compact(" ".join([*words[1:], words[0]])))
            forms.add(compact(" ".join([words[-1], *words[:-1]])))
    return frozenset(forms)


def _allowed_edits(name: str) -> int:
    if " " not in name.strip() and name.isupper():
        return 0  # an acronym (KOCIS): one letter changed names another body (KOSIS)
    letters = sum(char.isalpha() for char in compact(name))
    if letters < SHORT_NAME:
        return 0
    return 1 if letters <= LONG_NAME else 2


def _grade_name(text: str, key: TypedKey) -> Verdict:
    typed = compact(text)
    typed_person = _name_forms(text, key.kind)
    for accepted in key.accepted():
        if typed_person & _name_forms(accepted, key.kind):
            return Verdict(correct=True, matched=accepted)
    rivals = {form for rival in key.rivals for form in _name_forms(rival, key.kind)}
    if typed_person & rivals:
        return WRONG
    best: tuple[int, str] | None = None
    for accepted in key.accepted():
        allowed = _allowed_edits(accepted)
        if not allowed:
            continue
        for form in _name_forms(accepted, key.kind):
            if _digits(form) != _digits(typed):
                continue  # a number inside a name is never a typo
            distance = edit_distance(typed, form, limit=allowed)
            if distance <= allowed and (best is None or distance < best[0]):
                best = (distance, accepted)
    if best is None:
        return WRONG
    if any(edit_distance(typed, rival, limit=best[0]) <= best[0] for rival in rivals):
        return WRONG  # as near another answer of the category: not a typo of this one
    return Verdict(correct=True, matched=best[1], spelling=best[1])


def relevant_rivals(accepted: tuple[str, ...], rivals: set[str] | tuple[str, ...], kind: str) -> tuple[str, ...]:
    """The rivals a key must carry: those a typo of an accepted name could reach or come near.

    A typed text is right only if it is an accepted name or within `_allowed_edits` of one, and a rival
    counts against a typo only if it is as near the text; so a rival more than twice the allowed edits
    from every accepted name can never decide a verdict. Keeping only the near ones keeps a frozen key
    small however large its category grows."""
    reach = {form: 2 * _allowed_edits(name) for name in accepted for form in _name_forms(name, kind)}
    reach = {form: edits for form, edits in reach.items() if edits}
    near = set()
    for rival in rivals:
        for form in _name_forms(rival, kind):
            if any(_within(form, own, edits) for own, edits in reach.items()):
                near.add(rival)
                break
    return tuple(sorted(near))


def _within(a: str, b: str, edits: int) -> bool:
    # An edit changes at most two letters' counts: a cheap bound that spares most edit distances.
    counts_a, counts_b = _letter_counts(a), _letter_counts(b)
    differing = sum(abs(counts_a.get(char, 0) - counts_b.get(char, 0)) for char in counts_a.keys() | counts_b.keys())
    return differing <= 2 * edits and edit_distance(a, b, limit=edits) <= edits


@lru_cache(maxsize=8192)
def _letter_counts(text: str) -> dict[str, int]:
    return dict(Counter(text))


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), or limit + 1
    when it exceeds `limit`: a typo check never needs the exact distance of two far strings, so only the
    band of cells within `limit` of the diagonal is computed (any path outside it costs more)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    width = len(b) + 1
    previous2 = [over] * width
    previous = [j if j <= limit else over for j in range(width)]
    for i in range(1, len(a) + 1):
        current = [over] * width
        if i <= limit:
            current[0] = i
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = min(best, over)
        # Every path to the end passes through this row or (by a swap) the one before it.
        if min(current) > limit and min(previous) > limit:
            return over
        previous2, previous = previous, current
    return min(previous[-1], over)


def _grade_years(text: str, key: TypedKey) -> Verdict:
    years = read_years(text)
    if years and set(years) <= set(key.years):
        return Verdict(correct=True, matched=key.answer)
    return WRONG


def _grade_date(text: str, key: TypedKey) -> Verdict:
    typed = read_date(text)
    if typed is None:
        return WRONG
    for accepted in (key.answer, *key.claims):
        if read_date(accepted) == typed:
            return Verdict(correct=True, matched=accepted)
    return WRONG


def _grade_quantity(text: str, key: TypedKey) -> Verdict:
    values = []
    for value in key.values:
        try:
            values.append(Decimal(value))
        except InvalidOperation:
            continue
    if not values:
        return WRONG
    tolerance = Decimal(key.precision or 0)
    whole_key = all(value == value.to_integral_value() and value >= 1000 for value in values)
    readings = read_quantity(text, whole_key=whole_key, answer_scale=scale_of(key.answer))
    for reading in readings:
        for value in values:
            if abs(reading - value) <= tolerance:
                return Verdict(correct=True, matched=key.answer)
    return WRONG


def hint(answer: str) -> str:
    """The first letter (or digit) of each word and the rest as underscores: "N_______ U_________".

    Punctuation and spaces stay as they are, so the hint shows the answer's shape and length, never more
    than its first letters."""
    out = []
    for word in answer.split(" "):
        shown = False
        masked = []
        for char in word:
            if char.isalnum():
                masked.append(char if not shown else "_")
                shown = True
            else:
                masked.append(char)
        out.append("".join(masked))
    return " ".join(out)


def can_type(fact) -> bool:
    """Whether a fact gets a typed question: a name, year, date or quantity short enough to type, one
    thing (not a list), and the only right answer (not a list-membership fact, where other members of
    the category would be right as well). Reads `kind`, `answer` and `multiple_choice` of a Fact or a
    seed entry."""
    if fact.kind not in TYPED_KINDS or not fact.multiple_choice:
        return False
    answer = fact.answer
    if len(answer) > MAX_TYPED_ANSWER_LENGTH or len(answer.split()) > MAX_TYPED_ANSWER_WORDS:
        return False
    # A work's title may hold "and" ("Pride and Prejudice"); a name of any other kind with it is a list.
    return not (fact.kind in NAME_KINDS - {"work"} and LIST_ANSWER.search(answer))
