"""What the publisher wrote, what each published page read, and what went wrong.

Nothing here is edited by hand: the publisher and the integrity check keep these
records, and the "Published site" report shows them to administrators.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFile(models.Model):
    """One file of the published site as the publisher wrote it. The integrity check
    compares the disk with these records: a file whose SHA-256 differs, that is
    missing, or that nobody published is a finding."""

    path = models.CharField(_("path"), max_length=1024, unique=True)
    # The publication unit that wrote it: "page:<id>", "site-feed:<language>", "sitemap"...
    unit = models.CharField(_("published by"), max_length=100, db_index=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("published file")
        verbose_name_plural = _("published files")

    def __str__(self) -> str:
        return self.path


class Dependency(models.Model):
    """One thing a unit's last render read (a page, a listed subtree, a model instance;
    see core.render_record for the keys). A change to it re-publishes the unit. The
    unit "chrome" holds what every page shows (menu, edition home, site settings)."""

    unit = models.CharField(max_length=100, db_index=True)
    key = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "key"], name="publishing_dependency_unique")]

    def __str__(self) -> str:
        return f"{self.unit} ← {self.key}"


class PublishFailure(models.Model):
    """A unit that could not be rendered: its previous files stay in place until a
    later publish succeeds, which removes this record."""

    unit = models.CharField(_("unit"), max_length=100, unique=True)
    url = models.CharField(_("address"), max_length=1024)
    error = models.TextField(_("error"))
    happened_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("publishing failure")
        verbose_name_plural = _("publishing failures")
        ordering = ["-happened_at"]

    def __str__(self) -> str:
        return f"{self.url}: {self.error[:60]}"


class IntegrityFinding(models.Model):
    """A published file found changed, deleted, added or replaced behind the
    publisher's back (a possible defacement), and when it was repaired."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")
        ADDED = "added", _("added by someone else")
        LINK = "link", _("replaced by a link")

    path = models.CharField(_("path"), max_length=1024)
    kind = models.CharField(_("finding"), max_length=10, choices=Kind.choices)
    found_at = models.DateTimeField(_("found at"))
    repaired_at = models.DateTimeField(_("repaired at"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("integrity finding")
        verbose_name_plural = _("integrity findings")
        ordering = ["-found_at", "path"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.path}"


class PublishedState(models.Model):
    """What the published files are up to date with (one row): the code and templates
    of the last full rebuild (a fingerprint), and whether pages changed since without
    being published (publishing on change off, bulk writes). `make run` rebuilds at
    start only then, so that a large site is not rebuilt at every restart."""

    fingerprint = models.CharField(_("code fingerprint"), max_length=64)
    pages_changed_unpublished = models.BooleanField(_("pages changed without being published"), default=False)
    rebuilt_at = models.DateTimeField(_("last full rebuild"))

    class Meta:
        verbose_name = _("published state")

    def __str__(self) -> str:
        return f"{self.fingerprint[:12]} ({self.rebuilt_at:%Y-%m-%d %H:%M})"
