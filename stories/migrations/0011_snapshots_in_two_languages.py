"""Drafts and saved versions written before French existed hold English text
under the plain names ("headline", a figure's "label"); name them as the
snapshot does now ("headline_en", "label_en"), so compare, revert and publish
read every version alike."""

from django.db import migrations

FIELDS = ["headline", "slug", "summary", "body", "seo_title", "seo_description"]
ROWS = {"impact_figures": ["label"], "pull_quotes": ["text", "attribution"]}


def _rename(content, old_of, new_of):
    if not isinstance(content, dict):
        return content, False
    changed = False
    fields = content.get("fields") or {}
    for name in FIELDS:
        if old_of(name) in fields:
            fields[new_of(name)] = fields.pop(old_of(name))
            changed = True
    for key, names in ROWS.items():
        for row in content.get(key) or []:
            for name in names:
                if old_of(name) in row:
                    row[new_of(name)] = row.pop(old_of(name))
                    changed = True
    return content, changed


def _convert(apps, old_of, new_of):
    for model_name in ("StoryDraft", "StoryRevision"):
        model = apps.get_model("stories", model_name)
        for row in model.objects.only("pk", "content").iterator():
            content, changed = _rename(row.content, old_of, new_of)
            if changed:
                model.objects.filter(pk=row.pk).update(content=content)


def forwards(apps, schema_editor):
    _convert(apps, lambda name: name, lambda name: f"{name}_en")


def backwards(apps, schema_editor):
    _convert(apps, lambda name: f"{name}_en", lambda name: name)


class Migration(migrations.Migration):
    dependencies = [("stories", "0010_content_in_two_languages")]

    operations = [migrations.RunPython(forwards, backwards)]
