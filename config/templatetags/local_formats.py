"""Template filters for dates, numbers and money in the page's language
(config.local_formats): ``{{ story.publish_at|public_date }}``,
``{{ 1000|money }}``, ``{{ count|number }}``."""

from django import template

from config import local_formats

register = template.Library()

register.filter("public_date", local_formats.public_date)
register.filter("public_datetime", local_formats.public_datetime)
register.filter("number", local_formats.number)
register.filter("money", local_formats.money)
