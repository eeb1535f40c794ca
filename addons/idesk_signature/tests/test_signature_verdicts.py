import base64

from odoo.tests import tagged

from ..tools import pki, samples
from .common import UNKNOWN_SEED, IdeskSignatureCase, RecordingHandler, closed_port_url


@tagged("post_install", "-at_install")
class TestSignatureVerdicts(IdeskSignatureCase):
    """A received PDF is checked the moment it reaches a document; the clerk reads a verdict
    in plain words and the full report, stored with the document."""

    def test_clerk_receives_leader_signed_pdf_valid_with_signer_details(self):
        document = self._received(self.signed_by_leader)
        self.assertEqual(document.signature_verdict, "valid")
        self.assertEqual(document.signature_signers, pki.LEADER_NAME)
        self.assertTrue(document.signature_checked_date)
        (entry,) = self._report(document)["signatures"]
        leader_cert = self.pki.leader.cert
        self.assertEqual(entry["signer_name"], pki.LEADER_NAME)
        self.assertEqual(entry["organisation"], pki.AGENCY_NAME)
        self.assertEqual(entry["serial"], format(leader_cert.serial_number, "X"))
        self.assertEqual(entry["issuer_name"], pki.INTERMEDIATE_NAME)
        self.assertEqual(entry["coverage"], "entire_file")
        self.assertEqual(
            entry["revocation"], "good", "the CRL served on 127.0.0.1 was read"
        )
        self.assertIn(pki.ROOT_NAME, entry["trust_anchor"])
        self.assertTrue(entry["signing_time"])
        self.assertIn(
            f"The signature of {pki.LEADER_NAME} is valid.",
            document.signature_explanation,
        )
        self.assertIn("checked: not revoked", document.signature_report_html)
        self.assertIn(entry["serial"], document.signature_report_html)
        self.assertIn(
            "is valid",
            document.message_ids[0].body,
            "the check is logged in the chatter",
        )

    def test_clerk_receives_pdf_signed_by_leader_then_agency_valid(self):
        both = samples.sign_pdf(self.signed_by_leader, self.pki.agency, "AgencySeal")
        document = self._received(both)
        self.assertEqual(document.signature_verdict, "valid")
        self.assertEqual(
            document.signature_signers, f"{pki.LEADER_NAME}; {pki.AGENCY_NAME}"
        )
        leader, agency = self._report(document)["signatures"]
        self.assertEqual(
            leader["changes"], "form_filling", "only the agency's signature came after"
        )
        self.assertEqual(agency["coverage"], "entire_file")

    def test_clerk_receives_pdf_of_unknown_signer(self):
        stranger = pki.make_pki(seed=UNKNOWN_SEED).leader
        document = self._received(samples.sign_pdf(self.unsigned_pdf, stranger))
        self.assertEqual(document.signature_verdict, "unknown_signer")
        self.assertIn(
            "does not lead to a trusted root certificate",
            document.signature_explanation,
        )

    def test_unknown_signers_certificate_makes_the_server_fetch_nothing(self):
        # Anyone can write any URL into a certificate: only a chain to a trusted root is
        # checked online, else every e-mailed PDF could make the server call an address.
        probe = f"/probe-{self.id()}.crl"
        stranger = pki.make_pki(
            crl_url=self.crl_base_url + probe, seed=UNKNOWN_SEED
        ).leader
        document = self._received(samples.sign_pdf(self.unsigned_pdf, stranger))
        self.assertEqual(document.signature_verdict, "unknown_signer")
        self.assertNotIn(probe, RecordingHandler.requested)

    def test_clerk_receives_pdf_signed_with_expired_certificate_invalid(self):
        document = self._received(samples.sign_pdf(self.unsigned_pdf, self.pki.expired))
        self.assertEqual(document.signature_verdict, "invalid")
        self.assertEqual(self._report(document)["reason"], "expired")
        self.assertIn(
            "was not valid when the file was signed", document.signature_explanation
        )

    def test_clerk_receives_pdf_signed_with_revoked_certificate_invalid(self):
        document = self._received(samples.sign_pdf(self.unsigned_pdf, self.pki.revoked))
        self.assertEqual(document.signature_verdict, "invalid")
        (entry,) = self._report(document)["signatures"]
        self.assertEqual(entry["revocation"], "revoked")
        self.assertEqual(
            entry["revocation_date"], pki.REVOKED_AT.isoformat(timespec="seconds")
        )
        self.assertIn(
            f"The certificate of {pki.REVOKED_NAME} was revoked on",
            document.signature_explanation,
        )

    def test_clerk_receives_signed_pdf_with_one_byte_changed_invalid(self):
        document = self._received(samples.change_one_byte(self.signed_by_leader))
        self.assertEqual(document.signature_verdict, "invalid")
        self.assertEqual(self._report(document)["reason"], "altered")
        self.assertIn(
            "the signature no longer matches its content",
            document.signature_explanation,
        )

    def test_clerk_receives_signed_pdf_with_page_added_after_signing_invalid(self):
        document = self._received(samples.add_page(self.signed_by_leader))
        self.assertEqual(document.signature_verdict, "invalid")
        (entry,) = self._report(document)["signatures"]
        self.assertEqual(entry["coverage"], "entire_revision")
        self.assertEqual(entry["changes"], "other")
        self.assertIn("such changes are not allowed", document.signature_explanation)

    def test_clerk_receives_signed_pdf_with_empty_field_added_valid_changed(self):
        document = self._received(
            samples.add_empty_signature_field(self.signed_by_leader)
        )
        self.assertEqual(document.signature_verdict, "valid_changed")
        self.assertIn(
            "changed after signing in a way that is allowed",
            document.signature_explanation,
        )

    def test_clerk_receives_pdf_with_signature_stripped_unsigned(self):
        # The signature's incremental update cut off: the bytes before it, unsigned.
        stripped = self.signed_by_leader[: len(self.unsigned_pdf)]
        self.assertEqual(stripped, self.unsigned_pdf)
        document = self._received(stripped)
        self.assertEqual(document.signature_verdict, "unsigned")
        self.assertEqual(
            document.signature_explanation, "The file carries no digital signature."
        )

    def test_clerk_receives_pdf_with_signature_value_erased_invalid(self):
        # The signature dictionary is kept but its value zeroed: a stripped, not a valid, signature.
        start = self.signed_by_leader.index(b"/Contents <") + len(b"/Contents <")
        end = self.signed_by_leader.index(b">", start)
        erased = (
            self.signed_by_leader[:start]
            + b"0" * (end - start)
            + self.signed_by_leader[end:]
        )
        document = self._received(erased)
        self.assertEqual(document.signature_verdict, "invalid")

    def test_clerk_receives_unsigned_pdf(self):
        document = self._received(self.unsigned_pdf)
        self.assertEqual(document.signature_verdict, "unsigned")
        self.assertFalse(document.signature_signers)

    def test_clerk_intake_api_checks_signature_of_each_file(self):
        action = self.Document.with_user(self.clerk).action_intake_scans(
            [
                {
                    "name": "qd.pdf",
                    "data": base64.b64encode(self.signed_by_leader).decode(),
                }
            ]
        )
        document = self.Document.browse(action["res_id"])
        self.assertEqual(document.signature_verdict, "valid")

    def test_clerk_sees_revocation_not_checked_when_ca_unreachable(self):
        offline = pki.make_pki(crl_url=closed_port_url(), seed="idesk-tests")
        document = self._received(samples.sign_pdf(self.unsigned_pdf, offline.leader))
        self.assertEqual(document.signature_verdict, "valid")
        (entry,) = self._report(document)["signatures"]
        self.assertEqual(entry["revocation"], "not_checked")
        self.assertIn("Revocation was not checked", document.signature_explanation)

    def test_clerk_checks_again_after_root_added_to_trust_store(self):
        stranger_pki = pki.make_pki(seed=UNKNOWN_SEED)
        document = self._received(
            samples.sign_pdf(self.unsigned_pdf, stranger_pki.leader)
        )
        self.assertEqual(document.signature_verdict, "unknown_signer")
        self.env["idesk.trusted.certificate"].with_user(self.admin).create(
            {"certificate_file": base64.b64encode(stranger_pki.root.cert_der)}
        )
        document.with_user(self.clerk).action_check_signature()
        self.assertEqual(document.signature_verdict, "valid")
