"""The report page: text with outline, findings at their places, aspect coverage, the system's checks."""

import datetime

from tests.web.reviews.base import ReviewTestCase
from zhenggai.ledger import services as ledger
from zhenggai.meetings.models import Opinion, Route
from zhenggai.reviews.models import ReportState

CLAIMING = """个人对照检查材料
一、上年度民主生活会整改落实情况
（一）关于理论学习的问题。制定个人学习计划，每月研读原著不少于两篇，该项措施已整改到位。
二、存在的主要问题
（一）在带头深刻感悟“两个确立”的决定性意义方面：一是理解领悟还不够深透。二是学用结合还不够到位。
三、整改措施
一是提升政治理论素养。
"""


class ViewReportTestCase(ReviewTestCase):
    def page(self, report, user=None):
        self.login(user or report.author)
        return self.client.get(self.url("report", report))

    def test_findings_are_marked_at_their_place(self):
        report = self.report_of(self.member)
        r = self.page(report)
        self.assertContains(r, 'id="p3"')
        # 占位符 X on paragraph 3 is marked inside the text, with the finding's message as its title.
        self.assertContains(
            r, '<mark class="error" title="ZG101 占位符“X”未填写，请填入实际内容">X</mark>', html=False
        )
        self.assertContains(r, 'class="para sev-error" id="p3"')
        self.assertContains(r, "错误 17</strong>")

    def test_the_outline_links_to_the_paragraphs(self):
        r = self.page(self.report_of(self.member))
        self.assertContains(r, '<a href="#p10">二、存在的主要问题</a>', html=False)
        self.assertContains(r, "上年度整改落实情况")

    def test_the_coverage_shows_which_item_answers_each_aspect(self):
        r = self.page(self.report_of(self.member))
        coverage = r.content.decode().split('class="coverage"')[1].split("</table>")[0]
        self.assertEqual(coverage.count("<tr>"), 5)
        self.assertIn('href="#p11"', coverage)
        self.assertNotIn("未查摆", coverage)

    def test_last_years_problem_not_mentioned_is_listed(self):
        other = ledger.create_problem(
            self.secretary, source=self.source, description="公务用车管理不规范，存在私车公养现象。"
        )
        ledger.create_measure(
            self.secretary, problem=other, text="清理公务用车", deadline=self.today, owner=self.member
        )
        r = self.page(self.report_of(self.member))
        listed = r.content.decode().split('class="small unmentioned"')[1].split("</ul>")[0]
        self.assertIn("公务用车管理不规范", listed)

    def test_an_open_measure_called_done_is_listed(self):
        r = self.page(self.report_of(self.member, text=CLAIMING))
        claimed = r.content.decode().split('class="small claimed"')[1].split("</ul>")[0]
        self.assertIn("制定个人学习计划", claimed)
        self.assertIn("台账：未启动", claimed)
        self.assertIn('href="#p3"', claimed)

    def test_a_measure_done_in_the_ledger_is_not_listed(self):
        self.finish(self.measure)
        r = self.page(self.report_of(self.member, text=CLAIMING))
        claimed = r.content.decode().split('class="small claimed"')[1].split("</ul>")[0]
        self.assertNotIn("制定个人学习计划", claimed)

    def test_another_members_ledger_is_not_his(self):
        r = self.page(self.report_of(self.colleague, text=CLAIMING))
        claimed = r.content.decode().split('class="small claimed"')[1].split("</ul>")[0]
        self.assertNotIn("制定个人学习计划", claimed)

    def test_unanswered_routed_opinions_are_listed(self):
        day = datetime.date(2022, 1, 5)
        for text in ("希望多到基层联系点走访，解决小区停车难问题", "理解领悟还不够深透，学用结合不到位"):
            Opinion.objects.create(
                meeting=self.meeting, text=text, received_on=day, route=Route.MEMBER, routed_to=self.member
            )
        r = self.page(self.report_of(self.member, text=CLAIMING))
        listed = r.content.decode().split('class="small unanswered"')[1].split("</ul>")[0]
        self.assertIn("停车难", listed)
        self.assertNotIn("理解领悟", listed)
        self.assertContains(r, "已回应 1 条")

    def test_the_reviewer_sees_the_same_page_after_submission(self):
        report = self.report_of(self.member, state=ReportState.SUBMITTED)
        r = self.page(report, self.reviewer)
        self.assertContains(r, '<mark class="error"', html=False)

    def test_an_old_version_can_be_shown(self):
        report = self.report_of(self.member)
        from zhenggai.reviews import services

        services.add_version(self.member, report, services.read_written(CLAIMING))
        self.login(self.member)
        r = self.client.get(self.url("report", report) + "?v=1")
        self.assertContains(r, "第1版（共2版）")
        self.assertRefused(lambda: self.client.get(self.url("report", report) + "?v=9"), 404, "没有该版本")


#: The report page's paragraphs as the template wrote them before they were written in Python
#: (reviews/views/paragraphs.py): the markup must stay the same, byte for byte.
PARAGRAPHS_TEMPLATE = (
    "{% for p, comments in paragraphs %}\n"
    '<div class="para{% if p.heading_level %} heading{% endif %}{% if p.severity %} sev-{{ p.severity }}'
    '{% endif %}" id="p{{ p.line }}" data-line="{{ p.line }}"><span class="ln">{{ p.line }}</span>'
    "{% for piece in p.pieces %}{% if piece.severity %}"
    '<mark class="{{ piece.severity }}" title="{{ piece.message }}">{{ piece.text }}</mark>'
    "{% else %}{{ piece.text }}{% endif %}{% endfor %}\n"
    '{% if p.findings %}<ul class="found">{% for f in p.findings %}<li class="{{ f.severity }}">'
    "{{ f.code }} {{ f.message }}</li>{% endfor %}</ul>{% endif %}\n"
    "</div>\n"
    '{% for c in comments %}<div class="comment"><strong>{{ c.author }}</strong>'
    '（{{ c.created_at|date:"m-d H:i" }}，第{{ c.line }}段）：{{ c.text|linebreaksbr }}</div>{% endfor %}\n'
    "{% endfor %}"
)


class ParagraphMarkupTestCase(ReviewTestCase):
    def test_the_paragraphs_are_written_as_the_template_wrote_them(self):
        from django.template import Context, Template

        from zhenggai.reviews import services

        report = self.report_of(self.member, state=ReportState.SUBMITTED)
        version = report.versions.get()
        services.add_comment(self.office, report, version, 3, "请填写<实际>内容 & 数字\n第二行")
        self.login(self.office)
        page = self.client.get(self.url("report", report))
        paragraphs = page.context["paragraphs"]
        self.assertTrue(any(p.findings for p, _ in paragraphs))
        self.assertTrue(any(comments for _, comments in paragraphs))
        expected = Template(PARAGRAPHS_TEMPLATE).render(Context({"paragraphs": paragraphs}))
        self.assertEqual(str(page.context["paragraphs_html"]), expected)
        self.assertIn("请填写&lt;实际&gt;内容 &amp; 数字<br>第二行", expected)
        self.assertContains(page, expected, html=False)


OUTLINE_TEMPLATE = '<ul>{% for part in outline %}<li><a href="#p{{ part.line }}">{{ part.heading|truncatechars:24 }}</a> <span class="role">{{ part.role }}</span>\n<ul>{% for item in part.items %}<li><a href="#p{{ item.line }}">{{ item.heading|truncatechars:20 }}</a></li>{% endfor %}</ul></li>{% endfor %}</ul>'
COVERAGE_TEMPLATE = '<table class="coverage"><tbody>{% for a in coverage %}<tr><td>{{ a.number }}. {{ a.aspect|truncatechars:40 }}</td>\n<td class="{% if not a.items %}none{% endif %}">{% for i in a.items %}<a href="#p{{ i.line }}">{{ i.heading|truncatechars:12 }}</a>{% if not forloop.last %}；{% endif %}{% empty %}未查摆{% endfor %}</td></tr>{% endfor %}</tbody></table>'
FINDINGS_TEMPLATE = '<ul class="small">{% for f in findings %}<li class="{{ f.severity }}"><a href="#p{{ f.line }}">第{{ f.line }}段</a> {{ f.message }}</li>{% empty %}<li class="muted">未发现问题</li>{% endfor %}</ul>'


class SidebarMarkupTestCase(ReviewTestCase):
    def test_the_outline_coverage_and_findings_are_written_as_the_template_wrote_them(self):
        from django.template import Context, Template

        from zhenggai.reviews.views.paragraphs import coverage_html, findings_html

        report = self.report_of(self.member, state=ReportState.SUBMITTED)
        self.login(self.office)
        page = self.client.get(self.url("report", report))
        context = Context({key: page.context[key] for key in ("outline", "coverage", "findings")})
        self.assertTrue(page.context["findings"])
        self.assertTrue(any(a["items"] for a in page.context["coverage"]))
        for name, template in (
            ("outline_html", OUTLINE_TEMPLATE),
            ("coverage_html", COVERAGE_TEMPLATE),
            ("findings_html", FINDINGS_TEMPLATE),
        ):
            expected = Template(template).render(context)
            self.assertEqual(str(page.context[name]), expected, name)
            self.assertContains(page, expected, html=False)
        empty = Template(FINDINGS_TEMPLATE).render(Context({"findings": []}))
        self.assertEqual(str(findings_html([])), empty)
        unanswered = [{"number": 1, "aspect": "<学习>" * 9, "items": []}]
        expected = Template(COVERAGE_TEMPLATE).render(Context({"coverage": unanswered}))
        self.assertEqual(str(coverage_html(unanswered)), expected)
        self.assertIn('<td class="none">未查摆</td>', expected)
