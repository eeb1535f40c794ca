"""Real PDFs and real PAdES signatures for the tests, the benchmark and the demo: reportlab draws the
pages, pyHanko signs with a key of the demo PKI (tools/pki.py), as a signing tool would."""

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def make_pdf(pages=1, title="Quyết định"):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    for page in range(pages):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 770, f"{title} - page {page + 1}/{pages}")
        for line in range(40):
            pdf.drawString(
                72,
                740 - 16 * line,
                f"Line {line + 1}: content of the document, page {page + 1}.",
            )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _asn1_cert(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def signer_for(identity):
    """A pyHanko signer holding identity's key, certificate and chain."""
    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(identity.cert),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_cert(c) for c in identity.chain]
        ),
    )


def sign_pdf(data, identity, field_name="Signature1"):
    """data signed by identity in a new incremental update (PAdES baseline B)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES
    )
    return signers.sign_pdf(writer, meta, signer=signer_for(identity)).getvalue()


def add_page(data):
    """An incremental update after signing that appends a page (a change no policy allows)."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    content = generic.StreamObject(
        stream_data=b"BT /F1 12 Tf 72 770 Td (Added after signing) Tj ET"
    )
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                list(map(generic.NumberObject, (0, 0, 595, 842)))
            ),
            generic.NameObject("/Contents"): writer.add_object(content),
        }
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_empty_signature_field(data, name="Signature2"):
    """An incremental update after signing that adds an empty signature field (allowed)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    fields.append_signature_field(writer, fields.SigFieldSpec(name))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def change_one_byte(data, marker=b"content of the document, page 1."):
    """The signed file with one byte of the signed content changed ('page 1' becomes 'page 7')."""
    position = data.index(marker) + len(marker) - 2
    return data[:position] + b"7" + data[position + 1 :]
