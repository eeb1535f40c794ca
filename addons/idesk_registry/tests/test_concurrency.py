import random
import threading
import time
from datetime import date, timedelta

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

RETRYABLE = (
    errors.LockNotAvailable,
    errors.SerializationFailure,
    errors.DeadlockDetected,
)


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    """Clerks registering at the same moment, each in their own database
    transaction (real cursors, committed), as Odoo's workers do.

    Committing is the point of this test: concurrent transactions only see
    each other's committed numbers. The fixture is deleted afterwards.
    """

    clerks = 4
    documents_per_clerk = 5

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.addClassCleanup(cls._cleanup)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.agency_id = (
                env["idesk.agency"]
                .create(
                    {
                        "name": f"Xã Đồng Thời {time.time():.0f}",
                        "code": "UBND",
                        "kind": "commune",
                    }
                )
                .id
            )
            partner = env["res.partner"].create(
                {"name": "Sở Nội vụ tỉnh Bình Định", "is_company": True}
            )
            cls.partner_id = partner.id
            documents = env["idesk.document"].create(
                [
                    {
                        "direction": "incoming",
                        "agency_id": cls.agency_id,
                        "issuing_partner_id": partner.id,
                        "origin_number_symbol": f"{i + 1}/SNV-CCVC",
                        "document_date": date.today() - timedelta(days=1),
                        "type_id": env.ref("idesk_registry.type_cv").id,
                        "summary": "V/v hướng dẫn đánh giá, xếp loại cán bộ, công chức",
                    }
                    for i in range(cls.clerks * cls.documents_per_clerk)
                ]
            )
            cls.document_ids = documents.ids
            cr.commit()  # pylint: disable=invalid-commit

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            cr.execute(
                "SELECT DISTINCT book_id FROM idesk_document WHERE agency_id = %s",
                [cls.agency_id],
            )
            book_ids = [r[0] for r in cr.fetchall() if r[0]]
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'idesk.document' AND res_id = ANY(%s)",
                [cls.document_ids],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'idesk.document' AND res_id = ANY(%s)",
                [cls.document_ids],
            )
            cr.execute(
                "DELETE FROM idesk_document WHERE agency_id = %s", [cls.agency_id]
            )
            cr.execute(
                "SELECT sequence_id FROM idesk_register_book WHERE id = ANY(%s)",
                [book_ids],
            )
            sequence_ids = [r[0] for r in cr.fetchall()]
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'idesk.register.book' AND res_id = ANY(%s)",
                [book_ids],
            )
            cr.execute("DELETE FROM idesk_register_book WHERE id = ANY(%s)", [book_ids])
            cr.execute("DELETE FROM ir_sequence WHERE id = ANY(%s)", [sequence_ids])
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'idesk.agency' AND res_id = %s",
                [cls.agency_id],
            )
            cr.execute("DELETE FROM idesk_agency WHERE id = %s", [cls.agency_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [cls.partner_id])
            cr.commit()  # pylint: disable=invalid-commit

    def _clerk(self, document_ids, barrier, results, conflicts):
        for document_id in document_ids:
            for _attempt in range(50):
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    cr.execute("SELECT 1")  # the transaction's snapshot starts here
                    if barrier is not None:
                        barrier.wait(timeout=30)
                        barrier = None
                    try:
                        document = env["idesk.document"].browse(document_id)
                        document._do_register()
                        number = document.number
                        cr.commit()  # pylint: disable=invalid-commit
                    except RETRYABLE:
                        cr.rollback()
                        conflicts.append(document_id)
                        time.sleep(random.uniform(0, 0.05))
                        continue
                results.append(number)
                break

    def test_clerks_register_same_moment_no_duplicate_no_gap(self):
        barrier = threading.Barrier(self.clerks)
        results, conflicts = [], []
        chunks = [self.document_ids[i :: self.clerks] for i in range(self.clerks)]
        threads = [
            threading.Thread(
                target=self._clerk, args=(chunk, barrier, results, conflicts)
            )
            for chunk in chunks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        total = self.clerks * self.documents_per_clerk
        self.assertEqual(len(results), total, "every clerk registered every document")
        self.assertEqual(
            sorted(results), list(range(1, total + 1)), "no duplicate, no gap"
        )
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM idesk_document"
                " WHERE agency_id = %s AND state = 'registered'",
                [self.agency_id],
            )
            self.assertEqual(cr.fetchone(), (total, total, 1, total))
