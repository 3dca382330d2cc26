"""assert_valid_html: the checks every page and htmx fragment of the app must pass.

html5lib in strict mode raises on any HTML parse error (stray end tags, bad
nesting, duplicate attributes). On top of the parser: ids are unique, every
form control has a label (a <label for>, a wrapping <label>, aria-label or
aria-labelledby), every button has a name, and a full page declares its
language and a viewport so it is usable at phone width.
"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

import html5lib
from django.http import HttpResponse

LABELLED_CONTROLS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "reset", "button", "image"}


class InvalidHTML(AssertionError):
    pass


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _check_labels(root: Element, ids: set[str]) -> list[str]:
    problems = []
    label_targets = {label.get("for") for label in root.iter("label") if label.get("for")}
    wrapped = {id(control) for label in root.iter("label") for control in label.iter() if control is not label}
    for element in root.iter():
        tag = element.tag
        if tag in LABELLED_CONTROLS:
            if tag == "input" and element.get("type", "text") in UNLABELLED_INPUT_TYPES:
                continue
            named = (
                element.get("aria-label", "").strip()
                or element.get("aria-labelledby")
                or (element.get("id") and element.get("id") in label_targets)
                or id(element) in wrapped
            )
            if not named:
                problems.append(f"<{tag} name={element.get('name')!r}> has no label")
        elif tag == "button" and not (_text(element) or element.get("aria-label") or element.get("aria-labelledby")):
            problems.append(f"<button name={element.get('name')!r}> has no text or aria-label")
    for label in root.iter("label"):
        target = label.get("for")
        if target and target not in ids:
            problems.append(f"<label for={target!r}> points at no element")
    for element in root.iter():
        for ref_attr in ("aria-labelledby", "aria-describedby", "aria-controls"):
            for ref in (element.get(ref_attr) or "").split():
                if ref not in ids:
                    problems.append(f"{ref_attr}={ref!r} points at no element")
    return problems


def _check_page(root: Element) -> list[str]:
    problems = []
    html = root if root.tag == "html" else root.find(".//html")
    if html is None or not html.get("lang"):
        problems.append("<html> has no lang")
    viewports = [meta for meta in root.iter("meta") if meta.get("name") == "viewport"]
    if not viewports or "width=device-width" not in viewports[0].get("content", ""):
        problems.append("no <meta name=viewport content=width=device-width>")
    if not [title for title in root.iter("title") if _text(title)]:
        problems.append("no <title>")
    if len(list(root.iter("h1"))) != 1:
        problems.append(f"{len(list(root.iter('h1')))} <h1> elements (one expected)")
    return problems


def assert_valid_html(content: HttpResponse | str | bytes, *, fragment: bool | None = None) -> None:
    """Raise InvalidHTML listing every problem; `fragment` defaults to: no doctype."""
    if isinstance(content, HttpResponse):
        content = content.content
    if isinstance(content, bytes):
        content = content.decode()
    if fragment is None:
        fragment = not content.lstrip().lower().startswith("<!doctype html")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        root = parser.parseFragment(content) if fragment else parser.parse(content)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        excerpt = content.splitlines()[line - 1].strip() if isinstance(line, int) else ""
        raise InvalidHTML(f"parse error at line {line}, column {column}: {error}\n  {excerpt}") from None
    ids = Counter(element.get("id") for element in root.iter() if element.get("id"))
    problems = [f"id {value!r} used {count} times" for value, count in ids.items() if count > 1]
    problems += _check_labels(root, set(ids))
    if not fragment:
        problems += _check_page(root)
    if problems:
        raise InvalidHTML("\n".join(problems))
