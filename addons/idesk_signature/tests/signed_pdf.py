"""What a verifier sees in a signed PDF (pyHanko's validation against the demo
PKI's root): used by the signing tests to check what they signed."""

import io

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def signatures(data, demo_pki):
    """``[(field name, signer common name, bottom line, summary)]``"""
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(demo_pki.root.cert_der)],
        other_certs=[asn1_x509.Certificate.load(demo_pki.intermediate.cert_der)],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    result = []
    for embedded in PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures:
        status = validate_pdf_signature(embedded, context)
        result.append(
            (
                embedded.field_name,
                embedded.signer_cert.subject.native.get("common_name"),
                status.bottom_line,
                status.summary(),
            )
        )
    return result
