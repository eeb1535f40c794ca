{
    "name": "iDESK Digital Signatures",
    "summary": "Verify the digital signatures of received PDFs, trusted root certificates",
    "version": "18.0.1.0.0",
    "category": "iDESK",
    "website": "https://github.com/idesk-odoo/idesk",
    "author": "iDESK for Odoo",
    "maintainers": ["idesk-odoo"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["idesk_registry", "mail"],
    "external_dependencies": {
        "python": ["pyhanko", "pyhanko_certvalidator", "cryptography", "python-pkcs11"]
    },
    "data": [
        "security/ir.model.access.csv",
        "security/idesk_signing_key_rules.xml",
        "views/idesk_trusted_certificate_views.xml",
        "views/idesk_document_views.xml",
        "views/idesk_signing_key_views.xml",
    ],
    "demo": [
        "demo/idesk_signature_demo.xml",
    ],
    "installable": True,
}
