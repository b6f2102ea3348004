"""Each sign-up records its address in canonical form (filled in for the
existing ones); the guide's one-row constraint takes the shared name."""

import formguard.cleaning
from django.db import migrations, models


def fill_canonical(apps, schema_editor):
    FundraiserSignup = apps.get_model("fundraising", "FundraiserSignup")
    signups = list(FundraiserSignup.objects.only("pk", "email"))
    for signup in signups:
        signup.email_canonical = formguard.cleaning.canonical_email(signup.email)
    FundraiserSignup.objects.bulk_update(signups, ["email_canonical"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('fundraising', '0003_guide_pdf_name_from_content'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='guide',
            name='guide_is_singleton',
        ),
        migrations.AddField(
            model_name='fundraisersignup',
            name='email_canonical',
            field=models.CharField(db_index=True, default='', editable=False, help_text='The address as compared: domain in IDNA, ASCII letters in lower case.', max_length=254),
        ),
        migrations.RunPython(fill_canonical, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='fundraisersignup',
            name='is_spam',
            field=models.BooleanField(default=False, help_text="Kept, never emailed: the form's spam checks caught it, or staff marked it.", verbose_name='spam'),
        ),
        migrations.AlterField(
            model_name='fundraisersignup',
            name='spam_reason',
            field=models.CharField(blank=True, help_text="Why it was taken for spam (honeypot filled in, sent too fast), or 'marked by staff'.", max_length=40),
        ),
        migrations.AddConstraint(
            model_name='guide',
            constraint=models.CheckConstraint(condition=models.Q(('pk', 1)), name='fundraising_guide_single_row'),
        ),
    ]
