import pytest

from cityportal.core.tests.utils import publish


def category(title: str, *questions: tuple[str, str]) -> tuple[str, dict]:
    return (
        "category",
        {"title": title, "questions": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in questions]},
    )


@pytest.fixture
def demo_faq(db):
    from cityportal.faq.models import FaqPage

    return FaqPage.objects.get(slug="faq")


@pytest.fixture
def make_faq(db):
    from cityportal.faq.models import FaqPage
    from cityportal.news.models import SectionPage

    def make(*categories, title: str = "Test FAQ", **fields) -> FaqPage:
        section = SectionPage.objects.get(slug="online-service")
        return publish(section, FaqPage(title=title, categories=list(categories), **fields))

    return make
