"""Which language a page is in, and where the same page is in the other one.

English lives at the site's original addresses; French under ``/fr/`` with
French words (``config/urls.py``: ``i18n_patterns`` without a prefix for
English, the words in ``locale/fr/LC_MESSAGES/django.po``). The address alone
decides the language: no ``Accept-Language`` guess, no redirect on a first
visit, no ``Vary`` on a language header or a cookie. A page is therefore the
same for everyone who asks for its address, which keeps it in the page cache
and at the edge, and a shared link opens in the language it was shared in.
The language switcher remembers a visitor's choice in Django's language
cookie (``config.views.switch_language``); see README, Languages.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_noop

# <html lang>, hreflang and Content-Language name the Canadian variant.
REGIONS = {"en": "en-CA", "fr-ca": "fr-CA", "fr": "fr-CA"}
# Query parameters a page's counterpart keeps (its filters and search).
KEPT_PARAMS = {"q", "country", "theme"}


def language_of_path(path: str) -> str:
    """``fr`` for an address under ``/fr/``, otherwise the default (English)."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def html_lang(code: str | None = None) -> str:
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return REGIONS.get(code.lower(), code)


# The default SITE_NAME, so the catalogue carries its French ("Histoires d’espoir").
gettext_noop("Stories of Hope")


def site_name() -> str:
    """The SITE_NAME setting in the active language: the catalogue's translation
    when it has one (the default name has), else the setting as written. Page
    titles and email headers use it; staff emails, rendered in English, keep
    the English name (README, Languages)."""
    return translation.gettext(settings.SITE_NAME)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class UrlLanguageMiddleware:
    """Django's LocaleMiddleware, reduced to the rule above: it activates the
    address's language and names it in ``Content-Language``, and never reads
    ``Accept-Language`` or the cookie nor adds ``Vary: Accept-Language``
    (which would split every English page at the edge by browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_of_path(request.path_info))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", html_lang())
        return response


def _url_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    if not match.url_name:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    return name, match.args, match.kwargs


def counterparts(request) -> dict[str, str]:
    """The address of this page in each language, for a page that has one
    per language (``{}`` for the admin, an unknown address or an error)."""
    found = _url_name(request)
    if found is None:
        return {}
    name, args, kwargs = found
    urls = {}
    for code in language_codes():
        with translation.override(code):
            try:
                urls[code] = reverse(name, args=args, kwargs=kwargs)
            except NoReverseMatch:
                return {}
    if len(set(urls.values())) < len(urls):
        return {}  # one address for every language: not a page that has versions
    try:
        kept = [(k, v) for k, v in request.GET.lists() if k in KEPT_PARAMS]
    except SuspiciousOperation:
        return urls  # a query too large to read (its 400 page renders here)
    if kept:
        query = QueryDict(mutable=True)
        for key, values in kept:
            query.setlist(key, values)
        urls = {code: f"{url}?{query.urlencode()}" for code, url in urls.items()}
    return urls


def versions(request, given: dict | None = None) -> list[dict]:
    """Each language's version of the page: its address (``None`` where the
    page has none, e.g. a story not translated) and where the switcher leads.

    ``given`` is a view's own answer (a story's slug differs per language;
    ``{}`` for an error page, which has no versions); otherwise the page's URL
    pattern is reversed in each language.
    """
    current = translation.get_language()
    urls = given if given is not None else counterparts(request)
    result = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url:
            target = url
        else:
            with translation.override(code):
                # A story with no version here: that language's story list says so.
                target = (
                    reverse("stories:list") + "?untranslated=1"
                    if given
                    else reverse("stories:home")
                )
        result.append(
            {
                "code": code,
                "name": name,
                "hreflang": html_lang(code),
                "url": url,
                "target": target,
                "current": code == current,
                "x_default": False,
            }
        )
    # x-default: the default language's version, else the one there is.
    available = [v for v in result if v["url"]]
    if available:
        default = [v for v in available if v["code"] == settings.LANGUAGE_CODE]
        (default or available)[0]["x_default"] = True
    return result
