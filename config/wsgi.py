import os

from django.core.wsgi import get_wsgi_application

from config.no_database import refuse_to_serve

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

refuse_to_serve()  # gunicorn without DATABASE_URL stops here, saying so
