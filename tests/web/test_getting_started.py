"""An empty ledger and dashboard say how to start (导入整改台账, 新建会议, 粘贴巡察反馈意见), with links."""

from django.urls import reverse

from tests.web.base import BaseTestCase, make_person
from zhenggai.orgs.models import Organisation, Role

LINKS = ('href="/ledger/import/"', 'href="/meetings/new/"', 'href="/sources/new/"')


class GettingStartedTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.new_team = Organisation.objects.create(name="新成立党支部")
        self.new_secretary = make_person("newsecretary", "周书记", self.new_team, Role.SECRETARY)
        self.new_member = make_person("newmember", "吴委员", self.new_team, Role.MEMBER)

    def html(self, name):
        return self.client.get(reverse(name)).content.decode()

    def test_an_empty_ledger_and_dashboard_tell_the_secretary_how_to_start(self):
        self.login(self.new_secretary)
        for name in ("ledger:index", "ledger:dashboard"):
            html = self.html(name)
            for text in ("导入整改台账", "新建会议", "粘贴巡察反馈意见", *LINKS, "/help/start/#how-to-start"):
                self.assertIn(text, html, name)

    def test_a_member_is_told_what_will_appear_and_offered_no_manager_link(self):
        self.login(self.new_member)
        html = self.html("ledger:index")
        self.assertIn("您负责的整改措施会列在这里", html)
        for link in LINKS:
            self.assertNotIn(link, html)

    def test_a_ledger_with_problems_shows_no_hint(self):
        self.login(self.secretary)
        for name in ("ledger:index", "ledger:dashboard"):
            self.assertNotIn('id="getting-started"', self.html(name))
