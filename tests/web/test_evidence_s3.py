"""Evidence in S3-compatible storage (ZHENGGAI_S3_BUCKET): a real S3 server (moto) on this machine.

Upload through the progress page, download through the page, delete, and the rule that a refused
change leaves no file behind, all with the bucket as the only place files live.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import boto3
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer

from tests.web.base import BaseTestCase, upload
from zhenggai.core.errors import Refusal
from zhenggai.ledger import evidence, services
from zhenggai.ledger.models import Evidence, Measure, Progress
from zhenggai.ledger.services.common import atomic_with_files
from zhenggai.web.env import s3_storage

BUCKET = "zhenggai-evidence"
KEYS = {"ZHENGGAI_S3_ACCESS_KEY": "test-access", "ZHENGGAI_S3_SECRET_KEY": "test-secret"}


class S3EvidenceTestCase(BaseTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.s3_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        cls.s3_server.start()
        cls.addClassCleanup(cls.s3_server.stop)
        host, port = cls.s3_server.get_host_and_port()
        cls.endpoint = f"http://{host}:{port}"
        environment = {
            "ZHENGGAI_S3_BUCKET": BUCKET,
            "ZHENGGAI_S3_ENDPOINT_URL": cls.endpoint,
            "ZHENGGAI_S3_REGION": "us-east-1",
            **KEYS,
        }
        with mock.patch.dict(os.environ, environment):
            cls.storage_entry = s3_storage("evidence/")

    def setUp(self) -> None:
        super().setUp()
        self.s3 = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=KEYS["ZHENGGAI_S3_ACCESS_KEY"],
            aws_secret_access_key=KEYS["ZHENGGAI_S3_SECRET_KEY"],
        )
        self.s3.create_bucket(Bucket=BUCKET)
        self.addCleanup(self.empty_bucket)
        from django.conf import settings

        storages = {**settings.STORAGES, "evidence": self.storage_entry}
        override = override_settings(STORAGES=storages)
        override.enable()
        self.addCleanup(override.disable)

    def empty_bucket(self) -> None:
        for key in self.keys():
            self.s3.delete_object(Bucket=BUCKET, Key=key)
        self.s3.delete_bucket(Bucket=BUCKET)

    def keys(self) -> list[str]:
        listing = self.s3.list_objects_v2(Bucket=BUCKET)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def post_progress(self, **data: object):
        payload = {
            "date": self.today.isoformat(),
            "text": "已召开专题会议",
            "status": "",
            "version": Measure.objects.get(pk=self.measure.pk).version,
            **data,
        }
        return self.client.post(reverse("ledger:measure_progress", args=[self.measure.pk]), payload)

    def test_the_environment_chooses_s3(self):
        self.assertEqual(self.storage_entry["BACKEND"], "storages.backends.s3.S3Storage")
        options = self.storage_entry["OPTIONS"]
        self.assertEqual((options["bucket_name"], options["location"]), (BUCKET, "evidence/"))
        with mock.patch.dict(os.environ, {"ZHENGGAI_S3_BUCKET": ""}):
            self.assertIsNone(s3_storage("evidence/"))

    def test_a_posted_file_goes_to_the_bucket_and_comes_back_through_the_page(self):
        self.login(self.member)
        r = self.post_progress(files=[upload("会议记录.pdf", b"%PDF-1.4 minutes in s3")])
        self.assertEqual(r.status_code, 302)
        item = Evidence.objects.get()
        self.assertEqual(self.keys(), [f"evidence/{item.stored_name[:2]}/{item.stored_name}"])
        self.assertEqual(list(Path(self.evidence_dir).rglob("*.*")), [])  # nothing on local disk
        r = self.client.get(reverse("ledger:evidence", args=[item.pk]))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(b"".join(r.streaming_content), b"%PDF-1.4 minutes in s3")
        self.assertIn("attachment", r["Content-Disposition"])
        self.assertEqual(r["Content-Type"], "application/pdf")

    def test_deleting_the_evidence_deletes_the_object(self):
        services.add_evidence(self.member, self.measure, [upload()])
        item = Evidence.objects.get()
        self.assertEqual(len(self.keys()), 1)
        self.login(self.member)
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(reverse("ledger:evidence_delete", args=[item.pk]))
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.keys(), [])

    def test_a_refused_post_leaves_no_object(self):
        self.login(self.member)
        # 已完成 without a completion note: refused after the file was written.
        r = self.post_progress(status="done", files=[upload()])
        self.assertContains(r, "完成情况说明", status_code=400)
        self.assertFalse(Progress.objects.exists())
        self.assertEqual(self.keys(), [])

    def test_a_failure_after_the_upload_removes_the_object(self):
        def work(written: list[str]) -> None:
            stored_name = evidence.store(upload())[1]
            written.append(stored_name)
            self.assertEqual(len(self.keys()), 1)
            raise Refusal("后面一步失败了")

        with self.assertRaises(Refusal):
            atomic_with_files(work)
        self.assertEqual(self.keys(), [])

    def test_a_missing_object_is_a_404_in_chinese(self):
        services.add_evidence(self.member, self.measure, [upload()])
        for key in self.keys():
            self.s3.delete_object(Bucket=BUCKET, Key=key)
        self.login(self.member)
        r = self.client.get(reverse("ledger:evidence", args=[Evidence.objects.get().pk]))
        self.assertEqual(r.status_code, 404)
