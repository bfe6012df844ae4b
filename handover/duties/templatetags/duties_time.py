"""`{% quick_time duty %}`: the inline form that logs time on a duty from any page."""

from django import template

from ..forms import QuickTimeForm

register = template.Library()


@register.inclusion_tag("duties/_quick_time.html", takes_context=True)
def quick_time(context, duty, entries: bool = False):
    """`entries`: the page lists the duty's entries (#duty-entries), refreshed after a log."""
    request = context["request"]
    return {"duty": duty, "form": QuickTimeForm(duty=duty), "entry": None,
            "next": request.get_full_path(), "with_entries": entries,
            "current_workspace": context["current_workspace"]}
