"""The guide, its sections and tips in English and French (docs/languages.md)."""

from modeltranslation.translator import TranslationOptions, register

from fundraising.models import Guide, GuideSection, GuideTip


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(GuideSection)
class GuideSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(GuideTip)
class GuideTipTranslation(TranslationOptions):
    fields = ("title", "text")
