"""The guide, its sections and tips in English and French (docs/languages.md)."""

from modeltranslation.translator import TranslationOptions, register

from fundraising.models import Guide, GuideSection, GuideTip


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "intro")
    # The title's model default is the shipped English title, and
    # modeltranslation treats a value equal to the default as "not written":
    # without this, an English guide page would show the French title as soon
    # as there is one. Only an empty title is unwritten.
    fallback_undefined = {"title": ""}


@register(GuideSection)
class GuideSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(GuideTip)
class GuideTipTranslation(TranslationOptions):
    fields = ("title", "text")
