import os

from django.core.asgi import get_asgi_application

from config.no_database import refuse_to_serve

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

refuse_to_serve()  # an ASGI server without DATABASE_URL stops here, saying so
