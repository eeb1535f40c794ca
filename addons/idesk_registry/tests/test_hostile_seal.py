import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdeskRegistryCase
from .test_agency_seal import seal_png


@tagged("post_install", "-at_install")
class TestHostileSeal(IdeskRegistryCase):
    """A clerk reads the seal of the agencies he stamps for, not every agency's."""

    def test_clerk_of_another_unit_cannot_read_office_and_committee_seals(self):
        image = base64.b64encode(seal_png())
        (self.agency_vp | self.agency_p).sudo().write({"seal_image": image})
        for agency in (self.agency_vp, self.agency_p):
            with self.assertRaises(AccessError):
                agency.with_user(self.clerk_b).read(["seal_image"])
            self.assertFalse(agency.with_user(self.clerk_b).seal_image_kept)
            # The Office's clerk stamps for the Office and its committee.
            self.assertEqual(agency.with_user(self.clerk_vp).seal_image_kept, image)
