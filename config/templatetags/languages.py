"""``{% language_versions as versions %}``: the page in each language, for the
hreflang links in the head and the language switcher (config/locale.py)."""

from django import template

from config.locale import html_lang, versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    # A view that knows better (a story's slug per language) passes ``counterparts``.
    given = context.get("counterparts")
    if not hasattr(request, "_language_versions"):
        request._language_versions = versions(request, given)
    return request._language_versions


@register.filter
def hreflang(code: str) -> str:
    """``en`` → ``en-CA``, ``fr`` → ``fr-CA``; ``x-default`` as it is."""
    return code if code == "x-default" else html_lang(code)


@register.filter
def starts_with(value: str, prefix: str) -> bool:
    return bool(prefix) and str(value).startswith(prefix)


@register.simple_tag
def page_html_lang() -> str:
    """``<html lang>`` for templates rendered without a request (the 500 page)."""
    return html_lang()
