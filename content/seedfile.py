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
COPIED_RUN_WORDS = 10
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
    "term",
)
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


@dataclass
class SeedBank:
    countries: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)
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
    for group in ("countries", "themes"):
        seen: set[str] = set()
        entries = data.get(group, [])
        if not isinstance(entries, list) or not entries:
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


def _read_fact(file: str, source: str, table: dict, problems: list[Problem]) -> FactEntry | None:
    key = table.get("key") if isinstance(table, dict) else None
    reader = _Reader(problems, file, key if isinstance(key, str) and key else "?", table)
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        reader.fail(f"fact key {key!r} must be a lowercase slug (a-z, 0-9, -)")
        return None
    fact = FactEntry(
        file=file,
        key=key,
        statement=" ".join(reader.text("statement").split()),
        answer=reader.text("answer"),
        kind=reader.text("kind"),
        question=" ".join(reader.text("question", required=False).split()),
        date=reader.date(),
        event=" ".join(reader.text("event", required=False).split()),
        value=reader.decimal("value"),
        unit=reader.text("unit", required=False),
        as_of=reader.integer("as_of", required=False),
        countries=reader.slugs("countries"),
        themes=reader.slugs("themes"),
        difficulty=reader.integer("difficulty") or 0,
        note=reader.text("note", required=False),
        citations=reader.citations(source),
    )
    if fact.answer and fact.statement and fact.answer not in fact.statement:
        reader.fail(f"answer {fact.answer!r} does not occur in the statement (case kept)")
    if fact.kind and fact.kind not in KINDS:
        reader.fail(f"unknown kind {fact.kind!r}; use one of {', '.join(KINDS)}")
    if fact.kind in DATE_KINDS:
        if fact.date is None:
            reader.fail(f"kind {fact.kind} needs a date")
        elif str(fact.date.value.year) not in fact.answer:
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
    if fact.date and fact.event and str(fact.date.value.year) in fact.event:
        reader.fail("the event label gives its own year away; leave the date out of it")
    if fact.as_of is not None and not 1800 <= fact.as_of <= 2100:
        reader.fail(f"as_of {fact.as_of} is not a plausible year")
    if fact.difficulty not in DIFFICULTIES:
        reader.fail("difficulty must be 1, 2 or 3")
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
    claim = ClaimEntry(
        file=file,
        fact=fact_key,
        answer=reader.text("answer"),
        date=reader.date(),
        value=reader.decimal("value"),
        note=reader.text("note", required=False),
        citations=reader.citations(source),
    )
    if not claim.citations:
        reader.fail("a claim needs at least one citation")
    return claim if claim.answer and claim.citations else None


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
    for fact in bank.facts.values():
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
            if fact.kind in DATE_KINDS and claim.date is None:
                problems.append(
                    Problem(claim.file, f"claim on {fact.key}", f"the fact is a {fact.kind}: the claim needs a date")
                )
            if fact.kind in QUANTITY_KINDS and claim.value is None:
                problems.append(
                    Problem(claim.file, f"claim on {fact.key}", f"the fact is a {fact.kind}: the claim needs a value")
                )
    return bank, problems


def collapse(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def paper_runs(text: str, length: int = COPIED_RUN_WORDS) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive words in a paper, also with line-break hyphens joined."""
    runs: set[tuple[str, ...]] = set()
    for variant in (text, re.sub(r"-\s*\n\s*", "", text)):
        words = _words(variant)
        runs.update(tuple(words[i : i + length]) for i in range(len(words) - length + 1))
    return runs


def copied_run(text: str, runs: set[tuple[str, ...]], length: int = COPIED_RUN_WORDS) -> str | None:
    words = _words(text)
    for i in range(len(words) - length + 1):
        if tuple(words[i : i + length]) in runs:
            return " ".join(words[i : i + length])
    return None


def check_against_papers(bank: SeedBank, papers_dir: Path) -> list[Problem]:
    """Quotations verbatim in their paper; no statement copies 10 words of any paper."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for source in bank.sources.values():
        path = papers_dir / source.paper_file
        try:
            texts[source.key] = path.read_text(encoding="utf-8")
        except OSError as error:
            problems.append(Problem(source.file, "source", f"cannot read paper {path}: {error}"))
    collapsed = {key: collapse(text) for key, text in texts.items()}
    runs: set[tuple[str, ...]] = set()
    for text in texts.values():
        runs |= paper_runs(text)
    for fact in bank.facts.values():
        quoted = [(fact.key, c) for c in fact.citations]
        quoted += [(f"claim on {fact.key}", c) for claim in fact.claims for c in claim.citations]
        for where, citation in quoted:
            paper = collapsed.get(citation.source)
            if paper is not None and citation.quote not in paper:
                file = bank.sources[citation.source].file
                problems.append(
                    Problem(
                        file,
                        where,
                        f"quotation not found in {bank.sources[citation.source].paper_file}: {citation.quote!r}",
                    )
                )
        for label, text in (("statement", fact.statement), ("question", fact.question), ("event", fact.event)):
            run = copied_run(text, runs)
            if run:
                problems.append(Problem(fact.file, fact.key, f"{label} copies 10+ words of a paper: {run!r}"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate seed files without a database.")
    parser.add_argument("paths", nargs="+", type=Path, help="the seeds folder, or single seed files")
    parser.add_argument("--sources", type=Path, help="folder with the papers: check quotations and copying")
    args = parser.parse_args(argv)
    folders = [p for p in args.paths if p.is_dir()]
    files = [p for p in args.paths if not p.is_dir()]
    folder = folders[0] if folders else files[0].parent
    bank, problems = read_bank(folder, only=None if folders else files)
    if args.sources:
        problems += check_against_papers(bank, args.sources)
    for problem in problems:
        print(problem)
    print(f"{len(bank.facts)} facts, {len(bank.sources)} sources, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
