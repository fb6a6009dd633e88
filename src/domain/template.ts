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
  "docType",
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

/** A field code: Latin letters, then letters, digits or underscores. */
const FIELD_CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

const columnSchema = z.strictObject({
  key: z.string().min(1),
  header: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /**
   * Field codes of student-records exports (XM, SFZH …): a header cell matches a code on its own
   * ("XH") or after its Chinese name ("学号(XH)"), compared case-insensitively.
   */
  codes: z.array(z.string().regex(FIELD_CODE)).default([]),
  required: z.enum(["always", "never", "site", "mail"]).default("never"),
  /** Stored as text in the sheet and the submission (IDs, 学号, phone numbers). */
  text: z.boolean().default(false),
  /**
   * How a cell is cleaned and read (normalize.ts): code = digits that are not amounts (序号, 学号,
   * phone), id = an identity number, name = a person's name, text = anything else.
   */
  kind: z.enum(["text", "code", "id", "name"]).default("text"),
  width: z.number().positive().default(12),
  /**
   * always: a canonical column of the submission; ifPresent: written only when the list has it
   * (证件类型: Xinhua's template has 身份证号 only, a list that names its documents keeps them).
   */
  submit: z.enum(["always", "ifPresent"]).default("always"),
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

/** Which template key a header cell names (undefined: a column outside the template). */
export interface HeaderMatcher {
  keyOf(text: string): string | undefined;
}

/**
 * A header cell names a template column by (after normalizeHeader):
 * 1. its canonical header or an alias, exactly;
 * 2. the form "中文(代码)" / "中文（代码）" of student-records exports: the Chinese part as in 1, else the code;
 * 3. a bare field code as the whole cell ("XM", "sfzh"), case-insensitively.
 * Each is a constant number of map lookups and one scan of the cell: a header row stays linear.
 */
export function headerMatcher(template: Template): HeaderMatcher {
  const names = new Map<string, string>();
  for (const col of template.columns) names.set(normalizeHeader(col.header), col.key);
  // Canonical headers win over aliases: "身份证" must not shadow another column's exact header.
  for (const col of template.columns) {
    for (const alias of col.aliases) {
      const k = normalizeHeader(alias);
      if (!names.has(k)) names.set(k, col.key);
    }
  }
  const codes = new Map<string, string>();
  for (const col of template.columns) {
    for (const code of col.codes) {
      const k = code.toUpperCase();
      if (!codes.has(k)) codes.set(k, col.key);
    }
  }
  const byCode = (code: string) => (FIELD_CODE.test(code) ? codes.get(code.toUpperCase()) : undefined);
  return {
    keyOf(text) {
      const n = normalizeHeader(text);
      const named = names.get(n);
      if (named !== undefined) return named;
      // NFKC has already turned "（" "）" into "(" ")".
      if (n.endsWith(")")) {
        const open = n.lastIndexOf("(");
        if (open > 0) return names.get(n.slice(0, open)) ?? byCode(n.slice(open + 1, -1));
        return undefined;
      }
      return byCode(n);
    },
  };
}

/**
 * The columns of the blank template and of every submission: all but the "ifPresent" ones (证件类型),
 * which a list may bring and the submission then keeps.
 */
export function listColumns(template: Template): TemplateColumn[] {
  return template.columns.filter((c) => c.submit === "always");
}

export function templateColumn(template: Template, key: ColumnKey): TemplateColumn | undefined {
  return template.columns.find((c) => c.key === key);
}

/** The profile fields an 异地采集/补拍 row takes from the college (the template's "mail" columns). */
export type MailKey = "mailAddress" | "recipient" | "recipientPhone";
const PROFILE_FIELDS: ReadonlySet<string> = new Set<MailKey>(["mailAddress", "recipient", "recipientPhone"]);

const MAIL_KEYS = new WeakMap<Template, MailKey[]>();

/** Keys of the columns the college's profile fills (required "mail"), in template order (worked out once). */
export function mailKeys(template: Template): readonly MailKey[] {
  const known = MAIL_KEYS.get(template);
  if (known) return known;
  const keys = template.columns
    .filter((c) => c.required === "mail" && PROFILE_FIELDS.has(c.key))
    .map((c) => c.key as MailKey);
  MAIL_KEYS.set(template, keys);
  return keys;
}

/** Keys of the columns only an off-site row needs: the capture site and the mailing columns. */
export function offsiteKeys(template: Template): ReadonlySet<string> {
  return new Set(
    template.columns.filter((c) => c.required === "site" || c.required === "mail").map((c) => c.key),
  );
}

/** Keys whose numbers are digits, not amounts or dates in disguise (序号, 学号, 身份证号, phone). */
export function digitKeys(template: Template): ReadonlySet<string> {
  return new Set(template.columns.filter((c) => c.kind === "code" || c.kind === "id").map((c) => c.key));
}
