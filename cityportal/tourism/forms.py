"""Admin form of Top Eight Attractions: it says so when more than eight attractions, or
one attraction twice, are chosen."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

TOP_COUNT = 8


def live_forms(formset) -> list:
    """The forms of a formset that are kept (filled in and not marked for deletion)."""
    formset.is_valid()  # cleans each form once; the errors stay with the formset
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class TopAttractionsForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("top_attractions")
        if formset is None:
            return cleaned
        kept = live_forms(formset)
        if len(kept) > TOP_COUNT:
            self.add_error(
                None,
                ngettext(
                    "Top Eight Attractions shows at most %(max)d attractions, and %(count)d is chosen: "
                    "remove %(extra)d.",
                    "Top Eight Attractions shows at most %(max)d attractions, and %(count)d are chosen: "
                    "remove %(extra)d.",
                    len(kept),
                )
                % {"max": TOP_COUNT, "count": len(kept), "extra": len(kept) - TOP_COUNT},
            )
        seen = set()
        for form in kept:
            attraction = form.cleaned_data.get("attraction")
            if attraction is None:
                continue
            if attraction.pk in seen:
                self.add_error(
                    None,
                    _("“%(title)s” is chosen twice: choose each attraction once.")
                    % {"title": attraction.title},
                )
            seen.add(attraction.pk)
        return cleaned
