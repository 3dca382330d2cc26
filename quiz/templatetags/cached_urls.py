"""`{% cached_url 'name' arg ... %}` (and `... as var`): `{% url %}` for the quiz player's pages, each URL reversed
once per process.

The question page and the answer's feedback reverse four to six URLs of the attempt (answer, finish, the attempt,
the next question, the report form), and reversing was an eighth of their rendering (~0.1 ms each on the
development machine, for strings that never change while the URLconf does not). Kept by view name, arguments,
URLconf and script prefix; bounded, least recently used out first (a worker sees one attempt's URLs forty times
in a row, then the next attempt's).
"""

from __future__ import annotations

import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@functools.lru_cache(maxsize=4096)
def _reverse(viewname: str, args: tuple, urlconf: str | None, prefix: str) -> str:
    return reverse(viewname, args=args, urlconf=urlconf)


@register.simple_tag
def cached_url(viewname: str, *args) -> str:
    return _reverse(viewname, args, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def forget_urls(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests swap the URLconf: URLs reversed under the old one no longer hold
        _reverse.cache_clear()
