"""Forms open on the organisation the user manages, so the common case needs no choice at all."""

from __future__ import annotations

from django.urls import reverse

from tests.web.base import BaseTestCase


class DefaultOrganisationTestCase(BaseTestCase):
    def selected(self, html: str, name: str) -> str:
        """The label of the option selected in the <select name=`name`> of the page, or ''."""
        start = html.index(f'name="{name}"')
        block = html[start : html.index("</select>", start)]
        marker = block.find(" selected>")
        return (
            "" if marker < 0 else block[marker + len(" selected>") : block.index("</option>", marker)].strip()
        )

    def test_a_new_source_opens_on_the_office_s_team(self) -> None:
        self.login(self.office)
        html = self.client.get(reverse("ledger:source_create")).content.decode()
        self.assertEqual(self.selected(html, "organisation"), "机关党组")

    def test_a_new_meeting_opens_on_the_team_with_its_people_to_choose(self) -> None:
        self.login(self.office)
        html = self.client.get(reverse("meetings:create")).content.decode()
        self.assertEqual(self.selected(html, "organisation"), "机关党组")
        for name in ("王书记", "张委员", "刘委员"):
            self.assertIn(name, html)
        self.assertNotIn("孙书记", html)

    def test_someone_managing_two_trees_chooses(self) -> None:
        from zhenggai.orgs.models import Membership, Role

        Membership.objects.create(user=self.office, organisation=self.other_team, role=Role.OFFICE)
        self.login(self.office)
        html = self.client.get(reverse("ledger:source_create")).content.decode()
        self.assertEqual(self.selected(html, "organisation"), "---------")
