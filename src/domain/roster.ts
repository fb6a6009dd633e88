import type { Campaign } from "./campaign";
import { cellText, isBlankRow, type Grid } from "./grid";
import { locateHeader } from "./header";
import { upgradeLegacy15 } from "./idNumber";
import { compactText, normalizeValue } from "./normalize";
import { DEFAULT_TEMPLATE, type Template } from "./template";

/**
 * The roster (花名册, an export of 研究生综合管理系统) and the already-captured list, indexed for
 * matching. Values are normalised exactly like the list's before comparing (SPEC §3.4).
 */
export interface RosterEntry {
  studentNo: string;
  idNumber: string;
  name: string;
  level: string;
  /**
   * The 证件类型 of the roster's 证件类型 column (template key `docType`), as written after
   * normalisation ("护照"); absent when the roster has no such column or the cell is empty.
   */
  docType?: string;
}

export interface RosterIndex {
  byStudentNo: Map<string, RosterEntry>;
  /** ID (18-character form) → 学号 */
  byIdNumber: Map<string, string>;
  size: number;
  /** Roster rows sharing a 学号 (first one kept): worth telling the secretary about the file. */
  duplicateStudentNos: number;
}

export interface CapturedIndex {
  studentNos: Set<string>;
  idNumbers: Set<string>;
  size: number;
}

export class ListFileError extends Error {
  constructor(
    readonly reason: "noHeader" | "noKeyColumn",
    message: string,
  ) {
    super(message);
    this.name = "ListFileError";
  }
}

/** The matching form of an ID: normalised, uppercase X, a valid-looking 15-digit ID upgraded to 18. */
export function idMatchKey(raw: string): string {
  const v = normalizeValue(raw, "id").value;
  return /^\d{15}$/.test(v) ? upgradeLegacy15(v) : v;
}

export function studentNoKey(raw: string): string {
  return normalizeValue(raw, "code").value;
}

/** Resolves level aliases the way the list's rule does (硕士 → 硕士研究生). */
export type LevelResolver = (raw: string) => string;

/** The campaign's level resolver (canonical names and aliases, spacing ignored); unknown values pass through. */
export function levelResolver(campaign: Campaign): LevelResolver {
  const levels = new Map<string, string>();
  for (const l of campaign.levels) levels.set(l.name, l.name);
  for (const l of campaign.levels) for (const a of l.aliases) if (!levels.has(a)) levels.set(a, l.name);
  return (raw) => levels.get(raw) ?? levels.get(compactText(raw)) ?? raw;
}

function locateListHeader(grid: Grid, template: Template, what: string) {
  const header = locateHeader(grid, template, { minMatches: 1 });
  if (!header) {
    throw new ListFileError(
      "noHeader",
      `${what}的前${template.headerSearchRows}行中找不到表头（学号、身份证号等）。`,
    );
  }
  return header;
}

export function buildRoster(
  grid: Grid,
  resolveLevel: LevelResolver,
  template: Template = DEFAULT_TEMPLATE,
): RosterIndex {
  const header = locateListHeader(grid, template, "学籍名单");
  const cSno = header.columns.get("studentNo");
  if (cSno === undefined) throw new ListFileError("noKeyColumn", "学籍名单中找不到“学号”列。");
  const cId = header.columns.get("idNumber");
  const cName = header.columns.get("name");
  const cLevel = header.columns.get("level");
  const cDocType = header.columns.get("docType");
  const byStudentNo = new Map<string, RosterEntry>();
  const byIdNumber = new Map<string, string>();
  let duplicateStudentNos = 0;
  for (let r = header.row; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (isBlankRow(cells)) continue;
    const sno = studentNoKey(cellText(cells[cSno]));
    if (!sno) continue;
    if (byStudentNo.has(sno)) {
      duplicateStudentNos++;
      continue;
    }
    const id = cId === undefined ? "" : idMatchKey(cellText(cells[cId]));
    const name = cName === undefined ? "" : normalizeValue(cellText(cells[cName]), "name").value;
    const level =
      cLevel === undefined ? "" : resolveLevel(normalizeValue(cellText(cells[cLevel]), "text").value);
    const entry: RosterEntry = { studentNo: sno, idNumber: id, name, level };
    const docType = cDocType === undefined ? "" : normalizeValue(cellText(cells[cDocType]), "text").value;
    if (docType) entry.docType = docType;
    byStudentNo.set(sno, entry);
    if (id && !byIdNumber.has(id)) byIdNumber.set(id, sno);
  }
  return { byStudentNo, byIdNumber, size: byStudentNo.size, duplicateStudentNos };
}

export function buildCaptured(grid: Grid, template: Template = DEFAULT_TEMPLATE): CapturedIndex {
  const header = locateListHeader(grid, template, "已采集名单");
  const cSno = header.columns.get("studentNo");
  const cId = header.columns.get("idNumber");
  if (cSno === undefined && cId === undefined) {
    throw new ListFileError("noKeyColumn", "已采集名单中既没有“学号”列也没有“身份证号”列。");
  }
  const studentNos = new Set<string>();
  const idNumbers = new Set<string>();
  let size = 0;
  for (let r = header.row; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (isBlankRow(cells)) continue;
    const sno = cSno === undefined ? "" : studentNoKey(cellText(cells[cSno]));
    const id = cId === undefined ? "" : idMatchKey(cellText(cells[cId]));
    if (sno) studentNos.add(sno);
    if (id) idNumbers.add(id);
    if (sno || id) size++;
  }
  return { studentNos, idNumbers, size };
}
