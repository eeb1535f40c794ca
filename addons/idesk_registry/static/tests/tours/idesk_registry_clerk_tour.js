/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("idesk_registry_clerk_tour", {
    steps: () => [
        {
            content: "New incoming document",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Issuing body",
            trigger: ".o_field_widget[name=issuing_body_name] input",
            run: "edit Sở Nội vụ tỉnh Bình Định",
        },
        {
            content: "Number and symbol",
            trigger: ".o_field_widget[name=origin_number_symbol] input",
            run: "edit 777/SNV-TCBC",
        },
        {
            content: "Document type",
            trigger: ".o_field_widget[name=type_id] input",
            run: "edit Thông báo",
        },
        {
            content: "Pick the type",
            trigger: ".o-autocomplete--dropdown-item a:contains(Thông báo)",
            run: "click",
        },
        {
            content: "Summary",
            trigger: ".o_field_widget[name=summary] textarea",
            run: "edit Thông báo kết quả tuyển dụng viên chức giáo dục năm 2026",
        },
        {
            content: "Register",
            trigger: ".o_form_view button[name=action_register]",
            run: "click",
        },
        {
            content: "The document is registered",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=registered]",
        },
        {
            content: "Back to the book",
            trigger: ".o_back_button a, .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Search without accents",
            trigger: ".o_searchview_input",
            run: "edit tuyen dung vien chuc",
        },
        {
            content: "Validate the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The document is found",
            trigger: ".o_data_row td:contains(777/SNV-TCBC)",
        },
    ],
});
