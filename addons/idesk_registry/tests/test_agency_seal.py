import base64
import io

from PIL import Image, ImageDraw

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import IdeskRegistryCase


def seal_png():
    """A red ring on a transparent background, as an agency's seal image."""
    image = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((4, 4, 116, 116), outline=(200, 16, 32, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestAgencySeal(IdeskRegistryCase):
    def test_admin_sets_the_seal_image_on_the_agency_form(self):
        admin = self.users["admin"]
        with Form(self.agency_vp.with_user(admin)) as form:
            form.seal_image = base64.b64encode(seal_png())
        self.assertTrue(self.agency_vp.sudo().seal_image)
        # The clerks who stamp see it, read only.
        self.assertEqual(
            self.agency_vp.with_user(self.clerk_vp).seal_image_kept,
            self.agency_vp.sudo().seal_image,
        )
        with self.assertRaises(AccessError):
            self.agency_vp.with_user(self.clerk_vp).write({"seal_image": False})
        self.assertTrue(self.agency_vp.sudo().seal_image)

    def test_officer_and_leader_never_read_the_seal_image(self):
        self.agency_vp.sudo().seal_image = base64.b64encode(seal_png())
        for role in ("officer", "leader"):
            with self.assertRaises(AccessError):
                self.agency_vp.with_user(self.users[role]).read(["seal_image"])
            # Nor as a file (Odoo serves a field's attachment by its id to any
            # internal user): the image is kept in the agency's row, no file.
            files = (
                self.env["ir.attachment"]
                .with_user(self.users[role])
                .search(
                    [
                        ("res_model", "=", "idesk.agency"),
                        ("res_id", "=", self.agency_vp.id),
                        ("res_field", "=", "seal_image"),
                    ]
                )
            )
            self.assertFalse(files)

    def test_admin_seal_that_is_not_an_image_refused(self):
        with self.assertRaises(UserError):
            self.agency_vp.with_user(self.users["admin"]).write(
                {"seal_image": base64.b64encode(b"%PDF-1.4 not an image")}
            )
        self.assertFalse(self.agency_vp.sudo().seal_image)
