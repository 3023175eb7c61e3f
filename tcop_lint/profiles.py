"""Editions of the Code: which topic is which numbered, titled point.

Rules are tagged with a topic, so one rule serves every edition; a new edition is one new entry.
"""

from __future__ import annotations

from typing import NamedTuple


class Point(NamedTuple):
    number: int
    topic: str
    title: str


class Profile(NamedTuple):
    name: str
    title: str
    points: tuple[Point, ...]

    def point_for(self, topic: str) -> Point | None:
        return next((p for p in self.points if p.topic == topic), None)


def _points(*rows: tuple[str, str]) -> tuple[Point, ...]:
    return tuple(
        Point(number, topic, title) for number, (topic, title) in enumerate(rows, 1)
    )


PROFILES: dict[str, Profile] = {
    "uk": Profile(
        "uk",
        "Technology Code of Practice (UK)",
        _points(
            ("user-needs", "Define user needs"),
            ("accessibility", "Make things accessible and inclusive"),
            ("open-source", "Be open and use open source"),
            ("open-standards", "Make use of open standards"),
            ("cloud-first", "Use cloud first"),
            ("security", "Make things secure"),
            ("privacy", "Make privacy integral"),
            ("share-reuse", "Share, reuse and collaborate"),
            ("integrate-adapt", "Integrate and adapt technology"),
            ("data", "Make better use of data"),
            ("purchasing", "Define your purchasing strategy"),
            ("sustainability", "Make your technology sustainable"),
            ("service-standard", "Meet the Service Standard"),
        ),
    ),
    "bc": Profile(
        "bc",
        "Technology Code of Practice (BC government draft)",
        _points(
            ("user-needs", "Define user needs"),
            ("accessibility", "Make things accessible"),
            ("open-source", "Be open and use open source"),
            ("open-standards", "Make use of open standards"),
            ("cloud-first", "Use cloud first"),
            ("security", "Make things secure"),
            ("privacy", "Make privacy integral"),
            ("share-reuse", "Share and reuse technology"),
            ("integrate-adapt", "Integrate and adapt technology"),
            ("data", "Make better use of data"),
            ("purchasing", "Define your purchasing strategy"),
            ("service-standard", "Meet the Digital Service Standard"),
        ),
    ),
}
DEFAULT_PROFILE = "uk"
