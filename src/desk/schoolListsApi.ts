import { isObj, listOf, num, str } from "./http";
import type { DeskResult } from "./deskApi";

/**
 * The desk's school-wide lists (学籍名单, 已采集名单): their paths, answers and calls. Kept beside
 * deskApi.ts (which hands in its keyed JSON call) so that module stays one screenful of paths.
 */

export type SchoolListKind = "roster" | "captured";

export const SCHOOL_LIST_PATHS = {
  lists: "/api/desk/lists",
  checks: "/api/desk/checks",
  list: (kind: SchoolListKind) => `/api/desk/${kind}`,
} as const;

export const SCHOOL_LIST_NAMES: Record<SchoolListKind, string> = {
  roster: "全校学籍名单",
  captured: "已采集名单",
};

/** GET /api/desk/lists, each entry; the PUT's answer. */
export interface SchoolListInfo {
  uploadedAt: string;
  by: string;
  students: number;
  fileName: string;
}

export type SchoolLists = Partial<Record<SchoolListKind, SchoolListInfo>>;

/** GET /api/desk/checks: a college's row the engine flags against the school-wide lists. */
export interface SchoolListCheck {
  college: string;
  row: number;
  studentNo: string;
  name: string;
  code: string;
  severity: "error" | "warning";
  message: string;
}

export function readListInfo(v: unknown): SchoolListInfo | undefined {
  if (!isObj(v)) return undefined;
  const uploadedAt = str(v.uploadedAt);
  const by = str(v.by);
  const students = num(v.students);
  if (uploadedAt === undefined || by === undefined || students === undefined) return undefined;
  return { uploadedAt, by, students, fileName: str(v.fileName) ?? "" };
}

export function readLists(v: unknown): SchoolLists | undefined {
  if (!isObj(v)) return undefined;
  const out: SchoolLists = {};
  for (const kind of ["roster", "captured"] as const) {
    if (v[kind] === undefined) continue;
    const entry = readListInfo(v[kind]);
    if (!entry) return undefined;
    out[kind] = entry;
  }
  return out;
}

export function readCheck(v: unknown): SchoolListCheck | undefined {
  if (!isObj(v)) return undefined;
  const college = str(v.college);
  const row = num(v.row);
  const code = str(v.code);
  const message = str(v.message);
  if (college === undefined || row === undefined || code === undefined || message === undefined)
    return undefined;
  return {
    college,
    row,
    studentNo: str(v.studentNo) ?? "",
    name: str(v.name) ?? "",
    code,
    severity: v.severity === "warning" ? "warning" : "error",
    message,
  };
}

/** deskApi.ts's keyed JSON request. */
export type JsonCall = <T>(
  path: string,
  read: (body: unknown) => T | undefined,
  init?: RequestInit,
) => Promise<DeskResult<T>>;

export function schoolListCalls(json: JsonCall) {
  return {
    lists: () => json(SCHOOL_LIST_PATHS.lists, readLists),
    checks: () => json(SCHOOL_LIST_PATHS.checks, (b) => listOf(b, readCheck)),
    /** Uploads (or replaces) a list: multipart with its `file` field, as a college's submission is sent. */
    upload: (kind: SchoolListKind, file: Blob, fileName: string) => {
      const form = new FormData();
      form.append("file", file, fileName);
      return json(SCHOOL_LIST_PATHS.list(kind), readListInfo, { method: "PUT", body: form });
    },
    /** 204 without a body. */
    remove: (kind: SchoolListKind) =>
      json(SCHOOL_LIST_PATHS.list(kind), () => true as const, { method: "DELETE" }),
  };
}
