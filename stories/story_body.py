"""A story's body as a page shows it: links to other stories resolved, and the
body split into its top-level blocks so pull quotes and impact figures can be
placed between them.

A link to another story is stored as ``<a href="story:<id>">`` (the only
``story:`` form the sanitiser keeps), never as an address: the address is
looked up when the page is rendered, so the link follows the story's slug, and
a story visitors can't see leaves its words as plain text instead of a dead
link that would also give away a draft's slug.

The body reaching here has been through ``sanitise_story_html`` (nh3), so it
is well formed; it is read with the standard library's HTML parser and written
out again with every text and attribute re-escaped, not edited with regular
expressions.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

STORY_HREF = re.compile(r"story:([1-9][0-9]{0,9})")
# The elements that stand on their own at the top of a body; anything else at
# the top (text, a bold word) is gathered into one block until the next of these.
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "hr"}
VOID_TAGS = {"br", "hr"}


def story_href(story_id: int) -> str:
    return f"story:{story_id}"


def story_id_of(href: str | None) -> int | None:
    """The story a ``story:<id>`` link points at; None for any other address."""
    match = STORY_HREF.fullmatch(href or "")
    return int(match[1]) if match else None


class _BodyReader(HTMLParser):
    def __init__(self, urls: dict[int, str] | None):
        super().__init__(convert_charrefs=True)
        self.urls = urls
        self.linked: dict[int, None] = {}  # in order of appearance, once each
        self.blocks: list[list[str]] = []
        self.depth = 0
        self.in_loose_run = False  # the current block gathers loose top-level content
        self.dropped_links: list[bool] = []

    def _begin(self, is_block: bool) -> None:
        if self.depth:
            return
        if is_block or not self.in_loose_run:
            self.blocks.append([])
        self.in_loose_run = not is_block

    def _emit(self, markup: str) -> None:
        self.blocks[-1].append(markup)

    def handle_starttag(self, tag, attrs):
        self._begin(tag in BLOCK_TAGS)
        if tag == "a":
            attrs = self._link_attrs(attrs)
            self.dropped_links.append(attrs is None)
            if attrs is None:
                self.depth += 1
                return
        rendered = "".join(
            f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs
        )
        self._emit(f"<{tag}{rendered}>")
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.depth:
            return
        self.depth -= 1
        if tag == "a" and self.dropped_links and self.dropped_links.pop():
            return
        self._emit(f"</{tag}>")

    def handle_data(self, data):
        if not self.depth and not self.in_loose_run and not data.strip():
            return  # whitespace between blocks
        self._begin(False)
        self._emit(escape(data, quote=False))

    def _link_attrs(self, attrs):
        """The attributes the link keeps, or None when it becomes plain text."""
        values = dict(attrs)
        story_id = story_id_of(values.get("href"))
        if story_id is None:
            return attrs
        self.linked[story_id] = None
        if self.urls is None:
            return attrs
        url = self.urls.get(story_id)
        if url is None:
            return None
        # Our own page: the rel the sanitiser adds to links leaving the site has no purpose.
        return [("href", url), *((k, v) for k, v in attrs if k not in ("href", "rel"))]


def _read(html: str, urls: dict[int, str] | None) -> _BodyReader:
    reader = _BodyReader(urls)
    reader.feed(html or "")
    reader.close()
    return reader


def linked_story_ids(html: str) -> list[int]:
    """The stories a body links to, each once, in order."""
    return list(_read(html, None).linked)


def body_blocks(html: str, urls: dict[int, str]) -> list[str]:
    """The body's top-level blocks as HTML, each story link pointing at
    ``urls[id]``, or unwrapped to its text when its story is not in ``urls``."""
    return ["".join(parts) for parts in _read(html, urls).blocks]
