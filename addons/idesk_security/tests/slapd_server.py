"""A real OpenLDAP server (Debian's slapd) for the tests, in a temporary directory."""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import ldap

SUFFIX = "dc=annhon,dc=vn"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PW = "Directory-root-2026"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")

CONFIG = """\
{includes}
pidfile {tmp}/slapd.pid
argsfile {tmp}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_pw}
directory {tmp}/db
access to attrs=userPassword by anonymous auth by self read by * none
access to * by * read
"""


class SlapdServer:
    """Start with ``start()``, stop with ``stop()``; the data survives a restart."""

    def __init__(self, ldif_path):
        slapd = shutil.which("slapd") or (
            "/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd") else None
        )
        slapadd = shutil.which("slapadd") or "/usr/sbin/slapadd"
        if not slapd or not os.path.exists(slapadd):
            raise AssertionError(
                "OpenLDAP's slapd is not installed: the LDAP tests need a real directory "
                "(Debian: apt-get install slapd ldap-utils)."
            )
        self.slapd, self.slapadd = slapd, slapadd
        self.tmp = tempfile.mkdtemp(prefix="idesk_slapd_")
        os.makedirs(os.path.join(self.tmp, "db"))
        self.conf = os.path.join(self.tmp, "slapd.conf")
        includes = "\n".join(f"include /etc/ldap/schema/{s}.schema" for s in SCHEMAS)
        with open(self.conf, "w") as f:
            f.write(
                CONFIG.format(
                    includes=includes,
                    tmp=self.tmp,
                    suffix=SUFFIX,
                    root_dn=ROOT_DN,
                    root_pw=ROOT_PW,
                )
            )
        subprocess.run(
            [self.slapadd, "-f", self.conf, "-l", ldif_path],
            check=True,
            capture_output=True,
        )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.slapd, "-f", self.conf, "-h", self.uri + "/", "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    "slapd exited at start: "
                    + self.process.stderr.read().decode(errors="replace")
                )
            try:
                conn = ldap.initialize(self.uri)
                conn.simple_bind_s(ROOT_DN, ROOT_PW)
                conn.unbind_s()
                return
            except ldap.SERVER_DOWN:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"slapd did not answer on {self.uri} within 15 seconds")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.process and self.process.stderr:
            self.process.stderr.close()
        self.process = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def modify(self, dn, changes):
        """Apply ``[(ldap.MOD_ADD|MOD_DELETE, attr, [bytes])]`` as the directory manager."""
        conn = ldap.initialize(self.uri)
        conn.simple_bind_s(ROOT_DN, ROOT_PW)
        conn.modify_s(dn, changes)
        conn.unbind_s()

    def connect(self, env, mappings):
        """Make ``env``'s company log people in against this directory, as the only LDAP
        server; ``mappings`` are the values of its group and agency mappings."""
        env["res.company.ldap"].search([]).unlink()
        return env["res.company.ldap"].create(
            {
                "company": env.company.id,
                "ldap_server": "127.0.0.1",
                "ldap_server_port": self.port,
                "ldap_binddn": ROOT_DN,
                "ldap_password": ROOT_PW,
                "ldap_base": SUFFIX,
                "ldap_filter": "(&(objectClass=inetOrgPerson)(uid=%s))",
                "create_user": True,
                "idesk_agency_attribute": "ou",
                "idesk_mapping_ids": [(0, 0, values) for values in mappings],
            }
        )
