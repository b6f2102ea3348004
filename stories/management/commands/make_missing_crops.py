"""Cut the card, hero and share crops of every image that lacks one:
``python manage.py make_missing_crops`` (``--queue`` to leave it to the workers).

Every ``db_worker`` also queues these when it starts (``stories.tasks.queue_missing_crops``),
so this is for a site without a running worker, or to see it done now.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from stories.models import StoryImage
from stories.tasks import make_image_renditions, queue_missing_crops


class Command(BaseCommand):
    help = (
        "Make the missing card (16:9), hero (3:2) and share crops of every image, cut "
        "around its focal point, here and now; with --queue, queue them for the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue one task per image for the db_worker instead of cutting them here.",
        )

    def handle(self, *args, queue=False, **options):
        if queue:
            self.stdout.write(f"{queue_missing_crops()} image(s) queued for their crops")
            return
        failed = []
        made = 0
        for image in StoryImage.objects.missing_crops().order_by("pk").iterator():
            try:
                make_image_renditions.call(image.pk)
            except Exception as error:  # one unreadable file must not stop the rest
                failed.append(image.pk)
                self.stderr.write(f"image {image.pk}: {error.__class__.__name__}: {error}")
                continue
            made += 1
            self.stdout.write(f"image {image.pk}: crops made")
        self.stdout.write(f"{made} image(s) given their crops, {len(failed)} failed")
        if failed:
            raise CommandError(
                f"Could not cut image(s) {', '.join(map(str, failed))}: re-upload the file "
                "in the admin, or check the storage."
            )
