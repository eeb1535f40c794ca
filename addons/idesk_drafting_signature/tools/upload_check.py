"""Checks of a PDF a leader signed on his own computer (his USB token, his
own software) before iDESK takes it as his signature of the approved version.

- it carries a signature, cryptographically intact;
- its first signature was made over the approved version: the file begins
  with the approved PDF byte for byte, that signature covers it, and the
  signing revision added a signature and nothing else: new objects, and of
  the approved ones only the catalogue's form, the document information and
  the pages' annotation lists (with signature widgets) changed. (pyHanko's
  own difference analysis starts at a signed revision; the approved version
  has no signature.)

Who signed is the caller's check (the certificate is returned).
"""

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


class UploadError(Exception):
    """``args[0]``: unsigned, damaged, broken, not_approved, changed."""


def _covered_end(embedded):
    byte_range = embedded.sig_object["/ByteRange"]
    return int(byte_range[2]) + int(byte_range[3])


def check(data, approved):
    """The first signature's certificate (asn1crypto) if ``data`` is
    ``approved`` signed; :class:`UploadError` otherwise."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = sorted(reader.embedded_signatures, key=_covered_end)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        raise UploadError("damaged") from error
    if not signatures:
        raise UploadError("unsigned")
    first = signatures[0]
    end = _covered_end(first)
    if not data.startswith(approved) or end < len(approved):
        raise UploadError("not_approved")
    try:
        status = validate_pdf_signature(
            first,
            # Integrity and the signature's mathematics only: whether the
            # certificate is trusted is the verification's verdict, not this one.
            ValidationContext(
                trust_roots=[first.signer_cert],
                allow_fetching=False,
                revocation_mode="soft-fail",
            ),
            skip_diff=True,
        )
    except (PdfError, ValueError, KeyError, TypeError) as error:
        raise UploadError("broken") from error
    if not (status.intact and status.valid):
        raise UploadError("broken")
    try:
        _signature_only(PdfFileReader(io.BytesIO(data[:end]), strict=False))
    except (PdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UploadError("changed") from error
    return first.signer_cert


def _is_signature_widget(item):
    annot = item.get_object()
    if annot.get("/Subtype") != "/Widget":
        return False
    field = annot
    for _depth in range(8):
        if field.get("/FT") == "/Sig":
            return True
        if "/Parent" not in field:
            return False
        field = field["/Parent"]
    return False


def _new_annotations_are_signatures(old_annots, new_annots):
    old_items = list(old_annots.get_object()) if old_annots is not None else []
    for item in new_annots.get_object():
        if item not in old_items and not _is_signature_widget(item):
            raise UploadError("changed")
    if any(item not in list(new_annots.get_object()) for item in old_items):
        raise UploadError("changed")


def _page_refs(resolver, node_ref, found, depth=0):
    node = resolver(node_ref)
    found.add((node_ref.idnum, node_ref.generation))
    if depth < 32 and node.get("/Type") == "/Pages":
        for kid in node.raw_get("/Kids"):
            _page_refs(resolver, kid.reference, found, depth + 1)
    return found


def _signature_only(reader):
    """Raise :class:`UploadError` unless the last revision of ``reader`` only
    added a signature to the one before."""
    revision = reader.xrefs.total_revisions - 1
    old = reader.get_historical_resolver(revision - 1)
    new = reader.get_historical_resolver(revision)
    old_size = int(reader.trailer.raw_get("/Size", revision=revision - 1))
    root = old.root_ref
    root_key = (root.idnum, root.generation)
    old_root = old(root)
    pages = _page_refs(old, old_root.raw_get("/Pages").reference, set())
    special = {}
    info = reader.trailer.raw_get("/Info", revision=revision - 1)
    if isinstance(info, generic.IndirectObject):
        special[(info.idnum, info.generation)] = "info"
    form = old_root.raw_get("/AcroForm") if "/AcroForm" in old_root else None
    if isinstance(form, generic.IndirectObject):
        special[(form.idnum, form.generation)] = "form"
    annot_lists = {}
    for page_key in pages:
        page = old(generic.Reference(*page_key, pdf=reader))
        annots = page.raw_get("/Annots") if "/Annots" in page else None
        if isinstance(annots, generic.IndirectObject):
            annot_lists[(annots.idnum, annots.generation)] = annots
    for ref in reader.xrefs.explicit_refs_in_revision(revision):
        key = (ref.idnum, ref.generation)
        if ref.idnum >= old_size:
            continue  # a new object: the signature, its field, its appearance
        before, after = old(ref), new(ref)
        if key == root_key:
            _same_but(before, after, {"/AcroForm", "/Extensions", "/Version"})
        elif special.get(key) in ("info", "form"):
            continue  # document information (dates), the form's field list
        elif key in pages:
            _same_but(before, after, {"/Annots"})
            if before.get("/Annots") != after.get("/Annots"):
                _new_annotations_are_signatures(before.get("/Annots"), after["/Annots"])
        elif key in annot_lists:
            _new_annotations_are_signatures(before, after)
        else:
            raise UploadError("changed")


def _same_but(before, after, allowed):
    if not isinstance(before, generic.DictionaryObject) or not isinstance(
        after, generic.DictionaryObject
    ):
        raise UploadError("changed")
    for key in set(before) | set(after):
        if key in allowed:
            continue
        if (key in before) != (key in after) or before.raw_get(key) != after.raw_get(
            key
        ):
            raise UploadError("changed")
