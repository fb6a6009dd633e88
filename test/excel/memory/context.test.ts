import { createMemoryExcel, MemoryWorkbook, type MemoryExcel } from "../../../src/excel/memory";

function seeded(apiVersion?: string): MemoryExcel {
  const workbook = MemoryWorkbook.fromGrid([
    {
      name: "Sheet1",
      rows: [
        ["姓名", "学号", "身份证号"],
        ["张三", "2021001", "110101199003071239"],
        ["李四", 2021002, null],
      ],
    },
    { name: "Other", rows: [] },
  ]);
  return createMemoryExcel({ workbook, apiVersion });
}

describe("load and sync", () => {
  it("throws PropertyNotLoaded for a property that was not loaded and synced", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C3");
      expect(() => range.values).toThrow(
        expect.objectContaining({ code: "PropertyNotLoaded", name: "RichApi.Error" }),
      );
      range.load("values");
      expect(() => range.values).toThrow(/call the load method/);
      await context.sync();
      expect(range.values).toEqual([
        ["姓名", "学号", "身份证号"],
        ["张三", "2021001", "110101199003071239"],
        ["李四", 2021002, ""],
      ]);
      expect(() => range.address).toThrow(
        expect.objectContaining({ debugInfo: expect.objectContaining({ errorLocation: "Range.address" }) }),
      );
    });
  });

  it("accepts every load argument form, including nested paths", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const a = sheet.getRange("B2").load("address, rowIndex");
      const b = sheet.getRange("B2:C3").load(["columnCount", "format/fill/color"]);
      const c = sheet.getRange("A1").load({ select: "text" });
      const d = sheet.getRange("A1").load({ format: { font: { bold: true } }, valueTypes: true });
      await context.sync();
      expect([a.address, a.rowIndex]).toEqual(["Sheet1!B2", 1]);
      expect([b.columnCount, b.format.fill.color]).toEqual([2, "#FFFFFF"]);
      expect(c.text).toEqual([["姓名"]]);
      expect([d.format.font.bold, d.valueTypes]).toEqual([false, [["String"]]]);
    });
  });

  it("applies writes only at sync, in order, and keeps the set value locally as Office.js does", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const target = sheet.getRange("A5");
      target.values = [["first"]];
      target.values = [["second"]];
      expect(target.values).toEqual([["second"]]);
      const before = sheet.getRange("A5").load("values");
      await context.sync();
      // The load was queued after both writes, so it sees them.
      expect(before.values).toEqual([["second"]]);
    });
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const observer = sheet.getRange("A6").load("values");
      sheet.getRange("A6").values = [["later"]];
      await context.sync();
      expect(observer.values).toEqual([[""]]);
      const after = sheet.getRange("A6").load("values");
      await context.sync();
      expect(after.values).toEqual([["later"]]);
    });
  });

  it("stops at the first failing operation and rejects the sync", async () => {
    const { Excel, workbook } = seeded();
    await expect(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("D1").values = [["applied"]];
        context.workbook.worksheets.getItem("Missing").getRange("A1").values = [["x"]];
        sheet.getRange("D2").values = [["never"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(workbook.cellInfo("Sheet1!D1").value).toBe("applied");
    expect(workbook.cellInfo("Sheet1!D2").value).toBeNull();
  });

  it("rejects objects from another request context", async () => {
    const { Excel } = seeded();
    await Excel.run(async (first) => {
      const range = first.workbook.worksheets.getItem("Sheet1").getRange("A1");
      await Excel.run(async (second) => {
        expect(() => second.workbook.notes.add(range, "x")).toThrow(
          expect.objectContaining({ code: "InvalidRequestContext" }),
        );
      });
    });
  });

  it("refuses to sync a context whose Excel.run has finished", async () => {
    const { Excel } = seeded();
    const leaked = await Excel.run(async (context) => context);
    leaked.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
    await expect(leaked.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
  });
});

describe("ranges", () => {
  it("reports addresses, indexes and sizes, and navigates like Excel", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const base = sheet.getRange("B2:D4");
      const ranges = [
        base,
        base.getCell(1, 1),
        base.getOffsetRange(1, -1),
        base.getResizedRange(2, -1),
        base.getRow(2),
        base.getColumn(0),
        base.getEntireRow(),
        base.getEntireColumn(),
        base.getBoundingRect("F8"),
        sheet.getRange("3:5"),
        sheet.getRange("A:C"),
        sheet.getRange("Sheet1!A1:B2"),
        sheet.getCell(9, 27),
        sheet.getRangeByIndexes(1, 1, 2, 3),
      ];
      ranges.forEach((r) => r.load("address"));
      base.load("rowIndex, columnIndex, rowCount, columnCount");
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual([
        "Sheet1!B2:D4",
        "Sheet1!C3",
        "Sheet1!A3:C5",
        "Sheet1!B2:C6",
        "Sheet1!B4:D4",
        "Sheet1!B2:B4",
        "Sheet1!2:4",
        "Sheet1!B:D",
        "Sheet1!B2:F8",
        "Sheet1!3:5",
        "Sheet1!A:C",
        "Sheet1!A1:B2",
        "Sheet1!AB10",
        "Sheet1!B2:D3",
      ]);
      expect([base.rowIndex, base.columnIndex, base.rowCount, base.columnCount]).toEqual([1, 1, 3, 3]);
    });
  });

  it("fails at sync for a range that falls off the sheet or names another sheet", async () => {
    const { Excel } = seeded();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").getOffsetRange(-1, 0).load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("Other!A1").load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("computes the used range, with and without formats, and the null object of an empty sheet", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("F10").format.fill.color = "#FFC7CE";
      sheet.getRange("Z:Z").numberFormat = "@";
      const all = sheet.getUsedRange().load("address");
      const valuesOnly = sheet.getUsedRange(true).load("address");
      const other = context.workbook.worksheets.getItem("Other");
      const empty = other.getUsedRange().load("address");
      const none = other.getUsedRangeOrNullObject();
      const some = sheet.getUsedRangeOrNullObject(true);
      await context.sync();
      expect(all.address).toBe("Sheet1!A1:F10");
      expect(valuesOnly.address).toBe("Sheet1!A1:C3");
      expect(empty.address).toBe("Other!A1");
      expect(none.isNullObject).toBe(true);
      expect(some.isNullObject).toBe(false);
    });
  });

  it("writes a 2-D array of the right size, a scalar to every cell, and skips null entries", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Other");
      sheet.getRange("A1:B2").values = [
        [1, "x"],
        [true, null],
      ];
      sheet.getRange("D1:E2").values = "same" as never;
      await context.sync();
    });
    expect(workbook.grid("Other")).toEqual([
      [1, "x", null, "same", "same"],
      [true, null, null, "same", "same"],
    ]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Other").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("stores API-written strings as Excel does: numbers in General cells, text in '@' cells", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Other");
      sheet.getRange("B:B").numberFormat = "@";
      sheet.getRange("A1:B1").values = [["110101199003071239", "110101199003071239"]];
      sheet.getRange("C1").values = [[110101199003071239]];
      const read = sheet.getRange("A1:C1").load("values, valueTypes, numberFormat, text");
      await context.sync();
      expect(read.values).toEqual([[110101199003071000, "110101199003071239", 110101199003071239]]);
      expect(read.valueTypes).toEqual([["Double", "String", "Double"]]);
      expect(read.numberFormat).toEqual([["General", "@", "General"]]);
      expect(read.text).toEqual([["1.10101E+17", "110101199003071239", "1.10101E+17"]]);
    });
  });

  it("reports valueTypes for each kind of cell", async () => {
    const { Excel, workbook } = seeded();
    workbook.user.type("Other", "A1", "text");
    workbook.user.type("Other", "B1", "12.5");
    workbook.user.type("Other", "C1", "FALSE");
    workbook.user.type("Other", "D1", "#N/A");
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Other").getRange("A1:E1").load("valueTypes, values");
      await context.sync();
      expect(r.valueTypes).toEqual([["String", "Double", "Boolean", "Error", "Empty"]]);
      expect(r.values).toEqual([["text", 12.5, false, "#N/A", ""]]);
    });
  });

  it("sets and clears fills; no fill reads #FFFFFF and mixed fills read null", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B2").format.fill.color = "#ffc7ce";
      sheet.getRange("C2").format.fill.color = "yellow";
      const b2 = sheet.getRange("B2").format.fill.load("color");
      const c2 = sheet.getRange("C2").format.fill.load("color");
      const mixed = sheet.getRange("B2:C2").format.fill.load("color");
      const none = sheet.getRange("A1:A3").format.fill.load("color");
      await context.sync();
      expect([b2.color, c2.color, mixed.color, none.color]).toEqual(["#FFC7CE", "#FFFF00", null, "#FFFFFF"]);
      sheet.getRange("B2:C2").format.fill.clear();
      const cleared = sheet.getRange("B2:C2").format.fill.load("color");
      await context.sync();
      expect(cleared.color).toBe("#FFFFFF");
    });
    expect(workbook.cellInfo("Sheet1!B2").fill).toBeNull();
  });

  it("lets a cell's fill clear show through a column fill as no fill", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C:C").format.fill.color = "#00FF00";
      sheet.getRange("C2").format.fill.clear();
      const c1 = sheet.getRange("C1").format.fill.load("color");
      const c2 = sheet.getRange("C2").format.fill.load("color");
      const column = sheet.getRange("C:C").format.fill.load("color");
      await context.sync();
      expect([c1.color, c2.color, column.color]).toEqual(["#00FF00", "#FFFFFF", null]);
    });
  });

  it("rejects a colour Excel would not accept", async () => {
    const { Excel } = seeded();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "reddish";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("keeps bold, column width, number formats and list validation", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("B:C").format.columnWidth = 120;
      sheet.getRange("E2:E100").dataValidation.rule = { list: { inCellDropDown: true, source: "男,女" } };
      const font = sheet.getRange("A1:C1").format.font.load("bold");
      const mixedFont = sheet.getRange("A1:A2").format.font.load("bold");
      const width = sheet.getRange("B1:C1").format.load("columnWidth");
      const defaultWidth = sheet.getRange("A1").format.load("columnWidth");
      const rule = sheet.getRange("E50").dataValidation.load("rule, type");
      await context.sync();
      expect([font.bold, mixedFont.bold, width.columnWidth, defaultWidth.columnWidth]).toEqual([
        true,
        null,
        120,
        48,
      ]);
      expect(rule.rule).toEqual({ list: { inCellDropDown: true, source: "男,女" } });
      expect(rule.type).toBe("List");
      sheet.getRange("E2:E100").dataValidation.clear();
      const cleared = sheet.getRange("E50").dataValidation.load("type");
      await context.sync();
      expect(cleared.type).toBe("None");
    });
    expect(workbook.snapshot("Sheet1").columnWidths).toEqual({ 1: 120, 2: 120 });
  });

  it("clears contents, formats or both", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2:C2").format.fill.color = "#FFC7CE";
      sheet.getRange("A3:C3").format.fill.color = "#FFC7CE";
      await context.sync();
      sheet.getRange("A2:C2").clear("Contents");
      sheet.getRange("A3:C3").clear("Formats");
      sheet.getRange("A1").clear();
      await context.sync();
    });
    expect(workbook.cellInfo("Sheet1!A2")).toEqual({ value: null, fill: "#FFC7CE", note: null });
    expect(workbook.cellInfo("Sheet1!A3")).toEqual({ value: "李四", fill: null, note: null });
    expect(workbook.cellInfo("Sheet1!A1").value).toBeNull();
  });

  it("selects a range and reports it as the selection", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Other").getRange("C7").select();
      await context.sync();
      const selected = context.workbook.getSelectedRange().load("address");
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      expect([selected.address, active.name]).toEqual(["Other!C7", "Other"]);
    });
  });
});

describe("worksheets", () => {
  it("lists, adds, activates and finds sheets", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add("提交表");
      const unnamed = sheets.add();
      added.activate();
      sheets.load("items/name,items/position");
      const active = sheets.getActiveWorksheet().load("name, id");
      const byName = sheets.getItem("sheet1").load("name");
      const missing = sheets.getItemOrNullObject("Nope");
      const count = sheets.getCount();
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ["Sheet1", 0],
        ["Other", 1],
        ["提交表", 2],
        ["Sheet4", 3],
      ]);
      expect(active.name).toBe("提交表");
      expect(byName.name).toBe("Sheet1");
      expect(missing.isNullObject).toBe(true);
      expect(count.value).toBe(4);
      const byId = sheets.getItem(active.id).load("name");
      unnamed.load("name");
      await context.sync();
      expect([byId.name, unnamed.name]).toEqual(["提交表", "Sheet4"]);
    });
  });

  it("refuses a duplicate or invalid sheet name", async () => {
    const { Excel } = seeded();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("sheet1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("a/b");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("freezes rows and reports the frozen location", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const before = sheet.freezePanes.getLocationOrNullObject();
      await context.sync();
      expect(before.isNullObject).toBe(true);
      sheet.freezePanes.freezeRows(2);
      const after = sheet.freezePanes.getLocationOrNullObject().load("address");
      await context.sync();
      expect(after.address).toBe("Sheet1!1:2");
    });
    expect(workbook.snapshot("Sheet1").frozenRows).toBe(2);
  });
});

describe("null objects", () => {
  it("makes isNullObject readable only after a sync", async () => {
    const { Excel } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      expect(() => sheet.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(sheet.isNullObject).toBe(false);
    });
  });

  it("skips operations on a null object and reads its properties as undefined", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const ghost = context.workbook.worksheets.getItemOrNullObject("Ghost");
      ghost.getRange("A1").values = [["lost"]];
      ghost.load("name");
      await context.sync();
      expect(ghost.isNullObject).toBe(true);
      expect(ghost.name).toBeUndefined();
    });
    expect(workbook.sheetNames()).toEqual(["Sheet1", "Other"]);
  });
});

describe("notes, comments and settings", () => {
  it("adds, reads, edits and deletes notes", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      context.workbook.notes.add("Sheet1!C2", "身份证号校验位不正确");
      sheet.notes.add(sheet.getRange("B3"), "学号应为文本");
      await context.sync();
      const c2 = context.workbook.notes.getItemOrNullObject("Sheet1!C2").load("content");
      const b3 = sheet.notes.getItem("B3").load("content, authorName");
      const none = context.workbook.notes.getItemOrNullObject("Sheet1!A1");
      const count = context.workbook.notes.getCount();
      await context.sync();
      expect([c2.isNullObject, c2.content, b3.content, b3.authorName]).toEqual([
        false,
        "身份证号校验位不正确",
        "学号应为文本",
        "Memory Excel",
      ]);
      expect(none.isNullObject).toBe(true);
      expect(count.value).toBe(2);
      c2.content = "已更正";
      b3.delete();
      await context.sync();
    });
    expect(workbook.cellInfo("Sheet1!C2").note).toBe("已更正");
    expect(workbook.cellInfo("Sheet1!B3").note).toBeNull();
  });

  it("refuses a note on several cells, on a cell that has one, or without a sheet name", async () => {
    for (const add of [
      (ctx: import("../../../src/excel/memory").MemoryRequestContext) =>
        ctx.workbook.notes.add("Sheet1!A1:B2", "x"),
      (ctx: import("../../../src/excel/memory").MemoryRequestContext) => {
        ctx.workbook.notes.add("Sheet1!A1", "x");
        ctx.workbook.notes.add("Sheet1!A1", "y");
      },
      (ctx: import("../../../src/excel/memory").MemoryRequestContext) => ctx.workbook.notes.add("A1", "x"),
    ]) {
      const { Excel } = seeded();
      await expect(
        Excel.run(async (context) => {
          add(context);
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidArgument" });
    }
  });

  it("adds, finds and deletes comments", async () => {
    const { Excel, workbook } = seeded();
    await Excel.run(async (context) => {
      context.workbook.comments.add("Sheet1!A2", "重复");
      await context.sync();
      const comment = context.workbook.comments.getItemByCell("Sheet1!A2").load("content, id");
      await context.sync();
      expect(comment.content).toBe("重复");
      expect(comment.id).toMatch(/^\{/);
      comment.delete();
      await context.sync();
    });
    expect(workbook.snapshot("Sheet1").cells.find((c) => c.address === "A2")?.comment).toBeNull();
    await expect(
      Excel.run(async (context) => {
        context.workbook.comments.getItemByCell("Sheet1!A2").load("content");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("stores settings as JSON copies and finds missing ones as null objects", async () => {
    const { Excel } = seeded();
    const profile = { college: "信息科学与工程学院", mobile: "13800000000" };
    await Excel.run(async (context) => {
      context.workbook.settings.add("profile", profile);
      await context.sync();
    });
    profile.college = "changed";
    await Excel.run(async (context) => {
      const found = context.workbook.settings.getItemOrNullObject("profile").load("value");
      const missing = context.workbook.settings.getItemOrNullObject("nothing");
      await context.sync();
      expect(found.value).toEqual({ college: "信息科学与工程学院", mobile: "13800000000" });
      expect(missing.isNullObject).toBe(true);
      found.delete();
      const gone = context.workbook.settings.getItemOrNullObject("profile");
      await context.sync();
      expect(gone.isNullObject).toBe(true);
    });
  });
});

describe("API versions", () => {
  it("answers isSetSupported from the configured version", () => {
    const excel = createMemoryExcel({ apiVersion: "1.7" });
    expect(excel.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(excel.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(excel.Office.context.requirements.isSetSupported("ExcelApi", "1.1")).toBe(true);
    expect(excel.isSetSupported("WordApi", "1.1")).toBe(false);
    expect(createMemoryExcel().isSetSupported("ExcelApi", "1.20")).toBe(true);
  });

  it("fails with ApiNotFound when a newer API is used on an older Excel", async () => {
    const { Excel } = seeded("1.10");
    await expect(
      Excel.run(async (context) => {
        context.workbook.notes.add("Sheet1!A1", "x");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    const old = seeded("1.1");
    await expect(
      old.Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(old.Excel.createWorkbook("UEsDBA==")).rejects.toMatchObject({ code: "ApiNotFound" });
    // Office 2016 still reads and writes values.
    await old.Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getUsedRange().load("values");
      await context.sync();
      expect(r.values[1][0]).toBe("张三");
    });
  });

  it("records Excel.createWorkbook calls", async () => {
    const excel = seeded();
    await excel.Excel.createWorkbook("UEsDBA==");
    expect(excel.createdWorkbooks).toEqual(["UEsDBA=="]);
  });
});

describe("counters", () => {
  it("counts round trips, including Excel.run's final sync only when work is pending", async () => {
    const excel = seeded();
    await excel.Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:C3").load("values");
      await context.sync();
      void r.values;
    });
    expect(excel.counters).toEqual({ syncs: 1, writes: 0 });
    await excel.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B2").format.fill.color = "#FFC7CE";
      sheet.getRange("B3").format.fill.color = "#FFC7CE";
      context.workbook.notes.add("Sheet1!B2", "x");
    });
    expect(excel.counters).toEqual({ syncs: 2, writes: 3 });
    await excel.Excel.run(async (context) => {
      await context.sync();
      await context.sync();
    });
    expect(excel.counters.syncs).toBe(2);
    excel.resetCounters();
    expect(excel.counters).toEqual({ syncs: 0, writes: 0 });
  });

  it("does not count selection, activation or event registration as writes", async () => {
    const excel = seeded();
    await excel.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.activate();
      sheet.getRange("A1").select();
      sheet.onChanged.add(async () => undefined);
      context.workbook.application.suspendApiCalculationUntilNextSync();
    });
    expect(excel.counters).toEqual({ syncs: 1, writes: 0 });
  });
});

describe("cell properties (ExcelApi 1.9)", () => {
  it("reads per-cell fills in one call and tells no fill from white through tintAndShade", async () => {
    const { Excel, counters } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2").format.fill.color = "#FFFFFF";
      sheet.getRange("B2").format.fill.color = "#FFC7CE";
      const props = sheet
        .getRange("A2:C2")
        .getCellProperties({ address: true, format: { fill: { color: true, tintAndShade: true } } });
      const white = sheet.getRange("A2").format.fill.load("color, tintAndShade");
      const none = sheet.getRange("C2").format.fill.load("color, tintAndShade");
      expect(() => props.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await context.sync();
      expect(props.value).toEqual([
        [
          { address: "Sheet1!A2", format: { fill: { color: "#FFFFFF", tintAndShade: 0 } } },
          { address: "Sheet1!B2", format: { fill: { color: "#FFC7CE", tintAndShade: 0 } } },
          { address: "Sheet1!C2", format: { fill: { color: "#FFFFFF", tintAndShade: null } } },
        ],
      ]);
      expect([white.color, white.tintAndShade, none.color, none.tintAndShade]).toEqual([
        "#FFFFFF",
        0,
        "#FFFFFF",
        null,
      ]);
    });
    expect(counters.syncs).toBe(1);
  });

  it("writes different fills to many cells as one write", async () => {
    const { Excel, counters, workbook } = seeded();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A3").format.fill.color = "#00FF00";
      sheet
        .getRange("A2:A3")
        .setCellProperties([
          [{ format: { fill: { color: "#FFC7CE" }, font: { bold: true } } }],
          [{ format: { fill: { pattern: "None" } } }],
        ]);
    });
    expect(counters.writes).toBe(2);
    expect(workbook.cellInfo("Sheet1!A2").fill).toBe("#FFC7CE");
    expect(workbook.cellInfo("Sheet1!A3").fill).toBeNull();
    expect(workbook.snapshot("Sheet1").cells.find((c) => c.address === "A2")?.bold).toBe(true);
  });
});

describe("Excel.run", () => {
  it("returns the batch's result and rejects a batch that returns no promise", async () => {
    const { Excel } = seeded();
    await expect(Excel.run(async () => 42)).resolves.toBe(42);
    await expect(Excel.run({ delayForCellEdit: true }, async () => "options tolerated")).resolves.toBe(
      "options tolerated",
    );
    await expect(Excel.run((() => 1) as never)).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });
});
