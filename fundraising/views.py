from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from formguard.views import form_page, public_form
from fundraising.forms import SignupForm
from fundraising.models import Guide, GuideSection, GuideTip
from fundraising.services import signup_from_token, submit_signup, withdraw_news_consent


@public_form(SignupForm)
def signup(request):
    return form_page(
        request,
        SignupForm,
        submit=submit_signup,
        thanks="fundraising:thanks",
        template="fundraising/signup.html",
    )


@require_safe
def thanks(request):
    return render(request, "fundraising/thanks.html")


@require_safe
def guide(request):
    guide = Guide.load()
    sections = list(
        GuideSection.objects.filter(guide=guide).prefetch_related(
            Prefetch("tips", queryset=GuideTip.objects.order_by("order", "pk"))
        )
    )
    # One numbering from 1 across sections, so "tip 12" means the same in print and online.
    number = 1
    numbered = []
    for section in sections:
        tips = list(section.tips.all())
        if tips:
            numbered.append((section, number, tips))
            number += len(tips)
    return render(
        request,
        "fundraising/guide.html",
        {
            "guide": guide,
            "sections": numbered,
            "tip_count": number - 1,
        },
    )


# The signed token is the only credential, and an attacker who has it could
# unsubscribe anyway, so CSRF adds nothing here; exempting it lets a mail
# client's one-click POST (RFC 8058) work as well as our own button.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    signup = signup_from_token(token)
    if signup is None:
        return render(request, "fundraising/unsubscribe_invalid.html", status=400)
    # GET only asks: mail scanners and link prefetchers follow links, and must
    # not unsubscribe anyone. The POST from the button (or one-click) withdraws.
    if request.method == "POST":
        withdraw_news_consent(signup)
        return render(request, "fundraising/unsubscribed.html")
    return render(
        request,
        "fundraising/unsubscribe_confirm.html",
        {"already": not signup.wants_news},
    )


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: everything but letters, digits, spaces
    and plain punctuation is written as a hex escape, so no setting can end the
    string or the rule."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/@-_")
    return '"' + "".join(ch if ch in safe else f"\\{ord(ch):06x}" for ch in text) + '"'


@require_safe
def guide_print_css(request):
    """The printed guide's page footer. Only ``@page`` margin boxes repeat at
    the foot of every printed page without covering the text, and they take
    literal strings, so this small stylesheet is written from the settings."""
    questions = gettext("Questions: %(email)s") % {"email": settings.EVENTS_TEAM_EMAIL}
    line = f"{settings.ORGANIZATION_NAME} · {questions} · {settings.SITE_URL}{reverse('fundraising:guide')}"
    return render(
        request,
        "fundraising/guide_print.css",
        {"footer_line": css_string(line)},
        content_type="text/css; charset=utf-8",
    )
