from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestHostileBookKeepers(IdeskRegistryCase):
    """The Office's clerk keeps the incoming book of a unit without a clerk,
    and nothing else of that unit, whatever he writes over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls._create_agency(
            "Phòng Không Văn Thư Thử",
            "KVT",
            parent=cls.agency_p,
            registering_agency_id=cls.agency_vp.id,
        )

    def test_clerk_office_cannot_turn_kept_incoming_draft_into_outgoing(self):
        draft = self.Document.with_user(self.clerk_vp).create(
            self._incoming_vals(self.unit)
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.clerk_vp).write({"direction": "outgoing"})
        self.assertEqual(draft.direction, "incoming", "nothing was changed")
        # His own agency's draft he may still turn around.
        own = self.Document.with_user(self.clerk_vp).create(
            self._incoming_vals(self.agency_vp)
        )
        own.with_user(self.clerk_vp).write({"direction": "outgoing"})
        self.assertEqual(own.direction, "outgoing")
