# Pull quotes and impact figures can be placed "after paragraph N" of the body.

import django.core.validators
from django.db import migrations, models

USUAL_PLACE = {
    "impactfigure": "with the other figures above the text",
    "pullquote": "after the text",
}


def after_paragraph(model):
    return migrations.AddField(
        model_name=model,
        name="after_paragraph",
        field=models.PositiveSmallIntegerField(
            blank=True,
            null=True,
            validators=[django.core.validators.MinValueValidator(1)],
            verbose_name="after paragraph",
            help_text="To show it inside the text, the number of the paragraph it follows "
            "(1 is the first; headings and lists count as paragraphs). Leave empty to show "
            f"it {USUAL_PLACE[model.removeprefix('historical')]}.",
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("stories", "0008_image_focal_point")]

    operations = [
        after_paragraph(model)
        for model in ("historicalimpactfigure", "historicalpullquote", "impactfigure", "pullquote")
    ]
