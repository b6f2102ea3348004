"""What visitors read of stories, images, clips, quotes, figures, collections
and calls to action, in English and French (django-modeltranslation, see
docs/languages.md): each field below gets ``<field>_en`` and ``<field>_fr``
columns in its own table."""

from modeltranslation.translator import TranslationOptions, register

from stories.models import (
    CallToAction,
    Clip,
    Collection,
    Country,
    ImpactFigure,
    PullQuote,
    Story,
    StoryImage,
    Theme,
)

# The fields whose French (or English) version makes a story exist in that
# language, and whose change marks the other language out of date.
STORY_FIELDS = ("headline", "slug", "summary", "body", "seo_title", "seo_description")


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = STORY_FIELDS
    # An empty address is no address (NULL), so any number of stories can
    # lack one language while each language's addresses stay unique.
    empty_values = {"slug": None}


# The history (django-simple-history) keeps both languages of every version:
# its tables get the same columns.
@register(Story.history.model)
class HistoricalStoryTranslation(TranslationOptions):
    fields = STORY_FIELDS
    empty_values = {"slug": None}


@register(StoryImage)
class StoryImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption", "credit")


@register(Clip)
class ClipTranslation(TranslationOptions):
    fields = ("title", "transcript", "captions")


@register([PullQuote, PullQuote.history.model])
class PullQuoteTranslation(TranslationOptions):
    fields = ("text", "attribution")


@register([ImpactFigure, ImpactFigure.history.model])
class ImpactFigureTranslation(TranslationOptions):
    fields = ("label",)


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "subtitle", "introduction")


@register(CallToAction)
class CallToActionTranslation(TranslationOptions):
    # The link too: the French item leads to the French page.
    fields = ("title", "text", "link_url", "link_label")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = {"name": None}  # names are unique per language


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = {"name": None}
