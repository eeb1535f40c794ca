from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestAgencyArchive(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Who keeps the sub-unit's book; archived with the unit when it closes.
        cls.clerk_s = cls._create_user("reg_clerk_s", "clerk", cls.agency_s)

    def _archive_sub_unit(self):
        self.clerk_s.active = False
        self.agency_s.with_user(self.users["admin"]).action_archive()

    def test_admin_archive_agency_with_unregistered_document_refused(self):
        self.Document.with_user(self.clerk_s).create(self._incoming_vals(self.agency_s))
        with self.assertRaisesRegex(UserError, "1 document\\(s\\) not yet registered"):
            self._archive_sub_unit()
        self.assertTrue(self.agency_s.active)

    def test_admin_archive_agency_with_only_registered_documents(self):
        self._register_incoming(user=self.clerk_s, agency=self.agency_s)
        self._archive_sub_unit()
        self.assertFalse(self.agency_s.active)
