"""The meetings tests' base: the web tests' named people with the team's 2021 meeting."""

from __future__ import annotations

from pathlib import Path

from django.test import Client

from tests.web.base import BaseTestCase
from zhenggai.meetings import holding, opinions, services
from zhenggai.meetings.models import Meeting

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8-sig")


class MeetingTestCase(BaseTestCase):
    """The team's 2021 民主生活会 with 王书记 (secretary), 张委员 (member) and 刘委员 (colleague).

    李主任 (office) runs it, 赵审核 (reviewer) reads it, 孙书记 (outsider) belongs to another team;
    `self.visitor` is a browser with no login at all.
    """

    def setUp(self) -> None:
        super().setUp()
        self.meeting = services.create_meeting(
            self.office,
            organisation=self.team,
            kind="democratic_life",
            year=2021,
            theme="党史学习教育专题",
            members=[self.secretary, self.member, self.colleague],
        )
        services.set_notice(self.office, self.meeting, text=corpus_text("seed-notice.txt"))
        self.aspects = list(self.meeting.aspects.all())
        self.visitor = Client()

    def url(self, name: str, *args: object) -> str:
        from django.urls import reverse

        return reverse(f"meetings:{name}", args=[self.meeting.pk, *args])

    def fresh(self) -> Meeting:
        return Meeting.objects.get(pk=self.meeting.pk)

    def published(self, link, text, about=None, aspect=None):
        """Send an opinion through the link and publish it at once, as its batch would be."""
        opinions.submit_opinion(link, text=text, about=about, aspect=aspect)
        holding.publish(link.meeting)
        return link.meeting.opinions.get(text=text)

    def publish(self) -> int:
        """Publish every opinion of the meeting waiting to be, as a batch would."""
        return holding.publish(self.meeting)

    def stored(self) -> int:
        """Opinions of the meeting kept in any form: published, or waiting to be."""
        return self.meeting.opinions.count() + self.meeting.held_opinions.count()
