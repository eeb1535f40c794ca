"""Draft files: recognise them by their bytes and turn DOCX/ODT into PDF with
LibreOffice headless.

Pure functions on bytes; they raise ``DraftFileError`` with an English reason
code that the model translates.
"""

import fcntl
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile

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


def to_pdf(data, kind, timeout=120, max_bytes=None):
    """Return the PDF LibreOffice makes of a DOCX or ODT draft.

    One conversion at a time on the machine (a lock file shared by every Odoo
    worker), in LibreOffice's own profile folder, killed after ``timeout``
    seconds. A file LibreOffice cannot read gives no PDF: ``broken``.
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
            with tempfile.TemporaryDirectory(prefix="convert-", dir=base) as folder:
                source = os.path.join(folder, "draft" + SUFFIXES[kind])
                with open(source, "wb") as handle:
                    handle.write(data)
                command = [
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
