/// <reference types="office-js" />
import { cellKey } from "./a1";
import { countAnnotations, marksOf, type HostState } from "./hostState";
import {
  NO_ORIGINAL,
  isEmptyDiff,
  queueMarkWrites,
  queueOriginals,
  readCommentCells,
  type MarkDiff,
  type Original,
  type SheetMarks,
} from "./marks";
import { listen, removeHandler } from "./sheetEvents";

/**
 * Writes a marks diff (and `extra` writes, e.g. fixed values) in one batch. Cells marked for the
 * first time need their original look: read in one round trip before, unless `knownClean(row)` says
 * the same check already saw that row without fills or foreign notes. With `moveHandler`, the
 * onChanged handler moves to this sheet in the same batch.
 */
export async function writeMarks(
  state: HostState,
  sheetId: string,
  diff: MarkDiff,
  knownClean?: (row: number) => boolean,
  moveHandler = false,
  extra?: (sheet: Excel.Worksheet) => void,
): Promise<void> {
  const sheetMarks = marksOf(state, sheetId);
  const marking = state.marking && !isEmptyDiff(diff);
  if (!marking && !extra && !moveHandler) return;
  if (moveHandler && state.handler && state.handler.sheetId !== sheetId) {
    const old = state.handler.result;
    state.handler = undefined;
    await removeHandler(state.Excel, old);
  }
  const addHandler = moveHandler && state.capabilities.liveCheck && !state.handler;
  const originals = new Map<string, Original>();
  await state.Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    if (marking) {
      const unknown = diff.add.filter((m) => !knownClean?.(m.row));
      for (const m of diff.add) if (knownClean?.(m.row)) originals.set(cellKey(m.row, m.col), NO_ORIGINAL);
      if (unknown.length > 0) {
        const count = countAnnotations(state, sheet);
        let request = queueOriginals(sheet, unknown, {
          tintAndShade: state.tintAndShade,
          annotation: state.annotation,
        });
        await context.sync();
        if (state.annotation === "comment" && (count?.value ?? 0) > sheetMarks.annotationCount()) {
          const comments = await readCommentCells(context, sheet);
          request = queueOriginals(sheet, unknown, {
            tintAndShade: state.tintAndShade,
            annotation: "comment",
            comments,
          });
          await context.sync();
        }
        for (const [k, o] of request.read()) originals.set(k, o);
      }
    }
    extra?.(sheet);
    if (marking) queueMarkWrites(sheet, diff, originals, state.annotation);
    if (addHandler) state.handler = { sheetId, result: listen(state, sheet) };
    await context.sync();
  });
  if (marking) sheetMarks.apply(diff, originals);
}

/** Takes every mark off every sheet in one batch (marking switched off). */
export async function clearMarks(state: HostState): Promise<void> {
  const marked = [...state.marks].filter(([, m]) => m.cells.size > 0);
  if (marked.length === 0) return;
  await state.Excel.run(async (context) => {
    for (const [sheetId, m] of marked) {
      const sheet = context.workbook.worksheets.getItem(sheetId);
      queueMarkWrites(sheet, removeAll(m), new Map(), state.annotation);
    }
    await context.sync();
  });
  state.marks.clear();
}

function removeAll(marks: SheetMarks): MarkDiff {
  return { add: [], change: [], remove: [...marks.cells.values()] };
}
