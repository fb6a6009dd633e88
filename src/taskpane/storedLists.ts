import { z } from "zod";
import type { CapturedIndex, RosterEntry, RosterIndex } from "../domain";

/**
 * The roster and the already-captured list as the pane keeps them: the parsed entries in compact JSON
 * (arrays, not objects: a 5,000-student roster stays a few hundred KB), rebuilt into the engine's indexes.
 */
export type ListKind = "roster" | "captured";

export const LIST_LABELS: { readonly [K in ListKind]: string } = {
  roster: "学籍名单",
  captured: "已采集名单",
};

const meta = {
  fileName: z.string(),
  /** ISO time of the import. */
  importedAt: z.string(),
  count: z.number().int().nonnegative(),
};

const storedRosterSchema = z.object({
  kind: z.literal("roster"),
  ...meta,
  duplicateStudentNos: z.number().int().nonnegative(),
  /** [studentNo, idNumber, name, level] */
  entries: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])),
});

const storedCapturedSchema = z.object({
  kind: z.literal("captured"),
  ...meta,
  studentNos: z.array(z.string()),
  idNumbers: z.array(z.string()),
});

export const storedListSchema = z.discriminatedUnion("kind", [storedRosterSchema, storedCapturedSchema]);

export type StoredRoster = z.infer<typeof storedRosterSchema>;
export type StoredCaptured = z.infer<typeof storedCapturedSchema>;
export type StoredList = StoredRoster | StoredCaptured;

export function storeRoster(index: RosterIndex, fileName: string, importedAt: Date): StoredRoster {
  const entries: StoredRoster["entries"] = [];
  for (const e of index.byStudentNo.values()) entries.push([e.studentNo, e.idNumber, e.name, e.level]);
  return {
    kind: "roster",
    fileName,
    importedAt: importedAt.toISOString(),
    count: index.size,
    duplicateStudentNos: index.duplicateStudentNos,
    entries,
  };
}

export function storeCaptured(index: CapturedIndex, fileName: string, importedAt: Date): StoredCaptured {
  return {
    kind: "captured",
    fileName,
    importedAt: importedAt.toISOString(),
    count: index.size,
    studentNos: [...index.studentNos],
    idNumbers: [...index.idNumbers],
  };
}

/** The same index buildRoster made: entries in file order, the first 学号 holding an ID keeps it. */
export function rosterIndexOf(list: StoredRoster): RosterIndex {
  const byStudentNo = new Map<string, RosterEntry>();
  const byIdNumber = new Map<string, string>();
  for (const [studentNo, idNumber, name, level] of list.entries) {
    byStudentNo.set(studentNo, { studentNo, idNumber, name, level });
    if (idNumber && !byIdNumber.has(idNumber)) byIdNumber.set(idNumber, studentNo);
  }
  return { byStudentNo, byIdNumber, size: byStudentNo.size, duplicateStudentNos: list.duplicateStudentNos };
}

export function capturedIndexOf(list: StoredCaptured): CapturedIndex {
  return { studentNos: new Set(list.studentNos), idNumbers: new Set(list.idNumbers), size: list.count };
}
