from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _update_translations(self, filter_lang=None, overwrite=False):
        """Load idesk_security's terms again with every addon that depends on it.

        Its mixins (``idesk.access.mixin``) give their selection values to the
        models of the later addons (``idesk.document``'s confidentiality "Normal",
        "Secret"…); those values are named after idesk_security
        (``idesk_security.selection__idesk_document__…``), but Odoo loads a module's
        translations only when the module itself is installed, before they exist:
        they would stay in English."""
        result = super()._update_translations(filter_lang, overwrite)
        # every other iDESK addon depends on idesk_security
        if any(
            module.name.startswith("idesk_") and module.name != "idesk_security"
            for module in self
        ):
            security = self.search(
                [
                    ("name", "=", "idesk_security"),
                    ("state", "in", ("installed", "to upgrade")),
                ]
            )
            super(IrModuleModule, security)._update_translations(filter_lang, overwrite)
        return result
