import {
  DOC_TYPE_NAMES,
  docTypeOf,
  looksLikeForeignDocument,
  matchesSimpleFormat,
  type DocKind,
  type DocType,
} from "../documents";
import {
  checkForeignPermanentId,
  checkIdNumber,
  MAX_AGE,
  MIN_AGE,
  upgradeLegacy15,
  type IdVerdict,
} from "../idNumber";
import type { RosterEntry, RosterIndex } from "../roster";
import type { Emit, ParsedRow, RuleEnv } from "./env";
import { nameProblem } from "./name";

/**
 * The identity document of a row (issue 8 §4/§5): its 证件类型 (the list's column, else the roster's),
 * its number checked by that document's format, and the name rule that follows from it.
 */
export function checkIdentity(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const listed = listedDocType(p, env, emit);
  checkNumber(p, env, emit, listed);
  checkName(p, env, emit);
}

/** The list's own 证件类型: its document, null when the cell names none we know, undefined when blank. */
function listedDocType(p: ParsedRow, env: RuleEnv, emit: Emit): DocType | null | undefined {
  const v = p.at(env.slot.docType);
  if (!v) return undefined;
  const doc = docTypeOf(v);
  if (!doc) {
    emit("docType", "docType.value", { value: v, allowed: DOC_TYPE_NAMES });
    return null;
  }
  if (v !== doc.name) {
    const header = env.columnByKey.get("docType")?.header ?? "docType";
    emit("docType", "normalize.alias", { header, from: v, to: doc.name }, doc.name);
    p.value.set("docType", doc.name);
  }
  return doc;
}

function rosterEntry(p: ParsedRow, env: RuleEnv): RosterEntry | undefined {
  const sno = p.studentNoKey;
  return sno && env.roster ? env.roster.byStudentNo.get(sno) : undefined;
}

const ROSTER_HAS_DOCS = new WeakMap<RosterIndex, boolean>();

/** Whether any roster entry names its 证件类型: only then is a lookup per row worth it (a miss on a big roster costs). */
function rosterHasDocTypes(roster: RosterIndex | undefined): boolean {
  if (!roster) return false;
  let has = ROSTER_HAS_DOCS.get(roster);
  if (has === undefined) {
    has = false;
    for (const e of roster.byStudentNo.values()) {
      if (e.docType) {
        has = true;
        break;
      }
    }
    ROSTER_HAS_DOCS.set(roster, has);
  }
  return has;
}

function checkNumber(p: ParsedRow, env: RuleEnv, emit: Emit, listed: DocType | null | undefined): void {
  const v = p.at(env.slot.idNumber);
  if (!v) return;
  if (p.idNumeric) {
    // Digits beyond the 15th are already gone: nothing else about this value can be trusted.
    emit("idNumber", "id.numeric", {});
    return;
  }
  // An unknown 证件类型 is reported on its own cell: the number cannot be judged against it.
  if (listed === null) return;
  let doc = listed;
  if (doc === undefined && rosterHasDocTypes(env.roster)) {
    const declared = rosterEntry(p, env)?.docType;
    if (declared) doc = docTypeOf(declared);
  }
  if (doc === undefined) return checkUndeclared(p, v, env, emit);
  p.doc = doc;
  switch (doc.kind) {
    case "resident":
      return report(p, v, checkIdNumber(v, env.captureDay), doc, env, emit);
    case "residencePermit": {
      const verdict = checkIdNumber(v, env.captureDay);
      // A valid number of another kind (a resident ID) is not this document's number.
      if (verdict.ok && verdict.kind !== "permit") {
        emit("idNumber", "id.format", { length: v.length, doc: "residencePermit" });
        return;
      }
      return report(p, v, verdict, doc, env, emit);
    }
    case "foreignPermanent":
      return report(p, v, checkForeignPermanentId(v, env.captureDay), doc, env, emit);
    default:
      if (!matchesSimpleFormat(doc.kind, v)) {
        emit("idNumber", "id.format", { length: [...v].length, doc: doc.kind });
        return;
      }
      p.idKey = v;
  }
}

/**
 * No 证件类型 anywhere: a resident ID is expected. A value that no typo of an ID produces but that
 * looks like a passport or permit is a warning to confirm, and the roster's record of the student,
 * when it holds this very number, settles it.
 */
function checkUndeclared(p: ParsedRow, v: string, env: RuleEnv, emit: Emit) {
  const verdict = checkIdNumber(v, env.captureDay);
  let looksLike: "hkMacauPermit" | "passport" | "foreignPermanent" | undefined;
  if (verdict.ok) return report(p, v, verdict, undefined, env, emit);
  if (verdict.code === "id.format") looksLike = looksLikeForeignDocument(v);
  else if (
    v.length === 18 &&
    v.charCodeAt(0) === 57 /* 9 */ &&
    checkForeignPermanentId(v, env.captureDay).ok
  ) {
    looksLike = "foreignPermanent";
  }
  if (looksLike === undefined) return report(p, v, verdict, undefined, env, emit);
  p.idKey = v;
  p.foreignId = true;
  // With the student in the roster, the roster decides: its number is this one (no problem) or
  // roster.idMismatch says which it is.
  if (rosterEntry(p, env) === undefined) emit("idNumber", "id.foreign", { looksLike });
}

function report(
  p: ParsedRow,
  v: string,
  verdict: IdVerdict,
  doc: DocType | undefined,
  env: RuleEnv,
  emit: Emit,
): void {
  const docKind: DocKind | undefined = doc && doc.kind !== "resident" ? doc.kind : undefined;
  if (!verdict.ok && verdict.code === "id.format") {
    emit(
      "idNumber",
      "id.format",
      docKind ? { length: [...v].length, doc: docKind } : { length: [...v].length },
    );
    return;
  }
  if (verdict.age) emit("idNumber", "id.age", { ...verdict.age, min: MIN_AGE, max: MAX_AGE });
  if (!verdict.ok) {
    for (const d of verdict.defects) {
      if (d.code === "id.region") emit("idNumber", "id.region", { region: d.region });
      else if (d.code === "id.birthdate")
        emit("idNumber", "id.birthdate", { date: d.date, reason: d.reason });
      else emit("idNumber", "id.checksum", { expected: d.expected, actual: d.actual });
    }
    // A wrong check character alone still identifies the row for duplicate and roster matching.
    if (verdict.defects.length === 1 && verdict.defects[0].code === "id.checksum") p.idKey = v;
    return;
  }
  p.idSex = verdict.sex;
  if (verdict.kind === "legacy15") {
    const upgraded = verdict.upgraded ?? upgradeLegacy15(v);
    emit("idNumber", "id.legacy15", { upgraded }, upgraded);
    p.idKey = upgraded;
  } else p.idKey = v;
  if (doc && !doc.hasSexDigit) return;
  const gender = p.at(env.slot.gender);
  if ((gender === "男" || gender === "女") && gender !== verdict.sex) {
    emit("gender", "gender.idMismatch", { gender, idGender: verdict.sex });
  }
}

/** Latin-letter names are normal for holders of documents other than the resident ID. */
function checkName(p: ParsedRow, env: RuleEnv, emit: Emit): void {
  const v = p.at(env.slot.name);
  if (!v) return;
  const latinOk = p.foreignId || (p.doc !== undefined && p.doc.kind !== "resident");
  const problem = nameProblem(v, latinOk);
  if (problem) emit("name", "name.chars", problem);
}
