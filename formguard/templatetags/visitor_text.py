from django import template

from formguard.cleaning import name_for_greeting

register = template.Library()

# Emails greet through "emails/greeting.txt", which applies this filter, so a
# template cannot echo a visitor's name to their address without the rule.
register.filter("name_for_greeting", name_for_greeting)
