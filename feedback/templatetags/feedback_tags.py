from django import template

from feedback import results

register = template.Library()


@register.inclusion_tag("feedback/includes/feedback_summary.html")
def event_feedback_summary(event, heading=""):
    """The public summary of an event's feedback, for its follow-up report."""
    return {"summary": results.event_summary(event), "heading": heading}
