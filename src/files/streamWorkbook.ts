import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

/**
 * An .xlsx written with ExcelJS's streaming writer (Node only): each row is serialised as soon as it is
 * committed, so a list of 100,000 rows needs megabytes rather than the in-memory model's gigabytes.
 * `write` adds and commits the sheets; the bytes are returned once the writer has finished.
 */
export async function streamWorkbook(
  write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void,
): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "研究生图像信息采集名单助手";
  write(wb);
  await wb.commit();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
