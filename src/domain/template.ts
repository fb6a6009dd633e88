import { z } from "zod";
import defaultTemplateJson from "./template.default.json";

/**
 * The capture-list template as data (SPEC §2). The engine knows the meaning of the known keys
 * (a studentNo is checked as a 学号 wherever its column stands); a school with another template edits
 * headers, aliases, order and which columns are required, not the program. Extra columns are free text.
 */
export const KNOWN_KEYS = [
  "seq",
  "college",
  "name",
  "gender",
  "studentNo",
  "idNumber",
  "level",
  "gradDate",
  "mode",
  "site",
  "mailAddress",
  "recipient",
  "recipientPhone",
  "note",
] as const;
export type KnownKey = (typeof KNOWN_KEYS)[number];
export type ColumnKey = string;

/** always: every row; site/mail: rows whose mode needs a capture site / the college's mailing fields. */
export type Requirement = "always" | "never" | "site" | "mail";

const columnSchema = z.strictObject({
  key: z.string().min(1),
  header: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  required: z.enum(["always", "never", "site", "mail"]).default("never"),
  /** Stored as text in the sheet and the submission (IDs, 学号, phone numbers). */
  text: z.boolean().default(false),
  width: z.number().positive().default(12),
});

export const templateSchema = z.strictObject({
  name: z.string(),
  headerSearchRows: z.number().int().positive().default(10),
  minHeadersForList: z.number().int().positive().default(3),
  columns: z.array(columnSchema).min(1),
});

export type TemplateColumn = z.output<typeof columnSchema>;
export type Template = z.output<typeof templateSchema>;

export const DEFAULT_TEMPLATE: Template = templateSchema.parse(defaultTemplateJson);

/** Header cells are compared after NFKC, trimming and dropping inner spaces ("学 号" is common). */
export function normalizeHeader(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u200b\u200c\u200d\ufeff]+/g, "");
}

export function headerLookup(template: Template): Map<string, string> {
  const map = new Map<string, string>();
  for (const col of template.columns) {
    map.set(normalizeHeader(col.header), col.key);
  }
  // Canonical headers win over aliases: "身份证" must not shadow another column's exact header.
  for (const col of template.columns) {
    for (const alias of col.aliases) {
      const k = normalizeHeader(alias);
      if (!map.has(k)) map.set(k, col.key);
    }
  }
  return map;
}

export function templateColumn(template: Template, key: ColumnKey): TemplateColumn | undefined {
  return template.columns.find((c) => c.key === key);
}
