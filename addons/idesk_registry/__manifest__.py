{
    "name": "iDESK Registry",
    "summary": "Register books, legal numbering, incoming and outgoing documents, digitization",
    "version": "18.0.1.2.0",
    "category": "iDESK",
    "website": "https://github.com/idesk-odoo/idesk",
    "author": "iDESK for Odoo",
    "maintainers": ["idesk-odoo"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["idesk_security"],
    "external_dependencies": {"python": ["pytesseract", "reportlab"]},
    "data": [
        "security/ir.model.access.csv",
        "security/idesk_registry_rules.xml",
        "data/idesk_document_type_data.xml",
        "data/idesk_urgency_data.xml",
        "data/idesk_registry_data.xml",
        "views/idesk_document_views.xml",
        "views/idesk_register_book_views.xml",
        "views/idesk_document_type_views.xml",
        "views/idesk_urgency_views.xml",
        "views/idesk_wizard_views.xml",
        "views/idesk_registry_menus.xml",
    ],
    "demo": [
        "demo/idesk_registry_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "idesk_registry/static/src/js/edit_conflict.js",
        ],
        "web.assets_tests": [
            "idesk_registry/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
