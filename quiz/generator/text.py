"""Text helpers shared by the distractor families and the builders: normal forms, dates, numbers."""

from __future__ import annotations

import datetime
import math
import re


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.casefold()).split())


def truncate(date: datetime.date, precision: str) -> tuple[int, ...]:
    if precision == "day":
        return (date.year, date.month, date.day)
    if precision == "month":
        return (date.year, date.month)
    return (date.year,)


def coarser(a: str, b: str) -> str:
    order = ["year", "month", "day"]
    return order[min(order.index(a), order.index(b))]


NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def format_number(value: float, template: str) -> str:
    """Write `value` in the style of the number text `template` (separators, decimals)."""
    decimals = len(template.split(".")[1]) if "." in template else 0
    if decimals:
        text = f"{value:,.{decimals}f}" if "," in template else f"{value:.{decimals}f}"
    else:
        text = f"{round(value):,}" if "," in template else str(round(value))
    return text


def nice(value: float, significant: int) -> float:
    if value == 0:
        return 0
    digits = significant - int(math.floor(math.log10(abs(value)))) - 1
    return round(value, digits)
