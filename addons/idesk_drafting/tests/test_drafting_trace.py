from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import DraftingCommon

# Thursday 26/11/2026 10:00 in An Nhơn (UTC+7); the town works Mon–Fri,
# 7:30–11:30 and 13:30–17:00 (7.5 hours).
NOW = "2026-11-26 03:00:00"
MONDAY_0830 = datetime(2026, 11, 23, 1, 30)  # 3.2 working days before NOW
TUESDAY_0830 = datetime(2026, 11, 24, 1, 30)  # 2.2 working days before NOW


@tagged("post_install", "-at_install")
class TestDraftingTrace(DraftingCommon, TransactionCase):
    """Who holds a draft and for how many working days; the "Stuck" filter and
    the weekly e-mail to the heads; the agency's sending address."""

    def _held(self, draft, since):
        # The moment the holder received it (written by the review steps only).
        draft.sudo()._idesk_system().write({"held_since": since})
        draft.invalidate_recordset()
        return draft

    def _submitted(self, summary, since):
        draft = self._new_draft(summary)
        draft.with_user(self.drafter).action_submit()
        return self._held(draft, since)

    def _stuck_as(self, user):
        return self.Draft.with_user(user).search([("is_stuck", "=", True)])

    @freeze_time(NOW)
    def test_drafter_sees_holder_and_working_days_and_the_stuck_filter(self):
        old = self._submitted("Dự thảo từ thứ Hai", MONDAY_0830)
        recent = self._submitted("Dự thảo từ thứ Ba", TUESDAY_0830)
        as_drafter = old.with_user(self.drafter)
        self.assertEqual(as_drafter.holder_label, self.unit_head.name)
        self.assertAlmostEqual(as_drafter.held_days, 3.2, places=1)
        self.assertTrue(as_drafter.is_stuck)
        self.assertAlmostEqual(recent.with_user(self.drafter).held_days, 2.2, places=1)
        self.assertFalse(recent.with_user(self.drafter).is_stuck)
        # The filter of the list finds the same drafts, for whoever reads them.
        self.assertEqual(self._stuck_as(self.drafter), old)
        self.assertEqual(self._stuck_as(self.unit_head), old)
        self.assertFalse(self._stuck_as(self.stranger))
        self.assertEqual(
            self.Draft.with_user(self.drafter).search(
                [("id", "in", (old | recent).ids), ("is_stuck", "=", False)]
            ),
            recent,
        )
        # The network administrator lowers the limit to 2 working days.
        self.env["ir.config_parameter"].sudo().set_param(
            "idesk_drafting.stuck_days", "2"
        )
        self.assertEqual(self._stuck_as(self.drafter), old | recent)

    @freeze_time(NOW)
    def test_drafter_public_holiday_is_not_counted(self):
        draft = self._submitted("Dự thảo qua ngày nghỉ", MONDAY_0830)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nghỉ bù (kiểm thử)",
                "date_from": datetime(2026, 11, 24, 0, 0),
                "date_to": datetime(2026, 11, 24, 16, 59),
                "time_type": "leave",
            }
        )
        draft.invalidate_recordset()
        self.assertAlmostEqual(draft.with_user(self.drafter).held_days, 2.2, places=1)
        self.assertFalse(self._stuck_as(self.drafter))

    @freeze_time(NOW)
    def test_clerk_holds_a_signed_draft_and_returned_draft_is_the_drafter_s(self):
        signed = self._sign_through(self._new_draft("Dự thảo đã ký"))
        self._held(signed, MONDAY_0830)
        self.assertEqual(
            signed.with_user(self.clerk).holder_label,
            f"Clerks of {self.office.name}",
        )
        self.assertEqual(self._stuck_as(self.clerk), signed)
        returned = self._new_draft("Dự thảo bị trả lại")
        returned.with_user(self.drafter).action_submit()
        self._decide(returned, self.unit_head, "return", comment="Bổ sung số liệu.")
        self.assertEqual(
            returned.with_user(self.drafter).holder_label, self.drafter.name
        )
        # An issued draft is held by nobody.
        signed.with_user(self.clerk).action_issue()
        self.assertFalse(signed.holder_label)
        self.assertFalse(signed.is_stuck)
        self.assertEqual(signed.held_days, 0)

    @freeze_time(NOW)
    def test_unit_head_and_office_head_get_one_email_each_with_their_stuck_drafts(self):
        first = self._submitted("Báo cáo chậm thứ nhất", MONDAY_0830)
        second = self._submitted("Báo cáo chậm thứ hai", MONDAY_0830)
        self._submitted("Báo cáo còn trong hạn", TUESDAY_0830)
        other_head = self._create_user(
            "drafting.other.head",
            "leader",
            self.other_unit,
            lang="en_US",
            email="other.head@annhon.example.gov.vn",
        )
        self.other_unit.leader_ids = other_head
        other = self._new_draft("Tờ trình của Phòng Nội vụ", user=self.stranger)
        other.with_user(self.stranger).action_submit()
        self._held(other, MONDAY_0830)
        self.env["res.lang"]._activate_lang("vi_VN")
        self.office_head.lang = "vi_VN"
        self.env.company.email = "ubnd@duthao.example.gov.vn"

        mails = self.Draft._cron_send_stuck_drafts()
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(len(mails), 3)
        self.assertEqual(
            set(by_partner),
            {
                self.unit_head.partner_id,
                other_head.partner_id,
                self.office_head.partner_id,
            },
        )
        for mail in mails:
            self.assertEqual(mail.state, "outgoing")
            self.assertIn("<ubnd@duthao.example.gov.vn>", mail.email_from)
        to_unit = by_partner[self.unit_head.partner_id].body_html
        for draft in (first, second):
            self.assertIn(draft.summary, to_unit)
            self.assertIn(f"/odoo/idesk.draft/{draft.id}", to_unit)
        self.assertIn("3,2", to_unit)
        self.assertIn(self.unit_head.name, to_unit)
        self.assertNotIn("còn trong hạn", to_unit)
        self.assertNotIn("Phòng Nội vụ", to_unit)
        self.assertIn("Phòng Nội vụ", by_partner[other_head.partner_id].body_html)
        # The Office's head: every stuck draft issued by the Office, in Vietnamese.
        to_office = by_partner[self.office_head.partner_id]
        for draft in (first, second, other):
            self.assertIn(draft.summary, to_office.body_html)
        self.assertIn("ngày làm việc", to_office.subject)
        self.assertIn("Các dự thảo", to_office.body_html)

    def test_clerk_issue_emails_outside_from_the_agency_address(self):
        self.office.outgoing_email = "vanphong@duthao.example.gov.vn"
        draft = self._sign_through(self._new_draft())
        document = self.Draft.env["idesk.document"].browse(
            draft.with_user(self.clerk).action_issue()["res_id"]
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "idesk.document"),
                ("res_id", "=", document.id),
                ("recipient_ids", "in", self.province.ids),
            ]
        )
        self.assertEqual(mail.recipient_ids, self.province)
        self.assertIn("<vanphong@duthao.example.gov.vn>", mail.email_from)
        self.assertIn(self.committee.name, mail.email_from)
        self.assertEqual(mail.reply_to, mail.email_from)

    def test_clerk_issue_emails_from_the_company_without_an_agency_address(self):
        self.env.company.email = "ubnd@duthao.example.gov.vn"
        draft = self._sign_through(self._new_draft())
        draft.with_user(self.clerk).action_issue()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "idesk.document"),
                ("res_id", "=", draft.document_id.id),
                ("recipient_ids", "in", self.province.ids),
            ]
        )
        self.assertIn("<ubnd@duthao.example.gov.vn>", mail.email_from)
        self.assertEqual(mail.reply_to, mail.email_from)

    def test_network_admin_sets_sending_address_others_cannot(self):
        admin = self._create_user("drafting.netadmin", "admin", self.office)
        self.office.with_user(admin).outgoing_email = "vp@duthao.example.gov.vn"
        self.assertEqual(self.office.outgoing_email, "vp@duthao.example.gov.vn")
        for bad in ("not an address", "a@b.vn, c@d.vn", "x@y.vn\nBcc: z@w.vn"):
            with self.assertRaises(ValidationError):
                self.office.with_user(admin).outgoing_email = bad
        with self.assertRaises(AccessError):
            self.office.with_user(self.clerk).outgoing_email = "x@duthao.example.gov.vn"
        self.assertEqual(self.office.outgoing_email, "vp@duthao.example.gov.vn")

    def test_leader_signs_with_consent_in_one_call_only_at_his_step(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        with self.assertRaises(AccessError):
            draft.with_user(self.chairman).action_sign_with_consent()
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.unit_head).action_sign_with_consent()
        self.assertIn("not the signature", refusal.exception.args[0])
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        self.assertIs(draft.with_user(self.chairman).action_sign_with_consent(), True)
        self.assertEqual(draft.state, "signed")
        self.assertIn(self.chairman.name, draft.sign_statement)
