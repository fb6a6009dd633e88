import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkZip, MAX_UNCOMPRESSED_BYTES } from "../../src/files/zipCheck";
import { readSheet } from "../../src/files/readSheet";

const original = new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "list.xlsx")));

/** Offset of the first central directory header of the fixture. */
function firstCentralHeader(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x06054b50) return view.getUint32(i + 16, true);
  throw new Error("no EOCD");
}

describe("checkZip", () => {
  it("passes an intact workbook", async () => {
    expect(await checkZip(original)).toBeUndefined();
  });

  it("catches a damaged deflate stream before SheetJS spins on it", async () => {
    // test/fixtures/inflate-trap.xlsx: list.xlsx with three bytes flipped (found by fuzzing); raw
    // XLSX.read spends ~85 s inflating garbage on it. Kept as a file: regenerating list.xlsx would move
    // the offsets.
    const bytes = new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "inflate-trap.xlsx")));
    expect(await checkZip(bytes)).toBe("corrupt");
    const started = Date.now();
    await expect(readSheet(bytes, "inflate-trap.xlsx")).rejects.toMatchObject({ reason: "corrupt" });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("catches a wrong CRC with an intact stream", async () => {
    const bytes = original.slice();
    const cd = firstCentralHeader(bytes);
    bytes[cd + 16] ^= 0xff;
    expect(await checkZip(bytes)).toBe("corrupt");
  });

  it("refuses encrypted entries and zip bombs by their declared size", async () => {
    const encrypted = original.slice();
    encrypted[firstCentralHeader(encrypted) + 8] |= 1;
    expect(await checkZip(encrypted)).toBe("encrypted");
    const bomb = original.slice();
    new DataView(bomb.buffer).setUint32(firstCentralHeader(bomb) + 24, MAX_UNCOMPRESSED_BYTES + 1, true);
    expect(await checkZip(bomb)).toBe("tooLarge");
  });

  it("refuses a truncated archive", async () => {
    expect(await checkZip(original.subarray(0, original.length - 30))).toBe("corrupt");
  });
});
