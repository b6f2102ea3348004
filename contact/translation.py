"""The media card's title in English and French (docs/languages.md); the
name, address and number are the same in both."""

from modeltranslation.translator import TranslationOptions, register

from contact.models import MediaContact


@register(MediaContact)
class MediaContactTranslation(TranslationOptions):
    fields = ("title",)
