import { MOBILE_PATTERN as MOBILE } from "../profile";
import { cellText, EXCEL_MAX_CELL_CHARS, type CellValue, type GridRow } from "../grid";
import type { HeaderMap } from "../header";
import {
  compactText,
  needsNormalization,
  normalizeValue,
  sameCompactText,
  type NormalizeCode,
  type NormalizeKind,
} from "../normalize";
import { mailKeys, type TemplateColumn } from "../template";
import { ParsedRow, type Emit, type RowLayout, type RuleEnv } from "./env";
import { gradBatchOf } from "./gradDate";
import { checkIdentity } from "./identity";

// A Map, not an object literal: a cell reading "constructor" must not find Object.prototype's.
const GENDER_ALIASES: ReadonlyMap<string, string> = new Map([
  ["男", "男"],
  ["女", "女"],
  ["男性", "男"],
  ["女性", "女"],
]);
const ASCII_DIGITS = /^\d+$/;

interface ReadStep {
  key: string;
  slot: number;
  col: number;
  kind: NormalizeKind;
  isId: boolean;
}

/** Which sheet column feeds which slot, worked out once per header rather than once per row. */
interface ReadPlan {
  env: RuleEnv;
  steps: ReadStep[];
  layout: RowLayout;
}

const PLANS = new WeakMap<HeaderMap, ReadPlan>();

function readPlan(header: HeaderMap, env: RuleEnv): ReadPlan {
  const cached = PLANS.get(header);
  if (cached && cached.env === env) return cached;
  const steps: ReadStep[] = [];
  const colOfSlot: number[] = env.template.columns.map(() => -1);
  for (const col of env.template.columns) {
    const c = header.columns.get(col.key);
    const slot = env.slots.get(col.key);
    if (c === undefined || slot === undefined) continue;
    colOfSlot[slot] = c;
    steps.push({ key: col.key, slot, col: c, kind: col.kind, isId: col.key === "idNumber" });
  }
  // No 采集方式 column (no real list has one): every row is the default mode, and the submission writes it.
  let defaults: (string | undefined)[] | undefined;
  const modeSlot = env.slot.mode;
  if (modeSlot >= 0 && colOfSlot[modeSlot] < 0) {
    defaults = colOfSlot.map(() => undefined);
    defaults[modeSlot] = env.defaultMode.name;
  }
  const plan = { env, steps, layout: { slots: env.slots, colOfSlot, defaults } };
  PLANS.set(header, plan);
  return plan;
}

/**
 * Checks one data row on its own (everything but duplicates, which need the other rows).
 * Returns the parsed row the cross-row rules and the submission read.
 */
export function checkRow(
  rowNumber: number,
  cells: GridRow,
  header: HeaderMap,
  env: RuleEnv,
  emit: Emit,
): ParsedRow {
  const plan = readPlan(header, env);
  const parsed = new ParsedRow(rowNumber, cells, plan.layout);
  let pending: { key: string; codes: NormalizeCode[] }[] | undefined;
  const columns = env.template.columns;

  for (const step of plan.steps) {
    const raw: CellValue = cells[step.col] ?? null;
    if (typeof raw !== "string") {
      if (raw === null) continue;
      if (typeof raw === "number") {
        if (step.isId) parsed.idNumeric = true;
        if (step.key === "gradDate") parsed.gradNumeric = true;
        // An integer's text is digits and a sign: nothing to normalise (and no BigInt text per row).
        else if (Number.isSafeInteger(raw)) continue;
      }
    }
    const text = typeof raw === "string" ? raw : cellText(raw);
    if (text.length > EXCEL_MAX_CELL_CHARS) {
      // A value Excel cannot hold is never written into a workbook: an error keeps the row out.
      const header = env.columnByKey.get(step.key)?.header ?? step.key;
      emit(step.key, "cell.tooLong", { header, length: text.length, limit: EXCEL_MAX_CELL_CHARS });
    }
    if (!needsNormalization(text)) continue;
    const n = normalizeValue(text, step.kind);
    parsed.setAt(step.slot, n.value);
    if (n.codes.length) (pending ??= []).push({ key: step.key, codes: n.codes });
  }

  checkCollege(parsed, env, emit);
  checkGender(parsed, env, emit);
  checkStudentNo(parsed, env, emit);
  // After gender (its canonical value) and 学号 (the roster's 证件类型): the ID, its document, the name.
  checkIdentity(parsed, env, emit);
  checkLevel(parsed, env, emit);
  checkGradDate(parsed, env, emit);
  checkMode(parsed, env, emit);
  checkRequired(parsed, columns, env, emit);
  checkMailing(parsed, env, emit);
  checkRoster(parsed, env, emit);

  // Normalisation warnings carry the final canonical value (aliases included) as their fix.
  if (pending) {
    for (const { key, codes } of pending) {
      const fix = parsed.value.get(key) ?? "";
      const headerText = env.columnByKey.get(key)?.header ?? key;
      for (const code of codes) emit(key, code, { header: headerText }, fix);
    }
  }
  return parsed;
}

function headerOf(env: RuleEnv, key: string): string {
  return env.columnByKey.get(key)?.header ?? key;
}

/** Resolves an alias; reports `normalize.alias` when the written value is not the canonical one. */
function resolveAlias(parsed: ParsedRow, key: string, canonical: string, env: RuleEnv, emit: Emit): void {
  const written = parsed.value.get(key) ?? "";
  if (written !== canonical) {
    emit(key, "normalize.alias", { header: headerOf(env, key), from: written, to: canonical }, canonical);
    parsed.value.set(key, canonical);
  }
}

function checkCollege(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.college);
  if (!v) return;
  const college = env.colleges.get(v) ?? env.colleges.get(compactText(v));
  if (!college) {
    emit("college", "college.value", { value: v });
    return;
  }
  p.college = college;
  resolveAlias(p, "college", college.name, env, emit);
  if (env.chosenCollege && college !== env.chosenCollege) {
    emit("college", "college.value", { value: v, expected: env.chosenCollege.name });
  }
}

function checkGender(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.gender);
  if (!v) return;
  const g = GENDER_ALIASES.get(v);
  if (!g) emit("gender", "gender.value", { value: v });
  else resolveAlias(p, "gender", g, env, emit);
}

function checkStudentNo(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.studentNo);
  if (!v) return;
  const pattern = env.campaign.studentNoPattern;
  if (!ASCII_DIGITS.test(v)) emit("studentNo", "studentNo.format", { value: v, reason: "chars", pattern });
  else {
    p.studentNoKey = v;
    if (!env.studentNoPattern.test(v))
      emit("studentNo", "studentNo.format", { value: v, reason: "pattern", pattern });
  }
}

function checkLevel(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.level);
  if (!v) return;
  const level = env.levels.get(v) ?? env.levels.get(compactText(v));
  if (!level) {
    emit("level", "level.value", { value: v, allowed: env.campaign.levels.map((l) => l.name) });
    return;
  }
  p.level = level;
  resolveAlias(p, "level", level, env, emit);
}

function checkGradDate(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.gradDate);
  if (!v) return;
  const batches = env.campaign.gradBatches;
  const canonical = gradBatchOf(v, batches, p.gradNumeric);
  if (!canonical) {
    emit("gradDate", "gradDate.value", { value: v, allowed: batches });
    return;
  }
  resolveAlias(p, "gradDate", canonical, env, emit);
}

function checkMode(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.mode);
  if (!v) return;
  const mode = env.modes.get(v) ?? env.modes.get(compactText(v));
  if (!mode) {
    emit("mode", "mode.value", { value: v, allowed: env.campaign.modes.map((m) => m.name) });
    return;
  }
  p.mode = mode;
  resolveAlias(p, "mode", mode.name, env, emit);
}

function checkRequired(p: ParsedRow, columns: readonly TemplateColumn[], env: RuleEnv, emit: Emit): void {
  // By slot, not by key: a Map lookup per column per row adds up on big lists.
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    if (col.required === "never") continue;
    if (p.at(env.slotOfColumn[i])) continue;
    if (col.required === "always") emit(col.key, "cell.required", { header: col.header });
    else if (col.required === "site" && p.mode?.needsSite) {
      emit(col.key, "cell.required", { header: col.header, mode: p.mode.name });
    }
    // "mail" columns are the college's profile: checkMailing reports them with the value to fill.
  }
}

/** 异地采集/补拍: photos go to the college (notice §二.2); 现场采集: mailing cells are dropped. */
function checkMailing(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const mode = p.mode;
  if (!mode) return;
  if (!mode.mailToCollege) {
    // Without a 采集方式 column nobody chose 现场采集 over mailing: a 手机号 column is the student's contact.
    if (!p.fromSheet(env.slot.mode)) return;
    for (const key of mailKeys(env.template)) {
      if (p.value.get(key)) emit(key, "onsite.mailFields", { mode: mode.name });
    }
    return;
  }
  const profile = env.profileFor(p.college);
  const codes = {
    mailAddress: "offsite.address",
    recipient: "offsite.recipient",
    recipientPhone: "offsite.phone",
  } as const;
  for (const key of mailKeys(env.template)) {
    const col = env.columnByKey.get(key);
    if (!col || col.required !== "mail") continue;
    const written = p.value.get(key) ?? "";
    const expected = profile[key];
    if (!expected) {
      // No profile value to compare with: the cell must still be filled, and a phone must look like one.
      if (!written) emit(key, "cell.required", { header: col.header, mode: mode.name });
      else if (key === "recipientPhone" && !MOBILE.test(written)) {
        emit(key, "offsite.phone", { mode: mode.name, expected: "", reason: "format" });
      }
      continue;
    }
    if (sameCompactText(written, expected)) continue;
    if (key === "recipientPhone")
      emit(key, codes[key], { mode: mode.name, expected, reason: "differs" }, expected);
    else emit(key, codes[key], { mode: mode.name, expected }, expected);
  }
}

function checkRoster(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const sno = p.studentNoKey;
  const id = p.idKey;
  const captured = env.captured;
  if (captured) {
    if (sno && captured.studentNos.has(sno)) emit("studentNo", "captured.already", { by: "studentNo" });
    else if (id && captured.idNumbers.has(id)) emit("idNumber", "captured.already", { by: "idNumber" });
  }
  const roster = env.roster;
  if (!roster || !sno) return;
  const entry = roster.byStudentNo.get(sno);
  // The usual row matches its roster entry exactly: then the ID's owner is this 学号 and the
  // second lookup (a cache miss on a 100,000-entry table) can be skipped.
  const owner = id && entry?.idNumber !== id ? roster.byIdNumber.get(id) : undefined;
  if (owner !== undefined && owner !== sno) emit("idNumber", "roster.idElsewhere", { otherStudentNo: owner });
  if (!entry) {
    emit("studentNo", "roster.unknown", { studentNo: sno });
    return;
  }
  // A malformed or numeric ID differs from the roster's too: the roster's ID is then the fix.
  const writtenId = id ?? p.at(env.slot.idNumber);
  if (entry.idNumber && writtenId && entry.idNumber !== writtenId) {
    const expectedTail = entry.idNumber.slice(-4);
    emit("studentNo", "roster.idMismatch", { studentNo: sno, expectedTail });
    emit("idNumber", "roster.idMismatch", { studentNo: sno, expectedTail }, entry.idNumber);
  }
  const name = p.at(env.slot.name);
  if (entry.name && name && !sameCompactText(entry.name, name)) {
    emit("name", "roster.nameMismatch", { expected: entry.name, actual: name }, entry.name);
  }
  if (entry.level && p.level && entry.level !== p.level) {
    emit("level", "roster.levelMismatch", { expected: entry.level, actual: p.level }, entry.level);
  }
}
