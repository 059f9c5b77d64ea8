"""Demo content of the services app: the four Online Service channels for foreigners and
Life > Service Guide become guide channels with sample service guides.

The guides describe procedures generically. Titles start with "[Sample]" and each
summary says it is sample content, not the official rules: visitors are told to check
with the office. Deterministic: fixed dates, no randomness.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ
from cityportal.documents import demo as documents_demo
from cityportal.services.models import GuideChannelPage, GuideRelatedForm, ServiceGuidePage

SAMPLE_PREFIX = "Sample content, not the official rules: "
CHECK_WITH_OFFICE = " Check the current requirements with the office before you apply."

NATURALIZATION = ("online-service", "naturalization")
MARRIAGE = ("online-service", "international-marriage")
ENTRY_EXIT = ("online-service", "entry-and-exit")
RESIDENCE = ("online-service", "residence-affairs")
SERVICE_GUIDE = ("life", "service-guide")
GUIDE_CHANNELS = [NATURALIZATION, MARRIAGE, ENTRY_EXIT, RESIDENCE, SERVICE_GUIDE]

EXIT_ENTRY_HALL = "Exit-Entry Service Hall, Hengyang Public Security Bureau (sample)"
EXIT_ENTRY_ADDRESS = "Sample address: Service Hall, 1 Example Road, Hengyang, Hunan Province"
MARRIAGE_OFFICE = "Marriage Registration Office, Hengyang Civil Affairs Bureau (sample)"
MARRIAGE_ADDRESS = "Sample address: Civil Affairs Service Centre, 2 Example Road, Hengyang, Hunan Province"
OFFICE_HOURS = "Monday to Friday, 9:00-12:00 and 14:00-17:30 (sample hours)\nClosed on public holidays"
SAMPLE_PHONE = "0734-000 0000 (sample number)"
EXIT_ENTRY_LAW = "<p>Exit and Entry Administration Law of the People's Republic of China</p>"
SAMPLE_FEES = "Sample: ask the office for the current fee; fees are set by national rules and may change."


@dataclass
class SampleGuide:
    slug: str
    title: str
    summary: str
    audience: str
    conditions: list[str]
    materials: list[tuple[str, str]]
    steps: list[tuple[str, str]]
    time_limit: str
    legal_basis: str
    office: str
    address: str
    published: datetime
    last_reviewed: date
    fees: str = SAMPLE_FEES
    opening_hours: str = OFFICE_HOURS
    phone: str = SAMPLE_PHONE
    online_link: str = ""
    forms: list[str] = field(default_factory=list)  # slugs in Forms for Download


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=CITY_TZ)


SAMPLE_GUIDES: dict[tuple[str, str], list[SampleGuide]] = {
    NATURALIZATION: [
        SampleGuide(
            "applying-for-chinese-nationality",
            "[Sample] Applying for Chinese nationality",
            "how a foreign national living in Hengyang applies to acquire Chinese nationality.",
            "Foreign nationals and stateless persons who live in Hengyang and wish to become "
            "Chinese citizens, for example because close relatives are Chinese citizens or "
            "because they have settled in China.",
            [
                "You are willing to abide by the Constitution and laws of China.",
                "You have close relatives who are Chinese citizens, have settled in China, or "
                "have another legitimate reason.",
                "You live in Hengyang with a valid residence permit.",
            ],
            [
                ("Valid passport", "original and one copy"),
                ("Residence permit", "original and one copy"),
                ("Application form for Chinese nationality", "filled in and signed"),
                ("Two recent passport photos", "white background"),
                ("Proof of your reason for applying", "with a certified Chinese translation"),
            ],
            [
                ("Prepare your materials", "Download the application form and gather the documents below."),
                ("Apply in person", "Bring everything to the service hall; staff check that it is complete."),
                ("Review", "The office examines the application and may ask you to an interview."),
                ("Decision", "The national authority decides; you are told the result in writing."),
                ("Collect your certificate", "If approved, collect the certificate at the service hall."),
            ],
            "Sample: several months; the office tells you when it accepts the application.",
            "<p>Nationality Law of the People's Republic of China</p>",
            EXIT_ENTRY_HALL,
            EXIT_ENTRY_ADDRESS,
            _at(2024, 3, 4),
            date(2026, 9, 15),
            forms=["application-form-for-chinese-nationality"],
        ),
        SampleGuide(
            "restoring-chinese-nationality",
            "[Sample] Restoring Chinese nationality",
            "how a former Chinese citizen applies to have Chinese nationality restored.",
            "People who once had Chinese nationality, gave it up or lost it, and now wish to "
            "become Chinese citizens again.",
            [
                "You once held Chinese nationality.",
                "You have a legitimate reason for restoring it.",
            ],
            [
                ("Valid passport", "original and one copy"),
                ("Proof of former Chinese nationality", "for example an old identity card"),
                ("Application form for Chinese nationality", "filled in and signed"),
                ("Two recent passport photos", ""),
            ],
            [
                ("Prepare your materials", "Gather the documents listed above."),
                ("Apply in person", "Bring everything to the service hall."),
                ("Decision", "You are told the result in writing."),
            ],
            "Sample: several months; the office tells you when it accepts the application.",
            "<p>Nationality Law of the People's Republic of China</p>",
            EXIT_ENTRY_HALL,
            EXIT_ENTRY_ADDRESS,
            _at(2024, 3, 6),
            date(2024, 3, 1),  # sample of a guide that is overdue for review
            forms=["application-form-for-chinese-nationality"],
        ),
    ],
    MARRIAGE: [
        SampleGuide(
            "registering-an-international-marriage",
            "[Sample] Registering a marriage between a Chinese citizen and a foreigner",
            "how a Chinese citizen and a foreign national register their marriage in Hengyang.",
            "Couples in which one partner is a Chinese citizen with household registration in "
            "Hengyang and the other is a foreign national.",
            [
                "Both of you have reached the legal age for marriage and are unmarried.",
                "You are not closely related.",
                "Both of you come to the registration office in person.",
            ],
            [
                ("Chinese partner: identity card and household register", "originals"),
                ("Foreign partner: valid passport", "original and one copy"),
                ("Foreign partner: certificate of no marriage", "authenticated, with a Chinese translation"),
                ("Declaration form", "signed by both partners at the office"),
                ("Three joint photos", "2-inch, red background"),
            ],
            [
                ("Make an appointment", "Book a time with the registration office."),
                ("Come together", "Both partners bring the materials and sign the declaration."),
                ("Check", "Staff check the documents and the declaration."),
                ("Certificates", "If all is in order, you receive your marriage certificates the same day."),
            ],
            "Sample: usually on the day, if the materials are complete.",
            "<p>Civil Code of the People's Republic of China (marriage and family book); "
            "regulations on marriage registration</p>",
            MARRIAGE_OFFICE,
            MARRIAGE_ADDRESS,
            _at(2024, 3, 12),
            date(2026, 6, 2),
            forms=["marriage-registration-declaration-form"],
        ),
        SampleGuide(
            "registering-an-international-divorce",
            "[Sample] Registering a divorce by agreement in an international marriage",
            "how a couple who married in China, one of them a foreign national, register a "
            "divorce by agreement.",
            "Couples who registered their marriage in China, in which one partner is a foreign "
            "national, and who both agree to divorce.",
            [
                "Both of you agree to divorce and have agreed on children and property.",
                "Your marriage was registered in China.",
            ],
            [
                ("Marriage certificates", "both"),
                ("Chinese partner: identity card and household register", "originals"),
                ("Foreign partner: valid passport", "original and one copy"),
                ("Written divorce agreement", "signed by both partners"),
            ],
            [
                ("Apply together", "Both partners come to the office with the materials."),
                ("Cooling-off period", "A waiting period follows the application."),
                ("Confirm", "Both partners come back to confirm and receive the divorce certificates."),
            ],
            "Sample: the waiting period set by law, then on the day of confirmation.",
            "<p>Civil Code of the People's Republic of China (marriage and family book)</p>",
            MARRIAGE_OFFICE,
            MARRIAGE_ADDRESS,
            _at(2024, 3, 14),
            date(2026, 6, 2),
        ),
    ],
    ENTRY_EXIT: [
        SampleGuide(
            "extending-a-visa",
            "[Sample] Extending a visa",
            "how a foreign visitor in Hengyang applies to stay longer than the visa allows.",
            "Foreign nationals in Hengyang whose permitted stay is about to end and who have a "
            "reason to stay longer.",
            [
                "You apply before your permitted stay ends.",
                "You have a reason for the extension (for example treatment, family matters or business).",
            ],
            [
                ("Valid passport", "with the current visa"),
                ("Application form for a visa extension", "filled in and signed"),
                ("One recent passport photo", ""),
                ("Registration of your accommodation", "from the hotel or police station"),
                ("Proof of the reason for the extension", ""),
            ],
            [
                ("Apply early", "Apply at least seven days before your permitted stay ends."),
                ("Submit", "Bring the materials to the service hall; your passport is kept for processing."),
                ("Collect", "Collect your passport with the new visa on the date given."),
            ],
            "Sample: up to 7 working days after the application is accepted.",
            EXIT_ENTRY_LAW,
            EXIT_ENTRY_HALL,
            EXIT_ENTRY_ADDRESS,
            _at(2024, 3, 20),
            date(2026, 10, 8),
            online_link="https://example.org/sample-online-visa-service",
            forms=["visa-extension-application-form"],
        ),
        SampleGuide(
            "reporting-temporary-accommodation",
            "[Sample] Reporting temporary accommodation",
            "how foreign guests who do not stay in a hotel, or their hosts, report the stay.",
            "Foreign nationals staying in a private home or a rented flat in Hengyang, and the "
            "people who host them.",
            ["The stay is reported within 24 hours of arrival."],
            [
                ("Guest's passport", "original"),
                ("Registration form for temporary accommodation", "filled in"),
                ("Host's identity card and proof of the address", "for example a tenancy agreement"),
            ],
            [
                ("Fill in the form", "The guest or host fills in the registration form."),
                ("Report", "Report at the local police station, or online where available."),
                ("Keep the receipt", "Keep the registration receipt with your passport."),
            ],
            "Sample: on the spot.",
            EXIT_ENTRY_LAW,
            "Local police station (sample)",
            "Sample address: the police station of the area where you stay",
            _at(2024, 3, 22),
            date(2026, 10, 8),
            fees="Free of charge.",
            online_link="https://example.org/sample-accommodation-report",
            forms=["temporary-accommodation-registration-form"],
        ),
    ],
    RESIDENCE: [
        SampleGuide(
            "residence-permit-for-work",
            "[Sample] Residence permit for work",
            "how a foreign employee in Hengyang applies for a residence permit for work.",
            "Foreign nationals who have a work permit for a job in Hengyang.",
            [
                "You have a valid work permit for a Hengyang employer.",
                "You entered China with a work visa, or can change your status.",
                "You apply within 30 days of entry.",
            ],
            [
                ("Valid passport", "original and one copy"),
                ("Work permit", "original and one copy"),
                ("Application form for a foreigner's residence permit", "filled in and signed"),
                ("Health examination certificate", "where required"),
                ("Registration of your accommodation", ""),
                ("Letter from your employer", ""),
            ],
            [
                ("Get your work permit", "Your employer applies for the work permit first."),
                ("Apply", "Bring the materials to the service hall within 30 days of entry."),
                ("Biometrics", "Your fingerprints and photo are taken at the hall."),
                ("Collect", "Collect your passport with the residence permit on the date given."),
            ],
            "Sample: up to 15 working days after the application is accepted.",
            EXIT_ENTRY_LAW,
            EXIT_ENTRY_HALL,
            EXIT_ENTRY_ADDRESS,
            _at(2024, 4, 2),
            date(2026, 8, 20),
            forms=["residence-permit-application-form"],
        ),
        SampleGuide(
            "residence-permit-for-family-reunion",
            "[Sample] Residence permit for family reunion",
            "how a foreign family member of a Chinese citizen or of a foreign resident applies "
            "for a residence permit.",
            "Spouses, parents and children under 18 of Chinese citizens or of foreigners who "
            "hold a residence permit in Hengyang.",
            [
                "Your family member lives in Hengyang.",
                "You can prove the family relationship.",
            ],
            [
                ("Valid passport", "original and one copy"),
                ("Application form for a foreigner's residence permit", "filled in and signed"),
                ("Proof of the family relationship", "authenticated, with a Chinese translation"),
                ("Family member's identity card or residence permit", "copy"),
            ],
            [
                ("Apply", "Bring the materials to the service hall."),
                ("Biometrics", "Your fingerprints and photo are taken."),
                ("Collect", "Collect your passport with the residence permit."),
            ],
            "Sample: up to 15 working days after the application is accepted.",
            EXIT_ENTRY_LAW,
            EXIT_ENTRY_HALL,
            EXIT_ENTRY_ADDRESS,
            _at(2024, 4, 4),
            date(2026, 8, 20),
            forms=["residence-permit-application-form"],
        ),
    ],
    SERVICE_GUIDE: [
        SampleGuide(
            "getting-a-library-card",
            "[Sample] Getting a library card",
            "how residents and foreign visitors get a card for the municipal library.",
            "Anyone who lives, works or studies in Hengyang, including foreign nationals.",
            ["You have an identity card or a passport."],
            [
                ("Identity card or passport", "original"),
                ("Application form for a library card", "filled in"),
                ("Deposit", "for a borrowing card only"),
            ],
            [
                ("Fill in the form", "At the service desk or in advance."),
                ("Get the card", "Staff issue the card on the spot."),
            ],
            "Sample: on the spot.",
            "<p>Public Library Law of the People's Republic of China</p>",
            "Service desk, Hengyang Municipal Library (sample)",
            "Sample address: 3 Example Road, Hengyang, Hunan Province",
            _at(2024, 4, 15),
            date(2026, 5, 11),
            fees="Free of charge (a refundable deposit for a borrowing card, sample).",
            opening_hours="Tuesday to Sunday, 9:00-20:00 (sample hours)",
            online_link="https://example.org/sample-library-card",
            forms=["library-card-application-form"],
        ),
        SampleGuide(
            "registering-with-a-community-health-station",
            "[Sample] Registering with a community health station",
            "how residents, including foreign residents, register with a community health "
            "station and a family doctor.",
            "Residents of Hengyang, including foreign nationals with a residence permit.",
            ["You live in the area served by the health station."],
            [
                ("Identity card, or passport and residence permit", "original"),
                ("Registration form for a community health station", "filled in"),
            ],
            [
                ("Find your station", "Ask your residents' committee which station serves your address."),
                ("Register", "Bring the form and your identity document to the station."),
                ("Meet your family doctor", "The station arranges a first appointment."),
            ],
            "Sample: on the spot.",
            "<p>Law of the People's Republic of China on Basic Medical and Health Care and "
            "the Promotion of Health</p>",
            "Your community health station (sample)",
            "Sample address: the station serving your residential area",
            _at(2024, 4, 18),
            date(2026, 5, 11),
            fees="Free of charge (sample).",
            opening_hours="Monday to Saturday, 8:00-17:30 (sample hours)",
            forms=["health-station-registration-form"],
        ),
    ],
}


def _guide_channel(*, title: str, slug: str, chinese_name: str = "") -> Page:
    return GuideChannelPage(title=title, slug=slug, chinese_name=chinese_name)


CHANNELS = dict.fromkeys(GUIDE_CHANNELS, _guide_channel)


def _publish(channel: Page, sample: SampleGuide, forms: dict) -> ServiceGuidePage:
    page = ServiceGuidePage(
        title=sample.title,
        slug=sample.slug,
        summary=SAMPLE_PREFIX + sample.summary + CHECK_WITH_OFFICE,
        audience=sample.audience,
        conditions="<ul>" + "".join(f"<li>{c}</li>" for c in sample.conditions) + "</ul>",
        materials=[("material", {"name": name, "note": note}) for name, note in sample.materials],
        procedure=[("step", {"title": title, "details": details}) for title, details in sample.steps],
        fees=sample.fees,
        time_limit=sample.time_limit,
        legal_basis=sample.legal_basis,
        office=sample.office,
        address=sample.address,
        opening_hours=sample.opening_hours,
        phone=sample.phone,
        online_link=sample.online_link,
        no_online_service=not sample.online_link,
        no_forms_needed=not sample.forms,
        last_reviewed=sample.last_reviewed,
        first_published_at=sample.published,
    )
    page.related_forms = [
        GuideRelatedForm(form=forms[slug], sort_order=i) for i, slug in enumerate(sample.forms)
    ]
    channel.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def populate(channels: dict, home: Page, progress) -> None:
    forms = documents_demo.ensure_library(channels, documents_demo.FORMS)
    for key in GUIDE_CHANNELS:
        for sample in SAMPLE_GUIDES[key]:
            _publish(channels[key], sample, forms)
