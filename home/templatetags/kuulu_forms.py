from django import template

register = template.Library()


@register.filter
def widget_type(field):
    """The widget's kind for CSS and the field template ("select", "checkbox", "text", …): its
    `widget_type` attribute if it has one (a faster Select is still a select), else its class name."""
    widget = field.field.widget
    return (
        getattr(widget, "widget_type", None)
        or widget.__class__.__name__.lower().replace("input", "")
        or "text"
    )


@register.simple_tag
def field_widget(field):
    """Render a field's widget wired to its help text and error for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
