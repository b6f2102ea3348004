from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from config import worker_start
        from stories import signals

        signals.connect()
        # Images uploaded before the crops existed, or whose worker died
        # mid-cut, get them from the next worker to start.
        worker_start.when_a_worker_starts("stories.tasks.queue_missing_crops")
