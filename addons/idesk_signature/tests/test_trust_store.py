import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import pki
from .common import UNKNOWN_SEED, IdeskSignatureCase


@tagged("post_install", "-at_install")
class TestTrustStore(IdeskSignatureCase):
    """The network administrator manages the trusted roots and intermediates; everyone reads
    them; every change is in the security log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Trusted = cls.env["idesk.trusted.certificate"]
        cls.other = pki.make_pki(seed=UNKNOWN_SEED)

    def _log(self, event, record):
        return self.env["idesk.security.log"].search(
            [
                ("event", "=", event),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )

    def test_admin_adds_root_from_pem_and_sees_its_details(self):
        root = self.Trusted.with_user(self.admin).create(
            {
                "certificate_file": base64.b64encode(self.other.root.cert_pem),
                "certificate_filename": "root.pem",
            }
        )
        cert = self.other.root.cert
        self.assertEqual(root.name, pki.ROOT_NAME)
        self.assertEqual(root.kind, "root")
        self.assertIn(pki.ROOT_NAME, root.subject)
        self.assertEqual(root.subject, root.issuer)
        self.assertEqual(root.serial_number, format(cert.serial_number, "X"))
        self.assertEqual(root.valid_until.year, 2045)
        self.assertEqual(root.validity_state, "valid")
        self.assertEqual(len(root.fingerprint_sha256), 64)
        log = self._log("trust_add", root)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.actor_id, self.admin)
        self.assertIn(root.fingerprint_sha256, log.description)

    def test_admin_adds_intermediate_from_der(self):
        intermediate = self.Trusted.with_user(self.admin).create(
            {"certificate_file": base64.b64encode(self.other.intermediate.cert_der)}
        )
        self.assertEqual(intermediate.kind, "intermediate")
        self.assertEqual(intermediate.name, pki.INTERMEDIATE_NAME)

    def test_admin_removes_certificate_and_it_is_logged(self):
        root = self.Trusted.with_user(self.admin).create(
            {"certificate_file": base64.b64encode(self.other.root.cert_pem)}
        )
        root_id = root.id
        root.with_user(self.admin).unlink()
        removed = self.env["idesk.security.log"].search(
            [("event", "=", "trust_remove"), ("res_id", "=", root_id)]
        )
        self.assertEqual(len(removed), 1)

    def test_admin_archives_certificate_no_longer_trusted(self):
        self.trusted_root.with_user(self.admin).active = False
        self.assertEqual(len(self._log("trust_remove", self.trusted_root)), 1)
        document = self._received(self.signed_by_leader)
        self.assertEqual(document.signature_verdict, "unknown_signer")

    def test_admin_upload_of_not_a_certificate_refused(self):
        before = self.Trusted.search_count([])
        for data in (b"not a certificate", self.pki.leader.key_pem, b""):
            with self.assertRaises(UserError):
                self.Trusted.with_user(self.admin).create(
                    {"certificate_file": base64.b64encode(data)}
                )
        self.assertEqual(self.Trusted.search_count([]), before)

    def test_admin_same_certificate_twice_refused(self):
        with self.assertRaises(UserError):
            self.Trusted.with_user(self.admin).create(
                {"certificate_file": base64.b64encode(self.pki.root.cert_der)}
            )

    def test_admin_cannot_replace_the_file_of_a_trusted_certificate(self):
        with self.assertRaises(UserError):
            self.trusted_root.with_user(self.admin).write(
                {"certificate_file": base64.b64encode(self.other.root.cert_pem)}
            )
        with self.assertRaises(AccessError):
            self.trusted_root.with_user(self.admin).write({"fingerprint_sha256": "00"})

    def test_clerk_reads_but_cannot_add_or_remove(self):
        clerk_view = self.Trusted.with_user(self.clerk)
        self.assertIn(self.trusted_root, clerk_view.search([]))
        with self.assertRaises(AccessError):
            clerk_view.create(
                {"certificate_file": base64.b64encode(self.other.root.cert_pem)}
            )
        with self.assertRaises(AccessError):
            self.trusted_root.with_user(self.clerk).unlink()
        with self.assertRaises(AccessError):
            self.trusted_root.with_user(self.clerk).write({"active": False})
