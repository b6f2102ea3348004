"""The card journalists see until staff edit it: a made-up person with an
example.org address and a 555 number."""

from django.db import migrations

DEFAULT_CARD = {
    "name": "Jordan Avery",
    "title": "Director of Marketing and Public Relations",
    "email": "media@example.org",
    "phone": "+1 555-010-0199",
    "extension": "204",
}


def create_card(apps, schema_editor):
    MediaContact = apps.get_model("contact", "MediaContact")
    MediaContact.objects.get_or_create(pk=1, defaults=DEFAULT_CARD)


class Migration(migrations.Migration):
    dependencies = [("contact", "0001_initial")]

    operations = [migrations.RunPython(create_card, migrations.RunPython.noop)]
