import base64
import functools
import http.server
import os
import socket
import tempfile
import threading

from odoo.addons.idesk_registry.tests.common import IdeskRegistryCase

from ..tools import pki, samples

# Not the demo PKI's seed: the tests trust their own root, the demo database trusts its own.
TEST_SEED = "idesk-tests"
UNKNOWN_SEED = "a-ca-nobody-trusts"


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; remembers the paths asked (what the server fetched)."""

    requested = []

    def do_GET(self):
        self.requested.append(self.path)
        return super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 (the signature of the base class)
        return


def serve_folder(folder):
    """A real HTTP server on 127.0.0.1 serving folder (the CA's CRL); returns it started."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RecordingHandler, directory=folder)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def closed_port_url():
    """An http URL on 127.0.0.1 where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/idesk.crl"


class IdeskSignatureCase(IdeskRegistryCase):
    """The registry's agencies and people, a PKI whose CRL is served on 127.0.0.1, its root
    in the trust store, and signed PDFs made with pyHanko."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = tempfile.mkdtemp(prefix="idesk-crl-")
        cls.crl_server = serve_folder(folder)
        cls.crl_base_url = f"http://127.0.0.1:{cls.crl_server.server_address[1]}"
        cls.addClassCleanup(cls.crl_server.server_close)
        cls.addClassCleanup(cls.crl_server.shutdown)
        cls.pki = pki.make_pki(
            crl_url=f"{cls.crl_base_url}/signing-ca.crl",
            seed=TEST_SEED,
        )
        with open(os.path.join(folder, "signing-ca.crl"), "wb") as crl_file:
            crl_file.write(cls.pki.crl_der)
        cls.admin = cls.users["admin"]
        cls.trusted_root = (
            cls.env["idesk.trusted.certificate"]
            .with_user(cls.admin)
            .create(
                {
                    "certificate_file": base64.b64encode(cls.pki.root.cert_pem),
                    "certificate_filename": "test-root.pem",
                }
            )
        )
        cls.unsigned_pdf = samples.make_pdf(2)
        cls.signed_by_leader = samples.sign_pdf(cls.unsigned_pdf, cls.pki.leader)

    def _received(self, data, name="van-ban.pdf", user=None):
        """A draft of the clerk's agency receiving the file data (the path of every intake)."""
        user = user or self.clerk
        draft = self.Document.with_user(user).create(self._incoming_vals())
        draft._attach_scan([(name, data)])
        return draft

    def _report(self, document):
        return document._signature_report_data()
