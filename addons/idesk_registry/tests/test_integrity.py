"""Integrity of the register against a clerk who sends what the form never would:
context defaults, another agency's book or numbering, moving a draft away."""

from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.idesk_security.tests.common import one_page_pdf

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestIntegrity(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Clerk = cls.Document.with_user(cls.clerk)
        year = cls.today.year
        cls.book_a = cls.env["idesk.register.book"]._get_default_book(
            cls.agency_a, "incoming", year
        )
        cls.book_b = cls.env["idesk.register.book"]._get_default_book(
            cls.agency_b, "incoming", year
        )

    def _count(self):
        return self.Document.search_count([])

    @contextmanager
    def assertRefused(self, exception, message):
        """Odoo's assertRaises rolls the refused write back (a savepoint);
        unittest's assertRaisesRegex would keep it in the transaction."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(message, str(caught.exception))

    def test_clerk_create_state_secret_through_context_default_refused(self):
        before = self._count()
        with self.assertRefused(UserError, "State-secret documents"):
            self.Clerk.with_context(default_confidentiality="top_secret").create(
                self._incoming_vals()
            )
        self.assertEqual(self._count(), before)

    def test_clerk_create_registered_through_context_defaults_refused(self):
        before = self._count()
        for key, value in (
            ("default_state", "registered"),
            ("default_number", 5),
            ("default_registration_date", "2026-01-05 08:00:00"),
            ("default_content_state", "harmful"),
            ("default_ocr_text", "văn bản giả"),
        ):
            with self.subTest(key=key):
                with self.assertRefused(AccessError, "set by iDESK itself"):
                    self.Clerk.with_context(**{key: value}).create(
                        self._incoming_vals()
                    )
        self.assertEqual(self._count(), before)

    def test_clerk_default_state_draft_still_accepted(self):
        draft = self.Clerk.with_context(default_state="draft").create(
            self._incoming_vals()
        )
        self.assertEqual(draft.state, "draft")

    def test_clerk_create_in_another_agencys_book_refused(self):
        before = self._count()
        for how in ("value", "context"):
            with self.subTest(how=how):
                with self.assertRefused(ValidationError, "its own agency"):
                    if how == "value":
                        self.Clerk.create(self._incoming_vals(book_id=self.book_b.id))
                    else:
                        self.Clerk.with_context(default_book_id=self.book_b.id).create(
                            self._incoming_vals()
                        )
        self.assertEqual(self._count(), before)

    def test_clerk_create_draft_for_another_agency_refused(self):
        before = self._count()
        with self.assertRaises(AccessError):
            self.Clerk.create(self._incoming_vals(self.agency_b))
        self.assertEqual(self._count(), before)

    def test_clerk_move_own_draft_to_another_agency_refused(self):
        draft = self.Clerk.create(self._incoming_vals())
        with self.assertRefused(UserError, "stays with the agency"):
            draft.write({"agency_id": self.agency_b.id})
        self.assertEqual(draft.agency_id, self.agency_a)

    def test_clerk_point_book_at_another_agencys_numbering_refused(self):
        sequence_b = self.book_b.sudo().sequence_id
        number_b = sequence_b.number_next_actual
        with self.assertRefused(AccessError, "set by iDESK itself"):
            self.book_a.with_user(self.clerk).write({"sequence_id": sequence_b.id})
        self.assertNotEqual(self.book_a.sequence_id, sequence_b)
        document = self._register_incoming()
        self.assertEqual(document.book_id, self.book_a)
        self.assertEqual(sequence_b.number_next_actual, number_b)

    def test_clerk_write_processing_and_sharing_fields_refused(self):
        document = self._register_incoming()
        for vals in (
            {"shared_agency_ids": [(4, self.agency_b.id)]},
            {"shared_user_ids": [(4, self.clerk_b.id)]},
            {"scan_sha256": "0" * 64},
            {"ocr_summary": "gợi ý giả"},
        ):
            with self.subTest(vals=vals):
                with self.assertRefused(AccessError, "set by iDESK itself"):
                    document.with_user(self.clerk).write(vals)
        self.assertFalse(document.shared_agency_ids)
        self.assertFalse(document.scan_sha256)

    def test_other_agency_clerk_sees_no_name_of_a_linked_document(self):
        document = self._register_incoming(summary="Kế hoạch riêng của phòng A")
        as_b = document.with_user(self.clerk_b)
        self.assertEqual(as_b.sudo().display_name, "Restricted document")
        self.assertIn("Kế hoạch riêng", document.with_user(self.clerk).display_name)

    def test_clerk_import_or_web_save_of_protected_fields_refused(self):
        before = self._count()
        vals = self._incoming_vals()
        result = self.Clerk.load(
            ["direction", "summary", "origin_number_symbol", "state", "number"],
            [["incoming", vals["summary"], "9/QĐ-UBND", "registered", "5"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("set by iDESK itself", str(result["messages"]))
        with self.assertRefused(AccessError, "set by iDESK itself"):
            self.Clerk.with_context(default_number=5).web_save(vals, {"number": {}})
        draft = self.Clerk.create(vals)
        with self.assertRefused(AccessError, "set by iDESK itself"):
            draft.web_save({"state": "registered"}, {"state": {}})
        with self.assertRefused(AccessError, "set by iDESK itself"):
            draft.copy({"number": 7})
        self.assertEqual(self._count(), before + 1)
        self.assertEqual(draft.state, "draft")

    def test_officer_advance_a_register_books_numbering_refused(self):
        """next_by_id / next_by_code need only read access on ir.sequence."""
        book = self._register_incoming().book_id
        sequence = book.sudo().sequence_id
        following = sequence.number_next_actual
        for role in ("officer", "clerk", "admin"):
            user = self.users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    sequence.with_user(user).next_by_id()
                self.assertFalse(
                    self.env["ir.sequence"].with_user(user).next_by_code(sequence.code)
                )
                self.assertFalse(
                    self.env["ir.sequence"]
                    .with_user(user)
                    .search([("id", "=", sequence.id)])
                )
        self.assertEqual(sequence.number_next_actual, following)
        self.assertEqual(self._register_incoming().number, following)

    def test_clerk_archive_book_of_the_year_refused_numbers_never_repeat(self):
        first = self._register_incoming()
        book = first.book_id
        with self.assertRefused(UserError, "cannot be archived"):
            book.with_user(self.clerk).write({"active": False})
        self.assertTrue(book.active)
        # Archived anyway by the superuser: registering does not open a new book at 01.
        book.sudo().write({"active": False})
        with self.assertRefused(UserError, "is archived"):
            self._register_incoming()
        self.assertEqual(
            self.env["idesk.register.book"].search_count(
                [("agency_id", "=", self.agency_a.id), ("year", "=", book.year)]
            ),
            0,
        )

    def test_clerk_open_book_of_a_past_year_refused(self):
        Book = self.env["idesk.register.book"].with_user(self.clerk)
        with self.assertRefused(ValidationError, "current or the next year"):
            Book.create(
                {
                    "name": "Sổ cũ",
                    "agency_id": self.agency_a.id,
                    "direction": "incoming",
                    "year": self.today.year - 6,
                    "is_default": False,
                }
            )

    def test_reader_of_a_shared_document_cannot_post_files_on_it(self):
        document = self._register_incoming()
        document._idesk_system().write({"shared_agency_ids": [(4, self.agency_b.id)]})
        as_b = document.with_user(self.clerk_b)
        self.assertTrue(as_b.summary)
        with self.assertRaises(AccessError):
            as_b.message_post(body="ý kiến", attachments=[("a.pdf", one_page_pdf())])
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "idesk.document"), ("res_id", "=", document.id)]
            )
        )
