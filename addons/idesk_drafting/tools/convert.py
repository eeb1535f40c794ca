"""Draft files: recognise them by their bytes and turn DOCX/ODT into PDF with
LibreOffice headless.

Pure functions on bytes; they raise ``DraftFileError`` with an English reason
code that the model translates.
"""

import fcntl
import functools
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile

_logger = logging.getLogger(__name__)

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt"}
MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
# A text of some hundred pages holds well under this many files and bytes
# once unpacked: more is a zip bomb, not a draft.
MAX_ZIP_MEMBERS = 5_000
MAX_UNPACKED_RATIO = 200


# The drafts come from anyone: LibreOffice must neither fetch what they link
# (images or sections on another server: a request from inside the town's
# network, SSRF) nor run their macros. Its profile says so, and it runs
# without a network when the system allows (see ``sandbox_prefix``).
PROFILE_SETTINGS = (
    # Links to outside resources (images, OLE, sections) are blocked for
    # documents outside a trusted location: every draft.
    (
        "/org.openoffice.Office.Common/Security/Scripting",
        "BlockUntrustedRefererLinks",
        "true",
    ),
    # No macro runs: neither the document's nor one it names in an event.
    (
        "/org.openoffice.Office.Common/Security/Scripting",
        "DisableMacrosExecution",
        "true",
    ),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    # Links of a text document are never updated on loading (0 = never).
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
)


class DraftFileError(Exception):
    """A file that must be refused; ``args[0]`` is the reason code."""


def sniff(data):
    """``pdf``, ``docx``, ``odt`` or None, from the bytes, never the name."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS or sum(
                i.file_size for i in infos
            ) > MAX_UNPACKED_RATIO * max(len(data), 1):
                raise DraftFileError("corrupt")
            names = {i.filename for i in infos}
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
    except zipfile.BadZipFile as error:
        raise DraftFileError("corrupt") from error
    return None


def soffice_binary():
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_profile(profile):
    """Write LibreOffice's user settings (``registrymodifications.xcu``) in
    ``profile`` before each conversion: whatever a previous run stored there,
    the locked-down settings of ``PROFILE_SETTINGS`` are the ones read."""
    folder = os.path.join(profile, "user")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in PROFILE_SETTINGS
    )
    with open(os.path.join(folder, "registrymodifications.xcu"), "w") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{items}</oor:items>\n"
        )


@functools.cache
def sandbox_prefix():
    """The command that runs LibreOffice without any network: ``unshare
    --net`` (util-linux) gives it a network namespace of its own with a loopback
    that is down. Root may; another account may when the kernel allows user
    namespaces (``--map-root-user``). Otherwise ``()``: LibreOffice runs with
    the machine's network and only its profile keeps it from fetching links
    (logged once)."""
    binary = shutil.which("unshare")
    candidates = (
        [(binary, "--net", "--"), (binary, "--map-root-user", "--net", "--")]
        if binary
        else []
    )
    for prefix in candidates:
        try:
            result = subprocess.run(  # noqa: S603 - fixed command, no shell
                [*prefix, "true"], capture_output=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if result.returncode == 0:
            return prefix
    _logger.warning(
        "LibreOffice runs with the network: this process may not create a network "
        "namespace (unshare --net). Its profile still blocks linked content and "
        "macros."
    )
    return ()


def to_pdf(data, kind, timeout=120, max_bytes=None, isolate_network=True):
    """Return the PDF LibreOffice makes of a DOCX or ODT draft.

    One conversion at a time on the machine (a lock file shared by every Odoo
    worker), in LibreOffice's own profile folder (links and macros off), without
    network when possible, killed after ``timeout`` seconds. A file LibreOffice
    cannot read gives no PDF: ``broken``. ``isolate_network=False`` runs it
    with the machine's network (to check that the profile alone holds).
    """
    binary = soffice_binary()
    if not binary:
        raise DraftFileError("no_converter")
    base = os.path.join(tempfile.gettempdir(), f"idesk-soffice-{os.getuid()}")
    os.makedirs(base, mode=0o700, exist_ok=True)
    profile = os.path.join(base, "profile")
    with open(os.path.join(base, "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            write_profile(profile)
            with tempfile.TemporaryDirectory(prefix="convert-", dir=base) as folder:
                source = os.path.join(folder, "draft" + SUFFIXES[kind])
                with open(source, "wb") as handle:
                    handle.write(data)
                command = [
                    *(sandbox_prefix() if isolate_network else ()),
                    binary,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    "pdf:writer_pdf_Export",
                    "--outdir",
                    folder,
                    source,
                ]
                process = subprocess.Popen(  # noqa: S603 - fixed command, no shell
                    command,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                    env={**os.environ, "HOME": base},
                )
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired as error:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    raise DraftFileError("timeout") from error
                target = os.path.join(folder, "draft.pdf")
                if not os.path.exists(target) or not os.path.getsize(target):
                    raise DraftFileError("broken")
                if max_bytes and os.path.getsize(target) > max_bytes:
                    raise DraftFileError("too_big")
                with open(target, "rb") as handle:
                    return handle.read()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
