import {
  DEFAULT_CAMPAIGN,
  marksFromProblems,
  columnLetter,
  DEFAULT_TEMPLATE,
  type CellValue,
} from "../../src/domain";
import { NOTE_PREFIX, markColour } from "../../src/excel/marks";
import { cell, markedCells, measure, paint, sampleGrid, startHost, SHEET, type Harness } from "./helpers";
import { idFor, student, toCells, HEADERS, TITLE } from "../domain/helpers";

const KEYS = DEFAULT_TEMPLATE.columns.map((c) => c.key);
const col = (key: string): string => columnLetter(KEYS.indexOf(key));

/** The sample list below a title row: the header is on row 2, data from row 3. */
async function sampleWithTitle(): Promise<CellValue[][]> {
  const grid = await sampleGrid();
  return [[TITLE], ...grid.rows.map((r) => [...r])];
}

/** What the sheet should show: one fill and one note per problem cell, from the engine's own grouping. */
function expectMarksMatch(h: Harness): void {
  const { problems } = h.last();
  const wanted = marksFromProblems(problems, (k) => {
    const i = KEYS.indexOf(k);
    return i < 0 ? undefined : i;
  });
  const seen = markedCells(h.excel);
  expect([...seen.keys()].sort()).toEqual(wanted.map((m) => `${columnLetter(m.col)}${m.row}`).sort());
  for (const m of wanted) {
    expect(seen.get(`${columnLetter(m.col)}${m.row}`)).toEqual({
      fill: markColour(m.severity),
      note: NOTE_PREFIX + m.note,
    });
  }
}

describe("full check", () => {
  it("finds the list under a title row and marks exactly the problem cells", async () => {
    const h = await startHost(await sampleWithTitle());
    const update = h.last();
    expect(update.status).toEqual({ kind: "ready", sheetName: SHEET, headerRow: 2 });
    expect(update.summary?.rows).toBe(40);
    expect(update.problems.length).toBeGreaterThan(5);
    // The sample's known mistakes, one row lower than in the file (title row above).
    expect(update.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 9, column: "idNumber", code: "id.checksum", severity: "error" }),
        expect.objectContaining({ row: 10, column: "idNumber", code: "normalize.case", severity: "warning" }),
        expect.objectContaining({ row: 14, column: "studentNo", code: "dup.studentNo" }),
      ]),
    );
    expectMarksMatch(h);
    expect(cell(h.excel, `${col("idNumber")}9`).fill).toBe("#FFC7CE");
    expect(cell(h.excel, `${col("idNumber")}10`).fill).toBe("#FFEB9C");
    expect(cell(h.excel, `${col("name")}3`)).toMatchObject({ fill: null, note: null });
  });

  it("names the student of each row with problems, for the pane's headings", async () => {
    const h = await startHost(await sampleWithTitle());
    const { problems, rowNames } = h.last();
    const rows = new Set(problems.map((p) => p.row));
    expect(rowNames?.get(9)).toBe("杨博文");
    expect([...(rowNames?.keys() ?? [])].every((r) => rows.has(r))).toBe(true);
  });

  it("reports a sheet without a list and marks nothing", async () => {
    const h = await startHost([["随便写点什么"], [1, 2, 3]]);
    expect(h.last().status).toEqual({ kind: "noList", sheetName: SHEET });
    expect(markedCells(h.excel).size).toBe(0);
    await expect(h.host.prepareSheet()).rejects.toThrow(/没有找到采集名单的表头/);
  });

  it("keeps a number a number (id.numeric) and reads a date-formatted 毕业时间 as a date", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, toCells(student(0, { idNumber: 110105199001010000 }))];
    const h = await startHost(rows, {
      prepare: async (excel) => {
        await excel.Excel.run(async (context) => {
          const r = context.workbook.worksheets.getItem(SHEET).getRange(`${col("gradDate")}3`);
          r.values = [["2018/6/1"]];
          await context.sync();
        });
      },
    });
    const codes = h.last().problems.map((p) => p.code);
    expect(codes).toContain("id.numeric");
    // "2018/6/1" became a date serial with a date format; read back as 2018-06-01 → 2018年6月.
    expect(
      h
        .last()
        .problems.filter((p) => p.column === "gradDate")
        .map((p) => p.code),
    ).toEqual(["normalize.alias"]);
  });
});

describe("live checking", () => {
  it("marks a bad ID typed into a cell and restores the cell's own fill when it is repaired", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, ...[0, 1, 2].map((n) => toCells(student(n)))];
    const idCell = `${col("idNumber")}4`;
    const h = await startHost(rows, { prepare: (excel) => paint(excel, idCell, "#00B0F0") });
    expect(h.last().problems).toEqual([]);
    expect(cell(h.excel, idCell).fill).toBe("#00B0F0");

    const good = idFor(1, "女");
    const bad = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    h.excel.workbook.user.type(SHEET, idCell, `'${bad}`);
    await h.settle();
    expect(h.last().problems).toEqual([
      expect.objectContaining({ row: 4, column: "idNumber", code: "id.checksum" }),
    ]);
    expect(cell(h.excel, idCell)).toMatchObject({ fill: "#FFC7CE", note: expect.stringContaining("校验") });

    h.excel.workbook.user.type(SHEET, idCell, `'${good}`);
    await h.settle();
    expect(h.last().problems).toEqual([]);
    expect(cell(h.excel, idCell)).toMatchObject({ fill: "#00B0F0", note: null });
  });

  it("keeps a note the user had on a cell and gives it back", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, toCells(student(0))];
    const nameCell = `${col("name")}3`;
    const h = await startHost(rows, {
      prepare: async (excel) => {
        await excel.Excel.run(async (context) => {
          context.workbook.worksheets.getItem(SHEET).notes.add(nameCell, "已核对");
          await context.sync();
        });
      },
    });
    h.excel.workbook.user.type(SHEET, nameCell, "张 三");
    await h.settle();
    expect(cell(h.excel, nameCell).note).toMatch(new RegExp(`^${NOTE_PREFIX}`));
    h.excel.workbook.user.type(SHEET, nameCell, "张三");
    await h.settle();
    expect(cell(h.excel, nameCell)).toEqual({ value: "张三", fill: null, note: "已核对" });
  });

  it("updates both rows when a duplicate 学号 is created and removed", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, ...[0, 1, 2].map((n) => toCells(student(n)))];
    const h = await startHost(rows);
    const no = String(student(0).studentNo);
    h.excel.workbook.user.type(SHEET, `${col("studentNo")}5`, no);
    await h.settle();
    const dupRows = h
      .last()
      .problems.filter((p) => p.code === "dup.studentNo")
      .map((p) => p.row);
    expect(dupRows).toEqual([3, 5]);
    expect(cell(h.excel, `${col("studentNo")}3`).fill).toBe("#FFC7CE");
    expect(cell(h.excel, `${col("studentNo")}5`).fill).toBe("#FFC7CE");

    h.excel.workbook.user.type(SHEET, `${col("studentNo")}5`, String(student(2).studentNo));
    await h.settle();
    expect(h.last().problems).toEqual([]);
    expect(markedCells(h.excel).size).toBe(0);
  });

  it("checks all 300 rows of a paste", async () => {
    const h = await startHost([[TITLE], HEADERS, toCells(student(0))]);
    const pasted = Array.from({ length: 300 }, (_, i) => {
      const values = student(i + 1);
      // Every 30th row has a lowercase-free but wrong check character.
      if (i % 30 === 0) {
        const id = String(values.idNumber);
        values.idNumber = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
      }
      return toCells(values).map((v) => (v === null ? "" : `'${String(v)}`));
    });
    const stats = await measure(h, () => h.excel.workbook.user.paste(SHEET, "A4", pasted));
    const update = h.last();
    expect(update.summary?.rows).toBe(301);
    const bad = update.problems.filter((p) => p.code === "id.checksum").map((p) => p.row);
    expect(bad).toEqual(Array.from({ length: 10 }, (_, k) => 4 + k * 30));
    expectMarksMatch(h);
    // One read of the pasted rows (their fill and note count too), one write.
    expect(stats.syncs).toBeLessThanOrEqual(2);
  });

  it("never loops on its own writes (fix all)", async () => {
    const grid = await sampleWithTitle();
    const h = await startHost(grid);
    let calls = 0;
    const before = h.updates.length;
    const stats = await measure(h, async () => {
      calls = await h.host.fixAll();
    });
    expect(calls).toBeGreaterThan(0);
    // The fixes and the marks they clear: one batch, no re-check triggered by the add-in's own values.
    expect(stats.syncs).toBeLessThanOrEqual(2);
    expect(h.updates.length - before).toBe(1);
    expect(h.last().problems.filter((p) => p.code.startsWith("normalize."))).toEqual([]);
    expect(h.excel.workbook.handlerErrors).toEqual([]);
    // Quiet afterwards: nothing else runs.
    const after = await measure(h, () => undefined);
    expect(after).toEqual({ syncs: 0, writes: 0 });
    expectMarksMatch(h);
  });
});

describe("budgets (in-memory Excel counters)", () => {
  it("full check of 5,000 rows ≤ 3 syncs; one edit ≤ 2 syncs; zero writes for an edit that changes no verdict", async () => {
    const { makeStudents, makeListGrid } = await import("../../bench/synthetic");
    const grid = makeListGrid(makeStudents(5000));
    const h = await startHost(grid.rows, { start: false });
    const full = await measure(h, () => h.host.start((u) => h.updates.push(u)));
    expect(h.last().summary?.rows).toBe(5000);
    expect(full.syncs).toBeLessThanOrEqual(3);
    // Nothing marked yet and no fills: the read and one write.
    expect(full.syncs).toBeLessThanOrEqual(2);

    const recheck = await measure(h, () => h.host.checkNow());
    expect(recheck.syncs).toBeLessThanOrEqual(1);
    expect(recheck.writes).toBe(0);

    const nameCell = `${col("name")}3`;
    const oneBad = await measure(h, () => h.excel.workbook.user.type(SHEET, nameCell, "张3"));
    expect(oneBad.syncs).toBeLessThanOrEqual(2);
    expect(oneBad.writes).toBeGreaterThan(0);

    const noVerdict = await measure(h, () =>
      h.excel.workbook.user.type(SHEET, `${col("note")}7`, "备注文字"),
    );
    expect(noVerdict.writes).toBe(0);
    expect(noVerdict.syncs).toBe(0);

    process.stdout.write(
      `adapter budgets, 5,000 rows: full check ${full.syncs} syncs / ${full.writes} writes; ` +
        `re-check ${recheck.syncs}/${recheck.writes}; one bad edit ${oneBad.syncs}/${oneBad.writes}; ` +
        `edit without verdict change ${noVerdict.syncs}/${noVerdict.writes}\n`,
    );
  });
});

describe("Office 2016 (ExcelApi 1.1)", () => {
  it("checks on checkNow and marks with fills only", async () => {
    const rows: CellValue[][] = [
      [TITLE],
      HEADERS,
      toCells(student(0)),
      toCells(student(1, { gender: "男" })),
    ];
    const h = await startHost(rows, { apiVersion: "1.1" });
    expect(h.host.capabilities).toMatchObject({
      apiVersion: "1.1",
      liveCheck: false,
      notes: false,
      comments: false,
    });
    expect(h.last().problems.map((p) => p.code)).toEqual(["gender.idMismatch"]);
    expect(cell(h.excel, `${col("gender")}4`)).toMatchObject({ fill: "#FFC7CE", note: null });
    expect(h.excel.workbook.handlerCount).toBe(0);

    h.excel.workbook.user.type(SHEET, `${col("gender")}4`, "女");
    await h.settle();
    expect(h.last().problems).toHaveLength(1); // no live checking here
    await h.host.checkNow();
    expect(h.last().problems).toEqual([]);
    expect(cell(h.excel, `${col("gender")}4`).fill).toBeNull();

    await h.host.prepareSheet();
    const snap = h.excel.workbook.snapshot(SHEET);
    expect(snap.frozenRows).toBe(0);
    expect(cell(h.excel, "A1").value).toBe(TITLE);
    await h.host.saveProfile({
      college: "文学院",
      secretaryName: "王老师",
      mobile: "13800000000",
      email: "",
      mailAddress: "",
    });
    await expect(h.host.loadProfile()).resolves.toMatchObject({ college: "文学院" });
  });

  it("uses comments on ExcelApi 1.10–1.17", async () => {
    const h = await startHost([[TITLE], HEADERS, toCells(student(0, { name: "张 三" }))], {
      apiVersion: "1.12",
    });
    const snap = h.excel.workbook.snapshot(SHEET).cells.find((c) => c.address === `${col("name")}3`);
    expect(snap?.comment).toMatch(new RegExp(`^${NOTE_PREFIX}`));
    h.excel.workbook.user.type(SHEET, `${col("name")}3`, "张三");
    await h.settle();
    expect(markedCells(h.excel).size).toBe(0);
  });
});

describe("actions", () => {
  it("prepares the sheet: text format, drop-downs from the campaign, frozen header", async () => {
    const h = await startHost([[TITLE], HEADERS, toCells(student(0))]);
    await h.host.prepareSheet();
    const snap = h.excel.workbook.snapshot(SHEET);
    expect(snap.frozenRows).toBe(2);
    const at = (a: string) => h.excel.workbook.snapshot(SHEET).cells.find((c) => c.address === a);
    for (const key of ["studentNo", "idNumber", "recipientPhone"]) {
      expect(at(`${col(key)}3`)?.numberFormat).toBe("@");
      expect(at(`${col(key)}1002`)?.numberFormat).toBe("@");
    }
    expect(at(`${col("gender")}500`)?.dropDown).toEqual(["男", "女"]);
    expect(at(`${col("level")}3`)?.dropDown).toEqual(DEFAULT_CAMPAIGN.levels.map((l) => l.name));
    expect(at(`${col("mode")}3`)?.dropDown).toEqual(["现场采集", "异地采集", "补拍"]);
    expect(at(`${col("gradDate")}3`)?.dropDown).toEqual(["2018年6月", "2018年12月"]);
    // 35 colleges exceed 255 characters: no inline list without a chosen college.
    expect(at(`${col("college")}4`)?.dropDown ?? null).toBeNull();

    await h.host.configure({
      campaign: DEFAULT_CAMPAIGN,
      profile: {
        college: "文学院",
        secretaryName: "王老师",
        mobile: "13800000000",
        email: "",
        mailAddress: "",
      },
    });
    await h.host.prepareSheet();
    expect(at(`${col("college")}4`)?.dropDown).toEqual(["文学院"]);
  });

  it("inserts the prepared template as a new active sheet and checks it", async () => {
    const h = await startHost([["不是名单"]]);
    await h.host.insertTemplate();
    const snap = h.excel.workbook.snapshot("采集名单");
    expect(snap.active).toBe(true);
    expect(snap.frozenRows).toBe(2);
    expect(h.last().status).toEqual({ kind: "ready", sheetName: "采集名单", headerRow: 2 });
    const header = snap.cells.filter((c) => c.row === 1).map((c) => c.value);
    expect(header).toEqual(HEADERS);
    expect(snap.cells.find((c) => c.address === `${col("idNumber")}3`)?.numberFormat).toBe("@");
    // Typing an ID into the prepared template keeps it text: no id.numeric.
    h.excel.workbook.user.type("采集名单", `${col("idNumber")}3`, idFor(3));
    await h.settle();
    expect(h.last().problems.map((p) => p.code)).not.toContain("id.numeric");
  });

  it("fix all writes text values (IDs stay text) and clears the warnings' marks", async () => {
    const id = idFor(4);
    const lowercaseX = "11010519900101002x";
    const rows: CellValue[][] = [
      [TITLE],
      HEADERS,
      toCells(student(0, { name: " 张三", level: "硕士" })),
      toCells(
        student(1, { idNumber: id.replace(/\d/, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }),
      ),
      toCells(student(2, { idNumber: lowercaseX })),
    ];
    const h = await startHost(rows);
    const n = await h.host.fixAll();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(cell(h.excel, `${col("name")}3`).value).toBe("张三");
    expect(cell(h.excel, `${col("level")}3`).value).toBe("硕士研究生");
    expect(cell(h.excel, `${col("idNumber")}4`).value).toBe(id);
    expect(typeof cell(h.excel, `${col("idNumber")}4`).value).toBe("string");
    expect(h.last().problems.filter((p) => p.severity === "warning")).toEqual([]);
    expectMarksMatch(h);
  });

  it("applyFix writes one problem's suggestion, only while the sheet has it; fix all upgrades 15-digit IDs", async () => {
    const rows: CellValue[][] = [
      [TITLE],
      HEADERS,
      toCells(student(0, { idNumber: "110105850101001" })),
      toCells(student(1, { idNumber: "110105880315002" })),
    ];
    const h = await startHost(rows);
    const legacy = h.last().problems.filter((p) => p.code === "id.legacy15");
    expect(legacy.map((p) => [p.row, p.fix])).toEqual([
      [3, "110105198501010012"],
      [4, "110105198803150029"],
    ]);
    expect(await h.host.applyFix(legacy[1])).toBe(1);
    expect(cell(h.excel, `${col("idNumber")}4`).value).toBe("110105198803150029");
    expect(cell(h.excel, `${col("idNumber")}3`).value).toBe("110105850101001");
    // The same suggestion again: the sheet no longer has that problem, nothing is written.
    const writes = await measure(h, async () => expect(await h.host.applyFix(legacy[1])).toBe(0));
    expect(writes.writes).toBe(0);

    expect(await h.host.fixAll()).toBe(1);
    expect(cell(h.excel, `${col("idNumber")}3`).value).toBe("110105198501010012");
    expect(h.last().problems.filter((p) => p.code === "id.legacy15")).toEqual([]);
    expectMarksMatch(h);
  });

  it("fills the off-site mailing columns from the profile in one batch", async () => {
    const rows: CellValue[][] = [
      [TITLE],
      HEADERS,
      toCells(student(0, { mode: "异地采集", site: "新华社四川分社" })),
      toCells(student(1)),
    ];
    const h = await startHost(rows);
    await h.host.configure({
      campaign: DEFAULT_CAMPAIGN,
      profile: {
        college: "信息科学与工程学院",
        secretaryName: "赵老师",
        mobile: "13912345678",
        email: "",
        mailAddress: "甘肃省兰州市城关区天水南路222号 兰州大学信息科学与工程学院",
      },
    });
    expect(h.last().problems.map((p) => p.code)).toEqual([
      "offsite.address",
      "offsite.recipient",
      "offsite.phone",
    ]);
    const stats = await measure(h, async () => expect(await h.host.fillOffsite()).toBe(3));
    expect(stats.syncs).toBeLessThanOrEqual(1);
    expect(cell(h.excel, `${col("recipient")}3`).value).toBe("赵老师");
    expect(cell(h.excel, `${col("recipientPhone")}3`).value).toBe("13912345678");
    expect(h.last().problems).toEqual([]);
    expect(markedCells(h.excel).size).toBe(0);
  });

  it("selects a problem's cell", async () => {
    const h = await startHost(await sampleWithTitle());
    const p = h.last().problems.find((q) => q.code === "id.checksum")!;
    await h.host.selectProblem(p);
    expect(h.excel.workbook.snapshot(SHEET).selection).toBe(`${col("idNumber")}${p.row}`);
  });

  it("builds the submission sheet with text 学号/身份证号, bold frozen header", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, ...[0, 1, 2].map((n) => toCells(student(n)))];
    rows.push(toCells(student(3, { gender: "女", idNumber: idFor(3, "男") })));
    const h = await startHost(rows);
    const refused = await h.host.buildSubmission({ skipInvalid: false, target: "sheet" });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining("第 6 行"), errorRows: [6] });

    const built = await h.host.buildSubmission({ skipInvalid: true, target: "sheet" });
    expect(built).toMatchObject({ ok: true, headCount: 3, feeTotal: 39, skippedRows: [6], target: "sheet" });
    const name = built.ok ? built.sheetName! : "";
    expect(name).toBe("提交名单");
    const snap = h.excel.workbook.snapshot(name);
    expect(snap.frozenRows).toBe(1);
    const headerCells = snap.cells.filter((c) => c.row === 0);
    expect(headerCells.map((c) => c.value)).toEqual(HEADERS);
    expect(headerCells.every((c) => c.bold)).toBe(true);
    const ids = snap.cells.filter((c) => c.column === KEYS.indexOf("idNumber") && c.row > 0);
    expect(ids.map((c) => c.value)).toEqual([idFor(0, "男"), idFor(1, "女"), idFor(2, "男")]);
    expect(ids.every((c) => c.valueType === "String" && c.numberFormat === "@")).toBe(true);
    const nos = snap.cells.filter((c) => c.column === KEYS.indexOf("studentNo") && c.row > 0);
    expect(nos.every((c) => c.valueType === "String")).toBe(true);
    expect(snap.cells.find((c) => c.address === "A2")?.value).toBe(1);

    const again = await h.host.buildSubmission({ skipInvalid: true, target: "sheet" });
    expect(again.ok && again.sheetName).toBe("提交名单 (2)");
  });

  it("opens the submission as a new workbook where Excel.createWorkbook exists, else adds a sheet", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, toCells(student(0))];
    const h = await startHost(rows);
    const built = await h.host.buildSubmission({ skipInvalid: false, target: "workbook" });
    expect(built).toMatchObject({ ok: true, target: "workbook", headCount: 1 });
    expect(h.excel.createdWorkbooks).toHaveLength(1);
    const bytes = Uint8Array.from(atob(h.excel.createdWorkbooks[0]), (c) => c.charCodeAt(0));
    expect(bytes[0]).toBe(0x50); // "PK": an .xlsx
    const file = await h.host.submissionFile({ skipInvalid: false });
    expect(file).toMatchObject({
      headCount: 1,
      feeTotal: 13,
      fileName: expect.stringMatching(/_1人\.xlsx$/),
    });

    const old = await startHost(rows, { apiVersion: "1.7" });
    const fallback = await old.host.buildSubmission({ skipInvalid: false, target: "workbook" });
    expect(fallback).toMatchObject({ ok: true, target: "sheet", sheetName: "提交名单" });
    expect(old.excel.createdWorkbooks).toHaveLength(0);
  });

  it("says which list row each row of the submission file came from (skipped rows left out)", async () => {
    const rows: CellValue[][] = [[TITLE], HEADERS, toCells(student(0))];
    rows.push(toCells(student(1, { gender: "女", idNumber: idFor(1, "男") })));
    rows.push(toCells(student(2)), toCells(student(3)));
    const h = await startHost(rows);
    const file = await h.host.submissionFile({ skipInvalid: true });
    // Header on row 2: the students are rows 3–6, row 4 has an error and is skipped.
    expect(file).toMatchObject({ headCount: 3, listRows: [3, 5, 6] });
  });

  it("switches marking off (all marks removed in one batch) and on again", async () => {
    const h = await startHost(await sampleWithTitle());
    expect(markedCells(h.excel).size).toBeGreaterThan(0);
    const off = await measure(h, () => h.host.setMarking(false));
    expect(off.syncs).toBe(1);
    expect(markedCells(h.excel).size).toBe(0);
    const silent = await measure(h, () => h.excel.workbook.user.type(SHEET, `${col("name")}3`, "张3"));
    expect(silent.writes).toBe(0);
    expect(h.last().problems.some((p) => p.row === 3 && p.code === "name.chars")).toBe(true);
    await h.host.setMarking(true);
    expectMarksMatch(h);
  });

  it("keeps the profile in workbook settings as JSON", async () => {
    const h = await startHost([[TITLE], HEADERS]);
    await expect(h.host.loadProfile()).resolves.toBeUndefined();
    const profile = {
      college: "文学院",
      secretaryName: "王老师",
      mobile: "13800000000",
      email: "a@b.cn",
      mailAddress: "x",
    };
    await h.host.saveProfile(profile);
    expect(JSON.parse(JSON.parse(h.excel.workbook.settings.get("captureListAssistant.profile")!))).toEqual(
      profile,
    );
    await expect(h.host.loadProfile()).resolves.toEqual(profile);
  });

  it("turns Excel failures into a Chinese status, never a stack", async () => {
    const h = await startHost([[TITLE], HEADERS, toCells(student(0))]);
    h.excel.workbook.reset([{ name: "别的表", rows: [["x"]] }]);
    const p = h.last().problems;
    await expect(
      h.host.selectProblem({
        ...p[0],
        row: 3,
        column: "name",
        code: "name.chars",
        severity: "error",
        message: "",
      }),
    ).rejects.toThrow(/^定位单元格时出错：/);
    await h.host.checkNow();
    expect(h.last().status).toEqual({ kind: "noList", sheetName: "别的表" });
  });
});

describe("original looks", () => {
  it("a full check over a sheet with the user's own fills reads their colours first (≤ 3 syncs)", async () => {
    const grid = await sampleWithTitle();
    const h = await startHost(grid, {
      start: false,
      prepare: async (excel) => {
        await paint(excel, "A1:N1", "#DDEBF7");
        await paint(excel, `${col("idNumber")}9`, "#00B0F0");
      },
    });
    const stats = await measure(h, () => h.host.start((u) => h.updates.push(u)));
    expect(stats.syncs).toBeLessThanOrEqual(3);
    expect(cell(h.excel, `${col("idNumber")}9`).fill).toBe("#FFC7CE");
    await h.host.setMarking(false);
    expect(cell(h.excel, `${col("idNumber")}9`)).toMatchObject({ fill: "#00B0F0", note: null });
    expect(cell(h.excel, "B1").fill).toBe("#DDEBF7");
  });
});
