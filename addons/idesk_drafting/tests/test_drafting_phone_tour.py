from odoo.tests import HttpCase, tagged

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_security.tests.common import take_screenshot

PHONE = "375x667"
# The draft's form is shown with its Sign button and nothing is loading.
FORM_READY = (
    "document.querySelector(\".o_form_sheet button[name='action_sign_with_consent']\")"
    " && !document.querySelector('.o_loading_indicator')"
)
MIN_SCREENSHOT_BYTES = 15_000


@tagged("post_install", "-at_install")
class TestDraftingPhoneTour(HttpCase):
    """The chairman signs on his phone (demo accounts): from his home to the
    signed draft, in at most 3 requests once the form is open; a screenshot of
    the form at phone size is written to var/screenshots/drafting_sign_phone.png."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        if not ref("idesk_security.user_chutich", raise_if_not_found=False):
            cls.skipTest(cls, "needs the demo data of idesk_security")
        officer = ref("idesk_security.user_cv_tckh")
        summary = "Ký trên điện thoại: báo cáo quyết toán ngân sách xã"
        draft = (
            cls.env["idesk.draft"]
            .with_user(officer)
            .create(
                {
                    "type_id": ref("idesk_registry.type_cv").id,
                    "summary": summary,
                    "recipient_agency_ids": [
                        (6, 0, ref("idesk_security.agency_x_nhon_hau").ids)
                    ],
                    "recipient_partner_ids": [
                        (6, 0, ref("idesk_registry.partner_so_tai_chinh").ids)
                    ],
                    "signer_id": ref("idesk_security.user_chutich").id,
                    "signer_authority": "TM.",
                    "signer_position": "Chủ tịch",
                }
            )
        )
        draft._add_version("phone.pdf", sample_draft_pdf(summary, "Nội dung."))
        draft.action_submit()
        draft.with_user(ref("idesk_security.user_lanhdao_tckh")).action_approve()
        draft.with_user(ref("idesk_security.user_chanhvp")).action_approve()
        cls.draft = draft.with_env(cls.env)

    def test_leader_signs_on_phone_from_his_home(self):
        chairman = self.env.ref("idesk_security.user_chutich")
        self.assertEqual(self.draft.holder_id, chairman)
        path = take_screenshot(
            self,
            f"/odoo/action-idesk_drafting.action_idesk_draft/{self.draft.id}",
            "chutich",
            PHONE,
            "drafting_sign_phone.png",
            FORM_READY,
        )
        self.assertGreater(path.stat().st_size, MIN_SCREENSHOT_BYTES, path)
        self.browser_size, self.touch_enabled = PHONE, True
        try:
            self.start_tour("/odoo", "idesk_drafting_sign_phone_tour", login="chutich")
        finally:
            self.browser_size, self.touch_enabled = type(self).browser_size, False
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "signed")
        self.assertEqual(self.draft.signed_by_id, chairman)
        self.assertIn(chairman.name, self.draft.sign_statement)
