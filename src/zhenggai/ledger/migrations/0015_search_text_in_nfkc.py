# ruff: noqa: RUF012  (Django migrations declare lists by design)
"""Search tokens are now made from the NFKC text (search.search_tokens): full-width letters and digits
(２０２２, ＰＤＦ) become tokens as their ASCII forms do. Only measures whose text or problem has such
characters get other tokens; those are made again. No ledger change: `search_text` is derived.
"""

from django.db import migrations
from django.db.models import Q

FULL_WIDTH = "[０-９Ａ-Ｚａ-ｚ]"


def forwards(apps, schema_editor):
    from zhenggai.ledger.search import search_tokens

    Measure = apps.get_model("ledger", "Measure")
    found = Measure.objects.filter(Q(text__regex=FULL_WIDTH) | Q(problem__description__regex=FULL_WIDTH))
    batch = []
    for measure in found.select_related("problem").only("pk", "text", "problem__description").iterator(2000):
        measure.search_text = search_tokens(f"{measure.problem.description} {measure.text}")
        batch.append(measure)
        if len(batch) == 2000:
            Measure.objects.bulk_update(batch, ["search_text"])
            batch = []
    Measure.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("ledger", "0014_ancestor_rollup")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
