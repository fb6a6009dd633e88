/**
 * The web version's own actions over the real session, adapter and in-memory Excel (no browser):
 * open a file (and refuse a bad one without losing the open list), download the corrected list
 * (read back with ExcelJS: values as typed, IDs as text, formats, marks and notes), download the
 * submission. The pane itself is replaced by a listener, as the adapter's own tests do.
 */
import ExcelJS from "exceljs";
import { createExcelHost, type ExcelNamespace } from "../../src/excel/excelHost";
import { createMemoryExcel } from "../../src/excel/memory";
import { memoryPaneStorage } from "../../src/taskpane/storage";
import { PreviewSession } from "../../src/preview/session";
import { correctedFileName } from "../../src/web/download";
import { canInflateXlsx, OLD_BROWSER_XLSX } from "../../src/web/fileOpen";
import { WebDocument } from "../../src/web/webDocument";
import { writeListWorkbook } from "../../src/web/listWorkbook";
import { COLLEGE, HEADERS, listXlsx, validRows } from "../server/helpers";

function setup(canInflate?: () => boolean) {
  const memory = createMemoryExcel({ authorName: "采集名单助手" });
  const saved: { bytes: Uint8Array; name: string }[] = [];
  const session = new PreviewSession({
    memory,
    storage: memoryPaneStorage(),
    createHost: (m) =>
      createExcelHost({ Excel: m.Excel as unknown as ExcelNamespace, isSetSupported: m.isSetSupported }),
    mountPane: (host) => {
      void host.start(() => undefined);
      return { unmount: () => undefined };
    },
  });
  const doc = new WebDocument({
    session,
    workbook: memory.workbook,
    save: (bytes, name) => saved.push({ bytes, name }),
    canInflate,
  });
  return { memory, session, doc, saved };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

const file = (bytes: Uint8Array | string, name: string) => new File([bytes as BlobPart], name);

describe("the web version's document", () => {
  const rows = validRows(3, 7);

  test("a blank start, then a list opened, edited, downloaded with IDs as text", async () => {
    const { memory, session, doc, saved } = setup();
    await session.mountPane();
    expect(doc.blank).toBe(true);
    expect(doc.fileName).toBeUndefined();

    const outcome = await doc.open(file(await listXlsx(rows), "名单.xlsx"));
    await session.settle();
    expect(outcome).toEqual({
      intent: "success",
      text: "已打开“名单.xlsx”（工作表“名单”），右侧窗格正在检查。",
    });
    expect(doc.blank).toBe(false);
    expect(doc.dirty).toBe(false);

    // A 学号 typed as digits below the list (General cells): Excel makes it a number; the download keeps its digits as text.
    memory.workbook.user.type("名单", "E5", "220170700099");
    memory.workbook.user.type("名单", "C3", "改过的名字");
    await session.settle();
    expect(doc.dirty).toBe(true);
    expect(memory.workbook.cellInfo("E5").value).toBe(220170700099);

    expect((await doc.downloadList()).text).toBe(
      "已下载改好的名单“名单-改正.xlsx”（包括所有工作表和检查标记）。",
    );
    expect(doc.dirty).toBe(false);
    expect(saved.map((s) => s.name)).toEqual(["名单-改正.xlsx"]);
    const ws = await load(saved[0].bytes);
    expect(ws.name).toBe("名单");
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getCell("E5").value).toBe("220170700099");
    expect(ws.getCell("E5").numFmt).toBe("@");
    expect(ws.getCell("E2").value).toBe(rows[0].studentNo);
    expect(ws.getCell("C3").value).toBe("改过的名字");
    for (let r = 0; r < rows.length; r++) {
      expect(ws.getCell(`F${r + 2}`).value).toBe(rows[r].idNumber);
      expect(ws.getCell(`F${r + 2}`).numFmt).toBe("@");
    }
    // 序号 stays a number, as typed.
    expect(ws.getCell("A2").value).toBe(1);
    expect(ws.getColumn(6).numFmt).toBe("@");
  });

  test("the assistant's marks and notes travel with the corrected list", async () => {
    const { memory, session, doc, saved } = setup();
    await session.mountPane();
    const bad = await listXlsx(rows, COLLEGE, (data) => {
      data[1][3] = data[1][3] === "男" ? "女" : "男";
    });
    await doc.open(file(bad, "名单.xlsx"));
    await session.settle();
    const problem = session.problems().find((p) => p.code === "gender.idMismatch");
    expect(problem).toMatchObject({ row: 3, severity: "error" });
    const marked = memory.workbook.cellInfo("D3");
    expect(marked.fill).not.toBeNull();
    expect(marked.note).not.toBeNull();

    await doc.downloadList();
    const cell = (await load(saved[0].bytes)).getCell("D3");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${marked.fill!.slice(1).toUpperCase()}`);
    expect(cell.note).toBe(marked.note);
  });

  test("a file that cannot be read leaves the open list as it was", async () => {
    const { memory, session, doc } = setup();
    await session.mountPane();
    await doc.open(file(await listXlsx(rows), "名单.xlsx"));
    await session.settle();
    memory.workbook.user.type("名单", "C2", "未下载的修改");
    await session.settle();

    const broken = await doc.open(file(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "坏文件.xlsx"));
    expect(broken).toEqual({
      intent: "error",
      text: "无法打开“坏文件.xlsx”：文件已损坏或不完整。当前表格没有改动。",
    });
    const wrongKind = await doc.open(file("x", "照片.jpg"));
    expect(wrongKind).toEqual({
      intent: "error",
      text: "无法打开“照片.jpg”：只能打开 .xlsx、.xls 或 .csv 格式的名单。",
    });
    expect(memory.workbook.cellInfo("C2").value).toBe("未下载的修改");
    expect(doc.fileName).toBe("名单.xlsx");
    expect(doc.dirty).toBe(true);
  });

  test("a CSV opens too, and the submission downloads with its own name", async () => {
    const { session, doc, saved } = setup();
    await session.mountPane();
    const csv = [
      HEADERS.join(","),
      ...rows.map((r, i) =>
        [
          i + 1,
          COLLEGE,
          r.name,
          r.gender,
          r.studentNo,
          r.idNumber,
          "硕士研究生",
          "2018年6月",
          "现场采集",
          "",
          "",
          "",
          "",
          "",
        ].join(","),
      ),
    ].join("\r\n");
    await doc.open(file(new TextEncoder().encode(csv), "名单.csv"));
    await session.settle();
    expect(session.problems().filter((p) => p.severity === "error")).toEqual([]);

    const outcome = await doc.downloadSubmission(false);
    expect(outcome.intent).toBe("success");
    expect(saved).toHaveLength(1);
    expect(outcome.text).toBe(`已下载提交名单“${saved[0].name}”：3 人，采集费 39 元。`);
    const ws = await load(saved[0].bytes);
    expect(ws.rowCount).toBe(4);
    expect(ws.getCell("F2").value).toBe(rows[0].idNumber);
  });

  test("a browser too old to inflate .xlsx is told so, and a .csv still opens there", async () => {
    const { session, doc } = setup(() => false);
    await session.mountPane();
    expect(await doc.open(file(await listXlsx(rows), "名单.xlsx"))).toEqual({
      intent: "error",
      text: `无法打开“名单.xlsx”：${OLD_BROWSER_XLSX}`,
    });
    expect(doc.blank).toBe(true);
    const csv = [HEADERS.join(","), `1,${COLLEGE},${rows[0].name}`].join("\n");
    expect((await doc.open(file(csv, "名单.csv"))).intent).toBe("success");
    expect(doc.blank).toBe(false);
  });

  test("canInflateXlsx: missing, or without deflate-raw (Chrome 80–102), is false", () => {
    expect(canInflateXlsx({})).toBe(false);
    class GzipOnly {
      constructor(format: string) {
        if (format !== "gzip" && format !== "deflate") throw new TypeError(format);
      }
    }
    expect(canInflateXlsx({ DecompressionStream: GzipOnly })).toBe(false);
    expect(canInflateXlsx({ DecompressionStream: class {} })).toBe(true);
  });

  test("file names", () => {
    expect(correctedFileName("名单.xls")).toBe("名单-改正.xlsx");
    expect(correctedFileName("2018 名单.CSV")).toBe("2018 名单-改正.xlsx");
    expect(correctedFileName(undefined)).toBe("采集名单-改正.xlsx");
  });
});

test("writeListWorkbook: an empty workbook is one empty sheet", async () => {
  const memory = createMemoryExcel();
  const ws = await load(await writeListWorkbook(memory.workbook));
  expect(ws.name).toBe("Sheet1");
  expect(ws.actualRowCount).toBe(0);
});

test("writeListWorkbook: a stray cell far down is written without walking the empty rows", async () => {
  const memory = createMemoryExcel();
  memory.workbook.reset([{ name: "名单", rows: [HEADERS] }]);
  memory.workbook.user.type("名单", "E2", "220170700001");
  memory.workbook.user.type("名单", "XFD1048576", "远处");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await writeListWorkbook(memory.workbook)) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  expect(ws.getCell("XFD1048576").value).toBe("远处");
  // 学号 (E) is a text column under the header even though it was typed into a General cell.
  expect(ws.getCell("E2").value).toBe("220170700001");
  expect(ws.getCell("E2").numFmt).toBe("@");
});
