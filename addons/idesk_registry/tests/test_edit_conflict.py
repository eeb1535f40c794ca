from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestEditConflict(IdeskRegistryCase):
    def _opened_at(self, document):
        return fields.Datetime.to_string(document.write_date.replace(microsecond=0))

    def test_clerk_save_on_older_version_refused(self):
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        opened = self._opened_at(draft)
        # Another clerk saves first, a second later.
        draft.sudo().write({"note": "Bản của văn thư 1"})
        self.env.cr.execute(
            "UPDATE idesk_document SET write_date = %s WHERE id = %s",
            [draft.write_date + timedelta(seconds=1), draft.id],
        )
        draft.invalidate_recordset(["write_date"])
        with self.assertRaisesRegex(UserError, "after you opened it"):
            draft.with_user(self.clerk).web_save(
                {"note": "Bản của văn thư 2", "edit_since": opened}, {}
            )
        self.assertEqual(draft.note, "Bản của văn thư 1")

    def test_clerk_save_on_current_version_accepted(self):
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        draft.with_user(self.clerk).web_save(
            {"note": "Đã kiểm tra", "edit_since": self._opened_at(draft)}, {}
        )
        self.assertEqual(draft.note, "Đã kiểm tra")


@tagged("post_install", "-at_install")
class TestEditConflictWebClient(HttpCase):
    def test_clerk_form_save_sends_version(self):
        """The web client's save carries the version the clerk opened."""
        draft = (
            self.env["idesk.document"]
            .with_user(self.env.ref("idesk_security.user_vanthu_vp"))
            .create(
                {
                    "direction": "incoming",
                    "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                    "origin_number_symbol": "7/SNV-VP",
                    "type_id": self.env.ref("idesk_registry.type_cv").id,
                    "summary": "V/v rà soát biên chế năm 2026",
                    "document_date": fields.Date.today() - timedelta(days=1),
                }
            )
        )
        # Someone else saves after the clerk opened the form: the tour's save fails.
        self.start_tour(
            f"/odoo/action-idesk_registry.action_idesk_document_incoming/{draft.id}",
            "idesk_registry_edit_conflict",
            login="vanthu",
            step_delay=0,
        )
        self.assertEqual(draft.note, "Bản của người khác")
