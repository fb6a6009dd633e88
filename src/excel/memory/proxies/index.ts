/**
 * Office.js-shaped proxy objects over a MemoryWorkbook. As in Office.js, nothing touches the
 * workbook until `context.sync()`: creating an object, `load`, property sets and method calls are
 * queued, then applied in order; a property can be read only after it was loaded and synced.
 * One file per object; this module lists what the rest of the emulator may use.
 */
export { MemoryRequestContext, type MemoryHost } from "./context";
export { ClientResult, loadPaths } from "./base";
export type { CellProperties, CellPropertiesInput, CellPropertiesLoadOptions } from "./cellProperties";
export type { RangeRef } from "./rangeCells";
export { Range } from "./range";
export { RangeFormat, RangeFill, RangeFont } from "./rangeFormat";
export { DataValidation } from "./dataValidation";
export { EventHandlerResult, WorksheetChangedEvent, type WorksheetChangedEventArgs } from "./events";
export { WorksheetFreezePanes } from "./freezePanes";
export { Worksheet } from "./worksheet";
export { WorksheetCollection } from "./worksheetCollection";
export { Note, NoteCollection } from "./notes";
export { Comment, CommentCollection } from "./comments";
export { Setting, SettingCollection } from "./settings";
export { Application, Workbook } from "./workbook";
