import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

function assertNoHorizontalScroll() {
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) {
        throw new Error(`Horizontal scrolling: page is ${root.scrollWidth}px wide on a ${window.innerWidth}px screen`);
    }
}

function assertInViewport(selector) {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 || box.left < -1 || box.width === 0) {
        throw new Error(`${selector} is not fully visible (${box.left}-${box.right} of ${window.innerWidth}px)`);
    }
}

registry.category("web_tour.tours").add("idesk_direct_mobile_tour", {
    steps: () => [
        {
            content: "The document waits in the leader's 'to direct' queue",
            trigger: ".o_kanban_record:contains('Tour: kế hoạch phòng chống bão')",
            run() {
                assertNoHorizontalScroll();
                this.anchor.click();
            },
        },
        {
            content: "Open the scanned PDF",
            trigger: ".o_notebook_headers a[name='scan_pdf']",
            run: "click",
        },
        {
            content: "The PDF viewer shows the scan",
            trigger: ".o_field_pdf_viewer iframe",
            run() {
                assertNoHorizontalScroll();
            },
        },
        {
            content: "The Direct button is on screen, not hidden in a menu",
            trigger: ".o_form_sheet button[name='action_direct']",
            run() {
                assertInViewport(".o_form_sheet button[name='action_direct']");
                this.anchor.click();
            },
        },
        {
            content: "Write the direction",
            trigger: ".modal div[name='direction_note'] textarea",
            run: "edit Giao Phòng Tài chính - Kế hoạch chủ trì, Phòng Nội vụ phối hợp tham mưu.",
        },
        {
            content: "Pick the lead unit",
            trigger: ".modal div[name='lead_agency_id'] input",
            run: "click",
        },
        {
            content: "On a phone the choice opens as a full-screen list",
            trigger: ".modal:not(.o_inactive_modal) .o_kanban_record:contains('Phòng Tài chính - Kế hoạch')",
            run: "click",
        },
        {
            content: "Set the lead deadline",
            trigger: ".modal:not(:has(.o_inactive_modal)) div[name='lead_agency_id'] input:value('Phòng Tài chính - Kế hoạch')",
        },
        {
            trigger: ".modal div[name='lead_deadline'] input",
            run: `edit ${formatDate(DateTime.now().plus({ days: 20 }))}`,
        },
        {
            content: "Pick the person of the lead unit who handles it",
            trigger: ".modal div[name='lead_user_id'] input",
            run: "click",
        },
        {
            content: "Only the unit's people are offered: no administrator, bot, demo account or clerk of another unit",
            trigger: ".modal:not(.o_inactive_modal) .o_kanban_record:contains('Võ Thị Hoa')",
            run() {
                const offered = [...document.querySelectorAll(".modal:not(.o_inactive_modal) .o_kanban_record")]
                    .map((record) => record.textContent);
                for (const name of ["Mitchell Admin", "OdooBot", "Marc Demo", "Trần Thị Thu"]) {
                    if (offered.some((text) => text.includes(name))) {
                        throw new Error(`${name} is offered as the lead person`);
                    }
                }
                this.anchor.click();
            },
        },
        {
            content: "The lead unit is kept with its person",
            trigger: ".modal:not(:has(.o_inactive_modal)) div[name='lead_user_id'] input:value('Võ Thị Hoa')",
            run() {
                const unit = document.querySelector(".modal div[name='lead_agency_id'] input");
                if (unit.value !== "Phòng Tài chính - Kế hoạch") {
                    throw new Error(`The lead unit became "${unit.value}" when the person was chosen`);
                }
            },
        },
        {
            content: "Pick a cooperating unit",
            trigger: ".modal div[name='cooperate_agency_ids'] input",
            run: "click",
        },
        {
            trigger: ".modal:not(.o_inactive_modal) .o_kanban_record:contains('Phòng Nội vụ')",
            run: "click",
        },
        {
            content: "The cooperating unit is picked",
            trigger: ".modal div[name='cooperate_agency_ids'] .o_tag:contains('Phòng Nội vụ')",
        },
        {
            content: "Set the cooperation deadline",
            trigger: ".modal div[name='cooperate_deadline'] input",
            run: `edit ${formatDate(DateTime.now().plus({ days: 15 }))}`,
        },
        {
            content: "Confirm, with the button visible on the phone screen",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run() {
                assertNoHorizontalScroll();
                assertInViewport(".modal .modal-footer button[name='action_confirm']");
                this.anchor.click();
            },
        },
        {
            content: "The dialog closes, the document is directed",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook_headers a[name='direction']",
        },
    ],
});
