"""Read and validate the seed files in seeds/, without touching the database.

The seed folder holds `taxonomy.toml` (countries and themes) and one TOML file
per source paper (see seeds/README.md). `read_bank()` parses every file and
returns the whole bank together with every problem found, each naming its file
and entry key, so that `load_seeds` can refuse to write anything unless the
bank is clean. It imports nothing from Django so that authors can run it
directly: `python -m content.seedfile seeds/ --sources ../shared/seeds`.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

TAXONOMY_FILE = "taxonomy.toml"
MAX_QUOTE_WORDS = 25
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
DIGIT = re.compile(r"\d")

KINDS = (
    "date",
    "year",
    "number",
    "percentage",
    "country",
    "organisation",
    "person",
    "place",
    "work",
    "concept",
    "phrase",
)
# Answers that name a thing: each has a category, and multiple choice draws its wrong options
# from the other answers of that category. A `phrase` (verb, adjective, clause) is never
# multiple choice.
ENTITY_KINDS = ("country", "organisation", "person", "place", "work", "concept")
DATE_KINDS = ("date", "year")
QUANTITY_KINDS = ("number", "percentage")
PRECISIONS = ("year", "month", "day")
DIFFICULTIES = (1, 2, 3)
ISO_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision (stored as its first day)."""

    value: datetime.date
    precision: str

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = DATE_PATTERN.match(text)
        if not match:
            raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        precision = "day" if day else "month" if month else "year"
        try:
            value = datetime.date(int(year), int(month or 1), int(day or 1))
        except ValueError as error:
            raise ValueError(f"date {text!r} is not a calendar date ({error})") from None
        return cls(value, precision)

    def iso(self) -> str:
        return self.value.strftime(ISO_FORMATS[self.precision])


@dataclass(frozen=True)
class CitationEntry:
    source: str
    locator: str
    quote: str


@dataclass
class ClaimEntry:
    file: str
    fact: str
    answer: str
    date: PartialDate | None
    value: Decimal | None
    note: str
    citations: list[CitationEntry]
    date_end: PartialDate | None = None
    # An answer from the established record that no paper gives (a paper is wrong).
    record: bool = False


@dataclass
class FactEntry:
    file: str
    key: str
    statement: str
    answer: str
    kind: str
    question: str
    date: PartialDate | None
    event: str
    value: Decimal | None
    unit: str
    as_of: int | None
    countries: list[str]
    themes: list[str]
    difficulty: int
    note: str
    citations: list[CitationEntry] = field(default_factory=list)
    claims: list[ClaimEntry] = field(default_factory=list)
    category: str = ""
    date_end: PartialDate | None = None
    one_off: bool = False
    learner_note: str = ""
    distractors: list[str] = field(default_factory=list)
    # Other spellings or names of the same answer, accepted when typed (never a different answer: that is a claim).
    aliases: list[str] = field(default_factory=list)
    quote_exception: str = ""
    # False for a list-membership fact: any other member of the category might be true as well.
    multiple_choice: bool = True

    def years(self) -> range:
        """Every year the fact's date (or span) covers; empty without a date."""
        return span_years(self.date, self.date_end)


@dataclass
class SourceEntry:
    file: str
    key: str
    short: str
    authors: str
    title: str
    year: int
    venue: str
    doi: str
    url: str
    paper_file: str
    note: str


def span_years(start: PartialDate | None, end: PartialDate | None) -> range:
    if start is None:
        return range(0)
    return range(start.value.year, (end or start).value.year + 1)


@dataclass
class SeedBank:
    countries: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    # Country entries that are not a single country (Central Asia as a whole, Korea & theory).
    regions: set[str] = field(default_factory=set)
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    facts: dict[str, FactEntry] = field(default_factory=dict)


class _Reader:
    """Pulls typed values out of one TOML table, recording problems instead of raising."""

    def __init__(self, problems: list[Problem], file: str, key: str, table: dict):
        self.problems = problems
        self.file = file
        self.key = key
        self.table = table if isinstance(table, dict) else {}
        if not isinstance(table, dict):
            self.fail("entry is not a table")

    def fail(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.key, message))

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.table.get(name, "")
        if not isinstance(value, str):
            self.fail(f"{name} must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.fail(f"{name} is missing or empty")
        return value

    def integer(self, name: str, *, required: bool = True) -> int | None:
        value = self.table.get(name)
        if value is None:
            if required:
                self.fail(f"{name} is missing")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{name} must be a whole number, not {value!r}")
            return None
        return value

    def decimal(self, name: str) -> Decimal | None:
        value = self.table.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(f"{name} must be a number, not {value!r}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(f"{name} must be a number, not {value!r}")
            return None
        if not number.is_finite():
            self.fail(f"{name} must be a finite number")
            return None
        return number

    def date(self, name: str = "date") -> PartialDate | None:
        value = self.table.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, (datetime.date, int)):
            value = str(value)
        if not isinstance(value, str):
            self.fail(f'{name} must be text such as "1992-01-28"')
            return None
        try:
            return PartialDate.parse(value.strip())
        except ValueError as error:
            self.fail(str(error))
            return None

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            self.fail(f"{name} must be true or false, not {value!r}")
            return False
        return value

    def texts(self, name: str) -> list[str]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(f"{name} must be a list of non-empty texts")
            return []
        return [" ".join(item.split()) for item in value]

    def unknown_fields(self, allowed: frozenset[str]) -> None:
        unknown = set(self.table) - allowed
        if unknown:
            self.fail(f"unknown field(s) {', '.join(sorted(unknown))} (a typo?)")

    def slugs(self, name: str) -> list[str]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(f"{name} must be a list of slugs")
            return []
        if not value:
            self.fail(f"{name} is empty: give at least one")
        return value

    def citations(self, source: str, name: str = "citations") -> list[CitationEntry]:
        value = self.table.get(name, [])
        if not isinstance(value, list):
            self.fail(f"{name} must be a list of {{ locator, quote }} tables")
            return []
        result = []
        for item in value:
            reader = _Reader(self.problems, self.file, self.key, item)
            citation = reader.citation(source)
            if citation:
                result.append(citation)
        return result

    def citation(self, source: str) -> CitationEntry | None:
        locator = self.text("locator")
        quote = " ".join(self.text("quote").split())
        if not locator or not quote:
            return None
        words = len(quote.split())
        if words > MAX_QUOTE_WORDS:
            self.fail(f"quotation has {words} words, more than {MAX_QUOTE_WORDS}: {quote[:60]!r}...")
            return None
        return CitationEntry(source, locator, quote)


def _read_toml(path: Path, problems: list[Problem]) -> dict | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path.name, "-", f"not valid TOML: {error}"))
    except OSError as error:
        problems.append(Problem(path.name, "-", f"cannot read: {error}"))
    except UnicodeDecodeError as error:
        problems.append(Problem(path.name, "-", f"not UTF-8 text: {error}"))
    return None


def _read_taxonomy(path: Path, bank: SeedBank, problems: list[Problem]) -> None:
    data = _read_toml(path, problems)
    if data is None:
        return
    for group in ("countries", "themes", "categories"):
        seen: set[str] = set()
        entries = data.get(group, [])
        # A bank without entity answers needs no categories; every fact needs a country and a theme.
        if not isinstance(entries, list) or (not entries and group != "categories"):
            problems.append(Problem(path.name, group, f"{group} must be a non-empty list"))
            continue
        for entry in entries:
            reader = _Reader(
                problems, path.name, str(entry.get("slug", "?")) if isinstance(entry, dict) else "?", entry
            )
            slug, name = reader.text("slug"), reader.text("name")
            if slug and not KEY_PATTERN.match(slug):
                reader.fail("slug must be lowercase letters, digits and hyphens")
            elif slug in seen:
                reader.fail(f"duplicate {group[:-1]} slug")
            elif slug and name:
                seen.add(slug)
                getattr(bank, group).append((slug, name))
                if group == "countries" and reader.boolean("region"):
                    bank.regions.add(slug)


def _read_source(path: Path, data: dict, problems: list[Problem]) -> SourceEntry | None:
    table = data.get("source")
    reader = _Reader(problems, path.name, "source", table)
    if not isinstance(table, dict):
        return None
    source = SourceEntry(
        file=path.name,
        key=reader.text("key"),
        short=reader.text("short"),
        authors=reader.text("authors", required=False),
        title=reader.text("title"),
        year=reader.integer("year") or 0,
        venue=reader.text("venue", required=False),
        doi=reader.text("doi", required=False),
        url=reader.text("url", required=False),
        paper_file=reader.text("file"),
        note=reader.text("note", required=False),
    )
    if source.key and not KEY_PATTERN.match(source.key):
        reader.fail("source key must be lowercase letters, digits and hyphens")
        return None
    if source.key and path.stem != source.key:
        reader.fail(f"file should be named {source.key}.toml after its source key")
    return source if source.key else None


FACT_FIELDS = frozenset(
    [
        "key",
        "statement",
        "answer",
        "kind",
        "question",
        "date",
        "date_end",
        "event",
        "one_off",
        "value",
        "unit",
        "as_of",
        "countries",
        "themes",
        "difficulty",
        "note",
        "learner_note",
        "category",
        "distractors",
        "aliases",
        "quote_exception",
        "multiple_choice",
        "citations",
        "claims",
    ]
)
CLAIM_FIELDS = frozenset(["fact", "answer", "date", "date_end", "value", "note", "record", "citations"])


def _read_span_end(reader: _Reader, start: PartialDate | None) -> PartialDate | None:
    end = reader.date("date_end")
    if end is None:
        return None
    if start is None:
        reader.fail("date_end needs a date (the start of the span)")
    elif end.precision != start.precision:
        reader.fail(f"date_end {end.iso()} must have the precision of date {start.iso()}")
    elif end.value <= start.value:
        reader.fail(f"date_end {end.iso()} must be later than date {start.iso()}")
    return end


def _read_fact(file: str, source: str, table: dict, problems: list[Problem]) -> FactEntry | None:
    key = table.get("key") if isinstance(table, dict) else None
    reader = _Reader(problems, file, key if isinstance(key, str) and key else "?", table)
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        reader.fail(f"fact key {key!r} must be a lowercase slug (a-z, 0-9, -)")
        return None
    reader.unknown_fields(FACT_FIELDS)
    date = reader.date()
    fact = FactEntry(
        file=file,
        key=key,
        statement=" ".join(reader.text("statement").split()),
        answer=reader.text("answer"),
        kind=reader.text("kind"),
        question=" ".join(reader.text("question", required=False).split()),
        date=date,
        event=" ".join(reader.text("event", required=False).split()),
        value=reader.decimal("value"),
        unit=reader.text("unit", required=False),
        as_of=reader.integer("as_of", required=False),
        countries=reader.slugs("countries"),
        themes=reader.slugs("themes"),
        difficulty=reader.integer("difficulty") or 0,
        note=reader.text("note", required=False),
        citations=reader.citations(source),
        category=reader.text("category", required=False),
        date_end=_read_span_end(reader, date),
        one_off=reader.boolean("one_off"),
        learner_note=" ".join(reader.text("learner_note", required=False).split()),
        distractors=reader.texts("distractors"),
        aliases=reader.texts("aliases"),
        quote_exception=reader.text("quote_exception", required=False),
        multiple_choice=reader.boolean("multiple_choice", default=True),
    )
    if fact.answer and fact.statement and fact.answer not in fact.statement:
        reader.fail(f"answer {fact.answer!r} does not occur in the statement (case kept)")
    if fact.kind == "term":
        reader.fail("kind term is gone: use concept (a noun phrase, with a category) or phrase (not a noun phrase)")
    elif fact.kind and fact.kind not in KINDS:
        reader.fail(f"unknown kind {fact.kind!r}; use one of {', '.join(KINDS)}")
    if fact.kind in ENTITY_KINDS and not fact.category:
        reader.fail(f"kind {fact.kind} needs a category (see [[categories]] in {TAXONOMY_FILE})")
    if fact.category and fact.kind not in ENTITY_KINDS:
        reader.fail(f"kind {fact.kind} takes no category; categories are for {', '.join(ENTITY_KINDS)}")
    if fact.kind in DATE_KINDS:
        if fact.date is None:
            reader.fail(f"kind {fact.kind} needs a date")
        elif fact.date_end is None and str(fact.date.value.year) not in fact.answer:
            reader.fail(f"answer {fact.answer!r} does not show the year of date {fact.date.iso()}")
        elif fact.kind == "year" and fact.date.precision != "year":
            reader.fail("kind year needs a year-only date (YYYY); use kind date for a month or day")
        elif fact.kind == "date" and fact.date.precision == "year":
            reader.fail("kind date needs a month or day (YYYY-MM or YYYY-MM-DD); use kind year")
    if fact.kind in QUANTITY_KINDS:
        if fact.value is None:
            reader.fail(f"kind {fact.kind} needs a value")
        if not fact.unit:
            reader.fail(f"kind {fact.kind} needs a unit")
        if not DIGIT.search(fact.answer):
            reader.fail(f"a {fact.kind} answer must show its number in digits")
    if fact.date and not fact.event:
        reader.fail("a fact with a date needs an event label (the event without its date)")
    if fact.date and fact.event and any(str(year) in fact.event for year in fact.years()):
        reader.fail("the event label gives its own year away; leave the date out of it")
    if fact.one_off and not fact.date:
        reader.fail("one_off marks a datable event: it needs a date")
    if fact.as_of is not None and not 1800 <= fact.as_of <= 2100:
        reader.fail(f"as_of {fact.as_of} is not a plausible year")
    if fact.difficulty not in DIFFICULTIES:
        reader.fail("difficulty must be 1, 2 or 3")
    if fact.distractors and not fact.multiple_choice:
        reader.fail("multiple_choice = false: the fact takes no distractors")
    if fact.distractors:
        if fact.kind == "phrase":
            reader.fail("a phrase answer is never multiple choice: it takes no distractors")
        if len(fact.distractors) < 3:
            reader.fail("give at least 3 distractors, or none")
        if len({_plain(d) for d in fact.distractors}) != len(fact.distractors):
            reader.fail("two distractors are the same")
    plain_aliases = [_plain(alias) for alias in fact.aliases]
    if len(set(plain_aliases)) != len(plain_aliases):
        reader.fail("two aliases are the same")
    if fact.answer and _plain(fact.answer) in plain_aliases:
        reader.fail("an alias is the answer itself")
    claims = table.get("claims", [])
    if not isinstance(claims, list):
        reader.fail("claims must be a list of tables")
        claims = []
    for claim_table in claims:
        if isinstance(claim_table, dict):
            claim_table = {**claim_table, "fact": key}
        claim = _read_claim(file, source, claim_table, problems)
        if claim:
            fact.claims.append(claim)
    return fact


def _read_claim(file: str, source: str, table: dict, problems: list[Problem]) -> ClaimEntry | None:
    fact_key = table.get("fact") if isinstance(table, dict) else None
    reader = _Reader(problems, file, f"claim on {fact_key or '?'}", table)
    if not isinstance(fact_key, str) or not fact_key:
        reader.fail('a claim must name the fact it disputes (fact = "key")')
        return None
    reader.unknown_fields(CLAIM_FIELDS)
    date = reader.date()
    claim = ClaimEntry(
        file=file,
        fact=fact_key,
        answer=reader.text("answer"),
        date=date,
        value=reader.decimal("value"),
        note=reader.text("note", required=False),
        citations=reader.citations(source),
        date_end=_read_span_end(reader, date),
        record=reader.boolean("record"),
    )
    if claim.record and claim.citations:
        reader.fail("a record claim is the established record, not a paper: it takes no citation")
    if not claim.record and not claim.citations:
        reader.fail("a claim needs at least one citation (or record = true, with a learner_note on the fact)")
    return claim if claim.answer and (claim.citations or claim.record) else None


def _plain(text: str) -> str:
    """Case, accents and punctuation folded: what makes two answers 'the same'."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def read_bank(folder: Path, *, only: list[Path] | None = None) -> tuple[SeedBank, list[Problem]]:
    """Parse and cross-check every seed file in `folder` (or just `only`)."""
    problems: list[Problem] = []
    bank = SeedBank()
    taxonomy = folder / TAXONOMY_FILE
    if not taxonomy.exists():
        problems.append(Problem(TAXONOMY_FILE, "-", f"missing from {folder}"))
    else:
        _read_taxonomy(taxonomy, bank, problems)
    paths = only if only is not None else sorted(p for p in folder.glob("*.toml") if p.name != TAXONOMY_FILE)
    claims: list[ClaimEntry] = []
    loose_citations: list[tuple[str, str, CitationEntry]] = []
    for path in paths:
        data = _read_toml(path, problems)
        if data is None:
            continue
        source = _read_source(path, data, problems)
        if source is None:
            continue
        if source.key in bank.sources:
            problems.append(Problem(path.name, source.key, f"source key also used by {bank.sources[source.key].file}"))
            continue
        bank.sources[source.key] = source
        for table in data.get("facts", []):
            fact = _read_fact(path.name, source.key, table, problems)
            if fact is None:
                continue
            if fact.key in bank.facts:
                problems.append(
                    Problem(path.name, fact.key, f"duplicate fact key (also in {bank.facts[fact.key].file})")
                )
                continue
            bank.facts[fact.key] = fact
        for table in data.get("claims", []):
            claim = _read_claim(path.name, source.key, table, problems)
            if claim:
                claims.append(claim)
        for table in data.get("citations", []):
            fact_key = table.get("fact") if isinstance(table, dict) else None
            reader = _Reader(problems, path.name, f"citation of {fact_key or '?'}", table)
            citation = reader.citation(source.key)
            if not isinstance(fact_key, str) or not fact_key:
                reader.fail('a citation entry must name its fact (fact = "key")')
            elif citation:
                loose_citations.append((path.name, fact_key, citation))
        unknown = set(data) - {"source", "facts", "claims", "citations"}
        if unknown:
            problems.append(Problem(path.name, "-", f"unknown top-level tables: {', '.join(sorted(unknown))}"))

    for file, fact_key, citation in loose_citations:
        if fact_key not in bank.facts:
            problems.append(Problem(file, f"citation of {fact_key}", "no fact with this key"))
        else:
            bank.facts[fact_key].citations.append(citation)
    for claim in claims:
        if claim.fact not in bank.facts:
            problems.append(Problem(claim.file, f"claim on {claim.fact}", "no fact with this key"))
        else:
            bank.facts[claim.fact].claims.append(claim)

    countries = {slug for slug, _ in bank.countries}
    themes = {slug for slug, _ in bank.themes}
    categories = {slug for slug, _ in bank.categories}
    answers_by_question: dict[str, set[str]] = {}
    for fact in bank.facts.values():
        if fact.question:
            answers_by_question.setdefault(_plain(fact.question), set()).update(
                _plain(answer) for answer in (fact.answer, *(claim.answer for claim in fact.claims))
            )
    problems += _alias_problems(bank)
    for fact in bank.facts.values():
        if fact.category and fact.category not in categories:
            problems.append(Problem(fact.file, fact.key, f"unknown category {fact.category!r}"))
        if any(claim.record for claim in fact.claims) and not fact.learner_note:
            problems.append(
                Problem(
                    fact.file, fact.key, "a record claim needs a learner_note saying what the paper and the record say"
                )
            )
        accepted = {_plain(answer) for answer in (fact.answer, *(claim.answer for claim in fact.claims))}
        accepted |= answers_by_question.get(_plain(fact.question), set()) if fact.question else set()
        for distractor in fact.distractors:
            if _plain(distractor) in accepted:
                problems.append(Problem(fact.file, fact.key, f"distractor {distractor!r} is an accepted answer"))
        for slug in fact.countries:
            if slug not in countries:
                problems.append(Problem(fact.file, fact.key, f"unknown country {slug!r}"))
        for slug in fact.themes:
            if slug not in themes:
                problems.append(Problem(fact.file, fact.key, f"unknown theme {slug!r}"))
        if len(set(fact.countries)) != len(fact.countries) or len(set(fact.themes)) != len(fact.themes):
            problems.append(Problem(fact.file, fact.key, "a country or theme is listed twice"))
        if not fact.citations:
            problems.append(Problem(fact.file, fact.key, "has no citation"))
        if len(set(fact.citations)) != len(fact.citations):
            problems.append(Problem(fact.file, fact.key, "the same citation is given twice"))
        answers = {fact.answer}
        for claim in fact.claims:
            if claim.answer in answers:
                problems.append(
                    Problem(
                        claim.file,
                        f"claim on {fact.key}",
                        f"answer {claim.answer!r} is already the fact's or another claim's",
                    )
                )
            answers.add(claim.answer)
            if fact.kind not in DATE_KINDS and DATE_PATTERN.match(claim.answer):
                # A claim answers the fact's question; a disputed date of a named thing is a year fact of its own.
                problems.append(
                    Problem(
                        claim.file,
                        f"claim on {fact.key}",
                        f"answer {claim.answer!r} is a date, but the fact's answer is a {fact.kind}",
                    )
                )
            if fact.kind in DATE_KINDS and claim.date is None:
                problems.append(
                    Problem(claim.file, f"claim on {fact.key}", f"the fact is a {fact.kind}: the claim needs a date")
                )
            if fact.kind in QUANTITY_KINDS and claim.value is None:
                problems.append(
                    Problem(claim.file, f"claim on {fact.key}", f"the fact is a {fact.kind}: the claim needs a value")
                )
    return bank, problems


def _alias_problems(bank: SeedBank) -> list[Problem]:
    """An alias names the fact's own answer: never a claim, a distractor, or another thing of its category.

    Two facts may name one thing (two facts about BTS; "Association of Koreans in/of Kazakhstan"), and then
    share aliases or list each other's spelling: what is refused is an alias that is a name of another fact
    of the category which does not also know this fact's answer as a name of its own."""
    problems: list[Problem] = []
    names_of: dict[str, set[str]] = {
        fact.key: {_plain(name) for name in (fact.answer, *fact.aliases)} for fact in bank.facts.values()
    }
    facts_named: dict[tuple[str, str], list[FactEntry]] = {}  # (category, plain name) -> facts with that name
    for fact in bank.facts.values():
        if fact.category:
            for name in names_of[fact.key]:
                facts_named.setdefault((fact.category, name), []).append(fact)
    for fact in bank.facts.values():
        claims = {_plain(claim.answer) for claim in fact.claims}
        distractors = {_plain(distractor) for distractor in fact.distractors}
        answer = _plain(fact.answer)
        for alias in fact.aliases:
            plain = _plain(alias)
            if plain in claims:
                problems.append(Problem(fact.file, fact.key, f"alias {alias!r} is a claim's answer: keep it a claim"))
            if plain in distractors:
                problems.append(Problem(fact.file, fact.key, f"alias {alias!r} is also a distractor"))
            others = sorted(
                other.key
                for other in facts_named.get((fact.category, plain), [])
                if other.key != fact.key and answer not in names_of[other.key]
            )
            if others:
                problems.append(
                    Problem(
                        fact.file,
                        fact.key,
                        f"alias {alias!r} names another answer of category {fact.category!r} ({', '.join(others)})",
                    )
                )
    return problems


def collapse(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate seed files without a database.")
    parser.add_argument("paths", nargs="+", type=Path, help="the seeds folder, or single seed files")
    parser.add_argument(
        "--sources", type=Path, help="folder with the papers: quotations, copying, paraphrase, quotes carrying answers"
    )
    parser.add_argument("--file", help="print only the problems of this seed file (the whole bank is still read)")
    args = parser.parse_args(argv)
    folders = [p for p in args.paths if p.is_dir()]
    files = [p for p in args.paths if not p.is_dir()]
    folder = folders[0] if folders else files[0].parent
    bank, problems = read_bank(folder, only=None if folders else files)
    notes: list[Problem] = []
    if args.sources:
        from content.paper_checks import check_against_papers, quote_exceptions

        problems += check_against_papers(bank, args.sources)
        notes = quote_exceptions(bank)
    if args.file:
        problems = [problem for problem in problems if problem.file == Path(args.file).name]
    for problem in problems:
        print(problem)
    for note in notes:
        print(f"exception listed: {note}")
    print(f"{len(bank.facts)} facts, {len(bank.sources)} sources, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
