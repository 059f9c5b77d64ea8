"""Demo content of the FAQ app: the Online Service > FAQ channel as an FAQ page with
sample questions for foreigners living in or visiting the city.

The answers are plainly marked as sample content and phrased generally: they point to
where rules are published instead of stating them.
"""

import uuid

from wagtail.models import Page

from cityportal.faq.models import FaqPage

CHANNEL_KEY = ("online-service", "faq")

INTRODUCTION = (
    "<p><b>Sample content:</b> these questions and answers were written for the cityportal "
    "demonstration site. They are general guidance, not official rules: always check with "
    "the office concerned.</p>"
)

# (category, [(question, answer HTML)])
CATEGORIES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Visas and entry",
        [
            (
                "Do I need a visa to visit the city?",
                "<p>Most foreign visitors need a visa to enter China, but some nationalities can "
                "enter without one for a short stay, and transit rules change from time to time. "
                "Check the website of the Chinese embassy or consulate in your country before you "
                "travel.</p>",
            ),
            (
                "How can I extend my visa while I am here?",
                "<p>Visa extensions are handled by the exit and entry administration of the public "
                "security bureau. Apply before your visa expires and bring your passport, a recent "
                "photo and documents showing why you need to stay longer. See the <b>Entry &amp; "
                "Exit</b> channel of this portal for the offices.</p>",
            ),
            (
                "What should I do if I lose my passport?",
                "<p>Report the loss to the nearest police station and ask for a written report. Then "
                "contact your embassy or consulate for a new passport, and the exit and entry "
                "administration for a new visa or residence permit in it.</p>",
            ),
        ],
    ),
    (
        "Residence registration",
        [
            (
                "Do I have to register where I am staying?",
                "<p>Yes. Foreigners register their place of stay with the local police shortly after "
                "arriving. Hotels do this for their guests; if you stay in a private flat or with "
                "friends, you or your host register at the police station for the area. This is "
                'called accommodation registration (<span lang="zh-Hans">住宿登记</span>).</p>',
            ),
            (
                "How do I apply for a residence permit?",
                "<p>If you come to work or study for longer than a short visit, you apply for a "
                "residence permit within the time stated on your visa. Your employer or school "
                "usually helps with the documents, such as a health check and proof of your "
                "address.</p>",
            ),
            (
                "What do I do when I move to a new address?",
                "<p>Register again at the police station for your new address, in the same way as "
                "when you arrived, and keep the registration form you receive.</p>",
            ),
        ],
    ),
    (
        "Living in the city",
        [
            (
                "How do I call for help in an emergency?",
                "<p>Call 110 for the police, 119 for fire and 120 for an ambulance. Say where you are "
                "as precisely as you can; a written address in Chinese helps.</p>",
            ),
            (
                "Where can I find an English-speaking doctor?",
                "<p>Large hospitals often have international or VIP departments with staff who speak "
                "English. The <b>Health</b> channel of the Life section lists hospitals; call ahead "
                "to ask which languages are spoken.</p>",
            ),
            (
                "How can I travel to Mount Heng (Nanyue)?",
                "<p>Mount Heng, one of China's five great mountains, lies in Nanyue District. Buses "
                "and trains connect it with the city centre. See the <b>Transportation</b> and "
                "<b>Tourist Routes</b> channels of the Tourism section for the options.</p>",
            ),
        ],
    ),
    (
        "Using this portal",
        [
            (
                "How do I use the Mailbox of Government?",
                "<p>Open <b>Online Service &gt; Mailbox of Government</b>, write your message and "
                "send it. You receive a tracking code to follow the reply. Do not put passport "
                "numbers or other personal details in the subject.</p>",
            ),
            (
                "How do I take part in a survey?",
                "<p>Open <b>Online Service &gt; Online Investigation</b> and choose a survey that is "
                "open. Answers are anonymous and each visitor answers once; when a survey allows it, "
                "its results are published on the same page.</p>",
            ),
            (
                "Can I read the portal in Chinese?",
                "<p>Yes. Pages that exist in both editions have a language link at the top of the page.</p>",
            ),
        ],
    ),
]


def block_id(*parts: object) -> str:
    """A fixed id for a block of the demo, so that every load stores the same FAQ."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "cityportal-demo:faq:" + ":".join(str(p) for p in parts)))


def categories_data() -> list[dict]:
    """The FAQ in the StreamField's stored form, ids included."""
    return [
        {
            "type": "category",
            "id": block_id(number),
            "value": {
                "title": title,
                "questions": [
                    {
                        "type": "item",
                        "id": block_id(number, position),
                        "value": {"question": question, "answer": answer},
                    }
                    for position, (question, answer) in enumerate(entries, 1)
                ],
            },
        }
        for number, (title, entries) in enumerate(CATEGORIES, 1)
    ]


def _channel_factory(*, title: str, slug: str, chinese_name: str = "") -> Page:
    return FaqPage(
        title=title,
        slug=slug,
        chinese_name=chinese_name,
        introduction=INTRODUCTION,
        categories=categories_data(),
    )


CHANNELS = {CHANNEL_KEY: _channel_factory}


def populate(channels: dict, home: Page, progress) -> None:
    """The FAQ's content is made with its page (above); nothing else to add."""
