import base64
import io
import os
from pathlib import Path

from reportlab.pdfgen import canvas
from werkzeug.urls import url_join

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser

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


def one_page_pdf(text="Văn bản"):
    """A real one-page PDF: files attached to documents must pass the scan checks."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 760, text)
    sheet.save()
    return buffer.getvalue()


class RefusalAsserts:
    """``assertRefused``: a call refused with exactly ``message`` that leaves
    what ``_snapshot()`` reads unchanged (each test class says what it reads)."""

    def _snapshot(self):
        raise NotImplementedError

    def assertRefused(self, message, call, *args, **kwargs):
        before = self._snapshot()
        with self.assertRaises(ValidationError) as refusal:
            call(*args, **kwargs)
        self.assertEqual(refusal.exception.args[0], message)
        self.assertEqual(self._snapshot(), before, "a refused value was stored")


class IdeskTestCommon:
    """How the tests of the iDESK addons make their agencies and people."""

    @classmethod
    def _create_agency(cls, name, code, kind="department", parent=None, **values):
        return cls.env["idesk.agency"].create(
            {
                "name": name,
                "code": code,
                "kind": kind,
                "parent_id": parent.id if parent else False,
                **values,
            }
        )

    @classmethod
    def _create_user(cls, login, role, agency, **values):
        """A person of ``agency`` in the iDESK group of ``role`` (a key of ROLES)."""
        return new_test_user(
            cls.env, login=login, groups=ROLES[role], agency_id=agency.id, **values
        )

    def _assert_stored(self, record, values, user):
        """``record`` holds ``values`` in the database: read back with the caches
        emptied, as ``user`` and as the superuser (an allowed write or create that
        returned normally may still have stored something else, or nothing)."""
        record.env.flush_all()
        for reader in (record.with_user(user), record.sudo()):
            reader.env.invalidate_all()
            stored = {name: reader[name] for name in values}
            self.assertEqual(stored, values, f"{record} read back by {reader.env.uid}")


class IdeskSecurityCommon(IdeskTestCommon):
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
        cls.parent_agency = cls._create_agency(
            "UBND thị xã Kiểm Thử", "UBND", "committee", organ_code="000.00.98.H08"
        )
        cls.own_agency = cls._create_agency(
            "Phòng Tài chính Kiểm Thử",
            "TCKH",
            parent=cls.parent_agency,
            organ_code="000.04.98.H08",
        )
        cls.other_agency = cls._create_agency(
            "Phòng Nội vụ Kiểm Thử",
            "NV",
            parent=cls.parent_agency,
            organ_code="000.03.98.H08",
        )
        cls.child_agency = cls._create_agency(
            "UBND xã Kiểm Thử",
            "UBND",
            "commune",
            cls.own_agency,
            organ_code="000.11.98.H08",
        )
        cls.users = {
            role: cls._create_user(
                f"test.{role}",
                role,
                cls.own_agency,
                lang="en_US",
                name=f"Test {role}",
                email=f"test.{role}@annhon.example.gov.vn",
            )
            for role in ROLES
        }
        cls.scope_agencies = {
            "own": cls.own_agency,
            "other": cls.other_agency,
            "parent": cls.parent_agency,
        }
        cls.scope_users = {
            scope: cls._create_user(
                f"test.staff.{scope}",
                "officer",
                agency,
                lang="en_US",
                name=f"Staff of {scope} agency",
            )
            for scope, agency in cls.scope_agencies.items()
        }


# Screenshots written by the browser tests (IDESK_SCREENSHOTS_DIR, else var/screenshots
# of the repository, which git ignores).
SCREENSHOTS_DIR = Path(
    os.environ.get("IDESK_SCREENSHOTS_DIR")
    or Path(__file__).resolve().parents[3] / "var" / "screenshots"
)


def take_screenshot(case, url_path, login, size, name, ready):
    """Log ``login`` in a new headless Chrome of ``size`` ("1440x900"), open
    ``url_path``, wait until the JavaScript ``ready`` is true and write the screen
    as ``SCREENSHOTS_DIR/name``; return its path. ``case`` is the running HttpCase
    (this is the set-up of ``HttpCase.browser_js``, with a capture instead of a
    test script: Odoo's own ``take_screenshot`` writes to its log folder)."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / name
    size_before = case.browser_size
    case.browser_size = size
    browser = ChromeBrowser(case, headless=True, success_signal="test successful")
    try:
        case.http_request_key = case.canonical_tag + "_screenshot"
        case.authenticate(login, login, browser=browser)
        case.http_request_strict_check = True
        case.cr.flush()
        case.cr.clear()
        browser.navigate_to(url_join(case.base_url(), url_path))
        ready = f"document.fonts.status === 'loaded' && !!({ready})"
        case.assertTrue(browser._wait_ready(ready), f"{url_path} never showed {ready}")
        shot = browser._websocket_request(
            "Page.captureScreenshot", params={"format": "png"}, timeout=30
        )
        path.write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.stop()
        case._wait_remaining_requests()
        case.http_request_key = case.canonical_tag
        case.opener.cookies[TEST_CURSOR_COOKIE_NAME] = case.http_request_key
        case.browser_size = size_before
    return path
