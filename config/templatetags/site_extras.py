from django import template

from formguard.ratelimit import describe_wait

register = template.Library()


@register.filter
def duration_words(value) -> str:
    """A timedelta as people say it: "15 minutes", "45 seconds"."""
    return describe_wait(int(value.total_seconds()))
