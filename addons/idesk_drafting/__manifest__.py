{
    "name": "iDESK Drafting",
    "summary": "Outgoing documents born in iDESK: draft, review, sign, number, send",
    "version": "18.0.1.0.0",
    "category": "iDESK",
    "website": "https://github.com/idesk-odoo/idesk",
    "author": "iDESK for Odoo",
    "maintainers": ["idesk-odoo"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["idesk_registry", "idesk_distribution", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/idesk_draft_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/idesk_review_chain_data.xml",
        "wizard/idesk_draft_upload_wizard_views.xml",
        "wizard/idesk_draft_review_wizard_views.xml",
        "views/idesk_draft_views.xml",
        "views/idesk_review_chain_views.xml",
        "views/idesk_document_views.xml",
        "views/idesk_drafting_menus.xml",
    ],
    "demo": [
        "demo/idesk_drafting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "idesk_drafting/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
