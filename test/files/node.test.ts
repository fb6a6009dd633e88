import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSheetFile, writeFileAtomic } from "../../src/files/node";

const FIX = join(__dirname, "..", "fixtures");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "files-node-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("readSheetFile", () => {
  it("reads a file and hands back its bytes for later copies", async () => {
    const result = await readSheetFile(join(FIX, "list.xlsx"));
    expect(result).toMatchObject({ format: "xlsx", fileName: "list.xlsx" });
    expect(Buffer.from(result.bytes).equals(readFileSync(join(FIX, "list.xlsx")))).toBe(true);
    expect(result.grid.rows).toHaveLength(41);
  });

  it("reports a missing file or a directory as a FileReadError", async () => {
    await expect(readSheetFile(join(dir, "nope.xlsx"))).rejects.toMatchObject({
      reason: "notFound",
      message: expect.stringContaining("找不到文件"),
    });
    await expect(readSheetFile(dir)).rejects.toMatchObject({ reason: "unsupported" });
    await expect(readSheetFile(join(FIX, "truncated.xlsx"))).rejects.toMatchObject({ reason: "corrupt" });
  });
});

describe("writeFileAtomic", () => {
  it("writes the whole file and leaves no temporary file", async () => {
    const target = join(dir, "out.csv");
    writeFileSync(target, "old");
    await writeFileAtomic(target, "\uFEFF学号\r\n");
    expect(readFileSync(target, "utf8")).toBe("\uFEFF学号\r\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("fails without leaving anything when the directory does not exist", async () => {
    await expect(writeFileAtomic(join(dir, "missing", "x.xlsx"), new Uint8Array([1]))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
