/// <reference types="office-js" />
import type { ExcelNamespace, HostState } from "./hostState";

/** Registering and removing the Excel events that drive live checking. */

export function listen(
  state: HostState,
  sheet: Excel.Worksheet,
): OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> {
  return sheet.onChanged.add((args) => state.onChanged(args));
}

/** Re-check when another sheet is activated (worksheets.onActivated, 1.7; not on every host). */
export function watchActivation(state: HostState, context: Excel.RequestContext): void {
  if (!state.capabilities.liveCheck || state.activated) return;
  const event = (context.workbook.worksheets as Partial<Excel.WorksheetCollection>).onActivated;
  if (!event) return;
  state.activated = event.add(async () => {
    await state.onActivated();
  });
}

/** Removes a handler in its own request context (the one it was added in). */
export async function removeHandler<T>(
  Excel: ExcelNamespace,
  result: OfficeExtension.EventHandlerResult<T>,
): Promise<void> {
  await Excel.run(result.context, async (context) => {
    result.remove();
    await context.sync();
  });
}
