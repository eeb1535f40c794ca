import {Component, useState} from "@odoo/owl";
import {Layout} from "@web/search/layout";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {_t} from "@web/core/l10n/translation";

/** The content of a File in base64, as `action_intake_scans` takes it. */
function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve({name: file.name, data: reader.result.split(",", 2)[1] || ""});
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * "Tiếp nhận từ bản quét": the clerk drops or chooses scans; each file
 * becomes a draft of the incoming book, read at once, and its form opens
 * (several files: the list of the new drafts). The server checks every file
 * and stores nothing when one is refused.
 */
export class ScanIntake extends Component {
  static template = "idesk_registry.ScanIntake";
  static components = {Layout};
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.actionService = useService("action");
    this.state = useState({oneDocument: false, busy: false, dragging: false});
    this.intro = _t(
      "Drop the scans of the received documents here: one file for each document (a PDF may have several pages). A draft is made for each and its first page is read at once; check the fields against the paper, then register."
    );
  }

  onDragOver(ev) {
    ev.preventDefault();
    this.state.dragging = true;
  }

  onDragLeave() {
    this.state.dragging = false;
  }

  onDrop(ev) {
    ev.preventDefault();
    this.state.dragging = false;
    this.receive(ev.dataTransfer.files);
  }

  onFileChange(ev) {
    const files = [...ev.target.files];
    ev.target.value = "";
    this.receive(files);
  }

  async receive(fileList) {
    const files = [...fileList];
    if (!files.length || this.state.busy) {
      return;
    }
    this.state.busy = true;
    try {
      const payload = await Promise.all(files.map(readFile));
      const action = await this.orm.call(
        "idesk.document",
        "action_intake_scans",
        [payload],
        {one_document: this.state.oneDocument}
      );
      await this.actionService.doAction(action, {
        stackPosition: "replaceCurrentAction",
      });
    } finally {
      this.state.busy = false;
    }
  }
}

registry.category("actions").add("idesk_scan_intake", ScanIntake);
