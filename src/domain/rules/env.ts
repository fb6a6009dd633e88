import { cellText, type GridRow } from "../grid";
import { captureDay, type Campaign, type CollegeProfile, type Mode } from "../campaign";
import type { DocType } from "../documents";
import type { YMD } from "../idNumber";
import type { ProblemCode, ProblemParams } from "../problems";
import type { RosterIndex, CapturedIndex } from "../roster";
import { DEFAULT_TEMPLATE, KNOWN_KEYS, type KnownKey, type Template, type TemplateColumn } from "../template";

/** Everything a check needs besides the list itself. */
export interface CheckOptions {
  campaign: Campaign;
  template?: Template;
  /** The college being checked (the pane's profile, `--college`): rows of another college are errors. */
  college?: string;
  /** The secretary's own profile for that college, over the campaign's (pane settings). */
  profile?: Partial<Pick<CollegeProfile, "mailAddress" | "recipient" | "recipientPhone">>;
  roster?: RosterIndex;
  captured?: CapturedIndex;
}

/** Lookup tables built once per check (rules must not rebuild them per row). */
export interface RuleEnv {
  campaign: Campaign;
  template: Template;
  captureDay: YMD;
  levels: Map<string, string>;
  modes: Map<string, Mode>;
  /** What a row is when the list has no 采集方式 column: the first mode that neither mails nor needs a site. */
  defaultMode: Mode;
  colleges: Map<string, CollegeProfile>;
  studentNoPattern: RegExp;
  chosenCollege?: CollegeProfile;
  roster?: RosterIndex;
  captured?: CapturedIndex;
  profileFor(college: CollegeProfile | undefined): Readonly<MailProfile>;
  /** template key → slot in ParsedRow */
  slots: ReadonlyMap<string, number>;
  /** The known keys' slots (-1 when the template has no such column), for the rules' hot path. */
  slot: Readonly<Record<KnownKey, number>>;
  /** template column index → its key's slot (the slot of a key's last column, as `slots` says) */
  slotOfColumn: readonly number[];
  /** template key → column definition */
  columnByKey: ReadonlyMap<string, TemplateColumn>;
}

export interface MailProfile {
  mailAddress: string;
  recipient: string;
  recipientPhone: string;
}

/** Rules report through this; the engine turns it into a Problem with the rendered message. */
export type Emit = <C extends ProblemCode>(
  column: string,
  code: C,
  params: ProblemParams[C],
  fix?: string,
) => void;

/** Where each template slot's value comes from in the sheet: -1 when the header has no such column. */
export interface RowLayout {
  slots: ReadonlyMap<string, number>;
  colOfSlot: readonly number[];
  /** The value a slot reads when the header has no such column (the default 采集方式), by slot. */
  defaults?: readonly (string | undefined)[];
}

/**
 * One data row after normalisation: what every rule reads. A class with one array of values
 * (a Map or extra objects per row dominate garbage collection on 100,000-row lists).
 * `row.value.get(key)` reads a canonical value (normalised, aliases resolved) by template key.
 */
export class ParsedRow {
  /** The 身份证号 cell held a number (Excel has already dropped digits past the 15th). */
  idNumeric = false;
  /** The 毕业时间 cell held a number (2018.1 may have been typed 2018.10). */
  gradNumeric = false;
  mode: Mode | undefined = undefined;
  level: string | undefined = undefined;
  college: CollegeProfile | undefined = undefined;
  /** Matching keys: the 学号 as digits, the ID in its 18-character form (legacy IDs upgraded). */
  studentNoKey: string | undefined = undefined;
  idKey: string | undefined = undefined;
  idSex: "男" | "女" | undefined = undefined;
  /** The row's identity document, when the list's or the roster's 证件类型 names one. */
  doc: DocType | undefined = undefined;
  /** No 证件类型, but the number looks like a passport or permit (id.foreign). */
  foreignId = false;
  /**
   * Values that differ from the cell's own text (normalised, aliases resolved), by slot. Absent for
   * the usual clean row: its values are read straight from the sheet's row, which is alive anyway,
   * so a 100,000-row list keeps no second copy of its text.
   */
  private over: (string | undefined)[] | undefined = undefined;

  constructor(
    readonly row: number,
    private readonly cells: GridRow,
    private readonly layout: RowLayout,
  ) {}

  /** Canonical values (what the submission writes), Map-like. */
  get value(): Pick<ParsedRow, "get" | "set" | "has"> {
    return this;
  }

  get(key: string): string | undefined {
    const i = this.layout.slots.get(key);
    return i === undefined ? undefined : this.at(i);
  }

  /** Hot-path read by slot (RuleEnv.slot). A slot of -1, or a column the header lacks, reads undefined. */
  at(slot: number): string | undefined {
    if (slot < 0) return undefined;
    const over = this.over;
    if (over !== undefined) {
      const v = over[slot];
      if (v !== undefined) return v;
    }
    const col = this.layout.colOfSlot[slot];
    if (col === undefined || col < 0) return this.layout.defaults?.[slot];
    const raw = this.cells[col];
    return typeof raw === "string" ? raw : cellText(raw);
  }

  setAt(slot: number, value: string): void {
    if (slot < 0) return;
    (this.over ??= new Array<string | undefined>(this.layout.colOfSlot.length))[slot] = value;
  }

  set(key: string, value: string): void {
    const i = this.layout.slots.get(key);
    if (i !== undefined) this.setAt(i, value);
  }

  /** Whether the sheet has a column for this slot (false: absent, or read from the layout's default). */
  fromSheet(slot: number): boolean {
    return slot >= 0 && (this.layout.colOfSlot[slot] ?? -1) >= 0;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

function aliasMap<T>(items: readonly T[], name: (t: T) => string, aliases: (t: T) => readonly string[]) {
  const m = new Map<string, T>();
  for (const it of items) m.set(name(it), it);
  for (const it of items) for (const a of aliases(it)) if (!m.has(a)) m.set(a, it);
  return m;
}

export function buildEnv(opts: CheckOptions): RuleEnv {
  const { campaign } = opts;
  const levels = new Map<string, string>();
  for (const l of campaign.levels) levels.set(l.name, l.name);
  for (const l of campaign.levels) for (const a of l.aliases) if (!levels.has(a)) levels.set(a, l.name);
  const modes = aliasMap(
    campaign.modes,
    (m) => m.name,
    (m) => m.aliases,
  );
  const colleges = aliasMap(
    campaign.colleges,
    (c) => c.name,
    (c) => c.aliases ?? [],
  );
  const chosenCollege = opts.college ? colleges.get(opts.college.trim()) : undefined;
  const profile = opts.profile ?? {};
  const template = opts.template ?? DEFAULT_TEMPLATE;
  const slots = new Map(template.columns.map((c, i) => [c.key, i]));
  const slot = {} as Record<KnownKey, number>;
  for (const key of KNOWN_KEYS) slot[key] = slots.get(key) ?? -1;
  // One mail profile per college: checkMailing asks on every 异地采集 row.
  const mailProfiles = new Map<CollegeProfile | undefined, MailProfile>();
  return {
    slots,
    slot,
    slotOfColumn: template.columns.map((c) => slots.get(c.key) ?? -1),
    columnByKey: new Map(template.columns.map((c) => [c.key, c])),
    campaign,
    template,
    captureDay: captureDay(campaign),
    levels,
    modes,
    defaultMode: campaign.modes.find((m) => !m.mailToCollege && !m.needsSite) ?? campaign.modes[0],
    colleges,
    studentNoPattern: new RegExp(campaign.studentNoPattern),
    chosenCollege,
    roster: opts.roster,
    captured: opts.captured,
    profileFor(college) {
      const c = college ?? chosenCollege;
      let mail = mailProfiles.get(c);
      if (mail === undefined) {
        const own = c !== undefined && c === chosenCollege ? profile : {};
        mail = {
          mailAddress: (own.mailAddress || c?.mailAddress || "").trim(),
          recipient: (own.recipient || c?.recipient || "").trim(),
          recipientPhone: (own.recipientPhone || c?.recipientPhone || "").trim(),
        };
        mailProfiles.set(c, mail);
      }
      return mail;
    },
  };
}
