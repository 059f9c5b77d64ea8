from datetime import datetime
from zoneinfo import ZoneInfo

from cityportal.demo.bulk import spread
from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE, sample_items

NEWEST = datetime(2024, 5, 17, 16, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_same_seed_same_items():
    first = list(sample_items("current-news/hot-news", 50, newest=NEWEST, seed="s1"))
    again = list(sample_items("current-news/hot-news", 50, newest=NEWEST, seed="s1"))
    assert first == again


def test_other_seed_or_channel_other_items():
    base = list(sample_items("current-news/hot-news", 20, newest=NEWEST, seed="s1"))
    assert base != list(sample_items("current-news/hot-news", 20, newest=NEWEST, seed="s2"))
    assert base != list(sample_items("life/health", 20, newest=NEWEST, seed="s1"))


def test_items_say_they_are_samples_newest_first():
    items = list(sample_items("tourism/travel-tips", 30, newest=NEWEST, seed="s1"))
    assert len(items) == 30
    assert items[0].first_published_at == NEWEST
    times = [item.first_published_at for item in items]
    assert times == sorted(times, reverse=True) and len(set(times)) == len(times)
    for item in items:
        assert item.title.startswith(SAMPLE_MARK + " ")
        assert item.paragraphs[0] == SAMPLE_NOTICE
        assert item.tags and item.summary
    assert len({item.slug for item in items}) == 30


def test_numbering_continues_from_first_number():
    default = list(sample_items("life/health", 5, newest=NEWEST, seed="s1"))
    assert [item.slug.rsplit("-", 1)[1] for item in default] == ["5", "4", "3", "2", "1"]
    assert default == list(sample_items("life/health", 5, newest=NEWEST, seed="s1", first_number=1))
    later = list(sample_items("life/health", 3, newest=NEWEST, seed="s1", first_number=6))
    assert [item.slug.rsplit("-", 1)[1] for item in later] == ["8", "7", "6"]
    assert "(sample item 8)" in later[0].paragraphs[1]
    # Numbering does not change the random choices: same titles and dates as the default run.
    assert [i.title for i in later] == [i.title for i in default[:3]]


def test_spread_is_even_and_exact():
    assert spread(300, 49) == [7] * 6 + [6] * 43
    assert spread(10_000, 49)[0] - spread(10_000, 49)[-1] <= 1
    assert sum(spread(100_000, 49)) == 100_000
    assert spread(3, 5) == [1, 1, 1, 0, 0]
