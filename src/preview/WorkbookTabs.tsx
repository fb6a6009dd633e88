/**
 * The workbooks open in the emulated Excel, above the sheet: the list and each workbook the add-in
 * created ("生成到新工作簿"). Shown only when there is more than one, so a secretary sees the new
 * workbook at once and can go back to her list.
 */
import { useSyncExternalStore } from "react";
import type { WorkbookShelf } from "./workbookShelf";

const bar = {
  display: "flex",
  gap: 4,
  alignItems: "center",
  padding: "2px 8px",
  background: "#e9f3ee",
  borderBottom: "1px solid #d1d1d1",
  overflowX: "auto",
} as const;

const tab = (active: boolean) =>
  ({
    border: "1px solid #c8c8c8",
    borderBottom: active ? "2px solid #107c41" : "1px solid #c8c8c8",
    background: active ? "#fff" : "#f3f3f3",
    color: active ? "#0e5c2f" : "#242424",
    fontWeight: active ? 600 : 400,
    padding: "2px 10px",
    fontFamily: "inherit",
    fontSize: "inherit",
    cursor: "pointer",
    whiteSpace: "nowrap",
  }) as const;

export function useShelf(shelf: WorkbookShelf | undefined): number {
  return useSyncExternalStore(
    (onChange) => (shelf ? shelf.subscribe(onChange) : () => undefined),
    () => shelf?.revision ?? 0,
  );
}

export function WorkbookTabs({ shelf }: { shelf: WorkbookShelf }) {
  useShelf(shelf);
  if (shelf.entries.length < 2) return null;
  const active = shelf.active;
  return (
    <div style={bar} role="tablist" aria-label="打开的工作簿">
      <span style={{ color: "#616161" }}>工作簿：</span>
      {shelf.entries.map((entry) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          data-testid="workbook-tab"
          aria-selected={entry === active}
          style={tab(entry === active)}
          onClick={() => shelf.show(entry.id)}
        >
          {entry.id === shelf.main.id ? `${entry.title}（名单）` : entry.title}
        </button>
      ))}
    </div>
  );
}
