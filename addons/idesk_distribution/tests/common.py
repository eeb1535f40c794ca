from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.idesk_security.tests.common import IdeskTestCommon, one_page_pdf


class DistributionCase(IdeskTestCommon, TransactionCase):
    """Two agencies of a test town with their leader, clerk and officers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=False,
                mail_create_nolog=True,
                lang="en_US",
            )
        )
        cls.town = cls._create_agency("UBND thị xã Thử", "UBND", "committee")
        cls.office = cls._create_agency(
            "Văn phòng thị xã Thử", "VP", "office", cls.town
        )
        cls.ward = cls._create_agency("UBND phường Thử", "UBND", "ward", cls.town)
        cls.dept = cls._create_agency("Phòng Thử", "PT", parent=cls.town)

        def user(login, role, agency, notification_type="inbox"):
            return cls._create_user(
                login,
                role,
                agency,
                password=f"{login}-Passw0rd!",
                lang="en_US",
                email=f"{login}@test.example",
                notification_type=notification_type,
            )

        # The leader prefers e-mail, the others the Odoo inbox: both must get both.
        cls.leader = user("t_leader", "leader", cls.office, notification_type="email")
        cls.clerk = user("t_clerk", "clerk", cls.office)
        cls.officer = user("t_officer", "officer", cls.office)
        cls.ward_clerk = user("t_ward_clerk", "clerk", cls.ward)
        cls.ward_leader = user("t_ward_leader", "leader", cls.ward)
        cls.dept_officer = user("t_dept_officer", "officer", cls.dept)
        cls.outsider = user("t_outsider", "officer", cls.dept)
        cls.office.write(
            {"leader_ids": [(4, cls.leader.id)], "clerk_ids": [(4, cls.clerk.id)]}
        )
        cls.ward.write(
            {
                "leader_ids": [(4, cls.ward_leader.id)],
                "clerk_ids": [(4, cls.ward_clerk.id)],
            }
        )
        cls.dept.write({"leader_ids": [(4, cls.leader.id)]})
        cls.doc_type = cls.env.ref("idesk_registry.type_kh")
        cls.doc_type.processing_days = 5
        cls.normal = cls.env.ref("idesk_registry.urgency_normal")
        cls.urgent = cls.env.ref("idesk_registry.urgency_urgent")
        cls.today = fields.Date.context_today(cls.env["idesk.document"])

    @classmethod
    def _incoming(cls, agency=None, clerk=None, urgency=None, symbol="12/KH-UBND"):
        clerk = clerk or cls.clerk
        document = (
            cls.env["idesk.document"]
            .with_user(clerk)
            .create(
                {
                    "direction": "incoming",
                    "agency_id": (agency or cls.office).id,
                    "issuing_body_name": "UBND tỉnh Thử",
                    "origin_number_symbol": symbol,
                    "type_id": cls.doc_type.id,
                    "summary": "Kế hoạch thử nghiệm phân phối văn bản",
                    "urgency_id": (urgency or cls.normal).id,
                    "document_date": cls.today - timedelta(days=2),
                    "arrival_datetime": fields.Datetime.now() - timedelta(hours=1),
                }
            )
        )
        document.action_register()
        return document.with_env(cls.env)

    @classmethod
    def _outgoing(cls, recipients, signed_file=True):
        document = (
            cls.env["idesk.document"]
            .with_user(cls.clerk)
            .create(
                {
                    "direction": "outgoing",
                    "agency_id": cls.office.id,
                    "type_id": cls.doc_type.id,
                    "summary": "Kế hoạch gửi các phường",
                    "document_date": cls.today,
                    "signer_name": "Nguyễn Văn Thử",
                    "signer_authority": "TL.",
                    "signer_position": "Chánh Văn phòng",
                    "urgency_id": cls.normal.id,
                    "recipient_agency_ids": [(6, 0, recipients.ids)],
                }
            )
        )
        document.action_register()
        if signed_file:
            document._attach_scan([("ke-hoach-da-ky.pdf", one_page_pdf())])
        return document.with_env(cls.env)

    def _send(self, document, user=None):
        """Send as the clerk does: the button, then the confirmation naming the
        recipients; returns what the clerk is shown when it is sent."""
        action = document.with_user(user or self.clerk).action_distribute()
        self.assertEqual(action["res_model"], "idesk.send.wizard")
        wizard = self.env["idesk.send.wizard"].with_user(user or self.clerk)
        return wizard.browse(action["res_id"]).action_confirm()

    def _direct(self, document, user=None, **vals):
        """Direct through the wizard, as the leader (or a clerk) does."""
        vals.setdefault("direction_note", "Giao phòng xử lý, báo cáo kết quả.")
        wizard = (
            self.env["idesk.direction.wizard"]
            .with_user(user or self.leader)
            .with_context(default_document_id=document.id)
            .create(vals)
        )
        wizard.action_confirm()
        return document.assignment_ids

    def _incoming_led_by(self, user, days=5, **incoming):
        """An incoming document the leader gave ``user`` to lead within ``days``
        working days, and that assignment."""
        document = self._incoming(**incoming)
        assignment = self._direct(
            document, lead_user_id=user.id, lead_deadline=self._deadline(days)
        )
        return document, assignment

    def _deadline(self, days=5):
        return self.office._add_working_days(self.today, days)
