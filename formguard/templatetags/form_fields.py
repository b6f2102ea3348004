from django import template

register = template.Library()


@register.inclusion_tag("includes/fields.html")
def fields(form, names: str):
    """``{% fields form "name email phone" %}``: those fields in that order, each
    through includes/field.html (label, hint and error tied to the input). A
    name the form lacks is a template error, not a silently missing field."""
    return {"fields": [form[name] for name in names.split()]}
