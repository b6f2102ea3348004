from django.db import models


class SpentToken(models.Model):
    """A one-time form token that has been used: a refresh or a double click
    re-sends the same token, and finds it here."""

    nonce = models.CharField(max_length=64, primary_key=True)
    spent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.nonce
