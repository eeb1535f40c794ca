"""A small public-key infrastructure for tests and the demo database.

    root CA ── intermediate CA ─┬─ leader (a person: the chairman)
                                ├─ agency (an organisation: its seal signature)
                                ├─ expired (a person whose certificate ended in 2021)
                                └─ revoked (a person whose certificate is on the CRL)

Keys are EC P-256 (a key is made in microseconds, RSA-2048 takes ~100 ms each) derived from
their names, so the same key comes back at every call: a certificate the demo database
trusts still matches the certificates a later test or signing run makes. Subjects, serial
numbers and validity dates are fixed too; only the ECDSA signature bytes differ between
calls (cryptography signs with a random nonce), which chain validation does not care about.

Nothing here is for production: real keys live in tokens, HSMs or PKCS#12 files.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

UTC = datetime.timezone.utc
# Long enough for any demo or test run, fixed so that certificates are reproducible.
NOT_BEFORE = datetime.datetime(2025, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime.datetime(2045, 1, 1, tzinfo=UTC)
EXPIRED_NOT_BEFORE = datetime.datetime(2020, 1, 1, tzinfo=UTC)
EXPIRED_NOT_AFTER = datetime.datetime(2021, 1, 1, tzinfo=UTC)
REVOKED_AT = datetime.datetime(2025, 6, 1, tzinfo=UTC)

ROOT_NAME = "CA gốc thử nghiệm iDESK"
INTERMEDIATE_NAME = "CA ký số thử nghiệm iDESK"
AGENCY_NAME = "Ủy ban nhân dân thị xã An Nhơn"
LEADER_NAME = "Phạm Văn Trung"  # the demo chairman (idesk_security demo user chutich)
EXPIRED_NAME = "Trần Thị Hết Hạn"
REVOKED_NAME = "Lê Văn Thu Hồi"

SERIALS = {
    "root": 0x1D35C0001,
    "intermediate": 0x1D35C0002,
    "leader": 0x1D35C1001,
    "agency": 0x1D35C1002,
    "expired": 0x1D35C1003,
    "revoked": 0x1D35C1004,
}


def derive_key(label, seed="idesk-demo-pki"):
    """The same EC P-256 private key for the same label and seed, every time."""
    digest = hashlib.sha256(f"{seed}:{label}".encode()).digest()
    # A scalar in [1, n - 1] of P-256 (n is just below 2**256): reduce and avoid 0.
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    return ec.derive_private_key(
        int.from_bytes(digest, "big") % (order - 1) + 1, ec.SECP256R1()
    )


@dataclass
class Identity:
    """A certificate with its private key and the chain above it (issuer first)."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    chain: list = field(default_factory=list)

    @property
    def cert_pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def cert_der(self):
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def key_pem(self):
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def pkcs12(self, password, name="idesk"):
        """The key, certificate and chain as a PKCS#12 file (bytes) protected by password."""
        from cryptography.hazmat.primitives.serialization import pkcs12

        return pkcs12.serialize_key_and_certificates(
            name.encode(),
            self.key,
            self.cert,
            self.chain or None,
            serialization.BestAvailableEncryption(password.encode()),
        )


@dataclass
class DemoPKI:
    root: Identity
    intermediate: Identity
    leader: Identity
    agency: Identity
    expired: Identity
    revoked: Identity
    crl: x509.CertificateRevocationList
    crl_url: str

    @property
    def crl_der(self):
        return self.crl.public_bytes(serialization.Encoding.DER)

    @property
    def crl_pem(self):
        return self.crl.public_bytes(serialization.Encoding.PEM)


def _name(common_name, organisation=None, title=None):
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, title))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _builder(subject, issuer, key, serial, not_before, not_after):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                (issuer.key if issuer else key).public_key()
            ),
            critical=False,
        )
    )


def _ca(common_name, label, issuer=None, path_length=None, seed="idesk-demo-pki"):
    key = derive_key(label, seed)
    builder = (
        _builder(
            _name(common_name, "iDESK thử nghiệm"),
            issuer,
            key,
            SERIALS[label],
            NOT_BEFORE,
            NOT_AFTER,
        )
        .add_extension(
            x509.BasicConstraints(ca=True, path_length=path_length), critical=True
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    cert = builder.sign((issuer.key if issuer else key), hashes.SHA256())
    chain = ([issuer.cert] + issuer.chain) if issuer else []
    return Identity(cert, key, chain)


def _signer(
    subject,
    label,
    issuer,
    crl_url,
    not_before=NOT_BEFORE,
    not_after=NOT_AFTER,
    seed="idesk-demo-pki",
):
    key = derive_key(label, seed)
    builder = (
        _builder(subject, issuer, key, SERIALS[label], not_before, not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
    )
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(crl_url)], None, None, None
                    )
                ]
            ),
            critical=False,
        )
    cert = builder.sign(issuer.key, hashes.SHA256())
    return Identity(cert, key, [issuer.cert] + issuer.chain)


def make_crl(issuer, revoked_serials, now=None):
    """A CRL of issuer listing revoked_serials, current at now (valid for a week)."""
    now = now or datetime.datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(now - datetime.timedelta(hours=1))
        .next_update(now + datetime.timedelta(days=7))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(REVOKED_AT)
            .add_extension(
                x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False
            )
            .build()
        )
    return builder.sign(issuer.key, hashes.SHA256())


def make_pki(
    crl_url="http://127.0.0.1:9/idesk-demo.crl",
    seed="idesk-demo-pki",
    agency_name=AGENCY_NAME,
):
    """The whole demo PKI. crl_url is written into the signers' certificates: the tests serve
    the CRL there from a local HTTP server; the default points at a closed port (discard), so
    revocation is "not checked" for the demo. Another seed makes another, unrelated PKI (an
    unknown signer)."""
    root = _ca(ROOT_NAME, "root", seed=seed)
    intermediate = _ca(
        INTERMEDIATE_NAME, "intermediate", root, path_length=0, seed=seed
    )
    leader = _signer(
        _name(LEADER_NAME, agency_name, "Chủ tịch"),
        "leader",
        intermediate,
        crl_url,
        seed=seed,
    )
    agency = _signer(
        _name(agency_name, agency_name), "agency", intermediate, crl_url, seed=seed
    )
    expired = _signer(
        _name(EXPIRED_NAME, agency_name),
        "expired",
        intermediate,
        crl_url,
        EXPIRED_NOT_BEFORE,
        EXPIRED_NOT_AFTER,
        seed=seed,
    )
    revoked = _signer(
        _name(REVOKED_NAME, agency_name), "revoked", intermediate, crl_url, seed=seed
    )
    crl = make_crl(intermediate, [SERIALS["revoked"]])
    return DemoPKI(root, intermediate, leader, agency, expired, revoked, crl, crl_url)
