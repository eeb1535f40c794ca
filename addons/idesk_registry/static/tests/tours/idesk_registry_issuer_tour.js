/** @odoo-module **/

import { registry } from "@web/core/registry";

// One issuer field: the clerk types part of a name and picks an agency of iDESK,
// then changes their mind and picks an outside body from the contacts.
registry.category("web_tour.tours").add("idesk_registry_issuer_tour", {
    steps: () => [
        {
            content: "New incoming document",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type part of the issuer's name",
            trigger: ".o_field_widget[name=issuing_body_name] input",
            run: "edit Tư pháp",
        },
        {
            content: "An agency of iDESK is proposed: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Phòng Tư pháp)",
            run: "click",
        },
        {
            content: "Its name is the issuer",
            trigger: ".o_field_widget[name=issuing_body_name] input:value(Phòng Tư pháp)",
        },
        {
            content: "Type an outside body instead",
            trigger: ".o_field_widget[name=issuing_body_name] input",
            run: "edit Sở Tài chính",
        },
        {
            content: "A contact is proposed: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Sở Tài chính tỉnh Bình Định)",
            run: "click",
        },
        {
            content: "Its name is the issuer",
            trigger:
                ".o_field_widget[name=issuing_body_name] input:value(Sở Tài chính tỉnh Bình Định)",
        },
        {
            content: "Number and symbol",
            trigger: ".o_field_widget[name=origin_number_symbol] input",
            run: "edit 888/STC-NS",
        },
        {
            content: "Document type",
            trigger: ".o_field_widget[name=type_id] input",
            run: "edit Công văn",
        },
        {
            content: "Pick the type",
            trigger: ".o-autocomplete--dropdown-item a:contains(Công văn)",
            run: "click",
        },
        {
            content: "Summary",
            trigger: ".o_field_widget[name=summary] textarea",
            run: "edit V/v hướng dẫn quyết toán ngân sách xã năm 2026",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
