/**
 * The workbook state behind the in-memory Excel. One file per part: a sheet's cells and formats,
 * change records and their delivery, snapshots for the grid, and the workbook with its user.
 */
export {
  DEFAULT_COLUMN_WIDTH,
  SheetModel,
  cellKey,
  type CommentModel,
  type FormatKey,
  type FormatProps,
  type ListValidationRule,
  type NoteModel,
} from "./sheet";
export type { ChangeRecord, TriggerSource } from "./changes";
export type { SheetSnapshot, SnapshotCell } from "./snapshot";
export { MemoryWorkbook, type MemoryUser, type SeedFormat, type SeedSheet } from "./workbook";
