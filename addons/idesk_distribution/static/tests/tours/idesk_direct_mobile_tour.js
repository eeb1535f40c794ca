import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

function assertNoHorizontalScroll() {
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) {
        throw new Error(`Horizontal scrolling: page is ${root.scrollWidth}px wide on a ${window.innerWidth}px screen`);
    }
}

function assertTapTarget(selector) {
    const element = document.querySelector(selector);
    const height = element.getBoundingClientRect().height;
    if (height < 44) {
        throw new Error(`${selector} is ${height}px tall: a tap target needs 44px (${element.className}, ${getComputedStyle(element).minHeight}, ${element.closest(".o_form_view")?.className}, ${window.innerWidth})`);
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
            content: "Read first: the summary is above the fold, the scan follows without a tab",
            trigger: ".o_idesk_read_first .o_idesk_summary:contains('Tour: kế hoạch phòng chống bão')",
            run() {
                assertNoHorizontalScroll();
                const summary = document.querySelector(".o_idesk_read_first .o_idesk_summary");
                if (summary.getBoundingClientRect().top > window.innerHeight / 2) {
                    throw new Error(`The summary starts ${summary.getBoundingClientRect().top}px down a ${window.innerHeight}px screen`);
                }
                for (const name of ["scan_sha256", "scan_dpi", "direction"]) {
                    if (document.querySelector(`.o_form_view .o_field_widget[name='${name}']`)) {
                        throw new Error(`The technical field ${name} is shown to the leader`);
                    }
                }
            },
        },
        {
            content: "The PDF viewer shows the scan below the summary",
            trigger: ".o_idesk_scan .o_field_pdf_viewer iframe",
            run() {
                assertNoHorizontalScroll();
            },
        },
        {
            content: "The Direct button is on screen, not hidden in a menu, and a thumb's size",
            trigger: ".o_form_sheet button[name='action_direct']",
            run() {
                assertInViewport(".o_form_sheet button[name='action_direct']");
                assertTapTarget(".o_form_sheet button[name='action_direct']");
                this.anchor.click();
            },
        },
        {
            content: "Write the direction",
            trigger: ".modal div[name='direction_note'] textarea",
            run: "edit Giao Phòng Tài chính - Kế hoạch chủ trì, Phòng Nội vụ phối hợp tham mưu.",
        },
        {
            content: "Pick the lead unit (the input is a thumb's size)",
            trigger: ".modal div[name='lead_agency_id'] input",
            run() {
                assertTapTarget(".modal div[name='lead_agency_id'] input");
                this.anchor.click();
            },
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
            content: "The dialog closes, the document is directed: the direction shows under the summary",
            trigger: "body:not(:has(.modal)) .o_idesk_read_first .o_idesk_direction div[name='direction_note']:contains('Giao Phòng Tài chính')",
            run() {
                assertNoHorizontalScroll();
            },
        },
    ],
});
