"""Visitor pages for stories, plus the two preview doors for editors.

Every public query starts from ``Story.objects.visible()``; the previews are
the only views that see drafts, and they send never-cache and noindex headers.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from edge.headers import add_keys
from stories import fragments
from stories.caching import MAX_AGE, STORIES_PER_PAGE, current_version, keys_of_stories
from stories.drafts import FOREIGN_KEYS, field_values
from stories.models import (
    CallToAction,
    Collection,
    CollectionItem,
    Country,
    ImpactFigure,
    PullQuote,
    Story,
    StoryDraft,
    Theme,
    normalise_search,
)
from stories.sanitising import sanitise_story_html

PREVIEW_SALT = "stories.preview"
PREVIEW_MAX_AGE = 7 * 24 * 60 * 60  # a shared preview link works for a week


@require_safe
def home(request):
    # Kept while nothing it shows changes (stories/fragments.py).
    page = fragments.kept(request, "home") or fragments.keep(request, "home", _home_page(request))
    response = render(request, "stories/home.html", {"page": page})
    add_keys(response, page["keys"])
    return response


def _home_page(request) -> dict:
    """The home page's own pieces, rendered, and the keys of the stories on it."""
    collection = (
        Collection.objects.select_related("hero_image")
        .filter(slug=Collection.HOME_SLUG)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=CollectionItem.objects.filter(
                    story__in=Story.objects.visible()
                ).select_related(
                    "story__hero_image", "story__clip", "story__clip__poster", "story__country"
                ),
                to_attr="visible_items",
            )
        )
        .first()
    )
    stories = [item.story for item in collection.visible_items] if collection else []
    prefetch_related_objects(stories, "impact_figures")
    # The lead story is shown large on the first screen; the next two as a
    # pair, the rest as a grid, so the page doesn't repeat one block seven times.
    context = {
        "collection": collection,
        "stories": stories,
        "lead": stories[0] if stories else None,
        "share_image": (stories[0].picture if stories else None)
        or (collection.hero_image if collection else None),
        "pair": stories[1:3],
        "others": stories[3:],
        "calls_to_action": list(CallToAction.objects.filter(is_active=True)),
    }
    return {
        "title": (collection and collection.title) or _("Stories of Hope"),
        "description": (collection and collection.subtitle)
        or _("Moments of joy from survivors of slavery and violence."),
        "meta": render_to_string("stories/includes/home_meta.html", context, request),
        "content": render_to_string("stories/includes/home_content.html", context, request),
        "keys": ["home", *keys_of_stories(stories)],
    }


@require_safe
def story_list(request):
    stories = Story.objects.visible()
    country = theme = None
    if country_slug := request.GET.get("country"):
        country = get_object_or_404(Country, slug=country_slug[:80])
        stories = stories.filter(country=country)
    if theme_slug := request.GET.get("theme"):
        theme = get_object_or_404(Theme, slug=theme_slug[:80])
        stories = stories.filter(themes=theme)
    query = normalise_search(request.GET.get("q", ""))
    stories = stories.search(query) if query else stories.order_by("-publish_at", "-pk")
    page = Paginator(stories.values_list("pk", flat=True), STORIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    filters.pop("untranslated", None)  # the switcher's notice belongs to the first page only
    response = render(
        request,
        "stories/story_list.html",
        {
            "page_obj": page,
            "cards": list_cards(request, list(page.object_list)),
            "query": query,
            "country": country,
            "theme": theme,
            **filter_choices(),
            "filter_query": filters.urlencode(),
        },
    )
    add_keys(response, keys_of_stories([], page.object_list))
    return response


def list_cards(request, story_ids: list[int]) -> list[str]:
    """The cards of a list page, in order. Each is kept while its story
    shows no change (stories/fragments.py), so a new search, filter or page,
    or the list after an edit of one story, loads and renders only the cards
    it hasn't got: the list itself is one query of ids."""
    state = fragments.state_for(request)
    first = story_ids[0] if story_ids else None  # its picture loads at once
    names = {pk: f"list-card:{pk}:{pk == first}" for pk in story_ids}
    kept = fragments.get_many(names.values(), state) if state else {}
    missing = [pk for pk in story_ids if names[pk] not in kept]
    if missing:
        made = {}
        for story in Story.objects.visible().filter(pk__in=missing).for_cards():
            context = {"story": story, "heading": "h2", "eager": story.pk == first}
            html = render_to_string("stories/includes/story_card.html", context, request)
            made[names[story.pk]] = (html, keys_of_stories([story]))
        if state:
            fragments.put_many(made, state)
        kept |= {name: html for name, (html, _keys) in made.items()}
    return [kept[names[pk]] for pk in story_ids if names[pk] in kept]


def filter_choices() -> dict:
    """The countries and themes visible stories have: the same for every list
    page of one content version, so worked out once per version."""
    key = f"stories:filters:{current_version()}:{translation.get_language()}"
    choices = cache.get(key)
    if choices is None:
        visible = Story.objects.visible()
        choices = {
            "countries": list(Country.objects.filter(story__in=visible).distinct()),
            "themes": list(Theme.objects.filter(stories__in=visible).distinct()),
        }
        cache.set(key, choices, timeout=MAX_AGE)
    return choices


def _detail_queryset():
    return Story.objects.select_related(
        "hero_image", "clip", "clip__poster", "country"
    ).prefetch_related("themes", "impact_figures", "pull_quotes")


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _article_json_ld(story, image) -> str:
    """schema.org Article data, escaped so no text can close the script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.headline[:110],
        "description": story.description,
        "mainEntityOfPage": story.absolute_url,
        "url": story.absolute_url,
        "publisher": {"@type": "Organization", "name": settings.ORGANIZATION_NAME},
        "author": {"@type": "Organization", "name": settings.ORGANIZATION_NAME},
    }
    if story.publish_at:
        data["datePublished"] = story.publish_at.isoformat()
    if story.updated_at:
        data["dateModified"] = story.updated_at.isoformat()
    if image:
        data["image"] = [image.absolute_url]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


def story_counterparts(story) -> dict[str, str | None]:
    return {code: story.url_in(code) for code, _name in settings.LANGUAGES}


def _story_page(request, story, *, preview=False) -> dict:
    """The story page's own pieces, rendered: its head, the story with its
    related stories, and the surrogate keys of every story they show."""
    share_image = story.picture
    related, newest = Story.objects.visible().related_to(story)
    context = {
        "story": story,
        "related_stories": related,
        "preview": preview,
        "canonical_url": story.absolute_url,
        "share_image": share_image,
        "json_ld": _article_json_ld(story, share_image),
    }
    return {
        "title": story.display_title,
        "description": story.description,
        "meta": render_to_string("stories/includes/story_meta.html", context, request),
        "article": render_to_string("stories/includes/story_article.html", context, request),
        "has_clip": bool(story.clip),
        # The switcher and hreflang: the story's address in each language it is in.
        "counterparts": None if preview else story_counterparts(story),
        # Each story it links to, visible or not: its publishing, hiding or
        # new address changes this page too.
        "keys": keys_of_stories([story, *related], story.linked_story_ids, newest=newest),
    }


def _story_response(request, page, *, story=None, banner=""):
    preview = story is not None
    context = {"page": page, "preview": preview, "preview_banner": banner}
    if preview:
        context |= {"story": story, "is_visible": bool(story.pk) and story.is_visible()}
    else:
        context["counterparts"] = page["counterparts"]
    response = render(request, "stories/story_detail.html", context)
    if preview:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    else:
        add_keys(response, page["keys"])
    return response


def _render_preview(request, story, banner=""):
    return _story_response(
        request, _story_page(request, story, preview=True), story=story, banner=banner
    )


@require_safe
def story_detail(request, slug):
    # Kept while nothing it shows changes (stories/fragments.py): after an
    # edit elsewhere, the next visitor's page is put together, not rendered.
    # A kept page needs no lookup: its story's publishing, hiding, new
    # address or deletion is a change to the story, and the clock's changes
    # end every kept piece.
    name = f"story-page:{slug}"
    page = fragments.kept(request, name)
    if page is None:
        story = _detail_queryset().visible().filter(slug=slug).first()
        if story is None:
            return _moved_story(slug)
        page = fragments.keep(request, name, _story_page(request, story))
    return _story_response(request, page)


def _moved_story(slug):
    """A story's old address sends visitors to its new one; any other is a 404."""
    moved = (
        Story.objects.visible()
        .filter(old_slugs__old_slug=slug)
        .values_list("slug", flat=True)
        .first()
    )
    if moved:
        return HttpResponseRedirect(reverse("stories:detail", kwargs={"slug": moved}), status=301)
    raise Http404("No story here")


class _ShareLinkSigner(signing.TimestampSigner):
    """Signs a story's share link as of the moment its secret was set, so the
    link stays the same (and its week counts from then) until the secret changes."""

    def __init__(self, issued_at=None):
        super().__init__(salt=PREVIEW_SALT)
        self.issued_at = issued_at

    def timestamp(self):
        return signing.b62_encode(int(self.issued_at.timestamp()))


def preview_token(story) -> str:
    return _ShareLinkSigner(story.share_secret_set_at).sign(f"{story.pk}.{story.share_secret}")


def preview_share_url(story) -> str:
    return settings.SITE_URL + reverse(
        "stories:shared_preview", kwargs={"token": preview_token(story)}
    )


def share_link_expired(story, now=None) -> bool:
    age = ((now or timezone.now()) - story.share_secret_set_at).total_seconds()
    return age >= PREVIEW_MAX_AGE


@staff_member_required
@require_safe
def story_preview(request, pk):
    if not request.user.has_perm("stories.view_story"):
        raise Http404
    story = get_object_or_404(_detail_queryset(), pk=pk)
    return _render_working_copy(request, story)


def _share_link_gone(request, reason):
    response = render(request, "stories/preview_expired.html", {"reason": reason}, status=410)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def shared_preview(request, token):
    try:
        value = _ShareLinkSigner().unsign(token, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        return _share_link_gone(request, "expired")
    except signing.BadSignature:
        raise Http404("Unknown preview link") from None
    pk, _, secret = value.partition(".")
    story = get_object_or_404(_detail_queryset(), pk=int(pk))
    if not secret or not constant_time_compare(secret, story.share_secret):
        return _share_link_gone(request, "revoked")
    # Whatever link it is: a story without valid consent is never shown through one.
    if not Story.objects.with_valid_consent().filter(pk=story.pk).exists():
        return _share_link_gone(request, "revoked")
    return _render_working_copy(request, story)


def _render_working_copy(request, story):
    """Previews show the draft when there is one: that is what is being reviewed."""
    draft = StoryDraft.objects.filter(story=story).first()
    if draft is None:
        return _render_preview(request, story)
    return render_story_content(
        request, story, draft.content, banner="The current draft; visitors see the live version."
    )


def render_story_content(request, story, content, banner="This is the draft on screen, unsaved."):
    """A story page for ``content`` (a draft snapshot or form contents), saving nothing.

    The rows for themes, figures and quotes are handed to the template as if
    prefetched, so the page renders exactly as it will once published.
    """
    shown = Story(pk=story.pk or 0, state=story.state, publish_at=story.publish_at)
    shown.updated_at = story.updated_at
    for name, value in field_values(content).items():
        setattr(shown, f"{name}_id" if name in FOREIGN_KEYS else name, value)
    for code in ("en", "fr"):
        body = getattr(shown, f"body_{code}")
        setattr(shown, f"body_{code}", sanitise_story_html(body) if body else body)
    shown._prefetched_objects_cache = {
        "themes": Theme.objects.filter(pk__in=content.get("themes", [])),
        "impact_figures": [
            ImpactFigure(story=shown, **row) for row in content.get("impact_figures", [])
        ],
        "pull_quotes": [PullQuote(story=shown, **row) for row in content.get("pull_quotes", [])],
    }
    return _render_preview(request, shown, banner=banner)


def preview_paths() -> list[str]:
    """/stories/preview/ and its French twin: where no crawler should go."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("stories:preview", args=[0]).removesuffix("0/"))
    return paths


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Never the admin's address: robots.txt is public, and a moved admin
        # should not be announced to whoever reads it.
        *(f"Disallow: {path}" for path in preview_paths()),
        # The language switcher's door: it only redirects to pages listed anyway.
        f"Disallow: {reverse('switch_language', args=['x']).removesuffix('x/')}",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
