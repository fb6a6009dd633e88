import { DEFAULT_TEMPLATE, offsiteKeys } from "../domain/template";
import type { Problem } from "../domain";

/** The filter's kinds: what a secretary thinks of, not the engine's codes. One place maps codes to kinds. */
export type ProblemKind = "id" | "student" | "duplicate" | "mail" | "format" | "other";

export const KIND_ORDER: readonly ProblemKind[] = ["id", "student", "duplicate", "mail", "format", "other"];

export const KIND_LABELS: { readonly [K in ProblemKind]: string } = {
  id: "身份证号",
  student: "学号与学籍",
  duplicate: "重复",
  mail: "邮寄信息",
  format: "格式规范",
  other: "其他",
};

/** The site and mailing columns: the template says which columns only an off-site row needs. */
const MAIL_COLUMNS = offsiteKeys(DEFAULT_TEMPLATE);

export function problemKind(p: Pick<Problem, "code" | "column">): ProblemKind {
  const code = p.code;
  if (code.startsWith("normalize.")) return "format";
  if (code.startsWith("dup.")) return "duplicate";
  // The identity document (证件类型) goes with its number.
  if (code.startsWith("id.") || code === "gender.idMismatch" || code === "docType.value") return "id";
  if (code.startsWith("roster.") || code === "captured.already" || code === "studentNo.format")
    return "student";
  if (code.startsWith("offsite.") || code === "onsite.mailFields") return "mail";
  // An empty required cell belongs with the other problems of its column.
  if (code === "cell.required") {
    if (p.column === "idNumber") return "id";
    if (p.column === "studentNo") return "student";
    if (MAIL_COLUMNS.has(p.column)) return "mail";
  }
  return "other";
}
