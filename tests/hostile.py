"""Hypothesis strategies for hostile form input, the headers an email may carry,
the check every public form's property test makes after a POST, and the ones
every public form's refusal and resubmission must pass."""

from hypothesis import HealthCheck, event
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from formguard.forms import new_token

# Every header our emails carry; anything else in a received message was injected.
EMAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "reply-to",
        "subject",
        "date",
        "message-id",
        "auto-submitted",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        # The guide email offers one-click unsubscribe when consent was given.
        "list-unsubscribe",
        "list-unsubscribe-post",
    }
)

control_characters = st.text(
    st.one_of(st.characters(categories=["Cc", "Zl", "Zp"]), st.sampled_from('\r\n:<>",;@')),
    max_size=40,
)
huge = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=8),
    st.integers(min_value=5_000, max_value=90_000),
)
hostile = st.one_of(st.text(max_size=300), control_characters, huge)


def many_posts(max_examples: int):
    """Hypothesis settings for a property test that posts to a form with the
    function-scoped ``client``/``smtp_sink`` fixtures (shared by every example)."""
    return hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def header_attacks(local: str):
    """Addresses for ``local``@example.org that try to add a recipient or a header."""
    return st.sampled_from(
        [
            f"{local}@example.org\r\nBcc: victim@example.org",
            f"{local}@example.org\nBcc: victim@example.org",
            f"{local.title()} <{local}@example.org>, victim@example.org",
            f'"{local}\r\nBcc: victim@example.org"@example.org',
            f"{local}@example.org%0ABcc:victim@example.org",
            f"{local}@ex\u2028ample.org",
        ]
    )


def assert_refused_on_our_page(response, status: int, model) -> None:
    """The POST was refused with ``status`` on the site's own page (with its
    layout, not a server's bare error), and no ``model`` row was saved."""
    assert response.status_code == status
    assert '<main id="main"' in response.content.decode()
    assert not model.objects.exists()


def post_twice(client, url, data) -> str:
    """POST the same filled-in form twice, as a refresh or a double click does:
    both are answered with the same redirect, whose address is returned."""
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    return second["Location"]


def post_and_check_mail(client, smtp_sink, capture_on_commit, url, data, model, team_email):
    """POST ``data`` to the public form at ``url`` and check what followed.

    Refused (200/413): nothing saved, nothing sent. Saved as spam: nothing sent.
    Saved: exactly two emails, to ``team_email`` and the sender, with only our
    headers, each once, and no line break or victim address in any of them.
    Returns the emails received (empty unless a genuine submission was saved).
    """
    before = len(smtp_sink.messages)
    rows_before = model.objects.count()

    with capture_on_commit(execute=True):
        response = client.post(url, {**data, "form_token": new_token()})

    assert response.status_code in (200, 303, 413)
    if response.status_code != 303:
        event(f"answered {response.status_code}")
        assert model.objects.count() == rows_before
        assert len(smtp_sink.messages) == before
        return []

    saved = model.objects.order_by("-pk").first()
    event("spam" if saved.is_spam else "saved")
    if saved.is_spam:
        assert len(smtp_sink.messages) == before
        return []
    received = smtp_sink.wait_for(before + 2, timeout=10)[before:]
    envelopes = smtp_sink.envelopes[before:]
    assert len(received) == 2
    assert {tuple(e.rcpt_tos) for e in envelopes} == {(team_email,), (saved.email,)}
    for message in received:
        names = [name.lower() for name in message]
        assert set(names) <= EMAIL_HEADERS, names
        assert len(names) == len(set(names)), names
        for value in message.values():
            assert "\n" not in str(value) and "\r" not in str(value)
        assert "victim@example.org" not in (str(message["To"]) + str(message["Reply-To"]))
    return received
