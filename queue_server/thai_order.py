"""Lists of Thai names in the order a Thai reader looks them up."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from pythainlp.util import collate

T = TypeVar("T")


def in_thai_order(items: Iterable[T], name: Callable[[T], str], tie: Callable[[T], str]) -> list[T]:
    """Dictionary order (a leading vowel such as เ or โ does not sort first); ``tie`` breaks ties.

    Plain string order would put every เทศบาล… after every อบต…: code points
    sort the leading vowels after all consonants.
    """
    listed = list(items)
    rank = {text: i for i, text in enumerate(collate({name(item) for item in listed}))}
    return sorted(listed, key=lambda item: (rank[name(item)], tie(item)))
