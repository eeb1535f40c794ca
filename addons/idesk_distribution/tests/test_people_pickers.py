from lxml import etree

from odoo.tests import TransactionCase, tagged

from odoo.addons.idesk_security.tests.common import IdeskTestCommon

# Accounts that are no person of an agency, whatever their groups or agency say.
NOT_STAFF_XMLIDS = (
    "base.user_root",
    "base.user_admin",
    "base.public_user",
    "base.template_portal_user_id",
    "base.default_user",
)


@tagged("post_install", "-at_install")
class TestPeoplePickers(IdeskTestCommon, TransactionCase):
    """Every people picker of iDESK offers real staff only: found from the views,
    so that a new picker is covered without editing this test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency = cls._create_agency("Phòng Chọn Người", "PCN")
        cls.staff = cls._create_user("t_picker_staff", "officer", cls.agency)
        cls.leaver = cls._create_user("t_picker_leaver", "officer", cls.agency)
        cls.leaver.active = False
        cls.portal = cls._create_user("t_picker_portal", "officer", cls.agency)
        cls.portal.groups_id = cls.env.ref("base.group_portal")
        cls.not_staff = cls.leaver | cls.portal
        for xmlid in NOT_STAFF_XMLIDS:
            cls.not_staff |= cls.env.ref(xmlid, raise_if_not_found=False) or cls.staff
        cls.not_staff -= cls.staff
        # a technical account placed in an agency is still not staff
        cls.env.ref("base.user_admin").agency_id = cls.agency

    def _editable_people_fields(self):
        """(view, field name, domain) of every editable res.users field of an iDESK form."""
        views = self.env["ir.ui.view"].search(
            [
                ("type", "=", "form"),
                ("mode", "=", "primary"),
                ("model", "=like", "idesk.%"),
            ]
        )
        for view in views:
            Model = self.env[view.model]
            arch = Model.get_view(view.id, "form")["arch"]
            for node in self._top_level_fields(arch):
                field = Model._fields.get(node.get("name"))
                if not field or field.type not in ("many2one", "many2many"):
                    continue
                if field.comodel_name != "res.users":
                    continue
                readonly = node.get("readonly", "1" if field.readonly else "0")
                if readonly in ("1", "True") or node.get("invisible") in ("1", "True"):
                    continue
                domain = node.get("domain") or field.domain
                if callable(domain):
                    domain = domain(Model)
                yield view, field.name, domain

    def _top_level_fields(self, arch):
        root = etree.fromstring(arch)
        return [
            node for node in root.iter("field") if not list(node.iterancestors("field"))
        ]

    def test_admin_staff_domain_excludes_technical_and_share_accounts(self):
        staff = self.env["res.users"].search([("idesk_is_staff", "=", True)])
        self.assertIn(self.staff, staff)
        self.assertFalse(staff & self.not_staff)
        self.assertTrue(self.staff.idesk_is_staff)
        self.assertFalse(any(self.not_staff.mapped("idesk_is_staff")))

    def test_admin_every_people_picker_offers_staff_only(self):
        pickers = list(self._editable_people_fields())
        self.assertTrue(pickers, "the iDESK forms have people pickers")
        for view, field_name, domain in pickers:
            with self.subTest(view=view.xml_id or view.name, field=field_name):
                self.assertIn(
                    "idesk_is_staff",
                    str(domain),
                    "the picker uses the shared staff domain",
                )
