"""Hypothesis strategies for hostile form input, and the headers an email may carry."""

from hypothesis import strategies as st

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
