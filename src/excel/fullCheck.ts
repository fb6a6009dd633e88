/// <reference types="office-js" />
import { marksFromProblems } from "../domain";
import { parseRange } from "./a1";
import { atLeast } from "./capabilities";
import { annotationsOf, colOf, countAnnotations, marksOf, noFill, type HostState } from "./hostState";
import { writeMarks } from "./markWriter";
import { gridFromBlock } from "./readList";
import { listen, watchActivation } from "./sheetEvents";

/** A full check of the active sheet: one read, then at most one read of original looks and one write. */
export async function fullCheck(state: HostState): Promise<void> {
  if (state.disposed) return;
  const needHandler = state.capabilities.liveCheck && !state.handler;
  const read = await state.Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet().load("id,name");
    const used = atLeast(state.capabilities, "1.4")
      ? sheet.getUsedRangeOrNullObject(true)
      : sheet.getUsedRange();
    used.load("address,values,numberFormat");
    const fill = used.format.fill.load(state.tintAndShade ? "color,tintAndShade" : "color");
    const annotations = countAnnotations(state, sheet);
    const result = needHandler ? listen(state, sheet) : undefined;
    watchActivation(state, context);
    await context.sync();
    const empty = used.isNullObject === true;
    return {
      sheetId: sheet.id,
      sheetName: sheet.name,
      address: empty ? undefined : used.address,
      values: empty ? [] : used.values,
      formats: empty ? [] : (used.numberFormat as unknown[][]),
      clean: !empty && noFill(fill.color, state.tintAndShade ? fill.tintAndShade : undefined),
      annotations: annotations?.value,
      result,
    };
  });
  if (read.result) state.handler = { sheetId: read.sheetId, result: read.result };
  state.queue.clear();

  const rect = read.address ? parseRange(read.address) : undefined;
  const rows = rect ? gridFromBlock(rect.top, rect.left, read.values, read.formats) : [];
  const width = rows[0]?.length ?? 0;
  state.checked = { sheetId: read.sheetId, sheetName: read.sheetName, rows, width };
  const outcome = state.checker.load({ rows });
  const sheetMarks = marksOf(state, read.sheetId);
  const wanted = outcome.ok ? marksFromProblems(state.checker.problems(), (k) => colOf(state, k)) : [];
  const diff = sheetMarks.diff(wanted);
  const clean = read.clean && (read.annotations ?? 0) === annotationsOf(sheetMarks, state.annotation);
  const moveHandler = state.capabilities.liveCheck && read.sheetId !== state.handler?.sheetId;
  await writeMarks(state, read.sheetId, diff, clean ? () => true : undefined, moveHandler);
  state.publish();
}
