"""The opinion rate limit: each sender's burst and each link's, in the database, keeping nobody.

Across two app servers it is tested in tests/web/test_two_servers.py.
"""

import datetime
import ipaddress

from django.test import override_settings
from django.urls import reverse

from tests.web.meetings.base import MeetingTestCase
from zhenggai.meetings import opinions, ratelimit
from zhenggai.meetings.models import RateCount

WINDOW = 600


@override_settings(OPINION_SENDER_LIMIT=2, OPINION_LINK_LIMIT=5, OPINION_LIMIT_WINDOW=WINDOW)
class LimitOpinionsTestCase(MeetingTestCase):
    def setUp(self):
        super().setUp()
        self.link = self.new_link()

    def new_link(self):
        return opinions.create_link(
            self.office, self.meeting, expires_on=self.today + datetime.timedelta(days=7)
        )

    def send(self, sender: str, link=None, text: str = "希望多到基层一线调研，少开会多办实事。"):
        link = link or self.link
        form = {
            "text": text,
            "about": "",
            "aspect": "",
            "form_token": opinions.form_token(link),
            "website": "",
        }
        url = reverse("meetings:collect", args=[link.token])
        return self.visitor.post(url, form, REMOTE_ADDR=sender).status_code

    def test_one_sender_over_his_limit_does_not_shut_the_form_for_others(self):
        self.assertEqual([self.send("203.0.113.1") for _ in range(4)], [200, 200, 429, 429])
        self.assertEqual(self.send("198.51.100.2"), 200)
        self.assertEqual(self.stored(), 3)

    def test_a_refused_senders_tries_do_not_use_up_the_link(self):
        for _ in range(20):
            self.send("203.0.113.1")  # 2 accepted, 18 refused: only the 2 count against the link
        self.assertEqual([self.send(f"198.51.100.{n}") for n in range(1, 4)], [200, 200, 200])

    def test_a_link_takes_a_limited_number_from_many_senders(self):
        codes = [self.send(f"198.51.100.{n}") for n in range(1, 8)]
        self.assertEqual(codes, [200] * 5 + [429] * 2)
        self.assertEqual(self.send("198.51.100.99", link=self.new_link()), 200)  # another link is open

    def test_the_window_slides_and_then_forgets(self):
        admit = ratelimit.admit
        self.assertEqual([admit(self.link.pk, "203.0.113.1", now=t) for t in (0, 1, 2)], [True, True, False])
        # Early in the next window the tries of the last one still weigh almost fully.
        self.assertFalse(admit(self.link.pk, "203.0.113.1", now=WINDOW + 10))
        self.assertTrue(admit(self.link.pk, "203.0.113.1", now=3 * WINDOW))
        # Counters of windows that no longer count are gone.
        self.assertEqual(set(RateCount.objects.values_list("period", flat=True)), {3})

    def test_a_visit_forgets_old_counters(self):
        ratelimit.admit(self.link.pk, "203.0.113.1", now=0)
        self.visitor.get(reverse("meetings:collect", args=[self.link.token]))
        self.assertFalse(RateCount.objects.exists())

    def test_a_sender_is_a_bucket_that_changes_every_window(self):
        buckets = [ratelimit.sender_bucket("203.0.113.77", period) for period in range(12)]
        for bucket in buckets:
            self.assertRegex(bucket, r"^[0-9a-f]{4}$")
        self.assertGreater(len(set(buckets)), 1)
        self.assertEqual(buckets[0], ratelimit.sender_bucket("203.0.113.77", 0))

    def test_an_ipv6_sender_is_counted_by_his_network(self):
        network = ipaddress.ip_network("2001:db8:1:2::/64")
        first, other = network[1], network[2**40]
        self.assertEqual(ratelimit.sender_bucket(str(first), 7), ratelimit.sender_bucket(str(other), 7))
        self.assertEqual(
            [self.send(str(first)), self.send(str(other)), self.send(str(network[5]))], [200, 200, 429]
        )
