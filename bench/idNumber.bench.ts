/**
 * ID-number validator benchmark: ours against validator.js, idcard and id-validator over the same
 * 1,000,000 deterministic IDs. Prints throughput, ours ÷ each, and what each accepts per category.
 * Run: npx tsx bench/idNumber.bench.ts
 */
import isIdentityCard from "validator/lib/isIdentityCard";
import idCard from "idcard";
import { checkIdNumber, idCheckCharacter, type YMD } from "../src/domain/idNumber";

// id-validator ships no types; this is the part of its API we call.
interface IdValidatorInstance {
  isValid(id: string): boolean;
}
type IdValidatorCtor = new (gb2260?: Record<string, string>) => IdValidatorInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const IDValidator = require("id-validator") as IdValidatorCtor;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GB2260 = require("id-validator/src/GB2260") as Record<string, string>;

const CAPTURE: YMD = { y: 2017, m: 11, d: 1 };
const N = 1_000_000;
const RUNS = 3;

type Category =
  "resident" | "permit.HK" | "permit.MO" | "permit.TW" | "bad.checksum" | "bad.date" | "bad.region";
const CATEGORIES: readonly Category[] = [
  "resident",
  "permit.HK",
  "permit.MO",
  "permit.TW",
  "bad.checksum",
  "bad.date",
  "bad.region",
];
const SHOULD_ACCEPT: Record<Category, boolean> = {
  resident: true,
  "permit.HK": true,
  "permit.MO": true,
  "permit.TW": true,
  "bad.checksum": false,
  "bad.date": false,
  "bad.region": false,
};

/** mulberry32: small, fast, good enough to make reproducible test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAINLAND = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
];
const NOT_PROVINCES = [
  "00",
  "10",
  "16",
  "20",
  "24",
  "39",
  "47",
  "55",
  "60",
  "66",
  "72",
  "80",
  "84",
  "91",
  "99",
];
const BAD_DATES = ["0230", "1301", "0001", "0132", "0431", "0631", "0900", "1131"];

export interface BenchData {
  ids: string[];
  categories: Category[];
}

export function generateIds(n: number, seed = 20171101): BenchData {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const p2 = (v: number) => (v < 10 ? "0" : "") + v;
  const p3 = (v: number) => (v < 10 ? "00" : v < 100 ? "0" : "") + v;
  const day0 = Date.UTC(1975, 0, 1);
  const days = (Date.UTC(2000, 11, 31) - day0) / 86_400_000;
  const birth = () => {
    const dt = new Date(day0 + int(0, days) * 86_400_000);
    return `${dt.getUTCFullYear()}${p2(dt.getUTCMonth() + 1)}${p2(dt.getUTCDate())}`;
  };
  const region = () => `${MAINLAND[int(0, MAINLAND.length - 1)]}${p2(int(1, 20))}${p2(int(1, 30))}`;
  const seal = (body: string) => body + idCheckCharacter(body);

  const ids: string[] = new Array(n);
  const categories: Category[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    let id: string;
    let cat: Category;
    if (r < 0.9) {
      cat = "resident";
      id = seal(region() + birth() + p3(int(0, 999)));
    } else if (r < 0.93) {
      const which = int(0, 2);
      cat = (["permit.HK", "permit.MO", "permit.TW"] as const)[which];
      id = seal(`8${which + 1}0000` + birth() + p3(int(0, 999)));
    } else if (r < 0.96) {
      cat = "bad.checksum";
      const good = seal(region() + birth() + p3(int(0, 999)));
      const wrong = "10X98765432".replace(good[17], "")[int(0, 9)];
      id = good.slice(0, 17) + wrong;
    } else if (r < 0.98) {
      cat = "bad.date";
      id = seal(region() + int(1975, 1999) + BAD_DATES[int(0, BAD_DATES.length - 1)] + p3(int(0, 999)));
    } else {
      cat = "bad.region";
      id = seal(
        NOT_PROVINCES[int(0, NOT_PROVINCES.length - 1)] + region().slice(2) + birth() + p3(int(0, 999)),
      );
    }
    ids[i] = id;
    categories[i] = cat;
  }
  // The strings above are concatenation trees; a file reader hands the engine flat strings, and so do we
  // (every contender gets the same array).
  return { ids: JSON.parse(JSON.stringify(ids)) as string[], categories };
}

interface Contender {
  name: string;
  /** Called once per timed run, so per-instance caches start empty every time. */
  make: () => (id: string) => boolean;
}

const CONTENDERS: readonly Contender[] = [
  { name: "ours (checkIdNumber)", make: () => (id) => checkIdNumber(id, CAPTURE).ok },
  { name: "validator isIdentityCard zh-CN", make: () => (id) => isIdentityCard(id, "zh-CN") },
  { name: "idcard verify", make: () => (id) => idCard.verify(id) },
  {
    name: "id-validator isValid",
    make: () => {
      const v = new IDValidator();
      return (id) => v.isValid(id);
    },
  },
  {
    name: "id-validator isValid + GB2260",
    make: () => {
      const v = new IDValidator(GB2260);
      return (id) => v.isValid(id);
    },
  },
];

function timeOnce(fn: (id: string) => boolean, ids: readonly string[]): { ns: bigint; accepted: number } {
  let accepted = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ids.length; i++) if (fn(ids[i])) accepted++;
  return { ns: process.hrtime.bigint() - t0, accepted };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export async function runIdBench(log: (line: string) => void): Promise<void> {
  const tGen = process.hrtime.bigint();
  const { ids, categories } = generateIds(N);
  const perCat = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  for (const c of categories) perCat.set(c, (perCat.get(c) ?? 0) + 1);
  log(`ID-number bench: ${fmt(N)} IDs generated in ${Number(process.hrtime.bigint() - tGen) / 1e6} ms`);
  log("  mix: " + CATEGORIES.map((c) => `${c} ${fmt(perCat.get(c) ?? 0)}`).join(", "));
  log(`  node ${process.version}, best of ${RUNS} runs after a warm-up`);

  const warm = ids.slice(0, 100_000);
  const best = new Map<string, number>();
  for (const c of CONTENDERS) {
    timeOnce(c.make(), warm);
    let bestNs = Infinity;
    for (let r = 0; r < RUNS; r++) {
      const { ns } = timeOnce(c.make(), ids);
      bestNs = Math.min(bestNs, Number(ns));
    }
    best.set(c.name, bestNs);
    // Yield between contenders so a caller's event loop (and GC of dropped caches) can breathe.
    await new Promise((resolve) => setImmediate(resolve));
  }

  const oursNs = best.get(CONTENDERS[0].name)!;
  log("");
  log(
    `  ${"validator".padEnd(32)} ${"IDs/s".padStart(13)} ${"ns/ID".padStart(7)} ${"ms/100k".padStart(8)}  ours÷it`,
  );
  for (const c of CONTENDERS) {
    const ns = best.get(c.name)!;
    log(
      `  ${c.name.padEnd(32)} ${fmt((N * 1e9) / ns).padStart(13)} ${(ns / N).toFixed(1).padStart(7)} ` +
        `${(ns / 1e6 / (N / 100_000)).toFixed(1).padStart(8)}  ${(ns / oursNs).toFixed(1)}×`,
    );
  }

  // What each one accepts, per category (one untimed pass each).
  log("");
  log(`  accepted per category (should accept: resident, permits; should reject: bad.*)`);
  log(`  ${"validator".padEnd(32)} ` + CATEGORIES.map((c) => c.padStart(13)).join(""));
  const disagreements: string[] = [];
  for (const c of CONTENDERS) {
    const fn = c.make();
    const acc = new Map<Category, number>(CATEGORIES.map((k) => [k, 0]));
    for (let i = 0; i < ids.length; i++) if (fn(ids[i])) acc.set(categories[i], acc.get(categories[i])! + 1);
    log(`  ${c.name.padEnd(32)} ` + CATEGORIES.map((k) => fmt(acc.get(k)!).padStart(13)).join(""));
    for (const k of CATEGORIES) {
      const total = perCat.get(k)!;
      const a = acc.get(k)!;
      if (SHOULD_ACCEPT[k] && a < total) disagreements.push(`${c.name} rejects ${fmt(total - a)} valid ${k}`);
      if (!SHOULD_ACCEPT[k] && a > 0) disagreements.push(`${c.name} accepts ${fmt(a)} invalid ${k}`);
    }
  }
  log("");
  log(disagreements.length ? "  disagreements with SPEC §3.2:" : "  no disagreements with SPEC §3.2");
  for (const d of disagreements) log("    - " + d);
}

if (require.main === module) {
  runIdBench((line) => console.log(line)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
