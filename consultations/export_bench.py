"""The export measurement of `manage.py benchmark --export-only` (docs/benchmark.md, "Exports").

In the benchmark's throwaway database: a consultation with the demo's open consultation's questions
(every kind: choices, Likert, matrix, ranking, rating, free text, email, postcode, about you),
codes on its free-text answers, then 10,000 and 100,000 responses (bulk_create, answers copied from
a thousand generated ones). At each size the CSV and the XLSX export are written to temporary files
as the views write them (csv_rows, write_xlsx) and the run prints, per format: the time, the
peak of Python memory allocated during the export (tracemalloc, a second run) and the file size.
Flat memory means the 100,000 peak is about the 10,000 one.
"""

import datetime
import os
import tempfile
import time
import tracemalloc

BATCH = 5000


def make_consultation():
    from wagtail.models import Page

    from .demo import VISION_SECTIONS
    from .models import ConsultationPage

    root = Page.get_first_root_node()
    now = datetime.datetime.now(datetime.UTC)
    page = ConsultationPage(
        title="Export benchmark",
        slug="export-benchmark",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=30),
        sections=VISION_SECTIONS,
    )
    root.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def add_responses(page, start, count, templates, codes, text_id):
    from .models import CodedAnswer, Response, new_reference

    made = start
    while made < start + count:
        n = min(BATCH, start + count - made)
        batch = [
            Response(
                consultation=page,
                language=template.language,
                channel=("web", "paper", "phone")[i % 3],
                submitted_at=template.submitted_at - datetime.timedelta(minutes=made + i),
                answers=template.answers,
                labels=template.labels,
                outcome_email=f"resident{made + i}@example.org" if i % 4 == 0 else "",
                reference=new_reference() + f"{made + i:x}"[-4:],
            )
            for i, template in ((i, templates[(made + i) % len(templates)]) for i in range(n))
        ]
        created = Response.objects.bulk_create(batch)
        if text_id and codes:
            CodedAnswer.objects.bulk_create(
                CodedAnswer(response_id=r.pk, question_id=text_id, code=codes[j % len(codes)])
                for j, r in enumerate(created)
                if j % 3 == 0 and r.pk and text_id in (r.answers or {})
            )
        made += n


def export_once(page, responses, fmt):
    from .exports import csv_rows, write_xlsx

    language = page.locale.language_code
    with tempfile.TemporaryFile() as target:
        if fmt == "csv":
            for line in csv_rows(page, responses, language, include_email=True):
                target.write(line.encode("utf-8"))
        else:
            write_xlsx(page, responses, language, target, include_email=True)
        target.flush()
        return os.fstat(target.fileno()).st_size


def measure(page, fmt):
    from .models import Response

    responses = Response.objects.filter(consultation=page)
    started = time.perf_counter()
    size = export_once(page, responses, fmt)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        export_once(page, responses, fmt)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"seconds": seconds, "peak": peak, "bytes": size}


def run(log, sizes=(10_000, 100_000)):
    from .demo import generate_responses
    from .models import AnswerCode, Response

    page = make_consultation()
    generate_responses(page, 1000)
    templates = list(Response.objects.filter(consultation=page))
    Response.objects.filter(consultation=page).delete()
    text_id = next((qid for _s, qid, kind, _v in page.questions() if kind == "long_text"), None)
    codes = [AnswerCode.objects.create(consultation=page, name=name) for name in ("Transport", "Broadband", "Care")]
    results = []
    have = 0
    for size in sorted(sizes):
        started = time.perf_counter()
        add_responses(page, have, size - have, templates, codes, text_id)
        have = size
        log(f"  {size:,} responses in the database ({time.perf_counter() - started:.1f} s to create)…")
        for fmt in ("csv", "xlsx"):
            found = measure(page, fmt)
            results.append((size, fmt, found))
            log(
                f"    {fmt.upper():4}  {found['seconds']:6.1f} s  peak Python memory {found['peak'] / 2**20:6.1f} MiB  "
                f"file {found['bytes'] / 2**20:6.1f} MiB"
            )
    return results
