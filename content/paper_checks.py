"""Seeds checked against the papers they cite: quotations, copying, paraphrase, evidence.

- A quotation occurs verbatim in its paper, whitespace collapsed. Three extraction
  artefacts are tolerated, so seeds hold the clean text: a word broken by a hyphen and a
  line break ("Agree- ment" is quoted "Agreement"), a missing space after a full stop
  ("1993.The" is quoted "1993. The"), and Markdown marks ("*Soft Power*" is quoted "Soft Power",
  "\\$4 billion" is quoted "$4 billion").
- No statement, question or event label shares a run of 10 words with any paper.
- Paraphrase: leaving names and numbers out, the longest common subsequence of words between
  a text and any sentence (or pair of adjacent sentences) of its cited papers stays under
  60% of the text's words. A sentence rewritten clause by clause with synonyms swapped keeps
  the paper's words in order; an explanation in our own words does not.
- Evidence: a fact has a citation whose quotation carries its answer (the year, the number,
  the name), or whose locator names the table cell; so has every claim from a paper.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

from content.number_words import CARDINALS, ORDINALS
from content.seedfile import (
    DATE_KINDS,
    QUANTITY_KINDS,
    CitationEntry,
    FactEntry,
    Problem,
    SeedBank,
    collapse,
    span_years,
)

COPIED_RUN_WORDS = 10
PARAPHRASE_LIMIT = 0.6
PARAPHRASE_MIN_WORDS = 8
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])- (?=[a-z])")
_STUCK_SENTENCE = re.compile(r"(?<=[a-z0-9)][.;,:])(?=[A-Z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(A-Z0-9])")
_TABLE_CELL = re.compile(r"\brow\b.*\bcolumn\b|\bcolumn\b.*\brow\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALED = re.compile(r"(\d+(?:[.,]\d+)?)\s+(thousand|million|billion)", re.IGNORECASE)
_SCALES = {"thousand": Decimal(1000), "million": Decimal(10**6), "billion": Decimal(10**9)}
_LIGHT_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"])


def repaired(text: str) -> str:
    """The paper's text collapsed, with broken words joined, stuck sentences parted and emphasis marks dropped."""
    text = text.replace("*", "").replace("\\$", "$")
    return _STUCK_SENTENCE.sub(" ", _BROKEN_WORD.sub("", collapse(text)))


def readings(text: str) -> tuple[str, str]:
    """The two texts a quotation may match: the paper as printed (collapsed) and as repaired."""
    return collapse(text), repaired(text)


def quote_in_paper(quote: str, paper: tuple[str, str]) -> bool:
    """`paper` comes from `readings`: the quote matches the paper as printed or as repaired."""
    quote = collapse(quote)
    return any(quote in text for text in paper)


# ---------------------------------------------------------------- copying and paraphrase


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


def common_words(text: str) -> list[str]:
    """The text's words, lowercased, leaving out numbers and names (capitalised words).

    A capital that only starts the sentence is not a name.
    """
    words = []
    for index, word in enumerate(re.findall(r"[^\W_]+", text)):
        if any(ch.isdigit() for ch in word):
            continue
        if word[0].isupper() and (index > 0 or word[1:].lower() != word[1:] or len(word) == 1):
            continue
        words.append(word.lower())
    return words


def lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence of two word lists (dynamic programming, one row kept)."""
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


class PaperWindows:
    """A paper's sentences and adjacent pairs of sentences, as word lists, indexed by word."""

    def __init__(self, text: str):
        sentences = [_words(sentence) for sentence in _SENTENCE_END.split(repaired(text))]
        self.windows = sentences + [a + b for a, b in zip(sentences, sentences[1:], strict=False)]
        self.counts = [Counter(window) for window in self.windows]
        self.postings: dict[str, list[int]] = {}
        for index, counts in enumerate(self.counts):
            for word in counts:
                self.postings.setdefault(word, []).append(index)

    def best(self, words: list[str]) -> tuple[float, list[str]]:
        """The highest LCS share of `words` over the windows, and that window."""
        wanted = Counter(words)
        # Shared words bound the LCS from above: only windows that could reach the best so far are aligned.
        bound: Counter = Counter()
        for word, count in wanted.items():
            for index in self.postings.get(word, ()):
                bound[index] += min(count, self.counts[index][word])
        best_share, best_window = 0.0, []
        for index, shared in bound.most_common():
            if shared / len(words) <= best_share:
                break
            share = lcs_length(words, self.windows[index]) / len(words)
            if share > best_share:
                best_share, best_window = share, self.windows[index]
        return best_share, best_window


def paraphrase_share(text: str, papers: list[PaperWindows]) -> tuple[float, list[str]]:
    """(share, paper window) for the closest window of the papers; (0, []) for short texts."""
    words = common_words(text)
    if len(words) < PARAPHRASE_MIN_WORDS:
        return 0.0, []
    results = [paper.best(words) for paper in papers]
    return max(results, default=(0.0, []), key=lambda result: result[0])


# ---------------------------------------------------------------- evidence


def _folded(text: str) -> str:
    text = _BROKEN_WORD.sub("", text).casefold()
    text = text.replace("centre", "center").replace("isation", "ization").replace("’", "'")
    return " ".join(re.sub(r"[^\w%]+", " ", text).split())


def _numbers(text: str) -> set[Decimal]:
    found = set()
    for match in _NUMBER.findall(text):
        try:
            found.add(Decimal(match.replace(",", "").replace(" ", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
    for number, scale in _SCALED.findall(text):
        found.add(Decimal(number.replace(",", "")) * _SCALES[scale.lower()])
    words = set(_folded(text).split())
    found |= {Decimal(n) for n, word in enumerate(CARDINALS) if word in words}
    found |= {Decimal(n) for n, word in enumerate(ORDINALS) if word in words}
    return found


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def carries(citation: CitationEntry, *, answer: str, kind: str, years: range, value: Decimal | None) -> bool:
    """Does this citation show `answer`: its year, its number, or all of its words?"""
    if _TABLE_CELL.search(citation.locator):
        return True
    quote = _folded(citation.quote)
    if _folded(answer) in quote:
        return True
    if kind in DATE_KINDS and years:
        return any(re.search(rf"\b{year}", citation.quote) for year in years)
    if kind in QUANTITY_KINDS:
        # The stored value may be scaled ("USD 300 million" = 300000000): the answer's own figure counts too.
        shown = {n.normalize() for n in _numbers(citation.quote)}
        wanted = {n.normalize() for n in _numbers(answer)} | ({value.normalize()} if value is not None else set())
        return bool(shown & wanted)
    wanted = {_stem(word) for word in _folded(answer).split() if word not in _LIGHT_WORDS}
    return bool(wanted) and wanted <= {_stem(word) for word in quote.split()}


def evidence_problems(fact: FactEntry) -> list[Problem]:
    """The fact and each claim from a paper need a quotation that carries their answer."""
    problems = []
    if not fact.quote_exception and not any(
        carries(c, answer=fact.answer, kind=fact.kind, years=fact.years(), value=fact.value) for c in fact.citations
    ):
        problems.append(
            Problem(fact.file, fact.key, f"no quotation carries the answer {fact.answer!r} (or name the table cell)")
        )
    for claim in fact.claims:
        if claim.record:
            continue
        years = span_years(claim.date, claim.date_end)
        if not any(
            carries(c, answer=claim.answer, kind=fact.kind, years=years, value=claim.value) for c in claim.citations
        ):
            problems.append(
                Problem(claim.file, f"claim on {fact.key}", f"no quotation carries the claim's answer {claim.answer!r}")
            )
    return problems


def quote_exceptions(bank: SeedBank) -> list[Problem]:
    """Facts excused from the evidence check, with why: listed on every run so they stay few."""
    return [Problem(f.file, f.key, f.quote_exception) for f in bank.facts.values() if f.quote_exception]


# ---------------------------------------------------------------- the whole bank


def check_against_papers(bank: SeedBank, papers_dir: Path) -> list[Problem]:
    """Every check above, for every fact of the bank."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for source in bank.sources.values():
        path = papers_dir / source.paper_file
        try:
            texts[source.key] = path.read_text(encoding="utf-8")
        except OSError as error:
            problems.append(Problem(source.file, "source", f"cannot read paper {path}: {error}"))
    papers = {key: readings(text) for key, text in texts.items()}
    windows = {key: PaperWindows(text) for key, text in texts.items()}
    runs: set[tuple[str, ...]] = set()
    for text in texts.values():
        runs |= paper_runs(text)
    for fact in bank.facts.values():
        quoted = [(fact.key, c) for c in fact.citations]
        quoted += [(f"claim on {fact.key}", c) for claim in fact.claims for c in claim.citations]
        for where, citation in quoted:
            if citation.source in papers and not quote_in_paper(citation.quote, papers[citation.source]):
                source = bank.sources[citation.source]
                problems.append(
                    Problem(source.file, where, f"quotation not found in {source.paper_file}: {citation.quote!r}")
                )
        cited = [windows[key] for key in dict.fromkeys(c.source for _, c in quoted) if key in windows]
        for label, text in (("statement", fact.statement), ("question", fact.question), ("event", fact.event)):
            run = copied_run(text, runs)
            if run:
                problems.append(Problem(fact.file, fact.key, f"{label} copies 10+ words of a paper: {run!r}"))
            share, window = paraphrase_share(text, cited)
            if share >= PARAPHRASE_LIMIT:
                problems.append(
                    Problem(
                        fact.file,
                        fact.key,
                        f"{label} follows a paper sentence ({share:.0%} of its words in order,"
                        f" limit {PARAPHRASE_LIMIT:.0%}): {' '.join(window)[:160]!r}",
                    )
                )
        problems += evidence_problems(fact)
    return problems
