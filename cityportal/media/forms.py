"""Admin form of video and audio pages: they cannot be published without captions or a
transcript."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class MediaItemPageForm(WagtailAdminPageForm):
    """Publishing (or submitting for moderation) needs captions or a transcript; a draft
    may be saved without them."""

    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            return cleaned
        has_transcript = bool(strip_tags(cleaned.get("transcript") or "").strip())
        tracks = self.formsets.get("caption_tracks")
        has_tracks = False
        if tracks is not None:
            tracks.is_valid()  # cleans each track once; a bad track keeps its own error
            has_tracks = any(
                not form.cleaned_data.get("DELETE") and (form.cleaned_data.get("webvtt") or form.errors)
                for form in tracks.forms
                if hasattr(form, "cleaned_data")
            )
        if not has_transcript and not has_tracks:
            self.add_error(
                "transcript",
                _(
                    "Add captions (a WebVTT track) or a transcript before publishing: people who "
                    "cannot hear the recording need one of them."
                ),
            )
        return cleaned
