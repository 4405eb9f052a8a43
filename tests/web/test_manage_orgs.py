"""Organisation, people and role management: secretaries and the office of their own tree only."""

from django.urls import reverse

from tests.web.base import PASSWORD, BaseTestCase
from zhenggai.orgs.models import Membership, Organisation, Role, User


class ManageOrganisationsTestCase(BaseTestCase):
    def test_the_secretary_sees_his_tree_only(self):
        self.login(self.secretary)
        r = self.client.get(reverse("orgs:index"))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(list(r.context["organisations"]), [self.team, self.unit])
        self.assertNotContains(r, "市政府办公室党组")

    def test_it_creates_a_child_organisation(self):
        self.login(self.secretary)
        r = self.client.post(
            reverse("orgs:organisation_create"), {"name": "机关第一党支部", "parent": self.unit.pk}
        )
        self.assertEqual(r.status_code, 302)
        branch = Organisation.objects.get(name="机关第一党支部")
        self.assertTrue(branch.is_within(self.team))
        self.assertEqual(branch.depth, 3)

    def test_it_refuses_a_parent_outside_his_tree(self):
        self.login(self.secretary)
        r = self.client.post(reverse("orgs:organisation_create"), {"name": "x", "parent": self.other_team.pk})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Organisation.objects.filter(name="x").exists())

    def test_it_creates_a_person_with_a_role(self):
        self.login(self.office)
        r = self.client.post(
            reverse("orgs:person_create"),
            {
                "username": "newbie",
                "display_name": "周新",
                "password": "a-long-password",
                "organisation": self.unit.pk,
                "role": Role.MEMBER,
            },
        )
        self.assertEqual(r.status_code, 302)
        user = User.objects.get(username="newbie")
        self.assertEqual(str(user), "周新")
        self.assertTrue(
            Membership.objects.filter(user=user, organisation=self.unit, role=Role.MEMBER).exists()
        )

    def test_it_refuses_a_taken_username(self):
        self.login(self.office)
        r = self.client.post(
            reverse("orgs:person_create"),
            {
                "username": "member",
                "display_name": "重复",
                "password": PASSWORD,
                "organisation": self.unit.pk,
                "role": Role.MEMBER,
            },
        )
        self.assertContains(r, "已被使用", status_code=400)

    def test_it_sets_and_removes_a_role(self):
        self.login(self.secretary)
        r = self.client.post(
            reverse("orgs:role_set"),
            {"user": self.member.pk, "organisation": self.team.pk, "role": Role.REVIEWER},
        )
        self.assertEqual(r.status_code, 302)
        membership = Membership.objects.get(user=self.member, organisation=self.team)
        self.assertEqual(membership.role, Role.REVIEWER)
        r = self.client.post(reverse("orgs:role_remove", args=[membership.pk]))
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Membership.objects.filter(user=self.member).exists())

    def test_he_cannot_remove_his_own_managing_role(self):
        self.login(self.secretary)
        own = Membership.objects.get(user=self.secretary)
        r = self.client.post(reverse("orgs:role_remove", args=[own.pk]))
        self.assertEqual(r.status_code, 400)

    def test_the_outsider_cannot_touch_our_roles(self):
        self.login(self.outsider)
        theirs = Membership.objects.get(user=self.member)
        self.assertEqual(self.client.post(reverse("orgs:role_remove", args=[theirs.pk])).status_code, 404)
        r = self.client.post(
            reverse("orgs:role_set"),
            {"user": self.member.pk, "organisation": self.team.pk, "role": Role.SECRETARY},
        )
        self.assertEqual(r.status_code, 400)
        self.assertEqual(Membership.objects.get(user=self.member).role, Role.MEMBER)

    def test_members_and_reviewers_may_not_manage(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertEqual(self.client.get(reverse("orgs:index")).status_code, 403)
            r = self.client.post(reverse("orgs:organisation_create"), {"name": "y", "parent": self.team.pk})
            self.assertEqual(r.status_code, 403)
        self.assertFalse(Organisation.objects.filter(name="y").exists())


class OrganisationTreeTestCase(BaseTestCase):
    def test_paths_make_subtrees(self):
        self.assertEqual(set(self.team.subtree()), {self.team, self.unit})
        self.assertEqual(list(self.unit.ancestors()), [self.city, self.team])
        self.assertEqual(set(self.city.subtree()), {self.city, self.team, self.unit, self.other_team})
        self.assertFalse(self.other_team.is_within(self.team))

    def test_a_thousand_organisations_query_by_one_range(self):
        parent = self.unit
        for i in range(30):
            parent = Organisation.objects.create(name=f"支部{i}", parent=parent)
        with self.assertNumQueries(1):
            self.assertEqual(len(list(self.team.subtree())), 32)
