import { DEFAULT_TEMPLATE, idCheckCharacter, type CellValue, type Grid } from "../src/domain";

/** Deterministic synthetic lists for benchmarks (a seeded PRNG: the same rows on every run). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆";
const HEADERS = DEFAULT_TEMPLATE.columns.map((c) => c.header);
const PROVINCES = ["11", "31", "44", "51", "62", "61", "41", "37", "81", "83"];

export interface Student {
  studentNo: string;
  idNumber: string;
  name: string;
  gender: "男" | "女";
  level: string;
}

export function makeStudents(n: number, seed = 1): Student[] {
  const rnd = prng(seed);
  const out: Student[] = [];
  for (let i = 0; i < n; i++) {
    const gender = rnd() < 0.5 ? "男" : "女";
    const year = 1980 + Math.floor(rnd() * 16);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const prov = PROVINCES[Math.floor(rnd() * PROVINCES.length)];
    const region = prov === "81" || prov === "83" ? `${prov}0000` : `${prov}0102`;
    let seq = Math.floor(rnd() * 500) * 2 + (gender === "男" ? 1 : 0);
    seq = seq % 1000;
    const first17 = `${region}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(seq).padStart(3, "0")}`;
    const name =
      SURNAMES[Math.floor(rnd() * SURNAMES.length)] +
      GIVEN[Math.floor(rnd() * GIVEN.length)] +
      (rnd() < 0.6 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : "");
    out.push({
      studentNo: String(220150000000 + i),
      idNumber: first17 + idCheckCharacter(first17),
      name,
      gender,
      level: rnd() < 0.8 ? "硕士研究生" : "博士研究生",
    });
  }
  return out;
}

/** A capture list of the given students, with ~2% typical mistakes so the engine does real work. */
export function makeListGrid(students: readonly Student[], seed = 2): Grid {
  const rnd = prng(seed);
  const rows: CellValue[][] = [["2018年毕业研究生图像信息采集名单"], HEADERS];
  students.forEach((s, i) => {
    let id = s.idNumber;
    let name = s.name;
    const r = rnd();
    if (r < 0.005) id = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    else if (r < 0.01) name = ` ${name}`;
    else if (r < 0.015) id = id.replace(/\d/, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const offsite = rnd() < 0.1;
    rows.push([
      i + 1,
      "信息科学与工程学院",
      name,
      s.gender,
      s.studentNo,
      id,
      rnd() < 0.05 ? s.level.slice(0, 2) : s.level,
      rnd() < 0.7 ? "2018年6月" : "2018年12月",
      offsite ? "异地采集" : "现场采集",
      offsite ? "新华社四川分社" : null,
      offsite ? "甘肃省兰州市城关区天水南路222号 兰州大学信息科学与工程学院（邮编730000）" : null,
      offsite ? "赵老师" : null,
      offsite ? "13912345678" : null,
      null,
    ]);
  });
  return flat({ rows });
}

/**
 * Strings built by concatenation are V8 cons-strings; the file readers hand the engine flat
 * strings, so the benchmark does too (a JSON round trip flattens every cell).
 */
function flat(grid: Grid): Grid {
  return JSON.parse(JSON.stringify(grid)) as Grid;
}

export function makeRosterGrid(students: readonly Student[]): Grid {
  const rows: CellValue[][] = [["研究生学籍信息"], ["学号", "证件号码", "学生姓名", "培养层次"]];
  for (const s of students) rows.push([s.studentNo, s.idNumber, s.name, s.level]);
  return flat({ rows });
}

/**
 * A list of `n` copies of one valid student row (same 学号, same 身份证号): what a secretary gets by
 * dragging a placeholder down a column. Every row is a duplicate of every other.
 */
export function makeIdenticalGrid(n: number): Grid {
  const one = makeListGrid(makeStudents(1, 3), 5);
  const rows: CellValue[][] = [[...one.rows[0]], [...one.rows[1]]];
  for (let i = 0; i < n; i++) rows.push([...one.rows[2]]);
  return { rows };
}
