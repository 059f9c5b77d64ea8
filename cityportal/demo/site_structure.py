"""The navigation tree of the Hengyang English portal: 9 sections, 53 entries.

Each entry is (title, slug, kind, Chinese name). Kinds: "channel" (a list of items),
"top_news" / "picture_news" (channels that gather featured items), "feeds" (the RSS
page) and "weather" (not a page: the section gets a menu entry to the weather area).
"""

CHANNEL = "channel"
TOP_NEWS = "top_news"
PICTURE_NEWS = "picture_news"
FEEDS = "feeds"
WEATHER = "weather"

SECTIONS: list[tuple[str, str, list[tuple[str, str, str, str]]]] = [
    (
        "About Hengyang",
        "about-hengyang",
        [
            ("Snapshot", "snapshot", CHANNEL, ""),
            ("Economy", "economy", CHANNEL, ""),
            ("History and Culture", "history-and-culture", CHANNEL, ""),
            ("Honors", "honors", CHANNEL, ""),
            ("Friendly Exchanges", "friendly-exchanges", CHANNEL, ""),
            ("City Cards", "city-cards", CHANNEL, ""),
            ("Maps of Hengyang", "maps-of-hengyang", CHANNEL, ""),
            ("Pictureview", "pictureview", CHANNEL, ""),
        ],
    ),
    (
        "Tourism",
        "tourism",
        [
            ("Top Eight Attractions", "top-eight-attractions", CHANNEL, ""),
            ("Tourist Routes", "tourist-routes", CHANNEL, ""),
            ("Tourism Dynamic", "tourism-dynamic", CHANNEL, ""),
            ("Hengyang Special", "hengyang-special", CHANNEL, ""),
            ("Transportation", "transportation", CHANNEL, ""),
            ("Travel Tips", "travel-tips", CHANNEL, ""),
        ],
    ),
    (
        "Investment",
        "investment",
        [
            ("Investment Environment", "investment-environment", CHANNEL, ""),
            ("Investment Dynamic", "investment-dynamic", CHANNEL, ""),
            ("Investment Projects", "investment-projects", CHANNEL, ""),
            ("Investment Guide", "investment-guide", CHANNEL, ""),
            ("Investment Policies", "investment-policies", CHANNEL, ""),
            ("Taxation", "taxation", CHANNEL, ""),
            ("Industrial Parks", "industrial-parks", CHANNEL, ""),
            ("Enterprise Focus", "enterprise-focus", CHANNEL, ""),
        ],
    ),
    (
        "Life",
        "life",
        [
            ("Shopping", "shopping", CHANNEL, ""),
            ("Health", "health", CHANNEL, ""),
            ("Cuisine", "cuisine", CHANNEL, ""),
            ("Education", "education", CHANNEL, ""),
            ("Employment", "employment", CHANNEL, ""),
            ("Church", "church", CHANNEL, ""),
            ("Service Guide", "service-guide", CHANNEL, ""),
        ],
    ),
    (
        "Current News",
        "current-news",
        [
            ("Hot News", "hot-news", CHANNEL, ""),
            ("Special Report", "special-report", CHANNEL, ""),
            ("Hot Report", "hot-report", CHANNEL, ""),
        ],
    ),
    (
        "E-Government",
        "e-government",
        [
            ("Officials", "officials", CHANNEL, ""),
            ("Departments", "departments", CHANNEL, ""),
            ("Laws and Regulations", "laws-and-regulations", CHANNEL, ""),
            ("Development Planning", "development-planning", CHANNEL, ""),
            ("Special Reports", "special-reports", CHANNEL, ""),
        ],
    ),
    (
        "Online Service",
        "online-service",
        [
            ("Naturalization", "naturalization", CHANNEL, ""),
            ("International Marriage", "international-marriage", CHANNEL, ""),
            ("Entry & Exit", "entry-and-exit", CHANNEL, ""),
            ("Residence Affairs", "residence-affairs", CHANNEL, ""),
            ("Mailbox of Government", "mailbox-of-government", CHANNEL, ""),
            ("FAQ", "faq", CHANNEL, ""),
            ("Online Investigation", "online-investigation", CHANNEL, ""),
            ("Forms for Download", "forms-for-download", CHANNEL, ""),
        ],
    ),
    (
        "User experience",
        "user-experience",
        [
            # The reference site leaves these three in Chinese; the English edition gives
            # them English titles and keeps the Chinese names.
            ("Information Architecture", "information-architecture", CHANNEL, "信息构建"),
            ("Usability", "usability", CHANNEL, "可用性"),
            ("Language Norms", "language-norms", CHANNEL, "语言规范"),
        ],
    ),
    (
        "Special Column",
        "special-column",
        [
            ("PictureNews", "picturenews", PICTURE_NEWS, ""),
            ("TopNews", "topnews", TOP_NEWS, ""),
            ("Video and Audio", "video-and-audio", CHANNEL, ""),
            ("RSS", "rss", FEEDS, ""),
            ("wea_f2", "", WEATHER, ""),
        ],
    ),
]

ALL_DOCS_LIST = ("AllDocsList", "alldocslist")
REFERENCE_CHANNEL = ("current-news", "hot-news")
