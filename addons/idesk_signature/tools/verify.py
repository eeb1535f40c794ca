"""Verify every digital signature of a PDF with pyHanko (Decree 30/2020, art. 21.2).

verify_pdf(data, trusted_certs) returns a report made of codes only (a dict that JSON
stores as is): the addon renders it in the reader's language (models/signature_report.py),
so a report made by the mail gateway in English reads in Vietnamese to the clerk.

Verdicts, worst first (the document's verdict is its worst signature's):
    invalid         a signature does not match the bytes, its certificate was expired or
                    revoked at signing time, or the file was changed after signing in a way
                    pyHanko's difference policy does not allow (pages, content)
    unknown_signer  the signature is intact but its chain does not end in a trusted root
    valid_changed   valid, but the file was changed after the last signature in allowed
                    ways (form filling, annotations, archival data)
    valid           every signature is valid and the last one covers the whole file
    unsigned        no signature at all
"""

import datetime
import io
import logging

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.api import CertificateFetcher, Fetchers
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

_logger = logging.getLogger(__name__)


class _VerdictIsNotAServerProblem(logging.Filter):
    """pyHanko logs a failed chain or a refused change as a warning with a traceback; here it
    is the expected answer about a received file, reported to the clerk: log it as info."""

    def filter(self, record):
        if record.levelno > logging.INFO:
            record.levelno, record.levelname, record.exc_info = (
                logging.INFO,
                "INFO",
                None,
            )
        return True


for _name in (
    "pyhanko.sign.validation.generic_cms",
    "pyhanko.sign.diff_analysis.policies",
):
    logging.getLogger(_name).addFilter(_VerdictIsNotAServerProblem())

# Seconds for one CRL/OCSP request: a received document must not wait for a CA's server.
NETWORK_TIMEOUT = 3
VERDICT_ORDER = ("unsigned", "valid", "valid_changed", "unknown_signer", "invalid")
# Changes after the last signature that pyHanko's policy may allow (anything else: invalid).
ALLOWED_LATER_CHANGES = {
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
    ModificationLevel.ANNOTATIONS,
}
COVERAGE_CODES = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire_file",
    SignatureCoverageLevel.ENTIRE_REVISION: "entire_revision",
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "partial",
    SignatureCoverageLevel.UNCLEAR: "unclear",
}
UTC = datetime.timezone.utc
# pyHanko accepts only non-repudiation by default; certificates of Vietnamese CAs for signing
# documents carry digital signature, non-repudiation or both: one of them suffices.
SIGNER_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}
)


class _NoCertificateFetching(CertificateFetcher):
    """Issuer certificates are never downloaded from the URLs a received certificate names
    (AIA caIssuers): anyone can make a certificate naming any address, and the server would
    fetch it for every e-mailed PDF. A chain is built from the certificates in the file and the
    trust store (add intermediates there). CRL and OCSP URLs are used only on a chain that
    already leads to a trusted root (pyhanko-certvalidator checks revocation after the path
    and its signatures), i.e. URLs that a trusted CA wrote."""

    async def _nothing(self):
        return
        yield  # an empty asynchronous generator

    def fetch_cert_issuers(self, cert):
        return self._nothing()

    def fetch_crl_issuers(self, certificate_list):
        return self._nothing()

    def fetched_certs(self):
        return []


def _fetchers(timeout):
    requests_fetchers = RequestsFetcherBackend(
        per_request_timeout=timeout
    ).get_fetchers()
    return Fetchers(
        ocsp_fetcher=requests_fetchers.ocsp_fetcher,
        crl_fetcher=requests_fetchers.crl_fetcher,
        cert_fetcher=_NoCertificateFetching(),
    )


def load_certificate(data):
    """An asn1crypto certificate from PEM or DER bytes (ValueError when it is not one)."""
    from cryptography import x509 as crypto_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    data = bytes(data or b"")
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            cert = crypto_x509.load_pem_x509_certificate(data)
        else:
            cert = crypto_x509.load_der_x509_certificate(data)
        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    except Exception as exc:  # cryptography raises ValueError or its own parse errors
        raise ValueError("not an X.509 certificate") from exc


def _is_self_signed(cert):
    return cert.self_signed in ("maybe", "yes")


# Short attribute names of RFC 4514 (CN=…, O=…): asn1crypto's human_friendly writes
# English labels ("Common Name: …") that Vietnamese screens would show.
NAME_LABELS = {
    "common_name": "CN",
    "title": "T",
    "organizational_unit_name": "OU",
    "organization_name": "O",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "country_name": "C",
    "email_address": "E",
    "serial_number": "SERIALNUMBER",
}


def name_text(name):
    """A certificate's name as ``CN=…, O=…, C=…`` (most specific first)."""
    parts = []
    for key, value in reversed(list(name.native.items())):
        for item in value if isinstance(value, list) else [value]:
            parts.append(f"{NAME_LABELS.get(key, key)}={item}")
    return ", ".join(parts)


def _name_part(name, key):
    value = name.native.get(key)
    return ", ".join(value) if isinstance(value, list) else (value or "")


def _iso(moment):
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else False


def _validation_context(trusted, moment, fetchers):
    roots = [cert for cert in trusted if _is_self_signed(cert)]
    others = [cert for cert in trusted if not _is_self_signed(cert)]
    return ValidationContext(
        trust_roots=roots,
        other_certs=others,
        moment=moment,
        allow_fetching=True,
        # A CRL published after the signing time still tells whether the certificate had
        # been revoked before it.
        retroactive_revinfo=True,
        revocation_mode="soft-fail",
        # Shared by the signatures of one file: a CRL is fetched once per check.
        fetchers=fetchers,
    )


def _revocation(status, vc, cert):
    """good / revoked / not_checked (server unreachable) / not_declared (no CRL, no OCSP)."""
    if status.revoked:
        return "revoked"
    if not cert.crl_distribution_points and not cert.ocsp_urls:
        return "not_declared"
    if vc.soft_fail_exceptions or not status.trusted:
        return "not_checked"
    return "good"


def _signature_verdict(status, later_changes_ok, is_last):
    if not status.intact or not status.valid:
        return "invalid", "altered"
    if status.revoked:
        return "invalid", "revoked"
    problem = status.trust_problem_indic
    if problem is not None and problem.name in (
        "EXPIRED",
        "OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NOT_REVOKED",
    ):
        return "invalid", "expired"
    if problem is not None and problem.name == "NOT_YET_VALID":
        return "invalid", "not_yet_valid"
    if not later_changes_ok:
        return "invalid", "changed"
    if not status.trusted:
        return "unknown_signer", "untrusted"
    if is_last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "valid_changed", "changed_allowed"
    return "valid", "ok"


def _verify_one(embedded, trusted, fetchers, is_last, now):
    claimed = embedded.self_reported_timestamp
    # The certificate must have been valid when the document was signed: the signer's claimed
    # time (never later than now) is the moment of the chain and revocation checks.
    moment = min(claimed, now) if claimed else now
    vc = _validation_context(trusted, moment, fetchers)
    status = validate_pdf_signature(
        embedded,
        vc,
        ts_validation_context=_validation_context(trusted, None, fetchers),
        key_usage_settings=SIGNER_KEY_USAGE,
    )
    level = status.modification_level
    # An earlier signature is followed at least by the later signatures (form filling): only
    # the last one's coverage decides between valid and valid_changed.
    later_changes_ok = level in ALLOWED_LATER_CHANGES and status.docmdp_ok is not False
    verdict, reason = _signature_verdict(status, later_changes_ok, is_last)
    cert = status.signing_cert
    subject = cert.subject
    timestamp = status.timestamp_validity
    diff_note = ""
    if status.diff_result is not None and not hasattr(
        status.diff_result, "modification_level"
    ):
        diff_note = str(status.diff_result)
    return {
        "field": embedded.field_name,
        "signer_name": _name_part(subject, "common_name"),
        "organisation": _name_part(subject, "organization_name"),
        "title": _name_part(subject, "title"),
        "serial": format(cert.serial_number, "X"),
        "issuer": name_text(cert.issuer),
        "issuer_name": _name_part(cert.issuer, "common_name"),
        "not_before": _iso(cert.not_valid_before),
        "not_after": _iso(cert.not_valid_after),
        "fingerprint": cert.sha256.hex(),
        "signing_time": _iso(claimed),
        "timestamp_time": _iso(timestamp.timestamp) if timestamp else False,
        "timestamp_trusted": bool(timestamp and timestamp.trusted and timestamp.valid),
        "coverage": COVERAGE_CODES.get(status.coverage, "unclear"),
        "changes": level.name.lower() if level is not None else "unknown",
        "changes_detail": diff_note,
        "intact": bool(status.intact),
        "crypto_valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "trust_problem": status.trust_problem_indic.name
        if status.trust_problem_indic
        else "",
        "trust_anchor": (
            status.validation_path.trust_anchor.authority.name.human_friendly
            if status.trusted and status.validation_path
            else ""
        ),
        "revocation": _revocation(status, vc, cert),
        "revocation_date": _iso(status.revocation_details.revocation_date)
        if status.revocation_details
        else False,
        "verdict": verdict,
        "reason": reason,
    }


def unsigned_report(now=None):
    """The report of a file without any signature (an image scan, an empty PDF)."""
    now = now or datetime.datetime.now(UTC)
    return {
        "verdict": "unsigned",
        "reason": "no_signature",
        "checked_at": _iso(now),
        "signatures": [],
    }


def verify_pdf(data, trusted_certs=(), timeout=NETWORK_TIMEOUT, now=None):
    """The report (a dict of codes) of every signature in the PDF bytes data.

    trusted_certs: the trust store, PEM/DER bytes or asn1crypto certificates; self-signed
    ones are the trust roots, the others help build the chain (intermediates).
    """
    now = now or datetime.datetime.now(UTC)
    trusted = [
        c if isinstance(c, asn1_x509.Certificate) else load_certificate(c)
        for c in trusted_certs
    ]
    report = unsigned_report(now)
    try:
        reader = PdfFileReader(io.BytesIO(bytes(data)), strict=False)
        signatures = list(reader.embedded_signatures)
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
    ) as exc:
        # A file whose structure is broken around its signatures cannot be trusted.
        _logger.info("signature check: unreadable PDF: %s", exc)
        return dict(report, verdict="invalid", reason="unreadable")
    if not signatures:
        return report
    fetchers = _fetchers(timeout)
    for index, embedded in enumerate(signatures):
        is_last = index == len(signatures) - 1
        try:
            entry = _verify_one(embedded, trusted, fetchers, is_last, now)
        except Exception as exc:  # pyHanko raises many kinds for a malformed signature
            _logger.info(
                "signature check: signature %s unreadable: %s", embedded.field_name, exc
            )
            entry = {
                "field": embedded.field_name,
                "verdict": "invalid",
                "reason": "malformed",
                "error": str(exc),
            }
        report["signatures"].append(entry)
    worst = max(
        report["signatures"], key=lambda entry: VERDICT_ORDER.index(entry["verdict"])
    )
    report["verdict"], report["reason"] = worst["verdict"], worst["reason"]
    return report
