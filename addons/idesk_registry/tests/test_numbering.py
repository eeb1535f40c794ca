from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestNumbering(IdeskRegistryCase):
    def test_clerk_register_incoming_consecutive_from_01(self):
        documents = [self._register_incoming() for _i in range(11)]
        self.assertEqual([d.number for d in documents], list(range(1, 12)))
        self.assertEqual(documents[0].number_display, "01")
        self.assertEqual(documents[8].number_display, "09")
        self.assertEqual(documents[10].number_display, "11")
        book = documents[0].book_id
        self.assertIn(str(self.today.year), book.name)
        self.assertIn(self.agency_a.name, book.name)
        self.assertEqual({d.book_id for d in documents}, {book})
        self.assertEqual(book.next_number, 12)
        self.assertTrue(all(d.state == "registered" for d in documents))

    def test_clerk_register_incoming_and_outgoing_separate_books(self):
        incoming = self._register_incoming()
        outgoing = self._register_outgoing()
        other_agency = self._register_incoming(user=self.clerk_b, agency=self.agency_b)
        self.assertEqual(
            (incoming.number, outgoing.number, other_agency.number), (1, 1, 1)
        )
        self.assertNotEqual(incoming.book_id, outgoing.book_id)
        self.assertEqual(outgoing.book_id.direction, "outgoing")

    def test_clerk_register_new_year_restarts_at_01(self):
        with freeze_time("2025-12-31 09:00:00"):
            last_of_year = [
                self._register_incoming(
                    document_date=self.today.replace(year=2025, month=12, day=30)
                )
                for _i in range(3)
            ][-1]
        with freeze_time("2026-01-01 08:00:00"):
            first_of_year = self._register_incoming(
                document_date=self.today.replace(year=2025, month=12, day=31)
            )
        self.assertEqual(last_of_year.number, 3)
        self.assertEqual(last_of_year.book_id.year, 2025)
        self.assertEqual(first_of_year.number, 1)
        self.assertEqual(first_of_year.number_display, "01")
        self.assertEqual(first_of_year.book_id.year, 2026)
        self.assertNotEqual(first_of_year.book_id, last_of_year.book_id)

    def test_clerk_register_failing_halfway_burns_no_number(self):
        first = self._register_incoming()
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        with self.assertRaises(ValueError), self.env.cr.savepoint():
            draft.with_context(idesk_confirm_duplicate=True).action_register()
            self.assertEqual(draft.number, 2)
            raise ValueError("scanner jammed after the number was taken")
        self.env.invalidate_all()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.number)
        following = self._register_incoming()
        self.assertEqual((first.number, following.number), (1, 2))

    def test_clerk_cancel_keeps_number_in_book(self):
        first, second = self._register_incoming(), self._register_incoming()
        action = second.with_user(self.clerk).action_cancel()
        self.assertEqual(action["res_model"], "idesk.document.cancel.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create({"reason": "Registered twice by mistake"})
        )
        wizard.action_confirm()
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(second.number_display, "02")
        self.assertEqual(second.cancel_reason, "Registered twice by mistake")
        third = self._register_incoming()
        self.assertEqual(third.number, 3)
        self.assertIn("Registered twice by mistake", second.message_ids[0].body)
        self.assertEqual(first.state, "registered")

    def test_clerk_cancel_without_reason_refused(self):
        document = self._register_incoming()
        with self.assertRaises(UserError):
            document.with_user(self.clerk)._do_cancel("   ")
        self.assertEqual(document.state, "registered")

    def test_clerk_write_number_refused(self):
        document = self._register_incoming()
        for field, value in (
            ("number", 7),
            ("symbol", "7/QĐ-NV"),
            ("state", "draft"),
            ("registration_date", False),
        ):
            with self.subTest(field=field), self.assertRaises(UserError):
                document.with_user(self.clerk).write({field: value})
        self.assertEqual(document.number, 1)
        with self.assertRaises(UserError):
            self.Document.with_user(self.clerk).create(self._incoming_vals(number=5))

    def test_clerk_delete_registered_refused(self):
        document = self._register_incoming()
        with self.assertRaises(UserError):
            document.with_user(self.clerk).unlink()
        self.assertTrue(document.exists())
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        draft.with_user(self.clerk).unlink()
        self.assertFalse(draft.exists())

    def test_officer_register_refused(self):
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        with self.assertRaises(AccessError):
            draft.with_user(self.users["officer"]).action_register()
        self.assertEqual(draft.state, "draft")

    def test_clerk_register_missing_fields_takes_no_number(self):
        with self.assertRaises(UserError):
            self._register_incoming(summary=False)
        self.assertEqual(self._register_incoming().number, 1)

    def test_clerk_register_flags_urgent(self):
        document = self._register_incoming(urgency_id=self.urgency_flash.id)
        self.assertTrue(document.is_urgent)
        self.assertEqual(document.urgency_priority, 3)
        normal = self._register_incoming()
        self.assertFalse(normal.is_urgent)
        urgencies = self.env["idesk.urgency"].search([], order="priority")
        self.assertEqual(
            [(u.name, u.priority, u.is_urgent) for u in urgencies][:5],
            [
                ("Thường", 0, False),
                ("Khẩn", 1, True),
                ("Thượng khẩn", 2, True),
                ("Hỏa tốc", 3, True),
                ("Hỏa tốc hẹn giờ", 4, True),
            ],
        )

    def test_clerk_without_email_registers(self):
        self.clerk.partner_id.email = False
        document = self._register_incoming()
        self.assertEqual(document.state, "registered")
        self.assertEqual(document.message_ids[0].author_id, self.clerk.partner_id)

    def test_clerk_register_through_form(self):
        form = Form(
            self.Document.with_user(self.clerk).with_context(
                default_direction="incoming"
            )
        )
        # One issuer field: a name typed by hand (the widget's choices of an
        # agency or contact are tested in test_issuer_field.py).
        form.issuing_body_name = "UBND tỉnh Bình Định"
        form.origin_number_symbol = "245/QĐ-UBND"
        form.document_date = self.today
        form.type_id = self.type_qd
        form.summary = "Quyết định phê duyệt kế hoạch sử dụng đất"
        document = form.save()
        self.assertEqual(document.agency_id, self.agency_a)
        self.assertEqual(document.state, "draft")
        self.assertFalse(document.number_display)
        document.action_register()
        self.assertEqual(document.number_display, "01")
        self.assertIn("01", document.message_ids[0].body)

    def test_officer_sign_for_paper_as_recipient(self):
        officer = self.users["officer"]
        document = self._register_incoming(recipient_user_id=officer.id)
        document.with_user(officer).action_confirm_paper_received()
        self.assertEqual(document.paper_received_by_id, officer)
        self.assertTrue(document.paper_received_date)
        other = self._register_incoming(recipient_user_id=self.users["leader"].id)
        with self.assertRaises(AccessError):
            other.with_user(officer).action_confirm_paper_received()
        self.assertFalse(other.paper_received_by_id)
