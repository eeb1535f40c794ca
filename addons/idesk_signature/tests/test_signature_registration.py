from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..tools import pki, samples
from .common import UNKNOWN_SEED, IdeskSignatureCase


@tagged("post_install", "-at_install")
class TestSignatureRegistration(IdeskSignatureCase):
    """An invalid signature blocks registration until the clerk records a reason
    (Decree 30/2020, art. 21.2); the verdict is iDESK's, never typed or sent."""

    def test_clerk_register_invalid_signature_blocked_then_allowed_with_reason(self):
        draft = self._received(samples.change_one_byte(self.signed_by_leader))
        self.assertEqual(draft.signature_verdict, "invalid")
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.clerk).action_register()  # the API, a distributed copy
        self.assertIn(
            "Register it only after recording a reason", str(refusal.exception)
        )
        action = (
            draft.with_user(self.clerk)
            .with_context(idesk_signature_ask=True)
            .action_register()
        )
        self.assertEqual(action["res_model"], "idesk.signature.override.wizard")
        self.assertEqual(draft.state, "draft", "not registered by the click")
        with self.assertRaises(UserError) as refusal:
            self.Document.with_user(self.clerk).browse(draft.id)._do_register()
        self.assertIn(
            "the digital signature of the file is invalid", str(refusal.exception)
        )

        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_context(**action["context"])
        )
        with self.assertRaises(UserError):
            Wizard.create({"reason": "   "}).action_confirm()
        self.assertEqual(draft.state, "draft")

        wizard_form = Form(Wizard)
        self.assertIn(
            "no longer matches its content", wizard_form.signature_explanation
        )
        wizard_form.reason = "Bên gửi đã xác nhận nội dung qua điện thoại"
        wizard_form.save().action_confirm()
        self.assertEqual(draft.state, "registered")
        self.assertTrue(draft.number)
        self.assertEqual(
            draft.signature_override_reason,
            "Bên gửi đã xác nhận nội dung qua điện thoại",
        )
        self.assertEqual(draft.signature_override_by_id, self.clerk)
        self.assertTrue(draft.signature_override_date)
        self.assertTrue(
            any(
                "Bên gửi đã xác nhận" in body
                for body in draft.message_ids.mapped("body")
            ),
            "the decision is in the chatter",
        )

    def test_clerk_registers_valid_signed_document_without_question(self):
        draft = self._received(self.signed_by_leader)
        self.assertIs(draft.with_user(self.clerk).action_register(), True)
        self.assertEqual(draft.state, "registered")

    def test_clerk_registers_unknown_signer_document_without_question(self):
        # Not invalid: the clerk sees the badge; only an invalid signature blocks.
        stranger = pki.make_pki(seed=UNKNOWN_SEED).leader
        draft = self._received(samples.sign_pdf(self.unsigned_pdf, stranger))
        self.assertEqual(draft.signature_verdict, "unknown_signer")
        draft.with_user(self.clerk).action_register()
        self.assertEqual(draft.state, "registered")

    def test_new_file_needs_a_new_decision(self):
        draft = self._received(samples.change_one_byte(self.signed_by_leader))
        draft.with_user(self.clerk)._record_signature_override("Đã xác nhận")
        draft.with_user(self.clerk)._attach_scan(
            [("lan-2.pdf", samples.add_page(self.signed_by_leader))]
        )
        self.assertEqual(draft.signature_verdict, "invalid")
        self.assertFalse(
            draft.signature_override_reason, "the reason was about the previous file"
        )

    def test_clerk_cannot_write_verdict_or_reason(self):
        draft = self._received(samples.change_one_byte(self.signed_by_leader))
        for vals in (
            {"signature_verdict": "valid"},
            {"signature_report": "{}"},
            {"signature_override_reason": "typed in"},
            {"signature_checked_date": "2026-01-01 00:00:00"},
        ):
            with self.assertRaises(AccessError):
                draft.with_user(self.clerk).write(vals)
        with self.assertRaises(AccessError):
            self.Document.with_user(self.clerk).create(
                self._incoming_vals(signature_verdict="valid")
            )
        self.assertEqual(draft.signature_verdict, "invalid")

    def test_officer_cannot_override_or_check_again(self):
        draft = self._received(samples.change_one_byte(self.signed_by_leader))
        officer = self.users["officer"]
        with self.assertRaises(AccessError):
            draft.with_user(officer)._record_signature_override("not a clerk")
        with self.assertRaises(AccessError):
            draft.with_user(officer).action_check_signature()
        self.assertFalse(draft.signature_override_reason)

    def test_other_agency_clerk_cannot_override(self):
        draft = self._received(samples.change_one_byte(self.signed_by_leader))
        with self.assertRaises(AccessError):
            draft.with_user(self.clerk_b)._record_signature_override("not my book")
        self.assertFalse(draft.signature_override_reason)
