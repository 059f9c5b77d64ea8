"""The government directory: officials and departments.

Both listings are channels (``ChannelPage`` subclasses), so menus, section pages, feeds,
AllDocsList and the empty-channels report treat them like any other channel; officials
and departments are content items inside them.
"""

import re
import string
import unicodedata

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from cityportal.core.filters import read_search_words
from cityportal.core.models import PortalIdentity, PortalPage
from cityportal.core.pagination import paginate
from cityportal.core.text import BLOCK_END, plain_text
from cityportal.news.models import ChannelPage

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Longer queries are cut: nobody types more into a department finder, and every word
# costs a pass over the departments.
MAX_QUERY_LENGTH = 100
# Words that say nothing about a department ("the office of ..."); dropped from a query
# unless they are all it has.
QUERY_STOP_WORDS = {"the", "of", "and", "a", "an", "for", "to", "in", "on"}
OTHER_LETTER = "#"
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


# --- Officials ---------------------------------------------------------------------------


class OfficialListPage(ChannelPage):
    """The Officials channel (E-Government > Officials): lists the officials under it in
    the order editors give them with each official's rank (1 first), then in tree order."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    subpage_types = ["directory.OfficialPage"]

    class Meta:
        verbose_name = _("officials list")

    def get_listing(self, request: HttpRequest | None = None):
        return OfficialPage.objects.child_of(self).live().public().order_by("rank", "path")


class OfficialPage(PortalPage):
    """One official of the city government: the page title is the official's name; the
    editor adds the position, the responsibilities, a photo (with alternative text) and a
    short biography, and sets the rank that places the official in the Officials list."""

    listed_as_item = True

    position = models.CharField(_("position"), max_length=200, help_text=_("For example: Mayor."))
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        default=100,
        help_text=_(
            "Place in the Officials list: lower numbers come first (1 for the mayor). "
            "Officials with the same rank keep their order in the page tree."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("photo alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required when there is a photo: who it shows, e.g. “Portrait of …”."),
    )
    responsibilities = RichTextField(_("responsibilities"), blank=True, features=TEXT_FEATURES)
    biography = RichTextField(
        _("short biography"), blank=True, features=TEXT_FEATURES, help_text=_("A few sentences.")
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("position"),
        FieldPanel("rank"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        FieldPanel("responsibilities"),
        FieldPanel("biography"),
    ]
    parent_page_types = ["directory.OfficialListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("official")

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe the photo for people who cannot see it.")})

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.position,
            plain_text(self.responsibilities),
            plain_text(self.biography),
        ]

    def listing_summary(self) -> str:
        """The position, for feeds and lists."""
        return self.position

    def structured_data(self, request: HttpRequest | None = None) -> dict:
        """schema.org Person, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "jobTitle": self.position,
            "url": self.get_full_url(request),
            "description": Truncator(plain_text(self.biography)).words(60),
        }
        identity = PortalIdentity.for_request(request) if request else None
        if identity is not None:
            data["worksFor"] = {"@type": "GovernmentOrganization", "name": identity.site_name}
        return {k: v for k, v in data.items() if v}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["departments_led"] = (
            DepartmentPage.objects.live().public().filter(leader=self).order_by("title", "path")
        )
        return context


# --- Departments -------------------------------------------------------------------------


def department_sort_key(name: str) -> str:
    """How departments are sorted: case and accents ignored, and a leading "The" too, so
    "The Commerce Bureau" sorts under C."""
    name = _LEADING_THE.sub("", name or "")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def index_letter(name: str) -> str:
    """The A to Z letter a department is filed under; names that do not start with a
    Latin letter (digits, Chinese names) are filed under "#"."""
    key = department_sort_key(name)
    first = key[:1].upper()
    return first if first and first in string.ascii_uppercase else OTHER_LETTER


def letter_anchor(letter: str) -> str:
    """The id of a letter's heading in the A to Z listing."""
    return "letter-other" if letter == OTHER_LETTER else f"letter-{letter}"


def query_words(query: str) -> list[str]:
    """The words of a department search, lower-cased, punctuation dropped."""
    words = re.findall(r"\w+", query.casefold())
    meaningful = [w for w in words if w not in QUERY_STOP_WORDS]
    return meaningful or words


class DepartmentIndexPage(ChannelPage):
    """The Departments channel (E-Government > Departments): every department under it
    on one page, sorted by name, with an A to Z index and a search box that finds
    departments by name or functions (``?q=``)."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    subpage_types = ["directory.DepartmentPage"]

    class Meta:
        verbose_name = _("departments list")

    def get_listing(self, request: HttpRequest | None = None) -> list["DepartmentPage"]:
        """The live departments, sorted by name (see ``department_sort_key``). A list:
        a city has dozens of departments, and the sort rule is not one SQL can express."""
        departments = DepartmentPage.objects.child_of(self).live().public()
        return sorted(departments, key=lambda d: (department_sort_key(d.title), d.path))

    @staticmethod
    def read_query(request: HttpRequest) -> tuple[str, list[str]]:
        """The visitor's search text, tidied, and a message if it had to be changed."""
        problems: list[str] = []
        query = read_search_words(request, problems, max_length=MAX_QUERY_LENGTH)
        if query and not re.search(r"\w", query):
            problems.append(
                gettext("“%(query)s” has no letters or digits to look for, so all departments are shown.")
                % {"query": query}
            )
            query = ""
        return query, problems

    def listing_context(self, request, number=None) -> dict:
        query, problems = self.read_query(request)
        departments = self.get_listing(request)
        if query:
            words = query_words(query)
            departments = [d for d in departments if d.matches(words)]
        # All on one page, so that every letter of the index links to an anchor on it;
        # a ".../page/2/" address gets the forgiving "only one page" message.
        listing = paginate(departments, number, max(len(departments), 1))
        groups: dict[str, list[DepartmentPage]] = {}
        for department in listing.page.object_list:
            groups.setdefault(index_letter(department.title), []).append(department)
        letters = list(string.ascii_uppercase) + ([OTHER_LETTER] if OTHER_LETTER in groups else [])
        return {
            "listing": listing,
            "items": listing.page.object_list,
            "query": query,
            "query_problems": problems,
            # (letter, id of its heading on the page, its departments or an empty list)
            "letters": [(letter, letter_anchor(letter), groups.get(letter, [])) for letter in letters],
        }


class DepartmentPage(PortalPage):
    """A department of the city government: the page title is its name; editors give its
    functions, its leader (an official's page), address, phone, opening hours, website
    and email.

    For the Mailbox of Government: ``staff_group`` is the ``auth.Group`` of the staff
    who answer letters sent to this department (optional; it grants no permission by
    itself). ``ensure_staff_group()`` returns it, first creating "<name> staff" if the
    department has none; the ``create_department_groups`` command does so for every
    department. Other apps use ``DepartmentPage.objects.live()`` to list departments.
    """

    listed_as_item = True

    functions = RichTextField(
        _("functions"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("What the department does; the department search looks here too."),
    )
    leader = models.ForeignKey(
        "directory.OfficialPage",
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_departments",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    opening_hours = models.TextField(
        _("opening hours"), max_length=500, blank=True, help_text=_("One line per period of days.")
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    staff_group = models.ForeignKey(
        Group,
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="departments",
        help_text=_("The staff who answer letters to this department in the Mailbox of Government."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("functions"),
        FieldPanel("leader"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("opening_hours"),
                FieldPanel("website"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        # Whoever is in this group reads the department's letters with the writers' names,
        # emails, phones and attachments: choosing it is granting access, so it is left to
        # those who may manage groups, not to everyone who may publish the page.
        FieldPanel("staff_group", permission="auth.change_group"),
    ]
    parent_page_types = ["directory.DepartmentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("department")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [plain_text(self.functions), self.address]

    def listing_summary(self) -> str:
        """The first paragraph (or list item) of the functions, shortened."""
        blocks = (plain_text(block) for block in BLOCK_END.split(self.functions or ""))
        first = next((text for text in blocks if text), "")
        return Truncator(first).words(40)

    def opening_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]

    def matches(self, words: list[str]) -> bool:
        """Whether every word occurs in the name or the functions (case ignored)."""
        text = f"{self.title} {plain_text(self.functions)}".casefold()
        return all(word in text for word in words)

    def staff_group_name(self) -> str:
        suffix = " staff"
        return self.title[: Group._meta.get_field("name").max_length - len(suffix)] + suffix

    @transaction.atomic
    def ensure_staff_group(self, user=None) -> Group:
        """The department's staff group, created ("<name> staff", no permissions) and
        linked if it has none. A translation of the department shares its group; a
        group of that name that belongs to another department is not taken over."""
        if self.staff_group_id:
            return self.staff_group
        shared = (
            DepartmentPage.objects.filter(translation_key=self.translation_key, staff_group__isnull=False)
            .exclude(pk=self.pk)
            .select_related("staff_group")
            .first()
        )
        if shared is not None:
            group = shared.staff_group
        else:
            name = self.staff_group_name()
            taken = DepartmentPage.objects.filter(staff_group__name=name).exclude(
                translation_key=self.translation_key
            )
            if taken.exists():
                name = f"{name} ({self.pk})"
            group, _created = Group.objects.get_or_create(name=name)
        self._link_staff_group(group, user)
        return group

    def _link_staff_group(self, group: Group, user=None) -> None:
        # The link is stored the way an editor's change would be, in a new revision,
        # because publishing an older revision would otherwise drop it. The live page
        # gets it at once; unpublished changes stay unpublished.
        page = DepartmentPage.objects.get(pk=self.pk)
        had_draft = page.has_unpublished_changes
        latest = page.get_latest_revision_as_object()
        latest.staff_group = group
        revision = latest.save_revision(user=user, log_action=True, clean=False)
        if page.live and not had_draft:
            revision.publish(user=user)
        else:
            DepartmentPage.objects.filter(pk=self.pk).update(staff_group=group)
        self.staff_group = group

    def structured_data(self, request: HttpRequest | None = None) -> dict:
        """schema.org GovernmentOrganization, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": self.title,
            "url": self.get_full_url(request),
            "sameAs": self.website,
            "telephone": self.phone,
            "email": self.email,
            "address": self.address,
            "description": self.listing_summary(),
        }
        return {k: v for k, v in data.items() if v}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        leader = self.leader
        context["leader"] = leader if leader is not None and leader.live else None
        return context
