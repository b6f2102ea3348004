"""The one HTML allowlist for story bodies, applied with nh3 on every save.

django-prose-editor can derive an allowlist from its editor extensions, but
the body must be safe whichever way it was written (admin, shell, load_demo,
a restored history version), so the model cleans it itself, with the rules
spelled out here where a reviewer can read them.
"""

from __future__ import annotations

import nh3

from stories.story_body import STORY_HREF

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# "story" only as ``story:<id>``, a link to another story resolved when the
# page is rendered (stories/story_body.py); _keep_attribute refuses any other form.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel", "story"}


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href" and value.strip().lower().startswith("story:"):
        return value if STORY_HREF.fullmatch(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    # Links leaving the site must not hand the story's URL or window to the target.
    link_rel="noopener noreferrer",
    # Tags whose content is code or styling, never text a reader should see.
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    strip_comments=True,
    attribute_filter=_keep_attribute,
)


def sanitise_story_html(html: str) -> str:
    """Return ``html`` with everything outside the allowlist removed.

    No script, event handler, style attribute, iframe or ``javascript:`` URL
    survives; text content of ordinary unknown tags is kept.
    """
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    # The editor's empty document is a lone empty paragraph: store it as empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
