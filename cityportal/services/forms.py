"""The admin form of service guides: publishing refuses a guide that lacks a required
element and names each one; saving a draft does not."""

from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm


class ServiceGuidePageForm(WagtailAdminPageForm):
    def related_form_count(self) -> int:
        formset = self.formsets.get("related_forms")
        if formset is None or not formset.is_valid():
            return 0
        return sum(
            1
            for form in formset.forms
            if form.cleaned_data.get("form") and not form.cleaned_data.get("DELETE")
        )

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail defers required fields when an editor only saves a draft; the guide's
        # elements are checked when it is published (or submitted for moderation).
        if self.is_deferred_validation:
            return cleaned_data
        page_class = type(self.instance)
        missing = page_class.missing_in(cleaned_data, self.related_form_count())
        if not missing:
            return cleaned_data
        for name in missing:
            field = {"online_link": "online_link", "related_forms": "no_forms_needed"}.get(name, name)
            if field in self.fields and field not in self.errors:
                self.add_error(field, self.element_error(name))
        self.add_error(None, page_class.missing_message(missing))
        return cleaned_data

    @staticmethod
    def element_error(name: str) -> str:
        if name == "online_link":
            return gettext("Give the online service link, or tick “not available online”.")
        if name == "related_forms":
            return gettext("Add the related forms, or tick “no forms needed”.")
        return gettext("This is required before the guide can be published.")

    def _post_clean(self):
        # The form has checked the guide's completeness (or deliberately not, for a
        # draft); the model's own check is for publishing outside the admin.
        self.instance._completeness_checked_by_form = True
        super()._post_clean()
