"""The upload form of wagtailmedia (set as WAGTAILMEDIA["MEDIA_FORM_BASE"]): audio and
video files are checked by their content, not only their name. Kept apart from the page
forms because wagtailmedia's forms need the models loaded."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from wagtailmedia.forms import BaseMediaForm

from cityportal.media.sniff import FORMATS, check_media_file, sniff_format, wav_duration

# Messages by (problem, kind of media expected); lazy, so each is shown in the editor's language.
MEDIA_PROBLEMS = {
    ("unknown", "audio"): gettext_lazy(
        "This file is not an audio file that web browsers can play (its content was checked, not its name)."
    ),
    ("unknown", "video"): gettext_lazy(
        "This file is not a video file that web browsers can play (its content was checked, not its name)."
    ),
    ("wrong-type", "audio"): gettext_lazy(
        "This file holds a different kind of media: upload an audio file here."
    ),
    ("wrong-type", "video"): gettext_lazy(
        "This file holds a different kind of media: upload a video file here."
    ),
}
WRONG_EXTENSION = gettext_lazy(
    "The file name's extension does not match its content: rename it to what it really is."
)


class MediaContentForm(BaseMediaForm):
    """wagtailmedia's upload form (set as WAGTAILMEDIA["MEDIA_FORM_BASE"]), which checks
    the file's content as well as its name, and reads a WAV file's length itself."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is None or not hasattr(file, "read"):
            return file
        media_type = self.instance.type
        if media_type not in ("audio", "video"):
            # wagtailmedia's generic "media" upload: the content says which kind it is.
            found = sniff_format(file)
            media_type = self.instance.type = FORMATS[found][0] if found else "audio"
        problem = check_media_file(file, file.name, media_type)
        if problem:
            raise forms.ValidationError(MEDIA_PROBLEMS.get((problem, media_type), WRONG_EXTENSION))
        return file

    def clean_thumbnail(self):
        thumbnail = self.cleaned_data.get("thumbnail")
        if not thumbnail or not hasattr(thumbnail, "read") or getattr(thumbnail, "_committed", False):
            return thumbnail
        try:
            thumbnail.seek(0)
            with PILImage.open(thumbnail) as picture:
                picture.verify()
        except Exception as error:
            raise forms.ValidationError(_("The thumbnail is not a picture file.")) from error
        finally:
            thumbnail.seek(0)
        return thumbnail

    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if file is not None and hasattr(file, "read") and not cleaned.get("duration"):
            seconds = wav_duration(file) if file.name.lower().endswith(".wav") else None
            if seconds:
                cleaned["duration"] = round(seconds, 2)
        return cleaned
