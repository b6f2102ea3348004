from django.http import HttpResponseRedirect


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: the browser GETs the thanks page, so a refresh there re-sends nothing."""

    status_code = 303
