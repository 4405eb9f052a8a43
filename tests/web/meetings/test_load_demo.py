"""The demo's meeting: on the demo's 2021 source, with notice, aspects, opinions and talks; loaded once."""

from django.test import TestCase
from django.urls import reverse

from zhenggai.meetings.demo import load_meeting_demo
from zhenggai.meetings.models import Meeting, Opinion, Talk
from zhenggai.meetings.talks import coverage
from zhenggai.orgs.models import User
from zhenggai.web import demo


class LoadDemoTestCase(TestCase):
    def test_it_needs_the_ledger_demo(self):
        self.assertFalse(load_meeting_demo())
        self.assertFalse(Meeting.objects.exists())

    def test_it_loads_once_on_the_demo_source(self):
        demo.load()  # web-core's demo calls load_meeting_demo() itself
        load_meeting_demo()
        self.assertFalse(load_meeting_demo())
        meeting = Meeting.objects.get()
        self.assertEqual(meeting.source.title, "2021年度党史学习教育专题民主生活会")
        self.assertTrue(meeting.source.problems.exists())
        self.assertTrue(meeting.aspects_confirmed)
        self.assertEqual(meeting.aspects.count(), 5)
        self.assertEqual(meeting.members.count(), 4)
        self.assertEqual(Opinion.objects.count(), 7)
        self.assertEqual(Opinion.objects.filter(merged_into__isnull=False).count(), 1)
        self.assertEqual(Talk.objects.count(), 4)
        cover = coverage(meeting)
        self.assertEqual((cover.required_count, cover.done_count), (6, 4))

    def test_the_demo_member_sees_his_opinion(self):
        demo.load()
        load_meeting_demo()
        meeting = Meeting.objects.get()
        self.client.force_login(User.objects.get(username="zhangwei"))
        r = self.client.get(reverse("meetings:opinions", args=[meeting.pk]))
        self.assertContains(r, "联系群众不够经常")
        self.assertNotContains(r, "公务用车")
