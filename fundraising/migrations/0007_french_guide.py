"""Give the shipped guide its French (fundraising/default_guide_fr.py) on every
database, not only where the demo was loaded: each part that still has the
shipped English and no French gets it; what staff wrote is left alone."""

from django.db import migrations

from fundraising import default_guide_fr


def load_french_guide(apps, schema_editor):
    default_guide_fr.load_french(
        apps.get_model("fundraising", "Guide"),
        apps.get_model("fundraising", "GuideSection"),
        apps.get_model("fundraising", "GuideTip"),
    )


class Migration(migrations.Migration):
    dependencies = [("fundraising", "0006_guide_in_two_languages")]

    # Going back leaves the French in place: it may have been edited since.
    operations = [migrations.RunPython(load_french_guide, migrations.RunPython.noop)]
