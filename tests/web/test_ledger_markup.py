"""The measure page's evidence and progress tables and the 修改记录 of every page are written in Python
(ledger/views/markup.py): they must be the markup the templates wrote, byte for byte. The templates
as they were are kept here and rendered beside it."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from tests.web.base import BaseTestCase
from zhenggai.ledger import services
from zhenggai.ledger.audit import AuditEntry
from zhenggai.ledger.models import Status
from zhenggai.ledger.views.markup import history_html

EVIDENCE = """{% for e in evidence %}
<tr><td><a href="{% url 'ledger:evidence' e.pk %}">{{ e.name }}</a></td><td>{{ e.size|filesizeformat }}</td><td>{{ e.uploaded_by }}</td><td>{{ e.uploaded_at|date:"Y-m-d H:i" }}</td>
<td>{% if may_edit %}<form method="post" action="{% url 'ledger:evidence_delete' e.pk %}">{% csrf_token %}<button class="secondary delete-evidence" type="submit">删除</button></form>{% endif %}</td></tr>
{% empty %}<tr><td colspan="5" class="muted">暂无佐证材料</td></tr>
{% endfor %}"""

PROGRESS = """{% for p in progress %}
<tr><td>{{ p.date|date:"Y-m-d" }}</td><td>{{ p.text|linebreaksbr }}</td><td>{{ p.author }}</td>
<td>{% if p.status_before != p.status_after %}{{ p.get_status_before_display }} → {{ p.get_status_after_display }}{% endif %}</td>
<td>{% for e in p.evidence.all %}<a href="{% url 'ledger:evidence' e.pk %}">{{ e.name }}</a><br>{% endfor %}</td></tr>
{% empty %}<tr><td colspan="5" class="muted">暂无进展</td></tr>
{% endfor %}"""

HISTORY = """<div id="history"><table class="audit">
<thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>修改前 → 修改后</th></tr></thead>
<tbody>
{% for a in audit %}
<tr><td>{{ a.at|date:"Y年n月j日 H:i" }}</td><td>{{ a.actor_name }}</td><td>{{ a.summary }}</td><td>{{ a.object_repr|truncatechars:40 }}</td>
<td><pre>{% for name, old, new in a.readable_changes %}{{ name }}：{{ old|default_if_none:"—" }} → {{ new|default_if_none:"—" }}
{% endfor %}</pre></td></tr>
{% empty %}<tr><td colspan="5" class="muted">暂无记录</td></tr>
{% endfor %}
</tbody>
</table></div>
{% if audit_more %}<p><a href="?history=all#history" id="history-all">显示全部修改记录</a></p>{% endif %}
"""

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def tokenless(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


class LedgerMarkupTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        files = [
            SimpleUploadedFile("会议记录<1>&.txt", b"x" * 2500),
            SimpleUploadedFile("照片.txt", b"y" * 10),
        ]
        services.post_progress(self.member, self.measure, text="已制定计划\n第二行 <b>&", files_=files)
        services.post_progress(self.member, self.measure, text="开始落实", status=Status.IN_PROGRESS)
        services.post_progress(self.secretary, self.measure, text="督促")

    def page(self, user):
        self.login(user)
        return self.client.get(reverse("ledger:measure", args=[self.measure.pk]))

    def test_the_tables_are_written_as_the_templates_wrote_them(self):
        measure = self.measure
        seen = set()
        for user in (self.member, self.reviewer):
            page = self.page(user)
            self.assertEqual(page.status_code, 200)
            may_edit = page.context["may_edit"]
            seen.add(may_edit)
            context = Context(
                {
                    "evidence": measure.evidence.select_related("uploaded_by"),
                    "progress": measure.progress.select_related("author").prefetch_related("evidence"),
                    "may_edit": may_edit,
                    "csrf_token": "token",
                }
            )
            for name, template in (("evidence_rows", EVIDENCE), ("progress_rows", PROGRESS)):
                expected = tokenless(Template(template).render(context))
                self.assertEqual(tokenless(str(page.context[name])), expected, name)
                self.assertIn(expected, tokenless(page.content.decode()))
            self.assertEqual(("删除</button>" in str(page.context["evidence_rows"])), may_edit)
        self.assertEqual(seen, {True, False})
        self.assertIn("第二行 &lt;b&gt;&amp;", expected)
        self.assertIn("会议记录&lt;1&gt;&amp;.txt", str(page.context["evidence_rows"]))

    def test_the_history_is_written_as_the_template_wrote_it(self):
        entries = list(AuditEntry.objects.filter(measure_id=self.measure.pk).order_by("-at", "-id"))
        self.assertGreaterEqual(len(entries), 4)
        self.assertTrue(any(e.readable_changes() for e in entries))
        for audit, more in ((entries, False), (entries[:2], True), ([], False)):
            expected = Template(HISTORY).render(Context({"audit": audit, "audit_more": more}))
            self.assertEqual(str(history_html(audit, more)), expected)
        page = self.page(self.member)
        self.assertContains(page, str(history_html(entries)), html=False)
        self.assertEqual(page.context["history_html"], history_html(entries))
