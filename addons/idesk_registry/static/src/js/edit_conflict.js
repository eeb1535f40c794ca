import {Record} from "@web/model/relational_model/record";
import {patch} from "@web/core/utils/patch";

/**
 * Two clerks may open the same document: each save of an iDESK document says
 * when the version it was made on was written, so that the server refuses the
 * second save instead of silently overwriting the first (see the `edit_since`
 * field of idesk.document).
 */
patch(Record.prototype, {
  _getChanges(changes, options) {
    const result = super._getChanges(...arguments);
    if (
      this.resModel === "idesk.document" &&
      !this.isNew &&
      changes === undefined &&
      Object.keys(result).length &&
      this.data.write_date
    ) {
      result.edit_since = this._formatServerValue("datetime", this.data.write_date);
    }
    return result;
  },
});
