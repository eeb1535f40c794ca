import hashlib

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools import pki, softhsm
from .common_signing import LEADER_TOKEN, OTHER_TOKEN, PIN, SigningCommon, sample_pdf
from .signed_pdf import signatures


@tagged("post_install", "-at_install")
class TestSigningKey(SigningCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls._create_user("sign.leader", "leader", cls.sign_agency)
        cls.other_leader = cls._create_user("sign.other", "leader", cls.sign_agency)
        cls.key = cls._pkcs11_key(owner_type="user", user_id=cls.leader.id)
        cls.pdf = sample_pdf()

    def test_admin_reads_the_certificate_from_the_softhsm_token(self):
        self.key.with_user(self.admin_user).action_read_certificate()
        self.assertIn(pki.LEADER_NAME, self.key.cert_subject)
        self.assertEqual(self.key.cert_serial, format(pki.SERIALS["leader"], "X"))
        self.assertEqual(
            self.key.cert_sha256,
            hashlib.sha256(self.pki.leader.cert_der).hexdigest(),
        )
        self.assertEqual(self.key.cert_not_after.year, 2045)

    def test_leader_signs_through_softhsm_and_pyhanko_finds_it_valid(self):
        signed = self.key._sign_pdf(self.pdf, PIN, field_name="Leader")
        [(name, signer, valid, summary)] = signatures(signed, self.pki)
        self.assertEqual((name, signer, valid), ("Leader", pki.LEADER_NAME, True))
        self.assertIn("UNTOUCHED", summary)
        self.assertTrue(signed.startswith(self.pdf), "signing appends a revision")

    def test_leader_wrong_pin_is_a_clear_error(self):
        with self.assertRaisesRegex(
            UserError, "The PIN is wrong; nothing has been signed"
        ):
            self.key._sign_pdf(self.pdf, "000000", field_name="Leader")
        with self.assertRaisesRegex(UserError, "Type the PIN"):
            self.key._sign_pdf(self.pdf, "", field_name="Leader")

    def test_key_whose_token_holds_another_certificate_does_not_sign(self):
        """The certificate read at registration is the one that signs: a token
        swapped for another leader's is refused."""
        self.key.with_user(self.admin_user).action_read_certificate()
        self.key.sudo().token_label = OTHER_TOKEN
        with self.assertRaisesRegex(UserError, "not the one registered"):
            self.key._sign_pdf(self.pdf, PIN, field_name="Leader")

    def test_missing_token_or_key_is_a_clear_error(self):
        key = self._pkcs11_key(
            owner_type="user", user_id=self.other_leader.id, token_label="no-such-token"
        )
        with self.assertRaisesRegex(UserError, "not connected to the server"):
            key._sign_pdf(self.pdf, PIN, field_name="Leader")
        key.key_label = "no-such-key"
        key.token_label = LEADER_TOKEN
        with self.assertRaisesRegex(UserError, "does not hold the private key"):
            key._sign_pdf(self.pdf, PIN, field_name="Leader")

    def test_agency_pkcs12_signs_with_the_password_of_the_server_config(self):
        key = self._pkcs12_key(self.sign_agency)
        key.with_user(self.admin_user).action_read_certificate()
        self.assertIn(pki.AGENCY_NAME, key.cert_subject)
        signed = key._sign_pdf(self.pdf, field_name="Agency")
        [(_name, signer, valid, _summary)] = signatures(signed, self.pki)
        self.assertEqual((signer, valid), (pki.AGENCY_NAME, True))
        # The file is in the key's row (no ir.attachment to fetch by id), and
        # only the network administrator reads the field.
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "idesk.signing.key"), ("res_id", "=", key.id)]
            )
        )
        with self.assertRaises(AccessError):
            key.with_user(self.leader).read(["pkcs12_file"])

    def test_agency_pkcs12_with_another_password_does_not_sign(self):
        key = self._pkcs12_key(self.sign_agency, password="another one")
        with self.assertRaisesRegex(UserError, "cannot be opened with the password"):
            key._sign_pdf(self.pdf, field_name="Agency")

    def test_admin_cannot_name_an_arbitrary_library(self):
        with self.assertRaisesRegex(ValidationError, "not one the server allows"):
            self._pkcs11_key(
                owner_type="user",
                user_id=self.other_leader.id,
                module_path="/tmp/evil.so",
            )

    def test_leader_pkcs12_refused(self):
        with self.assertRaisesRegex(ValidationError, "only for an agency"):
            self.Key.create(
                {
                    "owner_type": "user",
                    "user_id": self.other_leader.id,
                    "backend": "pkcs12",
                    "password_code": "x",
                }
            )

    def test_leader_sees_his_key_only_and_changes_nothing(self):
        other = self._pkcs11_key(owner_type="user", user_id=self.other_leader.id)
        Key = self.Key.with_user(self.leader)
        self.assertEqual(Key.search([]), self.key)
        with self.assertRaises(AccessError):
            other.with_user(self.leader).read(["token_label"])
        with self.assertRaises(AccessError):
            self.key.with_user(self.leader).write({"token_label": "x"})
        with self.assertRaises(AccessError):
            self.key.with_user(self.leader).action_read_certificate()
        with self.assertRaises(AccessError):
            self.key.with_user(self.admin_user).write({"cert_sha256": "0" * 64})

    def test_leader_sets_his_signature_image(self):
        png = base64_png()
        self.leader.with_user(self.leader).write({"idesk_signature_image": png})
        self.assertTrue(self.leader.idesk_signature_image)
        self.assertTrue(softhsm.MODULE)


def base64_png():
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (60, 30), (0, 0, 150, 255)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestDemoSigningKeys(SigningCommon, TransactionCase):
    def test_demo_setup_makes_the_chairmans_and_the_offices_keys_once(self):
        from ..models.idesk_signing_key_demo import DEMO_PIN

        chairman = self.env.ref("idesk_security.user_chutich", raise_if_not_found=False)
        if not chairman:
            self.skipTest("demo data not installed")
        Key = self.env["idesk.signing.key"]
        Key.search([]).unlink()
        self.assertTrue(Key._setup_demo_keys(None))
        Key._setup_demo_keys(None)
        keys = Key.search([])
        self.assertEqual(len(keys), 2)
        chairman_key = Key._key_of_user(chairman)
        self.assertIn(pki.LEADER_NAME, chairman_key.cert_subject)
        self.assertTrue(chairman.idesk_signature_image)
        signed = chairman_key._sign_pdf(sample_pdf(), DEMO_PIN, field_name="Demo")
        [(_name, signer, valid, _summary)] = signatures(signed, self.pki)
        self.assertEqual((signer, valid), (pki.LEADER_NAME, True))
