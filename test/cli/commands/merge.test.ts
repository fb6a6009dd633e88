import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { mergeCommand } from "../../../src/cli/commands/merge";
import { toCsv, writeSubmission } from "../../../src/files/writeWorkbook";
import { removeDir, tempDir } from "../../server/helpers";
import { idFor, listGrid } from "../../domain/helpers";
import { of, submissionOf, SUBMIT_COLUMNS } from "../../domain/mergeHelpers";
import { cli, fakeIO } from "../helpers";

const WEN = "文学院";
const FA = "法学院";
const WEN_FILE = "10730兰州大学_文学院_2018届毕业研究生图像采集名单_2人.xlsx";

let root: string;
beforeAll(() => (root = tempDir("capture-merge-")));
afterAll(() => removeDir(root));

/** A fresh folder under root with the given files. */
async function folder(name: string, files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  for (const [file, data] of Object.entries(files)) await fs.writeFile(path.join(dir, file), data);
  return dir;
}

async function wenXlsx(): Promise<Uint8Array> {
  const sub = submissionOf(WEN, [of(WEN, 2), of(WEN, 1)]);
  return writeSubmission({
    sheetName: "图像采集名单",
    columns: SUBMIT_COLUMNS,
    rows: sub.rows as string[][],
    fileName: WEN_FILE,
  });
}

/** 法学院's list as a secretary's CSV (title row, header on row 2): student 3, and student 1 of 文学院. */
const faCsv = () => toCsv(listGrid([of(FA, 3), of(FA, 1)]));

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1, 6)));
  return out;
}

test("merges every college's file, reports the student in two colleges, exit 1", async () => {
  const dir = await folder("two", {
    [WEN_FILE]: await wenXlsx(),
    "法学院名单.csv": faCsv(),
    "说明.txt": "不是名单",
    "~$lock.xlsx": "Excel 的锁文件",
  });
  const r = await cli.in(root, "merge", "two", "-o", "合并.xlsx", "--csv", "合并.csv");
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe(
    [
      `${WEN}（${WEN_FILE}）：并入 2 人`,
      `${FA}（法学院名单.csv）：并入 2 人`,
      "",
      `合并名单：2 个学院，共 4 人；采集费 4 人 × 13 元 = 52 元`,
      `  ${WEN} 2 人（硕士研究生 2；现场采集 2；毕业时间 2018年6月 2），应缴 26 元`,
      `  ${FA} 2 人（硕士研究生 2；现场采集 2；毕业时间 2018年6月 2），应缴 26 元`,
      "已写出：合并.xlsx、合并.csv",
      "",
      "发现 1 处同一学号或身份证号出现在多个学院的名单中（每位学生只能采集一次，请与相关学院核实）：",
      `  学号 220150901（身份证号也相同）：${WEN} 第 3 行 张芳；${FA} 第 4 行 张芳`,
      "",
    ].join("\n"),
  );
  expect(r.code).toBe(1);
  expect(await sheetRows(path.join(root, "合并.xlsx"), "2018年6月毕业")).toEqual([
    ["序号", "学院", "姓名", "性别", "学号"],
    [1, WEN, "张芳", "女", "220150901"],
    [2, WEN, "张娜", "男", "220150902"],
    [3, FA, "张芳", "女", "220150901"],
    [4, FA, "张秀", "女", "220150903"],
  ]);
  const csv = await fs.readFile(path.join(root, "合并.csv"));
  expect(csv.includes(Buffer.from(`\t${idFor(3, "女")}`))).toBe(true);

  expect((await fs.readdir(dir)).sort()).toEqual(
    [WEN_FILE, "~$lock.xlsx", "法学院名单.csv", "说明.txt"].sort(),
  );
});

test("a file that cannot be read is named, the rest still merge, exit 2", async () => {
  // A zip cut short, and a text file with no header row.
  const dir = await folder("broken", {
    [WEN_FILE]: await wenXlsx(),
    "坏文件.xlsx": (await wenXlsx()).slice(0, 300),
    "备忘.csv": "请各学院在10月30日前提交\n",
  });
  const io = fakeIO(root);
  const code = await mergeCommand(
    { command: "merge", positionals: ["broken"], values: { output: "b.xlsx" } },
    io,
  );
  expect(io.err).toBe(
    // Files in name order (code points): 坏 U+574F before 备 U+5907.
    "未并入：名单“坏文件.xlsx”无法使用：文件已损坏或不完整\n" +
      "未并入：备忘.csv：前 10 行中找不到表头（至少要有 3 个模板列名，如 姓名、学号、身份证号）\n",
  );
  expect(io.out).toContain(`${WEN}（${WEN_FILE}）：并入 2 人`);
  expect(io.out).toContain("没有发现同一学号或身份证号出现在两个学院的名单中。");
  expect(code).toBe(2);
  await expect(fs.access(path.join(root, "b.xlsx"))).resolves.toBeUndefined();
  expect(await fs.readdir(dir)).toEqual(
    ["10730兰州大学_文学院_2018届毕业研究生图像采集名单_2人.xlsx", "坏文件.xlsx", "备忘.csv"].sort(),
  );
});

test("a clean folder exits 0; rows with errors are left out and listed, exit 1", async () => {
  await folder("clean", { [WEN_FILE]: await wenXlsx() });
  const clean = await cli.in(root, "merge", "clean", "-o", "clean.xlsx");
  expect(clean.code).toBe(0);
  expect(clean.stdout).toContain("没有发现同一学号或身份证号出现在两个学院的名单中。");

  await folder("errors", { "法学院.csv": toCsv(listGrid([of(FA, 3), of(FA, 5, { gender: "?" })])) });
  const r = await cli.in(root, "merge", "errors", "-o", "errors.xlsx");
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`${FA}（法学院.csv）：并入 1 人；有错误未并入：第 4 行\n  第 4 行 性别：`);
});

test("two files of one college are both merged and named, exit 1", async () => {
  await folder("twice", { [WEN_FILE]: await wenXlsx(), "文学院-重交.csv": toCsv(listGrid([of(WEN, 4)])) });
  const r = await cli.in(root, "merge", "twice", "-o", "twice.xlsx");
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(
    `${WEN} 有 2 个文件（${WEN_FILE}、文学院-重交.csv），都已并入：如果是重新提交，请只保留最新的一个`,
  );
  expect(r.stdout).toContain("合并名单：1 个学院，共 3 人");
});

test("usage errors exit 2 with one line and write nothing", async () => {
  await folder("empty", { "说明.txt": "x" });
  const cases: [string[], string][] = [
    [["merge", "empty"], "请用 -o 指定合并名单的输出文件 (missing -o OUT)\n"],
    [["merge", "-o", "x.xlsx"], "请指定存放各学院提交名单的文件夹 (no folder of submission files given)\n"],
    [["merge", "nope", "-o", "x.xlsx"], "找不到文件夹：nope (no such directory: nope)\n"],
    [
      ["merge", "empty", "-o", "x.xlsx"],
      "文件夹 empty 中没有 .xlsx、.xls 或 .csv 名单文件 (no .xlsx, .xls or .csv file in empty)\n",
    ],
    [
      ["merge", "empty", "-o", "x.xlsx", "--college", WEN],
      "命令 merge 不接受选项 --college (option --college is not valid for merge)\n",
    ],
  ];
  cases.push([
    ["merge", "empty", "-o", "x.xlsx", "--csv", "empty/x.csv"],
    "CSV 合并名单的输出文件 empty/x.csv 在名单文件夹 empty 中，下次合并时会被当作学院的名单：请写到别的文件夹 (output inside the folder of submission files)\n",
  ]);
  for (const [argv, err] of cases) {
    const r = await cli.in(root, ...argv);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, err, ""]);
  }
  await expect(fs.access(path.join(root, "x.xlsx"))).rejects.toThrow();
});
