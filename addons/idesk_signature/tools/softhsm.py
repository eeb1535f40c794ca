"""SoftHSM2 tokens for the tests and the demo: a real PKCS#11 module from
Debian (``softhsm2``), its tokens in the folder named by ``SOFTHSM2_CONF``.

A PKCS#11 library reads its token list when it is loaded; a token made after
that is seen once the library is initialised again (:func:`create_token`
does it, when no session is open).
"""

import os
import subprocess
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

MODULE = "/usr/lib/softhsm/libsofthsm2.so"


def ensure_conf(folder=None):
    """The SoftHSM2 configuration of this process: ``SOFTHSM2_CONF`` (made
    when it names a file not there yet), else a new one in ``folder`` (a
    temporary folder when not given)."""
    given = os.environ.get("SOFTHSM2_CONF")
    if given and os.path.exists(given):
        return given
    if given:
        folder = os.path.dirname(given)
    folder = folder or tempfile.mkdtemp(prefix="idesk_softhsm_")
    tokens = os.path.join(folder, "tokens")
    os.makedirs(tokens, exist_ok=True)
    conf = given or os.path.join(folder, "softhsm2.conf")
    with open(conf, "w", encoding="utf-8") as handle:
        handle.write(
            f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
            "log.level = ERROR\nslots.removable = false\n"
        )
    os.environ["SOFTHSM2_CONF"] = conf
    return conf


def _reload():
    import pkcs11  # noqa: PLC0415

    lib = pkcs11.lib(MODULE)
    lib.reinitialize()
    return lib


def create_token(label, pin, so_pin):
    """A new token ``label`` (replacing one of that label)."""
    ensure_conf()
    delete_token(label)
    subprocess.run(  # noqa: S603 - fixed command, no shell
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            pin,
            "--so-pin",
            so_pin,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return _reload()


def delete_token(label):
    ensure_conf()
    subprocess.run(  # noqa: S603 - fixed command, no shell
        ["softhsm2-util", "--delete-token", "--token", label],
        check=False,
        capture_output=True,
        timeout=60,
    )


def import_key(
    label, pin, private_key, certificate, key_label, key_id=b"\x01", chain=()
):
    """Put a private key (cryptography object, EC P-256 or RSA), its
    certificate and the issuers' certificates ``chain`` (cryptography objects)
    on the token ``label``, as a token from a CA comes."""
    import pkcs11  # noqa: PLC0415
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass  # noqa: PLC0415
    from pkcs11.util.ec import encode_named_curve_parameters  # noqa: PLC0415
    from pkcs11.util.rsa import decode_rsa_private_key  # noqa: PLC0415

    lib = pkcs11.lib(MODULE)
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        attrs = {
            Attribute.CLASS: ObjectClass.PRIVATE_KEY,
            Attribute.KEY_TYPE: KeyType.EC,
            Attribute.EC_PARAMS: encode_named_curve_parameters(
                {"secp256r1": "secp256r1"}.get(
                    private_key.curve.name, private_key.curve.name
                )
            ),
            Attribute.VALUE: private_key.private_numbers().private_value.to_bytes(
                (private_key.curve.key_size + 7) // 8, "big"
            ),
        }
    else:
        attrs = decode_rsa_private_key(
            private_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    attrs.update(
        {
            Attribute.TOKEN: True,
            Attribute.LABEL: key_label,
            Attribute.ID: key_id,
            Attribute.SIGN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
        }
    )
    with lib.get_token(token_label=label).open(rw=True, user_pin=pin) as session:
        session.create_object(attrs)
        for number, cert in enumerate((certificate, *chain)):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: False,
                    Attribute.LABEL: key_label
                    if number == 0
                    else f"{key_label}-ca{number}",
                    Attribute.ID: key_id if number == 0 else key_id + bytes([number]),
                    Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                    Attribute.SUBJECT: cert.subject.public_bytes(),
                    Attribute.ISSUER: cert.issuer.public_bytes(),
                    Attribute.SERIAL_NUMBER: cert.serial_number.to_bytes(20, "big"),
                }
            )
