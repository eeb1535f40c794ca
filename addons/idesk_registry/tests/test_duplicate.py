from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestDuplicate(IdeskRegistryCase):
    def test_clerk_register_duplicate_asks_confirmation(self):
        first = self._register_incoming()
        again = self.Document.with_user(self.clerk).create(
            self._incoming_vals(origin_number_symbol="123/qđ-ubnd")
        )
        action = again.with_user(self.clerk).action_register()
        self.assertEqual(action["res_model"], "idesk.document.duplicate.wizard")
        self.assertEqual(again.state, "draft")
        self.assertFalse(again.number)
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.duplicate_ids, first)
        wizard.with_user(self.clerk).action_confirm()
        self.assertEqual(again.state, "registered")
        self.assertEqual(again.number, 2)

    def test_clerk_register_same_symbol_other_body_no_warning(self):
        self._register_incoming()
        other = self.env["res.partner"].create({"name": "Sở Nội vụ tỉnh Bình Định"})
        document = self.Document.with_user(self.clerk).create(
            self._incoming_vals(issuing_partner_id=other.id)
        )
        self.assertIs(document.with_user(self.clerk).action_register(), True)
        self.assertEqual(document.number, 2)

    def test_clerk_register_same_symbol_other_date_no_warning(self):
        first = self._register_incoming()
        document = self.Document.with_user(self.clerk).create(
            self._incoming_vals(document_date=self.today - timedelta(days=10))
        )
        self.assertIs(document.with_user(self.clerk).action_register(), True)
        self.assertEqual((first.number, document.number), (1, 2))

    def test_clerk_register_duplicate_without_confirmation_refused_over_api(self):
        self._register_incoming()
        with self.assertRaises(UserError):
            self.Document.with_user(self.clerk)._register_new([self._incoming_vals()])
