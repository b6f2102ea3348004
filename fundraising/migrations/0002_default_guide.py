"""Load the shipped guide text (fundraising/default_guide.py), once. Staff edit
it in the admin afterwards; a database that already has sections is left alone."""

from django.db import migrations

from fundraising import default_guide


def load_default_guide(apps, schema_editor):
    default_guide.load(
        apps.get_model("fundraising", "Guide"),
        apps.get_model("fundraising", "GuideSection"),
        apps.get_model("fundraising", "GuideTip"),
    )


def remove_default_guide(apps, schema_editor):
    apps.get_model("fundraising", "Guide").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("fundraising", "0001_signup_and_guide")]

    operations = [migrations.RunPython(load_default_guide, remove_default_guide)]
