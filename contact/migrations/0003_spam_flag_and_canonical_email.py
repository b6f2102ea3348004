"""Spam becomes a flag beside the triage state (as on sign-ups), and each
inquiry records its address in canonical form; existing rows are converted."""

import formguard.cleaning
from django.db import migrations, models


def flag_spam_and_fill_canonical(apps, schema_editor):
    MediaInquiry = apps.get_model("contact", "MediaInquiry")
    MediaInquiry.objects.filter(state="spam").update(is_spam=True, state="closed")
    inquiries = list(MediaInquiry.objects.only("pk", "email"))
    for inquiry in inquiries:
        inquiry.email_canonical = formguard.cleaning.canonical_email(inquiry.email)
    MediaInquiry.objects.bulk_update(inquiries, ["email_canonical"], batch_size=500)


def spam_back_to_a_state(apps, schema_editor):
    MediaInquiry = apps.get_model("contact", "MediaInquiry")
    MediaInquiry.objects.filter(is_spam=True).update(state="spam")


class Migration(migrations.Migration):

    dependencies = [
        ('contact', '0002_default_card'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='mediacontact',
            name='contact_mediacontact_single_row',
        ),
        migrations.AddField(
            model_name='mediainquiry',
            name='email_canonical',
            field=models.CharField(db_index=True, default='', editable=False, help_text='The address as compared: domain in IDNA, ASCII letters in lower case.', max_length=254),
        ),
        migrations.AddField(
            model_name='mediainquiry',
            name='is_spam',
            field=models.BooleanField(default=False, help_text="Kept, never emailed: the form's spam checks caught it, or staff marked it.", verbose_name='spam'),
        ),
        migrations.AlterField(
            model_name='mediacontact',
            name='phone',
            field=models.CharField(help_text='With the country code, e.g. +1 555-010-0199.', max_length=30, validators=[formguard.cleaning.validate_phone_number]),
        ),
        migrations.AlterField(
            model_name='mediainquiry',
            name='spam_reason',
            field=models.CharField(blank=True, help_text="Why it was taken for spam (honeypot filled in, sent too fast), or 'marked by staff'.", max_length=40),
        ),
        migrations.RunPython(flag_spam_and_fill_canonical, spam_back_to_a_state),
        migrations.AlterField(
            model_name='mediainquiry',
            name='state',
            field=models.CharField(choices=[('new', 'new'), ('in_progress', 'in progress'), ('answered', 'answered'), ('closed', 'closed')], default='new', max_length=12),
        ),
        migrations.AddConstraint(
            model_name='mediacontact',
            constraint=models.CheckConstraint(condition=models.Q(('pk', 1)), name='contact_mediacontact_single_row'),
        ),
    ]
