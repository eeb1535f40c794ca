"""PAdES signing of a PDF with pyHanko: keys on a PKCS#11 token (SoftHSM2, a USB
token, an HSM) or in a PKCS#12 file, a visible appearance drawn by reportlab.

Everything after the first signature of a file is added in incremental updates
that pyHanko's own difference analysis accepts as "form filling": new visible
signature fields. The number, the date and the agency's mark of an issued
document are such fields (empty ones, with an appearance), so the leader's
signature over the approved version stays valid once the clerk has issued it.

Errors are :class:`SigningError` with a code (``wrong_pin``, ``no_token``…):
the caller turns the code into a translated message; no PIN or password is put
into an error, a log line or a traceback.
"""

import contextlib
import io
import logging
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import content, generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import StaticStampStyle

_logger = logging.getLogger(__name__)

# Where SoftHSM2 and OpenSC put their modules on Debian; an administrator may
# only name a module from this list or from the server's configuration
# (``idesk_pkcs11_modules``): loading a library is running its code.
DEFAULT_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
)


# Bytes kept for the CMS container: a chain of three certificates, signed
# attributes and an EC or RSA-4096 signature fit in 12 KB; a timestamp token
# with its own chain adds up to 8 KB.
RESERVED = 12 * 1024
RESERVED_WITH_TSA = 24 * 1024


class SigningError(Exception):
    """``args[0]`` is a code: wrong_pin, pin_locked, no_module, no_token, no_key,
    no_certificate, bad_pkcs12, bad_pdf, timestamp, failed."""


@dataclass
class Box:
    """A visible mark: ``page`` (0-based, -1 the last), ``rect`` (x0, y0, x1,
    y1 in points from the bottom left) and its appearance, a one-page PDF of the
    rectangle's size."""

    page: int
    rect: tuple
    appearance: bytes = b""
    name: str = ""


@dataclass
class Pkcs11Key:
    module: str
    token_label: str
    key_label: str = ""
    key_id: bytes = b""
    extra: dict = field(default_factory=dict)


def _pkcs11():
    import pkcs11  # noqa: PLC0415 - loaded only where a token is used

    return pkcs11


@contextlib.contextmanager
def pkcs11_session(key, pin):
    """An open, logged-in session on the key's token."""
    pkcs11 = _pkcs11()
    try:
        lib = pkcs11.lib(key.module)
    except (RuntimeError, OSError, pkcs11.PKCS11Error) as error:
        raise SigningError("no_module") from error
    try:
        token = lib.get_token(token_label=key.token_label)
    except (pkcs11.NoSuchToken, pkcs11.MultipleTokensReturned) as error:
        raise SigningError("no_token") from error
    try:
        session = token.open(user_pin=pin) if pin is not None else token.open()
    except pkcs11.PinIncorrect as error:
        raise SigningError("wrong_pin") from error
    except (pkcs11.PinLenRange, pkcs11.ArgumentsBad) as error:
        raise SigningError("wrong_pin") from error
    except pkcs11.PinLocked as error:
        raise SigningError("pin_locked") from error
    except pkcs11.PKCS11Error as error:
        raise SigningError("no_token") from error
    try:
        yield session
    finally:
        with contextlib.suppress(Exception):
            session.close()


def _find_objects(session, key, object_class):
    pkcs11 = _pkcs11()
    attrs = {pkcs11.Attribute.CLASS: object_class}
    if key.key_label:
        attrs[pkcs11.Attribute.LABEL] = key.key_label
    if key.key_id:
        attrs[pkcs11.Attribute.ID] = key.key_id
    return list(session.get_objects(attrs))


def pkcs11_certificate(key, pin=None):
    """The DER certificate stored next to the key on the token (certificates are
    public objects: no PIN needed, but a token may hide them until login)."""
    pkcs11 = _pkcs11()
    with pkcs11_session(key, pin) as session:
        found = _find_objects(session, key, pkcs11.ObjectClass.CERTIFICATE)
        if len(found) != 1:
            raise SigningError("no_certificate")
        return bytes(found[0][pkcs11.Attribute.VALUE])


@contextlib.contextmanager
def pkcs11_signer(key, pin):
    """A pyHanko signer on the token's key; the session is closed on exit."""
    from pyhanko.sign.pkcs11 import PKCS11Signer  # noqa: PLC0415

    pkcs11 = _pkcs11()
    with pkcs11_session(key, pin) as session:
        if len(_find_objects(session, key, pkcs11.ObjectClass.PRIVATE_KEY)) != 1:
            raise SigningError("no_key")
        certificates = _find_objects(session, key, pkcs11.ObjectClass.CERTIFICATE)
        if len(certificates) != 1:
            raise SigningError("no_certificate")
        certificate = asn1_x509.Certificate.load(
            bytes(certificates[0][pkcs11.Attribute.VALUE])
        )
        yield PKCS11Signer(
            session,
            key_label=key.key_label or None,
            key_id=key.key_id or None,
            signing_cert=certificate,
            # Every certificate on the token (the issuing CAs') goes into the
            # signature, so that a verifier can build the chain.
            other_certs_to_pull=None,
            # Tokens (SoftHSM2 among them) often lack the hashing ECDSA
            # mechanisms: the digest is made here and the token signs it raw.
            use_raw_mechanism=certificate.public_key.algorithm == "ec",
            ca_chain=[
                asn1_x509.Certificate.load(der) for der in key.extra.get("chain", ())
            ],
        )


def pkcs12_signer(data, password):
    """A pyHanko signer on the key of a PKCS#12 file."""
    from asn1crypto import keys as asn1_keys  # noqa: PLC0415
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: PLC0415
    from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: PLC0415

    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, (password or "").encode("utf-8")
        )
    except (ValueError, TypeError) as error:
        raise SigningError("bad_pkcs12") from error
    if key is None or certificate is None:
        raise SigningError("bad_pkcs12")
    der = serialization.Encoding.DER
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                der,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(der)) for c in chain or ()]
        ),
    )


def pkcs12_certificate(data, password):
    return pkcs12_signer(data, password).signing_cert.dump()


class _ImportedPage(content.ImportedPdfPage):
    """pyHanko's imported page, from bytes rather than a file name."""

    def __init__(self, data):
        self.data = data
        super().__init__(file_name=None)

    def render(self):
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(
            PdfFileReader(io.BytesIO(self.data), strict=False), page_ix=0
        )
        name = "/Appearance"
        self.resources.xobject[name] = xobject
        x0, y0, x1, y1 = xobject.get_object()["/BBox"]
        self.box = content.BoxConstraints(width=abs(x1 - x0), height=abs(y1 - y0))
        return f"{name} Do".encode("ascii")


def _page_index(reader, page):
    count = int(reader.root["/Pages"]["/Count"])
    return count - 1 if page == -1 else min(max(page, 0), count - 1)


def _add_marked_field(writer, reader, mark):
    """An empty visible signature field whose appearance is ``mark``'s PDF."""
    page = _page_index(reader, mark.page)
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(mark.name, on_page=page, box=tuple(mark.rect)),
    )
    appearance = writer.import_page_as_xobject(
        PdfFileReader(io.BytesIO(mark.appearance), strict=False), page_ix=0
    )
    for widget in _widgets_named(writer, mark.name):
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): appearance})


def _widgets_named(writer, name):
    form = writer.root["/AcroForm"]
    for ref in form["/Fields"]:
        candidate = ref.get_object()
        if candidate.get("/T") == name:
            writer.update_container(candidate)
            yield candidate


def sign_pdf(
    data,
    signer,
    field_name,
    box=None,
    marks=(),
    reason=None,
    location=None,
    timestamp_url=None,
):
    """Return ``data`` signed by ``signer`` in a new incremental revision.

    ``box`` (:class:`Box`) makes the signature visible; ``marks`` are visible
    marks added in the same revision (empty signature fields: the number and
    date of issue), so that earlier signatures stay valid.
    """
    try:
        reader_check = PdfFileReader(io.BytesIO(data), strict=False)
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise SigningError("bad_pdf") from error
    if reader_check.encrypted:
        raise SigningError("bad_pdf")
    existing = {sig.field_name for sig in reader_check.embedded_signatures} | {
        name for name, _value, _ref in fields.enumerate_sig_fields(reader_check)
    }
    if field_name in existing or any(m.name in existing for m in marks):
        raise SigningError("already_signed")
    for mark in marks:
        _add_marked_field(writer, reader_check, mark)
    spec = None
    stamp_style = None
    if box is not None:
        spec = fields.SigFieldSpec(
            field_name, on_page=_page_index(reader_check, box.page), box=tuple(box.rect)
        )
        stamp_style = StaticStampStyle(
            background=_ImportedPage(box.appearance), border_width=0
        )
    else:
        spec = fields.SigFieldSpec(field_name)
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=field_name,
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        ),
        signer=signer,
        timestamper=timestamper,
        stamp_style=stamp_style,
        new_field_spec=spec,
    )
    try:
        # A fixed room for the signature container: pyHanko would otherwise
        # estimate it by making a first, throw-away signature (twice the work).
        out = pdf_signer.sign_pdf(
            writer, bytes_reserved=RESERVED_WITH_TSA if timestamper else RESERVED
        )
    except SigningError:
        raise
    except timestamps.TimestampRequestError as error:
        raise SigningError("timestamp") from error
    except Exception as error:
        # A token error in the middle (removed, locked) or a key that does not
        # sign: logged without arguments (they may hold key material).
        _logger.warning("PDF signing failed: %s", type(error).__name__)
        pkcs11 = None
        with contextlib.suppress(ImportError):
            pkcs11 = _pkcs11()
        if pkcs11 and isinstance(error, pkcs11.PinIncorrect | pkcs11.UserNotLoggedIn):
            raise SigningError("wrong_pin") from error
        raise SigningError("failed") from error
    return out.getvalue()
