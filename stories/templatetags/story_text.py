"""Typography for headlines: a hyphenated word is never split across lines."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

HYPHENATED = re.compile(r"\w+(?:-\w+)+")


@register.filter
def keep_hyphenated(text):
    """Wrap each hyphenated word ("seven-year-old") so it breaks only as a whole."""
    escaped = str(conditional_escape(text))
    return mark_safe(  # noqa: S308 - the text was escaped above; only our span is added
        HYPHENATED.sub(lambda match: f'<span class="nobr">{match.group(0)}</span>', escaped)
    )
