import { createMemoryExcel, MemoryWorkbook, type WorksheetChangedEventArgs } from "../../../src/excel/memory";

function setup() {
  const workbook = MemoryWorkbook.fromGrid([
    {
      name: "名单",
      rows: [
        ["姓名", "学号"],
        ["张三", "2021001"],
      ],
    },
    { name: "Other", rows: [] },
  ]);
  return createMemoryExcel({ workbook });
}

async function listen(excel: ReturnType<typeof setup>, sheetName = "名单") {
  const seen: WorksheetChangedEventArgs[] = [];
  const result = await excel.Excel.run(async (context) => {
    const r = context.workbook.worksheets.getItem(sheetName).onChanged.add(async (args) => {
      seen.push(args);
    });
    await context.sync();
    return r;
  });
  return { seen, result };
}

describe("worksheet.onChanged", () => {
  it("reports a typed cell with details and triggerSource Unknown", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    excel.workbook.user.type("名单", "B2", "2021009");
    expect(seen).toHaveLength(0); // delivered asynchronously, like Excel
    await excel.workbook.whenIdle();
    expect(seen).toHaveLength(1);
    const [event] = seen;
    expect(event).toMatchObject({
      type: "WorksheetChanged",
      address: "B2",
      changeType: "RangeEdited",
      source: "Local",
      triggerSource: "Unknown",
      details: {
        valueBefore: "2021001",
        valueAfter: 2021009,
        valueTypeBefore: "String",
        valueTypeAfter: "Double",
      },
    });
    const ids = await excel.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("名单").load("id");
      await context.sync();
      return sheet.id;
    });
    expect(event.worksheetId).toBe(ids);
  });

  it("reports a paste as one event without details, and its range is readable", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    excel.workbook.user.paste("名单", "A3", [
      ["李四", "2021002"],
      ["王五", "2021003"],
    ]);
    await excel.workbook.whenIdle();
    expect(seen).toHaveLength(1);
    expect(seen[0].address).toBe("A3:B4");
    expect(seen[0].details).toBeUndefined();
    expect("details" in seen[0]).toBe(false);
    const values = await excel.Excel.run(async (context) => {
      const range = seen[0].getRange(context).load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([
      ["李四", 2021002],
      ["王五", 2021003],
    ]);
  });

  it("fires for the add-in's own value writes after the sync, with triggerSource ThisLocalAddin", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("A2").values = [["张三丰"]];
      await context.sync();
      expect(seen).toHaveLength(0);
    });
    await excel.workbook.whenIdle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      address: "A2",
      triggerSource: "ThisLocalAddin",
      details: { valueAfter: "张三丰" },
    });
  });

  it("does not fire for fills, notes, number formats or validation", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    await excel.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("名单");
      sheet.getRange("B2").format.fill.color = "#FFC7CE";
      sheet.getRange("B:B").numberFormat = "@";
      sheet.getRange("C2:C9").dataValidation.rule = { list: { inCellDropDown: true, source: "男,女" } };
      context.workbook.notes.add("名单!B2", "学号格式不正确");
      await context.sync();
      sheet.getRange("B2").format.fill.clear();
    });
    await excel.workbook.whenIdle();
    expect(seen).toHaveLength(0);
  });

  it("fires for clearing contents", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    excel.workbook.user.clear("名单", "A2:B2");
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").getRange("A1").clear("Contents");
    });
    await excel.workbook.whenIdle();
    expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([
      ["A2:B2", "Unknown"],
      ["A1", "ThisLocalAddin"],
    ]);
  });

  it("only reaches handlers of the changed sheet; the workbook-wide event sees every sheet", async () => {
    const excel = setup();
    const { seen } = await listen(excel);
    const all: string[] = [];
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args) => {
        all.push(args.address);
      });
    });
    excel.workbook.user.type("Other", "A1", "x");
    excel.workbook.user.type("名单", "A1", "y");
    await excel.workbook.whenIdle();
    expect(seen.map((e) => e.address)).toEqual(["A1"]);
    expect(all).toEqual(["A1", "A1"]);
  });

  it("registers a handler only at sync and removes it only at the next sync of its context", async () => {
    const excel = setup();
    const seen: string[] = [];
    // whenIdle would wait for this very Excel.run, so inside it let the event timers run instead.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    await excel.Excel.run(async (context) => {
      const result = context.workbook.worksheets.getItem("名单").onChanged.add(async (args) => {
        seen.push(args.address);
      });
      excel.workbook.user.type("名单", "A2", "before registration");
      await tick();
      await context.sync();
      excel.workbook.user.type("名单", "A3", "registered");
      await tick();
      result.remove();
      excel.workbook.user.type("名单", "A4", "removal still queued");
      await tick();
      await context.sync();
      excel.workbook.user.type("名单", "A5", "removed");
      await tick();
    });
    await excel.workbook.whenIdle();
    expect(seen).toEqual(["A3", "A4"]);
    expect(excel.workbook.handlerCount).toBe(0);
  });

  it("removes a handler through Excel.run(result.context, …) after the registering run ended", async () => {
    const excel = setup();
    const { seen, result } = await listen(excel);
    await excel.Excel.run(result.context, async (context) => {
      result.remove();
      await context.sync();
    });
    excel.workbook.user.type("名单", "A2", "ignored");
    await excel.workbook.whenIdle();
    expect(seen).toHaveLength(0);
  });

  it("waits in whenIdle for a handler's own Excel.run, whose write does not loop forever", async () => {
    const excel = setup();
    const reactions: string[] = [];
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").onChanged.add(async (args) => {
        reactions.push(`${args.address}:${args.triggerSource}`);
        if (args.triggerSource === "ThisLocalAddin") return;
        await excel.Excel.run(async (ctx) => {
          const range = args.getRange(ctx).load("values");
          await ctx.sync();
          range.getOffsetRange(0, 1).values = [[`seen ${String(range.values[0][0])}`]];
        });
      });
    });
    excel.workbook.user.type("名单", "A2", "李四");
    await excel.workbook.whenIdle();
    expect(reactions).toEqual(["A2:Unknown", "B2:ThisLocalAddin"]);
    expect(excel.workbook.cellInfo("名单!B2").value).toBe("seen 李四");
  });

  it("collects handler errors instead of letting them escape", async () => {
    const excel = setup();
    await excel.Excel.run(async (context) => {
      context.workbook.worksheets.getItem("名单").onChanged.add(async () => {
        throw new Error("boom");
      });
    });
    excel.workbook.user.type("名单", "A2", "x");
    await excel.workbook.whenIdle();
    expect(excel.workbook.handlerErrors).toEqual([new Error("boom")]);
  });
});
