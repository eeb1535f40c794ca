import xmlrpc.client
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .delegation_common import DelegationCase


@tagged("post_install", "-at_install")
class TestResult(DelegationCase):
    """The officer reports, the unit head accepts or returns; acceptance
    completes the unit's assignment."""

    def _handed_to_officer(self, **deadlines):
        document, lead, cooperate = self._led_document(**deadlines)
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", lead.deadline)]
        )
        return document, lead, cooperate, child

    def test_head_accepts_officer_result_unit_done(self):
        document, lead, _cooperate, child = self._handed_to_officer()
        reply = self._outgoing(self.dept)
        self._send(reply)
        child.with_user(self.officer_a).write({"reply_document_id": reply.id})
        files = self._report(
            child,
            self.officer_a,
            "Đã rà soát, dự thảo công văn trả lời.",
            files=[("bao-cao.pdf", b"%PDF-1.4 bao cao")],
        )
        self.assertEqual(child.result_state, "submitted")
        self.assertEqual(child.state, "in_progress")
        self.assertEqual(lead.state, "in_progress", "not done before the head accepts")
        self.assertTrue(child.with_user(self.head).can_review_result)
        self.assertFalse(child.with_user(self.officer_a).can_review_result)
        with self.assertRaises(AccessError):
            child.with_user(self.officer_a).action_accept_result()
        with self.assertRaisesRegex(UserError, "has been reported"):
            child.with_user(self.officer_a).write(
                {"result_note": "Sửa sau khi báo cáo"}
            )

        child.with_user(self.head).action_accept_result()
        self.assertEqual((child.state, child.result_state), ("done", "accepted"))
        self.assertEqual(child.result_reviewed_by_id, self.head)
        self.assertEqual(lead.state, "done", "acceptance completes the unit's work")
        self.assertEqual(lead.result_note, "Đã rà soát, dự thảo công văn trả lời.")
        self.assertEqual(lead.reply_document_id, reply)
        self.assertEqual(lead.result_attachment_ids.mapped("name"), ["bao-cao.pdf"])
        self.assertEqual(lead.result_attachment_ids.res_id, lead.id)
        self.assertEqual(lead.result_attachment_ids.raw, files.raw)
        today = fields.Date.context_today(lead)
        self.assertEqual(lead.completion_date, today)
        self.assertEqual(
            (lead.completion_status, lead.late_working_days), ("on_time", 0)
        )
        self.assertEqual(document.process_state, "done", "the lead unit answered")
        # The officer learns it in his inbox.
        self.assertTrue(
            self.env["mail.message"].search_count(
                [
                    ("partner_ids", "in", self.officer_a.partner_id.ids),
                    ("subject", "like", "Result accepted"),
                ]
            )
        )

    def test_head_returns_result_then_accepts(self):
        _document, lead, _cooperate, child = self._handed_to_officer()
        self._report(child, self.officer_a, "Bản nháp.")
        action = child.with_user(self.head).action_return_result()
        self.assertEqual(action["res_model"], "idesk.result.return.wizard")
        Wizard = self.env["idesk.result.return.wizard"].with_user(self.head)
        Wizard.with_context(**action["context"]).create(
            {"reason": "Thiếu số liệu quý III."}
        ).action_confirm()
        self.assertEqual(child.result_state, "returned")
        self.assertEqual(child.result_return_reason, "Thiếu số liệu quý III.")
        self.assertEqual((child.state, lead.state), ("in_progress", "in_progress"))
        self.assertFalse(child.with_user(self.head).can_review_result)
        with self.assertRaisesRegex(UserError, "no reported result"):
            child.with_user(self.head).action_accept_result()
        # The officer reworks and reports again; the head accepts.
        child.with_user(self.officer_a).write(
            {"result_note": "Bổ sung số liệu quý III."}
        )
        child.with_user(self.officer_a).action_report_result()
        self.assertFalse(child.result_return_reason)
        child.with_user(self.head).action_accept_result()
        self.assertEqual(lead.state, "done")
        self.assertEqual(lead.result_note, "Bổ sung số liệu quý III.")

    def test_unit_digest_counts_delegated_work_once(self):
        _document, lead, _cooperate, child = self._handed_to_officer()
        self._report(child, self.officer_a, "Đã xong.")
        child.with_user(self.head).action_accept_result()
        counts = {
            key: value
            for key, _label, value in self.env["idesk.assignment"]._digest_counts(
                self.dept, self.today
            )
        }
        self.assertEqual(
            (counts["received"], counts["on_time"], counts["late"], counts["pending"]),
            (1, 1, 0, 0),
        )

    def test_head_return_without_reason_refused(self):
        _document, _lead, _cooperate, child = self._handed_to_officer()
        self._report(child, self.officer_a, "Bản nháp.")
        for reason in ("", "   ", 42):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                child.with_user(self.head).action_return_result(reason=reason)
        self.assertEqual(child.result_state, "submitted")

    def test_officer_report_needs_a_result(self):
        _document, _lead, _cooperate, child = self._handed_to_officer()
        with self.assertRaisesRegex(UserError, "Write the result"):
            child.with_user(self.officer_a).action_report_result()
        with self.assertRaises(AccessError):
            child.with_user(self.officer_b).action_report_result()
        self.assertFalse(child.result_state)

    def test_officer_cannot_attach_another_records_file(self):
        _document, lead, _cooperate, child = self._handed_to_officer()
        foreign = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "mat.pdf",
                    "raw": b"secret",
                    "res_model": "idesk.assignment",
                    "res_id": lead.id,
                }
            )
        )
        with self.assertRaises(ValidationError):
            child.with_user(self.officer_a).write(
                {"result_attachment_ids": [(6, 0, foreign.ids)]}
            )

    def test_officer_reply_he_cannot_read_refused(self):
        _document, _lead, _cooperate, child = self._handed_to_officer()
        hidden = self._outgoing(self.ward)
        with self.assertRaises(AccessError):
            child.with_user(self.officer_a).write(
                {"result_note": "Xem văn bản trả lời.", "reply_document_id": hidden.id}
            )
        self.assertFalse(child.reply_document_id)

    def test_head_accepts_late_result_in_working_days(self):
        _document, lead, _cooperate, child = self._handed_to_officer()
        late_deadline = self.today - timedelta(days=7)
        (lead | child).sudo().write({"deadline": late_deadline})
        self._report(child, self.officer_a, "Hoàn thành muộn.")
        child.with_user(self.head).action_accept_result()
        expected = self._expected_late_days(self.dept, late_deadline, self.today)
        self.assertGreater(expected, 0)
        self.assertEqual(lead.completion_status, "late")
        self.assertEqual(lead.late_working_days, expected)
        self.assertEqual(child.late_working_days, expected)

    def test_cooperating_unit_report_visible_to_lead(self):
        document, lead, cooperate, _child = self._handed_to_officer()
        [child2] = self._delegate(
            cooperate, self.head2, [(self.officer2, "lead", cooperate.deadline)]
        )
        self._report(
            child2,
            self.officer2,
            "Phòng Hai góp ý: thống nhất.",
            files=[("gop-y.pdf", b"%PDF-1.4 gop y")],
        )
        # Before the unit accepts it, the lead sees the cooperation open.
        self.assertEqual(lead.with_user(self.head).cooperation_ids.state, "in_progress")
        self.assertFalse(lead.with_user(self.head).cooperation_ids.result_note)
        child2.with_user(self.head2).action_accept_result()
        for reader in (self.head, self.officer_a):
            seen = lead.with_user(reader).cooperation_ids
            self.assertEqual(seen, cooperate, reader.login)
            self.assertEqual(seen.state, "done")
            self.assertEqual(seen.result_note, "Phòng Hai góp ý: thống nhất.")
            self.assertEqual(seen.result_attachment_ids.mapped("name"), ["gop-y.pdf"])
            self.assertEqual(
                seen.result_attachment_ids.with_user(reader).raw, b"%PDF-1.4 gop y"
            )
        # The lead unit's head is told.
        self.assertTrue(
            self.env["mail.message"].search_count(
                [
                    ("partner_ids", "in", self.head.partner_id.ids),
                    ("subject", "like", "Cooperation result"),
                ]
            )
        )
        # The cooperating unit's officer work stays the cooperating unit's.
        with self.assertRaises(AccessError):
            child2.with_user(self.head).check_access("read")
        with self.assertRaises(AccessError):
            cooperate.with_user(self.officer3).check_access("read")
        self.assertEqual(document.process_state, "in_progress")


@tagged("post_install", "-at_install")
class TestDelegationRpc(HttpCase, DelegationCase):
    """Over XML-RPC, an officer of another unit gets nothing of the work."""

    def _rpc(self, user, method, args, kwargs=None):
        password = f"{user.login}-Passw0rd!"
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, password, {}
        )
        self.assertEqual(uid, user.id)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            password,
            "idesk.assignment",
            method,
            args,
            kwargs or {},
        )

    def test_other_unit_officer_rpc_access_refused(self):
        _document, lead, _cooperate = self._led_document()
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", lead.deadline)]
        )
        self._report(child, self.officer_a, "Kết quả nội bộ.")
        self.env.flush_all()
        # The officer himself reads his work.
        [own] = self._rpc(self.officer_a, "read", [child.ids, ["result_note"]])
        self.assertEqual(own["result_note"], "Kết quả nội bộ.")
        for method, args in (
            ("read", [child.ids, ["result_note"]]),
            ("read", [lead.ids, ["child_ids"]]),
            ("action_accept_result", [child.ids]),
            ("action_return_result", [child.ids, "Không đạt"]),
            ("action_delegate", [lead.ids]),
            ("write", [child.ids, {"result_note": "Sửa"}]),
        ):
            with self.subTest(method=method), self.assertRaises(xmlrpc.client.Fault):
                self._rpc(self.officer3, method, args)
        self.assertFalse(
            self._rpc(self.officer3, "search", [[("parent_id", "!=", False)]])
        )
        child.invalidate_recordset()
        self.assertEqual(
            (child.result_state, child.result_note), ("submitted", "Kết quả nội bộ.")
        )
