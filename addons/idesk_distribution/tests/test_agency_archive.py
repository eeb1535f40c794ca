from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestAgencyArchive(DistributionCase):
    def test_admin_archive_agency_with_open_assignment_gives_reason(self):
        document = self._incoming()
        self._direct(
            document, lead_agency_id=self.ward.id, lead_deadline=self._deadline()
        )
        self.assertIn(
            "1 document(s) still to be processed", self.ward._check_can_archive()
        )
        self.assertNotIn(
            "1 document(s) still to be processed", self.dept._check_can_archive()
        )
