/** ExcelJS (half a second to load) is loaded by the commands that write workbooks, and only by them. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, FIX } from "./helpers";

let mockExcelLoaded = false;
jest.mock("exceljs", () => {
  mockExcelLoaded = true;
  return jest.requireActual("exceljs");
});

test("check never loads ExcelJS; template does", async () => {
  expect((await cli("check", join(FIX, "list.xlsx"), "--format", "json")).code).toBe(1);
  expect((await cli("check", join(FIX, "list.csv"))).code).toBe(1);
  expect(mockExcelLoaded).toBe(false);
  const out = join(mkdtempSync(join(tmpdir(), "capture-lazy-")), "t.xlsx");
  expect((await cli("template", "-o", out)).code).toBe(0);
  expect(mockExcelLoaded).toBe(true);
});
