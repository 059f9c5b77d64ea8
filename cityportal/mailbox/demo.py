"""Demo content of the mailbox: Online Service > Mailbox of Government becomes a
``MailboxPage`` with two sample notices, a routing table, the 2024 holiday calendar and
nine sample letters from fictional writers ("Anna Fictional"...; example.org
addresses, 555 numbers), every subject starting with "[Sample]".

Four letters are answered and published, one is answered but not published (its writer
did not agree), and four are still open long after their due dates, so the admin's
dashboard shows overdue letters. Everything is deterministic: fixed dates, and query
codes drawn from a fixed seed (docs/mailbox.md gives one, to try the track page).
"""

import random
from datetime import datetime

from django.db import transaction
from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ, publish_at
from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE
from cityportal.mailbox import tracking, workdays, workflow
from cityportal.mailbox.groups import ensure_mailbox_groups
from cityportal.mailbox.models import (
    CalendarDay,
    EventAction,
    Letter,
    LetterEvent,
    LetterType,
    MailboxNoticePage,
    MailboxPage,
    MailboxSettings,
    ReplyState,
    RoutingRule,
    Status,
)

CHANNEL_KEY = ("online-service", "mailbox-of-government")
SEED = "hengyang-demo:mailbox"
SAMPLE_STAFF = "Sample staff member"
SAMPLE_REVIEWER = "Sample reviewer"

INTRODUCTION = (
    "<p>Write to the Municipal People's Government: ask a question, make a suggestion or a "
    "complaint, or tell us about an error on this site. Every letter gets a tracking number and "
    "an answer within the deadline shown when you send it.</p>"
    "<p>On this demonstration site, the letters already here are samples from fictional writers.</p>"
)
FORM_INTRODUCTION = (
    "<p>Please write in English or Chinese. We answer letters about the city's public services and "
    "administration; for emergencies call 110 (police), 119 (fire) or 120 (ambulance).</p>"
)

# The State Council's 2024 public holidays and make-up working days (调休).
CALENDAR_2024 = [
    ("2024-01-01", CalendarDay.HOLIDAY, "New Year's Day"),
    ("2024-02-04", CalendarDay.WORKDAY, "Spring Festival make-up day"),
    *[(f"2024-02-{day:02d}", CalendarDay.HOLIDAY, "Spring Festival") for day in range(10, 18)],
    ("2024-02-18", CalendarDay.WORKDAY, "Spring Festival make-up day"),
    *[(f"2024-04-{day:02d}", CalendarDay.HOLIDAY, "Qingming Festival") for day in (4, 5, 6)],
    ("2024-04-07", CalendarDay.WORKDAY, "Qingming Festival make-up day"),
    ("2024-04-28", CalendarDay.WORKDAY, "Labour Day make-up day"),
    *[(f"2024-05-{day:02d}", CalendarDay.HOLIDAY, "Labour Day") for day in range(1, 6)],
    ("2024-05-11", CalendarDay.WORKDAY, "Labour Day make-up day"),
    ("2024-06-10", CalendarDay.HOLIDAY, "Dragon Boat Festival"),
    ("2024-09-14", CalendarDay.WORKDAY, "Mid-Autumn Festival make-up day"),
    *[(f"2024-09-{day:02d}", CalendarDay.HOLIDAY, "Mid-Autumn Festival") for day in (15, 16, 17)],
    ("2024-09-29", CalendarDay.WORKDAY, "National Day make-up day"),
    *[(f"2024-10-{day:02d}", CalendarDay.HOLIDAY, "National Day") for day in range(1, 8)],
    ("2024-10-12", CalendarDay.WORKDAY, "National Day make-up day"),
]

FOREIGN_AFFAIRS = "Foreign Affairs Office (Sample)"
REFORM = "Development and Reform Commission (Sample)"
MARKET = "Market Supervision Administration (Sample)"
TRANSPORT = "Transport Bureau (Sample)"
TOURISM = "Culture, Tourism, Radio and Television Bureau (Sample)"
EXIT_ENTRY = "Public Security Bureau Exit-Entry Administration (Sample)"
EDUCATION = "Education Bureau (Sample)"

# letter type -> (department, working days)
ROUTING = {
    LetterType.CONSULTATION: (FOREIGN_AFFAIRS, 5),
    LetterType.SUGGESTION: (REFORM, 10),
    LetterType.COMPLAINT: (MARKET, 5),
    LetterType.SITE_ERROR: (FOREIGN_AFFAIRS, 3),
}
DEFAULT_DEPARTMENT = FOREIGN_AFFAIRS

PUBLISHED = "published"  # replied, reply approved, shown in Letters and replies
PRIVATE = "private"  # replied, the writer did not agree to publication
IN_PROGRESS = "in_progress"
ASSIGNED = "assigned"
AWAITING_REVIEW = "awaiting_review"
RETURNED = "returned"


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CITY_TZ)


# Each letter: received, type, writer, email, phone, country, subject, message, consent,
# outcome, transferred to (or None) with the reason, reply, replied at, closed at.
LETTERS = [
    {
        "received": "2024-04-08 10:12",
        "type": LetterType.CONSULTATION,
        "name": "Anna Fictional",
        "email": "writer.a@example.org",
        "phone": "",
        "country": "United Kingdom",
        "subject": "Bus from the city centre to Mount Heng",
        "message": (
            "Hello, I will visit Hengyang in May with my parents and we would like to go to "
            "Nanyue and Mount Heng for a day. Is there a bus from the city centre, and where does "
            "it leave from? My parents cannot walk far. Thank you, Anna Fictional "
            "(writer.a@example.org)."
        ),
        "consent": True,
        "outcome": PUBLISHED,
        "transfer": (TRANSPORT, "Bus routes are answered by the Transport Bureau."),
        "reply": (
            "Dear writer, thank you for your letter. Buses to Nanyue, the town at the foot of Mount "
            "Heng, leave from the city's bus stations several times a day; the Transport Bureau "
            "publishes the current routes and times. At Nanyue, shuttle buses run up the mountain, "
            "so your parents will not need to walk far. (Sample reply: it gives no real timetable.)"
        ),
        "replied": "2024-04-11 16:40",
        "closed": "2024-04-18 09:00",
    },
    {
        "received": "2024-04-15 20:31",
        "type": LetterType.SUGGESTION,
        "name": "Bernd Fictional",
        "email": "writer.b@example.org",
        "phone": "+49 555 0102 0304",
        "country": "Germany",
        "subject": "English signs at the high-speed railway station",
        "message": (
            "I arrived at the high-speed railway station last week and found it hard to see where "
            "the taxis and the city buses are. Signs in English (or just pictures) at the exits "
            "would help visitors like me. You can call me on +49 555 0102 0304 if useful."
        ),
        "consent": True,
        "outcome": PUBLISHED,
        "transfer": None,
        "reply": (
            "Thank you for your suggestion. We have passed it to the station's operator and to the "
            "Transport Bureau, who are reviewing the signs at the exits. (Sample reply.)"
        ),
        "replied": "2024-04-26 11:05",
        "closed": None,
    },
    {
        "received": "2024-04-22 08:47",
        "type": LetterType.SITE_ERROR,
        "name": "Claire Fictional",
        "email": "writer.c@example.org",
        "phone": "",
        "country": "Canada",
        "subject": "Broken link on the Forms for Download page",
        "message": (
            "The second link on the Forms for Download page opens an error page instead of the "
            "form. I tried with two browsers."
        ),
        "consent": True,
        "outcome": PUBLISHED,
        "transfer": None,
        "reply": "Thank you: the link has been corrected. (Sample reply.)",
        "replied": "2024-04-23 15:20",
        "closed": "2024-04-30 10:00",
    },
    {
        "received": "2024-04-25 14:03",
        "type": LetterType.CONSULTATION,
        "name": "样例写信人丁",
        "email": "writer.d@example.org",
        "phone": "",
        "country": "China",
        "subject": "咨询去南岳衡山的旅游公交线路",
        "message": (
            "您好！五一假期我想带外国朋友去南岳衡山游玩，请问市区有没有直达南岳的旅游公交线路？"
            "在哪里上车？谢谢。（样例信件）"
        ),
        "consent": True,
        "outcome": PUBLISHED,
        "transfer": (TOURISM, "旅游线路由文化旅游广电局答复。"),
        "reply": (
            "您好，感谢来信。市区有开往南岳的旅游公交线路，具体线路和发车时间以交通部门公布的信息为准。"
            "节假日游客较多，建议提前出发。（样例回复，不含真实时刻表）"
        ),
        "replied": "2024-05-13 10:30",
        "closed": None,
    },
    {
        "received": "2024-05-06 09:15",
        "type": LetterType.COMPLAINT,
        "name": "Emma Fictional",
        "email": "writer.e@example.org",
        "phone": "",
        "country": "Australia",
        "subject": "Shop refused a foreign bank card",
        "message": (
            "A shop in the city centre refused my foreign bank card although it showed the card's logo."
        ),
        "consent": False,
        "outcome": PRIVATE,
        "transfer": None,
        "reply": (
            "Thank you for telling us. We have reminded the shop of the rules for card payments. "
            "(Sample reply.)"
        ),
        "replied": "2024-05-09 17:10",
        "closed": None,
    },
    {
        "received": "2024-05-08 11:26",
        "type": LetterType.CONSULTATION,
        "name": "François Fictional",
        "email": "writer.f@example.org",
        "phone": "",
        "country": "France",
        "subject": "Documents for renewing a residence permit",
        "message": (
            "My residence permit ends in two months. Which documents do I need to renew it, and "
            "can I make an appointment in English?"
        ),
        "consent": True,
        "outcome": IN_PROGRESS,
        "transfer": (EXIT_ENTRY, "Residence permits are issued by the Exit-Entry Administration."),
        "reply": "",
        "replied": None,
        "closed": None,
    },
    {
        "received": "2024-05-13 19:54",
        "type": LetterType.SUGGESTION,
        "name": "Grace Fictional",
        "email": "",
        "phone": "+65 555 0107",
        "country": "Singapore",
        "subject": "More English-language events at the city library",
        "message": (
            "The city library is lovely. Could it hold a monthly English-language reading group "
            "or film evening? Many foreign residents would come."
        ),
        "consent": True,
        "outcome": ASSIGNED,
        "transfer": None,
        "reply": "",
        "replied": None,
        "closed": None,
    },
    {
        "received": "2024-05-16 08:02",
        "type": LetterType.CONSULTATION,
        "name": "Halima Fictional",
        "email": "writer.h@example.org",
        "phone": "",
        "country": "Kenya",
        "subject": "School places for a child who speaks no Chinese",
        "message": (
            "We are moving to Hengyang for work in September. Our daughter is nine and speaks no "
            "Chinese yet. Which schools can take her, and is there help with learning Chinese?"
        ),
        "consent": True,
        "outcome": AWAITING_REVIEW,
        "transfer": (EDUCATION, "School places are a matter for the Education Bureau."),
        "reply": (
            "Thank you for your letter. Several public primary schools take pupils who are learning "
            "Chinese and offer extra language lessons; the Education Bureau can help you choose one "
            "near your home. (Sample draft reply.)"
        ),
        "replied": None,
        "closed": None,
    },
    {
        "received": "2024-05-17 22:18",
        "type": LetterType.COMPLAINT,
        "name": "Jack Fictional",
        "email": "writer.j@example.org",
        "phone": "",
        "country": "United States",
        "subject": "Taxi driver would not use the meter",
        "message": (
            "On my way from the railway station the taxi driver would not switch on the meter and "
            "asked for a fixed price. I have the receipt with the car's number."
        ),
        "consent": False,
        "outcome": RETURNED,
        "transfer": (TRANSPORT, "Taxis are licensed by the Transport Bureau."),
        "reply": "We will look into it. (Sample draft reply.)",
        "replied": None,
        "closed": None,
        "review_comment": "Please say what the bureau will do and how the writer will hear of it.",
    },
]

NOTICES = [
    (
        "how-to-write-to-the-mailbox",
        "How to write to the Mailbox of Government",
        "2024-04-01 09:00",
        "What the mailbox handles, what to include in a letter and how to follow it.",
        [
            "Use the letter form to ask a question, make a suggestion or a complaint, or report an "
            "error on this site. Give an email address or a phone number so that we can answer you.",
            "You may attach up to three files (PDF, JPEG or PNG). When you send the letter you get a "
            "tracking number and a query code: keep both to follow your letter and read the reply.",
        ],
    ),
    (
        "what-happens-to-your-letter",
        "What happens to your letter",
        "2024-04-02 09:00",
        "Your letter goes to the department that can answer it, with a deadline in working days.",
        [
            "Each letter is given to the department responsible for its subject. The department "
            "answers within the number of working days shown when you send the letter; weekends and "
            "public holidays are not counted.",
            "If you agree, your letter and our reply are published under Letters and replies without "
            "your name, email address or phone number.",
        ],
    ),
]


def _mailbox_channel(*, title: str, slug: str, chinese_name: str = "") -> MailboxPage:
    return MailboxPage(
        title=title,
        slug=slug,
        chinese_name=chinese_name,
        introduction=INTRODUCTION,
        form_introduction=FORM_INTRODUCTION,
    )


CHANNELS = {CHANNEL_KEY: _mailbox_channel}


def sample_subject(subject: str) -> str:
    return f"{SAMPLE_MARK} {subject}"


def sample_codes() -> list[str]:
    """The query codes of the sample letters, in the order of LETTERS (deterministic)."""
    rng = random.Random(SEED)
    return ["".join(rng.choice(tracking.CODE_ALPHABET) for _ in range(tracking.CODE_LENGTH)) for _ in LETTERS]


def _event(letter: Letter, at: datetime, action: str, detail: str = "", who: str = "") -> None:
    LetterEvent.objects.create(letter=letter, at=at, action=action, detail=detail, user_name=who)


def _departments() -> dict:
    from cityportal.directory.models import DepartmentPage

    return {d.title: d for d in DepartmentPage.objects.filter(locale__language_code="en")}


def _letter(number: int, spec: dict, code: str, departments: dict, rules: dict) -> Letter:
    received = _at(spec["received"])
    department, days = rules[spec["type"]]
    rng = random.Random(f"{SEED}:salt:{number}")
    with transaction.atomic():
        tracking_number = tracking.next_tracking_number(workdays.city_date(received))
    letter = Letter.objects.create(
        tracking_number=tracking_number,
        query_code_hash=tracking.hash_code(code, f"{rng.getrandbits(64):016x}"),
        received_at=received,
        language="zh-hans" if spec["country"] == "China" else "en",
        letter_type=spec["type"],
        name=spec["name"],
        email=spec["email"],
        phone=spec["phone"],
        country=spec["country"],
        subject=sample_subject(spec["subject"]),
        message=spec["message"],
        consent_to_publish=spec["consent"],
        status=Status.ASSIGNED if department else Status.RECEIVED,
        department=department,
        department_name=department.title if department else "",
        due_date=workdays.due_date(received, days),
    )
    _event(letter, received, EventAction.RECEIVED, "Sent through the website with 0 attachments.")
    if department:
        _event(
            letter,
            received,
            EventAction.ROUTED,
            f"Routed by its type to {department.title}; reply due {letter.due_date} ({days} working days).",
        )
    step = received.replace(hour=9, minute=30) if received.hour < 9 else received
    if spec["transfer"]:
        target = departments.get(spec["transfer"][0])
        if target is not None:
            step = _later(step)
            _event(
                letter,
                step,
                EventAction.TRANSFERRED,
                f"From {letter.department_name} to {target.title}. Reason: {spec['transfer'][1]}",
                SAMPLE_STAFF,
            )
            letter.department, letter.department_name = target, target.title
    if spec["outcome"] == ASSIGNED:
        letter.save()
        return letter
    step = _later(step)
    _event(letter, step, EventAction.STATUS, "Assigned → In progress", SAMPLE_STAFF)
    letter.status = Status.IN_PROGRESS
    if spec["reply"]:
        letter.reply_text = spec["reply"]
        letter.reply_updated_at = step
        _event(letter, step, EventAction.DRAFT_SAVED, spec["reply"], SAMPLE_STAFF)
        _event(letter, step, EventAction.SUBMITTED, "", SAMPLE_STAFF)
        letter.reply_state = ReplyState.AWAITING_REVIEW
    if spec["outcome"] == RETURNED:
        step = _later(step)
        letter.reply_state = ReplyState.RETURNED
        letter.review_comment = spec["review_comment"]
        _event(letter, step, EventAction.RETURNED, spec["review_comment"], SAMPLE_REVIEWER)
    if spec["outcome"] in (PUBLISHED, PRIVATE):
        replied = _at(spec["replied"])
        letter.reply_state = ReplyState.APPROVED
        letter.replied_at = replied
        letter.status = Status.REPLIED
        if letter.consent_to_publish:
            for key, value in workflow.public_copy(letter).items():
                setattr(letter, key, value)
            letter.published_at = replied
        _event(
            letter,
            replied,
            EventAction.APPROVED,
            "Published in Letters and replies."
            if letter.consent_to_publish
            else "Not published: the writer did not agree to publication.",
            SAMPLE_REVIEWER,
        )
        _event(letter, replied, EventAction.STATUS, "In progress → Replied", SAMPLE_REVIEWER)
        if spec["closed"]:
            letter.closed_at = _at(spec["closed"])
            letter.status = Status.CLOSED
            _event(letter, letter.closed_at, EventAction.CLOSED, "", SAMPLE_STAFF)
            _event(letter, letter.closed_at, EventAction.STATUS, "Replied → Closed", SAMPLE_STAFF)
    letter.save()
    return letter


def _later(moment: datetime) -> datetime:
    from datetime import timedelta

    return moment + timedelta(hours=2)


def populate(channels: dict, home: Page, progress) -> None:
    """The mailbox's notices, groups, routing table, holiday calendar and sample letters."""
    mailbox = channels[CHANNEL_KEY]
    for slug, title, at, summary, paragraphs in NOTICES:
        publish_at(
            mailbox,
            MailboxNoticePage(
                title=sample_subject(title),
                slug=slug,
                summary=summary,
                body=[("paragraph", f"<p>{p}</p>") for p in [SAMPLE_NOTICE, *paragraphs]],
                search_description=summary,
            ),
            _at(at),
        )
    ensure_mailbox_groups()
    # The tables and letters are not pages: when the demo is loaded again after its
    # pages were deleted, they are updated rather than added twice.
    for day, kind, name in CALENDAR_2024:
        CalendarDay.objects.update_or_create(
            date=datetime.strptime(day, "%Y-%m-%d").date(),
            defaults={"kind": kind, "name": f"{name} (sample calendar)"},
        )
    departments = _departments()
    rules = {}
    for letter_type, (department_name, days) in ROUTING.items():
        department = departments.get(department_name)
        RoutingRule.objects.update_or_create(
            letter_type=letter_type, defaults={"department": department, "working_days": days}
        )
        rules[letter_type] = (department, days)
    mailbox_settings = MailboxSettings.load()
    mailbox_settings.default_department = departments.get(DEFAULT_DEPARTMENT)
    mailbox_settings.save()
    for number, (spec, code) in enumerate(zip(LETTERS, sample_codes(), strict=True), 1):
        existing = Letter.objects.filter(
            subject=sample_subject(spec["subject"]), received_at=_at(spec["received"])
        ).first()
        if existing is None:
            _letter(number, spec, code, departments, rules)
        elif existing.department_id is None and existing.department_name in departments:
            existing.department = departments[existing.department_name]
            existing.save(update_fields=["department"])
