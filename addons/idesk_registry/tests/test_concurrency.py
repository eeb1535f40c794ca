import random
import threading
import time
from collections import namedtuple
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


# One transaction of a clerk: when it began and ended (time.monotonic()), and
# what it got: a number, or the name of the PostgreSQL error that refused it.
Attempt = namedtuple("Attempt", "clerk start end outcome")


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
        cls.agency_ids, cls.document_ids = [], []
        cls.addClassCleanup(cls._cleanup)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Sở Nội vụ tỉnh Bình Định", "is_company": True}
            )
            cls.partner_id = partner.id
            # The clerks' commune opens its book of the year during the race.
            cls.agency_id, cls.clerk_document_ids = cls._agency_with_drafts(
                env, "Xã Đồng Thời", cls.clerks * cls.documents_per_clerk
            )
            # Two clerks of this ward share a book opened beforehand.
            cls.ward_id, cls.ward_document_ids = cls._agency_with_drafts(
                env, "Phường Hoàn Số", 2
            )
            env["idesk.document"].browse(cls.ward_document_ids[0])._get_book()
            cr.commit()  # pylint: disable=invalid-commit

    @classmethod
    def _agency_with_drafts(cls, env, name, count):
        agency = env["idesk.agency"].create(
            {"name": f"{name} {time.time():.0f}", "code": "UBND", "kind": "commune"}
        )
        documents = env["idesk.document"].create(
            [
                {
                    "direction": "incoming",
                    "agency_id": agency.id,
                    "issuing_partner_id": cls.partner_id,
                    "origin_number_symbol": f"{i + 1}/SNV-CCVC",
                    "document_date": date.today() - timedelta(days=1),
                    "type_id": env.ref("idesk_registry.type_cv").id,
                    "summary": "V/v hướng dẫn đánh giá, xếp loại cán bộ, công chức",
                }
                for i in range(count)
            ]
        )
        cls.agency_ids.append(agency.id)
        cls.document_ids += documents.ids
        return agency.id, documents.ids

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM idesk_register_book WHERE agency_id = ANY(%s)",
                [cls.agency_ids],
            )
            book_ids = [r[0] for r in cr.fetchall()]
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'idesk.document' AND res_id = ANY(%s)",
                [cls.document_ids],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'idesk.document' AND res_id = ANY(%s)",
                [cls.document_ids],
            )
            cr.execute(
                "DELETE FROM idesk_document WHERE agency_id = ANY(%s)", [cls.agency_ids]
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
                "DELETE FROM mail_message WHERE model = 'idesk.agency' AND res_id = ANY(%s)",
                [cls.agency_ids],
            )
            cr.execute("DELETE FROM idesk_agency WHERE id = ANY(%s)", [cls.agency_ids])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [cls.partner_id])
            cr.commit()  # pylint: disable=invalid-commit

    def _register(self, clerk, document_id, attempts, barrier=None, on_conflict=None):
        """Register one document in its own transactions, retried on a
        concurrency error as Odoo's RPC layer does; every try is recorded.
        With ``barrier``, the first try waits there with its transaction open."""
        for _try in range(50):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                cr.execute("SELECT 1")  # the transaction's snapshot starts here
                start = time.monotonic()
                if barrier is not None:
                    barrier.wait(timeout=30)
                    barrier = None
                try:
                    document = env["idesk.document"].browse(document_id)
                    document._do_register()
                    number = document.number
                    cr.commit()  # pylint: disable=invalid-commit
                except RETRYABLE as error:
                    cr.rollback()
                    attempts.append(
                        Attempt(clerk, start, time.monotonic(), type(error).__name__)
                    )
                    if on_conflict:
                        on_conflict()
                    time.sleep(random.uniform(0, 0.05))
                    continue
            attempts.append(Attempt(clerk, start, time.monotonic(), number))
            return number
        return None

    def _clerk(self, clerk, document_ids, barrier, attempts):
        # The first registrations of all clerks start at the same moment.
        for document_id in document_ids:
            self._register(clerk, document_id, attempts, barrier)
            barrier = None

    def test_clerks_register_same_moment_no_duplicate_no_gap(self):
        barrier = threading.Barrier(self.clerks)
        attempts = []
        ids = self.clerk_document_ids
        threads = [
            threading.Thread(
                target=self._clerk,
                args=(clerk, ids[clerk :: self.clerks], barrier, attempts),
            )
            for clerk in range(self.clerks)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        total = self.clerks * self.documents_per_clerk
        results = [a.outcome for a in attempts if isinstance(a.outcome, int)]
        self.assertEqual(len(results), total, "every clerk registered every document")
        self.assertEqual(
            sorted(results), list(range(1, total + 1)), "no duplicate, no gap"
        )
        # The race really happened: some clerk asked for a number while another
        # clerk's open transaction held the book's sequence, and was refused.
        locked = [a for a in attempts if a.outcome == "LockNotAvailable"]
        self.assertTrue(
            locked,
            f"no registration found the number locked by another open transaction "
            f"(attempts: {[a.outcome for a in attempts]})",
        )
        for refused in locked:
            holders = [
                a
                for a in attempts
                if a.clerk != refused.clerk
                and a.start < refused.end
                and refused.start < a.end
            ]
            self.assertTrue(holders, f"{refused} overlapped no other transaction")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM idesk_document"
                " WHERE agency_id = %s AND state = 'registered'",
                [self.agency_id],
            )
            self.assertEqual(cr.fetchone(), (total, total, 1, total))

    def test_clerk_rollback_gives_number_back_to_waiting_clerk(self):
        """Clerk A takes the next number, then her transaction fails and rolls
        back while clerk B is registering: B gets the very number A gave back."""
        first, second = self.ward_document_ids
        taken, tried = threading.Event(), threading.Event()
        held, attempts = {}, []

        def clerk_a():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                document = env["idesk.document"].browse(first)
                document._do_register()
                held["number"] = document.number
                taken.set()
                # B is refused at least once (or waits on the lock) meanwhile.
                tried.wait(timeout=2)
                time.sleep(0.2)
                held["end"] = time.monotonic()
                cr.rollback()

        def clerk_b():
            taken.wait(timeout=30)
            held["b_start"] = time.monotonic()
            self._register("B", second, attempts, on_conflict=tried.set)

        threads = [threading.Thread(target=clerk_a), threading.Thread(target=clerk_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertIn("end", held, "A took a number and rolled back")
        self.assertTrue(attempts, "B registered")
        got = attempts[-1]
        self.assertEqual(held["number"], 1, "A took the book's first number")
        self.assertLess(held["b_start"], held["end"], "B started while A held it")
        self.assertGreater(
            got.end, held["end"], "B got no number while A's transaction held one"
        )
        self.assertEqual(got.outcome, held["number"], "B got the number A gave back")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id, state, coalesce(number, 0) FROM idesk_document"
                " WHERE id = ANY(%s) ORDER BY id",
                [[first, second]],
            )
            self.assertEqual(
                cr.fetchall(), [(first, "draft", 0), (second, "registered", 1)]
            )
            cr.execute(
                "SELECT s.number_next FROM ir_sequence s JOIN idesk_register_book b"
                " ON b.sequence_id = s.id WHERE b.agency_id = %s",
                [self.ward_id],
            )
            self.assertEqual(cr.fetchall(), [(2,)], "the next number is 2: no gap")
