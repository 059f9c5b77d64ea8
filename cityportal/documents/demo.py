"""Demo content of the documents app: five document libraries with sample documents and
forms, each with small generated files (PDF, DOCX, XLSX, ODT).

Everything is sample content: titles start with "[Sample]", the first paragraph says the
document is not official, and every generated file says "SAMPLE". Some documents are
amended or repealed and link to what replaced them. Deterministic: fixed dates and
file bytes that depend only on the text.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.files.base import ContentFile
from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ
from cityportal.documents import sample_files
from cityportal.documents.models import DocumentAttachment, DocumentLibraryPage, DocumentPage, PortalDocument

SAMPLE_NOTICE = (
    "Sample content: this document was written for the cityportal demonstration site. It is "
    "not an official document of any government body and has no legal effect."
)
NO_TEXT = "The text of this sample document is in the attached file."

FORMS = ("online-service", "forms-for-download")
LAWS = ("e-government", "laws-and-regulations")
PLANNING = ("e-government", "development-planning")
INVESTMENT_POLICIES = ("investment", "investment-policies")
TAXATION = ("investment", "taxation")
LIBRARIES = [FORMS, LAWS, PLANNING, INVESTMENT_POLICIES, TAXATION]

EXIT_ENTRY = "Exit-Entry Administration, Hengyang Public Security Bureau"
CIVIL_AFFAIRS = "Hengyang Civil Affairs Bureau"
GOVERNMENT = "Hengyang Municipal People's Government"
GENERAL_OFFICE = "General Office of Hengyang Municipal People's Government"
CONGRESS = "Standing Committee of Hengyang Municipal People's Congress"
PLANNING_BUREAU = "Hengyang Natural Resources and Planning Bureau"
CULTURE_BUREAU = "Hengyang Bureau of Culture, Tourism, Radio and Television"
TRANSPORT_BUREAU = "Hengyang Transport Bureau"
COMMERCE_BUREAU = "Hengyang Bureau of Commerce"
TAX_SERVICE = "Hengyang Municipal Tax Service"
HEALTH_COMMISSION = "Hengyang Health Commission"
LIBRARY = "Hengyang Municipal Library"

# Lines of the generated form files: what a paper form asks for.
PERSON_FIELDS = [
    "Full name (as in passport): ________________________________",
    "Nationality: ____________________   Date of birth: ____________",
    "Passport number: ____________________   Valid until: ___________",
    "Address in Hengyang: ________________________________________",
    "Telephone: ____________________   E-mail: ______________________",
]
SIGNATURE = "Signature of applicant: ____________________   Date: ____________"


@dataclass
class SampleFile:
    filename: str
    kind: str  # pdf, docx, xlsx or odt
    label: str = ""
    lines: list[str] = field(default_factory=list)

    def content(self, title: str) -> bytes:
        if self.kind == "pdf":
            return sample_files.pdf_bytes(title, self.lines)
        if self.kind == "docx":
            return sample_files.docx_bytes(title, self.lines)
        if self.kind == "xlsx":
            return sample_files.xlsx_bytes(title, [line.split("|") for line in self.lines])
        if self.kind == "odt":
            return sample_files.odt_bytes(title, self.lines)
        raise ValueError(self.kind)


@dataclass
class SampleDocument:
    slug: str
    title: str
    issuer: str
    issued: date
    summary: str
    paragraphs: list[str] = field(default_factory=list)
    number: str = ""
    effective: date | None = None
    status: str = DocumentPage.IN_FORCE
    replaced_by: str = ""  # slug of the replacing document, in the same library
    files: list[SampleFile] = field(default_factory=list)

    @property
    def published(self) -> datetime:
        """First publication: the morning after the issue date (city time)."""
        return datetime(self.issued.year, self.issued.month, self.issued.day, 9, 30, tzinfo=CITY_TZ)


def _pdf(slug: str, lines: list[str], label: str = "") -> SampleFile:
    return SampleFile(f"sample-{slug}.pdf", "pdf", label, lines)


def _text_pdf(slug: str, summary: str) -> SampleFile:
    return _pdf(slug, [summary[i : i + 90] for i in range(0, min(len(summary), 450), 90)])


SAMPLE_DOCUMENTS: dict[tuple[str, str], list[SampleDocument]] = {
    FORMS: [
        SampleDocument(
            "application-form-for-chinese-nationality",
            "[Sample] Application form for Chinese nationality",
            EXIT_ENTRY,
            date(2023, 3, 1),
            "Sample form for foreign nationals who apply to acquire Chinese nationality. "
            "Fill it in, sign it and bring it with the other materials to the service hall.",
            number="Sample Form NAT-01",
            files=[
                SampleFile(
                    "sample-application-for-chinese-nationality.pdf",
                    "pdf",
                    "Application form to print",
                    [*PERSON_FIELDS, "Reason for applying: _____________________________", SIGNATURE],
                ),
                SampleFile(
                    "加入中国国籍申请表-样例.docx",
                    "docx",
                    "Editable form in Chinese",
                    [
                        "姓名：",
                        "国籍：",
                        "护照号码：",
                        "在衡阳住址：",
                        "申请理由：",
                        "申请人签名：    日期：",
                    ],
                ),
            ],
        ),
        SampleDocument(
            "marriage-registration-declaration-form",
            "[Sample] Declaration form for registering a marriage with a foreign national",
            CIVIL_AFFAIRS,
            date(2023, 4, 10),
            "Sample declaration that both parties sign when they register their marriage, "
            "stating that they are unmarried and not closely related.",
            number="Sample Form MAR-01",
            files=[
                _pdf(
                    "marriage-registration-declaration-form",
                    [
                        "Party 1 - full name: ____________________  Nationality: __________",
                        "Party 2 - full name: ____________________  Nationality: __________",
                        "We declare that neither of us is married and that we are not",
                        "lineal relatives or collateral relatives within three generations.",
                        "Signatures: ____________________   ____________________",
                    ],
                    "Declaration form",
                ),
                SampleFile(
                    "sample-marriage-registration-declaration-form.odt",
                    "odt",
                    "Editable declaration",
                    ["Party 1 - full name:", "Party 2 - full name:", "Declaration:", "Signatures:"],
                ),
            ],
        ),
        SampleDocument(
            "residence-permit-application-form",
            "[Sample] Application form for a foreigner's residence permit",
            EXIT_ENTRY,
            date(2023, 5, 8),
            "Sample form for foreign nationals who apply for, extend or change a residence permit "
            "for work, study or family reunion.",
            number="Sample Form RES-01",
            files=[
                _pdf(
                    "residence-permit-application-form",
                    [
                        *PERSON_FIELDS,
                        "Purpose of residence: [ ] work  [ ] study  [ ] family reunion  [ ] other",
                        "Employer or school: ______________________________________",
                        SIGNATURE,
                    ],
                    "Application form",
                )
            ],
        ),
        SampleDocument(
            "visa-extension-application-form",
            "[Sample] Application form for a visa extension",
            EXIT_ENTRY,
            date(2023, 6, 12),
            "Sample form for foreign visitors who ask to stay longer than their visa allows. "
            "This edition replaces the 2019 edition.",
            number="Sample Form VIS-02",
            files=[
                _pdf(
                    "visa-extension-application-form",
                    [
                        *PERSON_FIELDS,
                        "Visa type: ________   Stay allowed until: ____________",
                        "Extension requested until: ____________   Reason: ____________",
                        SIGNATURE,
                    ],
                    "Application form",
                )
            ],
        ),
        SampleDocument(
            "visa-extension-application-form-2019",
            "[Sample] Application form for a visa extension (2019 edition)",
            EXIT_ENTRY,
            date(2019, 2, 18),
            "The earlier sample edition of the visa extension form, kept for reference. "
            "Use the current edition instead.",
            number="Sample Form VIS-01",
            status=DocumentPage.REPEALED,
            replaced_by="visa-extension-application-form",
            files=[_pdf("visa-extension-application-form-2019", [*PERSON_FIELDS, SIGNATURE])],
        ),
        SampleDocument(
            "temporary-accommodation-registration-form",
            "[Sample] Registration form for temporary accommodation",
            EXIT_ENTRY,
            date(2023, 2, 20),
            "Sample form with which a foreign guest staying outside a hotel, or the host, "
            "reports the stay to the local police station within 24 hours of arrival.",
            number="Sample Form ACC-01",
            files=[
                _pdf(
                    "temporary-accommodation-registration-form",
                    [
                        *PERSON_FIELDS[:3],
                        "Address of stay: ____________________________________________",
                        "Arrival date: ____________   Expected departure: ____________",
                        "Host's name and telephone: __________________________________",
                        SIGNATURE,
                    ],
                    "Registration form",
                ),
                SampleFile(
                    "sample-accommodation-register.xlsx",
                    "xlsx",
                    "Register of guests for hosts",
                    ["Name|Nationality|Passport number|Arrival|Departure", "|||||"],
                ),
            ],
        ),
        SampleDocument(
            "library-card-application-form",
            "[Sample] Application form for a library card",
            LIBRARY,
            date(2023, 8, 1),
            "Sample form for residents and foreign visitors who want a library card.",
            number="Sample Form LIB-01",
            files=[
                _pdf(
                    "library-card-application-form",
                    [
                        "Full name: ________________________________",
                        "Identity card or passport number: __________________",
                        "Telephone: ____________________",
                        "Card type: [ ] reading room only  [ ] borrowing",
                        SIGNATURE,
                    ],
                    "Application form",
                )
            ],
        ),
        SampleDocument(
            "health-station-registration-form",
            "[Sample] Registration form for a community health station",
            HEALTH_COMMISSION,
            date(2023, 9, 4),
            "Sample form for registering with the community health station near your home for "
            "basic health services and a family doctor.",
            number="Sample Form HEA-01",
            files=[
                _pdf(
                    "health-station-registration-form",
                    [*PERSON_FIELDS, "Preferred language: [ ] Chinese  [ ] English", SIGNATURE],
                    "Registration form",
                )
            ],
        ),
    ],
    LAWS: [
        SampleDocument(
            "city-appearance-regulations-2023",
            "[Sample] Regulations on City Appearance and Environmental Sanitation (2023 revision)",
            CONGRESS,
            date(2023, 9, 28),
            "Sample regulations on keeping streets, squares and building fronts clean and tidy, "
            "replacing the 2016 sample regulations.",
            number="[2023] Sample Announcement No. 7",
            effective=date(2024, 1, 1),
            paragraphs=[
                "Article 1: These sample regulations show how the portal presents a local "
                "regulation: its number, issuing body, dates and status.",
                "Article 2: They apply, as sample text, to the upkeep of public streets, squares "
                "and the fronts of buildings in the urban area.",
            ],
        ),
        SampleDocument(
            "city-appearance-regulations-2016",
            "[Sample] Regulations on City Appearance and Environmental Sanitation (2016)",
            CONGRESS,
            date(2016, 7, 1),
            "The earlier sample regulations, repealed when the 2023 revision took effect.",
            number="[2016] Sample Announcement No. 3",
            effective=date(2016, 10, 1),
            status=DocumentPage.REPEALED,
            replaced_by="city-appearance-regulations-2023",
        ),
        SampleDocument(
            "ancient-trees-protection-measures",
            "[Sample] Measures for the Protection of Ancient and Famous Trees",
            GOVERNMENT,
            date(2021, 5, 20),
            "Sample measures on recording, protecting and caring for old and notable trees in "
            "parks, villages and streets.",
            number="Sample Decree No. 12",
            effective=date(2021, 7, 1),
        ),
        SampleDocument(
            "public-parking-amendment-decision",
            "[Sample] Decision on Amending the Measures for the Administration of Public Parking",
            GOVERNMENT,
            date(2022, 11, 15),
            "Sample decision amending the 2018 sample parking measures: parking apps and "
            "charging points for electric vehicles.",
            number="Sample Decree No. 19",
            effective=date(2023, 1, 1),
        ),
        SampleDocument(
            "public-parking-measures-2018",
            "[Sample] Measures for the Administration of Public Parking (2018)",
            GOVERNMENT,
            date(2018, 4, 2),
            "Sample measures on public car parks and on-street parking, amended in 2022.",
            number="Sample Decree No. 5",
            effective=date(2018, 6, 1),
            status=DocumentPage.AMENDED,
            replaced_by="public-parking-amendment-decision",
        ),
        SampleDocument(
            "festival-fireworks-provisions",
            "[Sample] Provisions on Fireworks Safety during Festivals",
            GENERAL_OFFICE,
            date(2015, 12, 1),
            "Sample provisions that have been repealed without replacement.",
            number="[2015] Sample Office Document No. 40",
            status=DocumentPage.REPEALED,
        ),
    ],
    PLANNING: [
        SampleDocument(
            "green-space-system-plan",
            "[Sample] Urban Green Space System Plan (2021-2035)",
            PLANNING_BUREAU,
            date(2022, 3, 15),
            "Sample plan for parks, riverside green belts and street trees, with targets for "
            "green space per resident.",
            number="[2022] Sample Planning Document No. 2",
            files=[
                SampleFile(
                    "sample-green-space-targets.xlsx",
                    "xlsx",
                    "Targets table",
                    [
                        "Indicator|2025 (sample)|2035 (sample)",
                        "Park green space per resident (m2)|12|15",
                        "Residents within 500 m of a park (%)|85|95",
                    ],
                )
            ],
        ),
        SampleDocument(
            "mount-heng-cultural-tourism-plan",
            "[Sample] Plan for Cultural Tourism around Mount Heng (2021-2025)",
            CULTURE_BUREAU,
            date(2021, 8, 30),
            "Sample plan for visitor services, trails and cultural events around Mount Heng "
            "(Nanyue), one of China's five great mountains.",
            number="[2021] Sample Planning Document No. 9",
        ),
        SampleDocument(
            "public-transport-plan",
            "[Sample] Public Transport Development Plan (2020-2025)",
            TRANSPORT_BUREAU,
            date(2020, 10, 12),
            "Sample plan for bus routes, bus lanes and interchanges between buses and railway stations.",
            number="[2020] Sample Planning Document No. 4",
            files=[
                SampleFile(
                    "sample-public-transport-plan.odt",
                    "odt",
                    "Plan text",
                    ["Chapter 1 Present situation (sample)", "Chapter 2 Targets (sample)"],
                )
            ],
        ),
    ],
    INVESTMENT_POLICIES: [
        SampleDocument(
            "foreign-capital-support-measures-2024",
            "[Sample] Measures to Support Enterprises with Foreign Capital (2024 revision)",
            COMMERCE_BUREAU,
            date(2024, 2, 26),
            "Sample measures on one-stop services, land, talent and financing for "
            "enterprises with foreign capital.",
            number="[2024] Sample Commerce Document No. 3",
            effective=date(2024, 3, 1),
        ),
        SampleDocument(
            "foreign-capital-support-measures-2020",
            "[Sample] Measures to Support Enterprises with Foreign Capital (2020)",
            COMMERCE_BUREAU,
            date(2020, 5, 11),
            "The 2020 sample measures, amended by the 2024 revision.",
            number="[2020] Sample Commerce Document No. 6",
            status=DocumentPage.AMENDED,
            replaced_by="foreign-capital-support-measures-2024",
        ),
        SampleDocument(
            "industrial-land-incentive-guidelines",
            "[Sample] Guidelines for Applying for Industrial Land Use Incentives",
            GENERAL_OFFICE,
            date(2023, 7, 3),
            "Sample guidelines on who may apply for land use incentives in industrial parks and "
            "how applications are assessed.",
            number="[2023] Sample Office Document No. 21",
            files=[
                SampleFile(
                    "sample-land-incentive-application.docx",
                    "docx",
                    "Application template",
                    ["Company name:", "Project:", "Land area requested (m2):", "Amount (sample):"],
                )
            ],
        ),
    ],
    TAXATION: [
        SampleDocument(
            "tax-registration-new-enterprises",
            "[Sample] Notice on Tax Registration Procedures for New Enterprises",
            TAX_SERVICE,
            date(2023, 1, 9),
            "Sample notice on registering a new enterprise for tax, online or at a tax service "
            "hall, and the documents needed.",
            number="[2023] Sample Tax Notice No. 1",
            files=[
                SampleFile(
                    "sample-tax-registration-checklist.xlsx",
                    "xlsx",
                    "Checklist of documents",
                    ["Document|Original|Copy", "Business licence|Yes|1", "Legal representative's ID|Yes|1"],
                )
            ],
        ),
        SampleDocument(
            "invoices-guide-foreign-enterprises",
            "[Sample] Guide to Invoices for Enterprises with Foreign Capital",
            TAX_SERVICE,
            date(2022, 6, 6),
            "Sample guide to issuing and receiving electronic invoices.",
            number="[2022] Sample Tax Notice No. 8",
        ),
        SampleDocument(
            "small-business-tax-relief-2023",
            "[Sample] Notice on Tax Relief for Small Businesses (2023)",
            TAX_SERVICE,
            date(2023, 3, 20),
            "Sample notice on reduced rates for small businesses, replacing the 2021 sample notice.",
            number="[2023] Sample Tax Notice No. 4",
        ),
        SampleDocument(
            "small-business-tax-relief-2021",
            "[Sample] Notice on Tax Relief for Small Businesses (2021)",
            TAX_SERVICE,
            date(2021, 4, 7),
            "The 2021 sample notice, repealed and replaced by the 2023 sample notice.",
            number="[2021] Sample Tax Notice No. 2",
            status=DocumentPage.REPEALED,
            replaced_by="small-business-tax-relief-2023",
        ),
    ],
}


def _library(*, title: str, slug: str, chinese_name: str = "") -> Page:
    return DocumentLibraryPage(title=title, slug=slug, chinese_name=chinese_name)


CHANNELS = dict.fromkeys(LIBRARIES, _library)


def _stored_file(sample: SampleFile, title: str) -> PortalDocument:
    data = sample.content(title)
    document = PortalDocument(title=f"{title} - {sample.label}" if sample.label else title)
    document.file = ContentFile(data, name=sample.filename)
    document.full_clean()  # the same check as an upload in the admin
    document.file_size = len(data)
    document.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    document.save()
    return document


def _publish(library: Page, sample: SampleDocument, replaced_by: DocumentPage | None) -> DocumentPage:
    paragraphs = [SAMPLE_NOTICE, *(sample.paragraphs or [NO_TEXT])]
    page = DocumentPage(
        title=sample.title,
        slug=sample.slug,
        document_number=sample.number,
        issuing_body=sample.issuer,
        issue_date=sample.issued,
        effective_date=sample.effective,
        status=sample.status,
        replaced_by=replaced_by,
        summary=sample.summary,
        full_text=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
        first_published_at=sample.published,
    )
    files = sample.files or [_text_pdf(sample.slug, sample.summary)]
    page.attachments = [
        DocumentAttachment(document=_stored_file(f, sample.title), label=f.label, sort_order=i)
        for i, f in enumerate(files)
    ]
    library.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_library(channels: dict, key: tuple[str, str]) -> dict[str, DocumentPage]:
    """The sample documents of one library, by slug, created on first use (the services
    demo needs the forms before this app's turn comes)."""
    library = channels[key]
    existing = {p.slug: p for p in DocumentPage.objects.child_of(library)}
    if existing:
        return existing
    created: dict[str, DocumentPage] = {}
    samples = SAMPLE_DOCUMENTS[key]
    # Replacements first, so that each older document can link to its replacement.
    for sample in sorted(samples, key=lambda s: bool(s.replaced_by)):
        created[sample.slug] = _publish(library, sample, created.get(sample.replaced_by))
    return created


def populate(channels: dict, home: Page, progress) -> None:
    for key in LIBRARIES:
        ensure_library(channels, key)
