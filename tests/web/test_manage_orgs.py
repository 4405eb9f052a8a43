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
        self.assertRedirects(r, reverse("orgs:index"))
        branch = Organisation.objects.get(name="机关第一党支部")
        self.assertTrue(branch.is_within(self.team))
        self.assertEqual(branch.depth, 3)

    def test_it_refuses_a_parent_outside_his_tree(self):
        self.login(self.secretary)
        self.assertRefused(
            lambda: self.client.post(
                reverse("orgs:organisation_create"), {"name": "x", "parent": self.other_team.pk}
            ),
            400,
            "上级组织：选择一个有效的选项： 该选择不在可用的选项中。",
        )

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
        self.assertRedirects(r, reverse("orgs:index"))
        user = User.objects.get(username="newbie")
        self.assertEqual(str(user), "周新")
        self.assertTrue(
            Membership.objects.filter(user=user, organisation=self.unit, role=Role.MEMBER).exists()
        )

    def test_it_refuses_a_taken_username(self):
        self.login(self.office)
        data = {
            "username": "member",
            "display_name": "重复",
            "password": PASSWORD,
            "organisation": self.unit.pk,
            "role": Role.MEMBER,
        }
        self.assertRefused(
            lambda: self.client.post(reverse("orgs:person_create"), data), 400, "登录名“member”已被使用"
        )

    def test_it_sets_and_removes_a_role(self):
        self.login(self.secretary)
        r = self.client.post(
            reverse("orgs:role_set"),
            {"user": self.member.pk, "organisation": self.team.pk, "role": Role.REVIEWER},
        )
        self.assertRedirects(r, reverse("orgs:index"))
        membership = Membership.objects.get(user=self.member, organisation=self.team)
        self.assertEqual(membership.role, Role.REVIEWER)
        r = self.client.post(reverse("orgs:role_remove", args=[membership.pk]))
        self.assertRedirects(r, reverse("orgs:index"))
        self.assertFalse(Membership.objects.filter(user=self.member).exists())

    def test_he_cannot_remove_his_own_managing_role(self):
        self.login(self.secretary)
        own = Membership.objects.get(user=self.secretary)
        self.assertRefused(
            lambda: self.client.post(reverse("orgs:role_remove", args=[own.pk])),
            400,
            "不能撤销自己的管理角色，请由其他书记或办公室人员办理",
        )

    def test_the_outsider_cannot_touch_our_roles(self):
        self.login(self.outsider)
        theirs = Membership.objects.get(user=self.member)
        self.assertRefused(
            lambda: self.client.post(reverse("orgs:role_remove", args=[theirs.pk])),
            404,
            "没有找到该角色，或您无权管理",
        )
        self.assertRefused(
            lambda: self.client.post(
                reverse("orgs:role_set"),
                {"user": self.member.pk, "organisation": self.team.pk, "role": Role.SECRETARY},
            ),
            400,
            "人员：选择一个有效的选项： 该选择不在可用的选项中。；组织：选择一个有效的选项： 该选择不在可用的选项中。",
        )

    def test_members_and_reviewers_may_not_manage(self):
        for person in (self.member, self.reviewer):
            self.login(person)
            self.assertRefused(
                lambda: self.client.get(reverse("orgs:index")), 403, "只有书记或办公室可以管理组织和人员"
            )
            self.assertRefused(
                lambda: self.client.post(
                    reverse("orgs:organisation_create"), {"name": "y", "parent": self.team.pk}
                ),
                403,
                "只有书记或办公室可以管理组织和人员",
            )


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
