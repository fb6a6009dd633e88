import { captureDay, type Campaign, type CollegeProfile, type Mode } from "../campaign";
import type { CellValue } from "../grid";
import type { YMD } from "../idNumber";
import type { ProblemCode, ProblemParams } from "../problems";
import type { RosterIndex, CapturedIndex } from "../roster";
import { DEFAULT_TEMPLATE, type Template } from "../template";

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
  colleges: Map<string, CollegeProfile>;
  studentNoPattern: RegExp;
  chosenCollege?: CollegeProfile;
  roster?: RosterIndex;
  captured?: CapturedIndex;
  profileFor(college: CollegeProfile | undefined): MailProfile;
}

export interface MailProfile {
  mailAddress: string;
  recipient: string;
  recipientPhone: string;
}

/** Rules report through this; the engine turns it into a Problem with the rendered message. */
export type Emit = <C extends ProblemCode>(column: string, code: C, params: ProblemParams[C], fix?: string) => void;

/** One data row after normalisation: what every rule reads. */
export interface ParsedRow {
  row: number;
  raw: Map<string, CellValue>;
  /** Canonical values (normalised, aliases resolved): what the submission writes. */
  value: Map<string, string>;
  mode?: Mode;
  level?: string;
  college?: CollegeProfile;
  /** Matching keys: the 学号 as digits, the ID in its 18-character form (legacy IDs upgraded). */
  studentNoKey?: string;
  idKey?: string;
  idSex?: "男" | "女";
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
  return {
    campaign,
    template: opts.template ?? DEFAULT_TEMPLATE,
    captureDay: captureDay(campaign),
    levels,
    modes,
    colleges,
    studentNoPattern: new RegExp(campaign.studentNoPattern),
    chosenCollege,
    roster: opts.roster,
    captured: opts.captured,
    profileFor(college) {
      const c = college ?? chosenCollege;
      const own = c !== undefined && c === chosenCollege ? profile : {};
      return {
        mailAddress: (own.mailAddress || c?.mailAddress || "").trim(),
        recipient: (own.recipient || c?.recipient || "").trim(),
        recipientPhone: (own.recipientPhone || c?.recipientPhone || "").trim(),
      };
    },
  };
}
