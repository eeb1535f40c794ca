from odoo.tests import HttpCase, tagged

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf


@tagged("post_install", "-at_install")
class TestDraftingTour(HttpCase):
    """The leader signs and the clerk issues in the web client (demo accounts)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        officer = ref("idesk_security.user_cv_tckh")
        summary = "Tour: báo cáo quyết toán ngân sách"
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
                    "signer_id": ref("idesk_security.user_chutich").id,
                    "signer_authority": "TM.",
                    "signer_position": "Chủ tịch",
                }
            )
        )
        draft._add_version("tour.pdf", sample_draft_pdf(summary, "Nội dung."))
        draft.action_submit()
        draft.with_user(ref("idesk_security.user_lanhdao_tckh"))._do_review("approve")
        draft.with_user(ref("idesk_security.user_chanhvp"))._do_review("approve")
        cls.draft = draft.with_env(cls.env)

    def test_leader_signs_then_clerk_issues_in_the_browser(self):
        self.start_tour(
            "/odoo/action-idesk_drafting.action_idesk_draft",
            "idesk_drafting_sign_tour",
            login="chutich",
        )
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "signed")
        self.assertEqual(
            self.draft.signed_by_id, self.env.ref("idesk_security.user_chutich")
        )
        self.start_tour(
            "/odoo/action-idesk_drafting.action_idesk_draft",
            "idesk_drafting_issue_tour",
            login="vanthu",
        )
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "issued")
        self.assertEqual(self.draft.document_id.state, "registered")
        self.assertTrue(self.draft.document_id.symbol.endswith("/UBND-TCKH"))
