"""The site's WSGI application with the answering process's id in an
``X-Served-By`` header: a test serving it from several gunicorn workers can
then tell that each of them answered. Used by tests only."""

import os

from config.wsgi import application as site


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Served-By", str(os.getpid()))], exc_info)

    return site(environ, start)
