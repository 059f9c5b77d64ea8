"""Frequently asked questions in categories."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import StreamField

from cityportal.core.models import PortalPage
from cityportal.core.text import join_list
from cityportal.faq.entries import Category, categories_of, search_categories
from cityportal.news.models import ChannelPage


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=300,
        help_text=_("Its link (the part after #) is made from these words: rewording it changes the link."),
    )
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "document-link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")


class CategoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Category"), max_length=150)
    questions = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Category")


class FaqPage(ChannelPage):
    """The FAQ channel: questions and answers in ordered categories, on one page with a
    table of contents, a link to each question and a search box. Editors reorder
    categories and questions by dragging them in the "Questions" field."""

    # Categories and questions are edited together, in order, on this one page (a
    # StreamField of categories, each a list of question blocks): drafts, previews,
    # revisions and workflows cover the whole FAQ, with no extra tables.
    categories = StreamField(
        [("category", CategoryBlock())], blank=True, verbose_name=_("questions and answers")
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
        FieldPanel("categories"),
    ]
    subpage_types: list[str] = []
    # The page is the content: no items, yet not an empty channel.
    lists_items = False

    class Meta:
        verbose_name = _("FAQ page")

    def faq_categories(self) -> list[Category]:
        return categories_of(self.categories)

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        for category in self.faq_categories():
            parts.append(category.title)
            parts.extend(entry.text for entry in category.entries)
        return parts

    def box_summary(self) -> str:
        """What the section page says about this channel, which lists no items."""
        categories = self.faq_categories()
        count = sum(len(c.entries) for c in categories)
        if not count:
            return ""
        return ngettext(
            "%(count)d question and answer: %(topics)s.",
            "%(count)d questions and answers: %(topics)s.",
            count,
        ) % {"count": count, "topics": join_list(c.title for c in categories)}

    def structured_data(self, request, categories: list[Category]) -> dict:
        """schema.org FAQPage: every question with its answer as plain text."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": entry.question,
                    "acceptedAnswer": {"@type": "Answer", "text": entry.answer_text},
                }
                for category in categories
                for entry in category.entries
            ],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = self.faq_categories()
        context["structured_data"] = self.structured_data(request, categories) if categories else None
        context["all_categories"] = categories
        context.update(search_categories(request, categories))
        return context

    # The FAQ is one page: no item listing and no numbered pages.
    @path("")
    def first_page(self, request):
        return self.render(request)

    @re_path(r"^page/(?P<number>[^/]{1,40})/$")
    def numbered_page(self, request, number):
        raise Http404("The FAQ has no numbered pages.")
