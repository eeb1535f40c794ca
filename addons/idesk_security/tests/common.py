from odoo.tests import new_test_user

# A database installed with --load-language=vi_VN (as the test command does) has only
# Vietnamese active and as the default language of new people: the tests activate
# English (rolled back with the test) and read messages in it, web pages included.
ENGLISH = {"Accept-Language": "en-US"}

ROLES = {
    "officer": "idesk_security.group_idesk_officer",
    "clerk": "idesk_security.group_idesk_clerk",
    "leader": "idesk_security.group_idesk_leader",
    "it_officer": "idesk_security.group_idesk_it_officer",
    "admin": "idesk_security.group_idesk_admin",
}


class IdeskSecurityCommon:
    """A small tree of test agencies: parent committee, own office, other office, a ward
    under the own office; one user of every role in the own office."""

    @classmethod
    def _use_english(cls):
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")
        # messages given before the person is known (a first LDAP login over RPC)
        # are in the language of the system account
        cls.env.ref("base.user_root").lang = "en_US"
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    @classmethod
    def _setup_agencies_and_users(cls):
        cls._use_english()
        Agency = cls.env["idesk.agency"]
        cls.parent_agency = Agency.create(
            {
                "name": "UBND thị xã Kiểm Thử",
                "code": "UBND",
                "kind": "committee",
                "organ_code": "000.00.98.H08",
            }
        )
        cls.own_agency = Agency.create(
            {
                "name": "Phòng Tài chính Kiểm Thử",
                "code": "TCKH",
                "kind": "department",
                "organ_code": "000.04.98.H08",
                "parent_id": cls.parent_agency.id,
            }
        )
        cls.other_agency = Agency.create(
            {
                "name": "Phòng Nội vụ Kiểm Thử",
                "code": "NV",
                "kind": "department",
                "organ_code": "000.03.98.H08",
                "parent_id": cls.parent_agency.id,
            }
        )
        cls.child_agency = Agency.create(
            {
                "name": "UBND xã Kiểm Thử",
                "code": "UBND",
                "kind": "commune",
                "organ_code": "000.11.98.H08",
                "parent_id": cls.own_agency.id,
            }
        )
        cls.users = {}
        for role, group in ROLES.items():
            cls.users[role] = new_test_user(
                cls.env,
                lang="en_US",
                login=f"test.{role}",
                name=f"Test {role}",
                email=f"test.{role}@annhon.example.gov.vn",
                groups=group,
                agency_id=cls.own_agency.id,
            )
        cls.scope_agencies = {
            "own": cls.own_agency,
            "other": cls.other_agency,
            "parent": cls.parent_agency,
        }
        cls.scope_users = {
            scope: new_test_user(
                cls.env,
                lang="en_US",
                login=f"test.staff.{scope}",
                name=f"Staff of {scope} agency",
                groups="idesk_security.group_idesk_officer",
                agency_id=agency.id,
            )
            for scope, agency in cls.scope_agencies.items()
        }
