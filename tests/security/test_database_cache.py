"""The production profile's database cache (`CACHE_URL=db://`) counts logins exactly: an
increment is atomic across processes and keeps the entry's expiry (Django's DatabaseCache
lost increments under concurrency and reset the expiry to 300 s on every increment)."""

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import override_settings

from ats_site.settings.security import CACHE_TABLE, cache_from_url

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6
INCREMENTS_PER_THREAD = 15


@pytest.fixture
def database_cache() -> Iterator[object]:
    with override_settings(CACHES={"default": cache_from_url("db://")}):
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        cache.clear()
        yield cache


def _expires(cache_key: str) -> datetime:
    table = connection.ops.quote_name(CACHE_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [cache_key])  # noqa: S608
        return cursor.fetchone()[0]


def test_an_increment_keeps_the_entrys_expiry(database_cache) -> None:
    database_cache.add("window", 0, timeout=3600)
    key = database_cache.make_key("window")
    before = _expires(key)

    counts = [database_cache.incr("window") for _ in range(3)]
    database_cache.decr("window")

    assert counts == [1, 2, 3]
    assert database_cache.get("window") == 2
    assert _expires(key) == before  # an hourly window stays an hour (it was reset to 300 s)


def test_an_increment_of_a_missing_key_raises(database_cache) -> None:
    with pytest.raises(ValueError, match="not found"):
        database_cache.incr("never-set")


def test_concurrent_increments_are_all_counted(database_cache) -> None:
    database_cache.add("attempts", 0, timeout=3600)
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def hammer() -> None:
        try:
            start.wait()
            for _ in range(INCREMENTS_PER_THREAD):
                caches["default"].incr("attempts")
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=hammer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert database_cache.get("attempts") == THREADS * INCREMENTS_PER_THREAD


def test_a_flood_of_entries_never_evicts_a_lockout(database_cache) -> None:
    # Django's DatabaseCache deletes a third of the live entries, lowest keys first, once it
    # holds more than MAX_ENTRIES (300): a flood of new usernames evicted other accounts' locks.
    database_cache.set("fairmatch-lockout:until:victim", 1.0, timeout=3600)
    for n in range(320):
        database_cache.add(f"fairmatch-lockout:failures:flood-{n:04}", 1, timeout=3600)
    database_cache.set("expired", 1, timeout=-1)
    database_cache.add("one-more", 1, timeout=3600)

    assert database_cache.get("fairmatch-lockout:until:victim") == 1.0
    assert database_cache.get("fairmatch-lockout:failures:flood-0000") == 1
    assert database_cache.get("one-more") == 1
