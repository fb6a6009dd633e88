import {
  checkSubmissionGrid,
  DEFAULT_CAMPAIGN,
  DEFAULT_TEMPLATE,
  listColumns,
  mergeSubmissions,
  type CollegeSubmission,
} from "../src/domain";
import { writeMergedCsv } from "../src/files/mergedCsv";
import { writeMergedWorkbook } from "../src/files/mergedWorkbook";
import { makeListGrid, makeStudents, prng } from "./synthetic";

/**
 * The graduate school's merge (issue 10): 35 colleges' submissions as the desk holds them (§5 rows),
 * merged, then written as the workbook and the CSV. Also the `cli merge` path's engine check of 35
 * files. Prints wall times and the process's peak RSS (it only grows: run `npm run bench merge` alone
 * for this bench's own figure).
 */
const COLLEGES = 35;
const COLUMNS = listColumns(DEFAULT_TEMPLATE).map((c) => ({
  key: c.key,
  header: c.header,
  text: c.text,
  width: c.width,
}));

/** A step's wall time and this process's CPU time (steadier than wall time on a busy machine). */
interface Mark {
  wall: bigint;
  cpu: NodeJS.CpuUsage;
}
const mark = (): Mark => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });

function ms(start: Mark): string {
  const wall = Number(process.hrtime.bigint() - start.wall) / 1e6;
  const used = process.cpuUsage(start.cpu);
  return `${wall.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`;
}

const peakMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

/** Clean §5 submissions: n rows per college, real IDs, a tenth off-site, 30% graduating in December. */
function submissions(perCollege: number): CollegeSubmission[] {
  const students = makeStudents(COLLEGES * perCollege, 7);
  const rnd = prng(11);
  const at = (key: string) => COLUMNS.findIndex((c) => c.key === key);
  return DEFAULT_CAMPAIGN.colleges.slice(0, COLLEGES).map((college, ci) => {
    const rows = students.slice(ci * perCollege, (ci + 1) * perCollege).map((s, i) => {
      const row = COLUMNS.map(() => "");
      const offsite = rnd() < 0.1;
      row[at("seq")] = String(i + 1);
      row[at("college")] = college.name;
      row[at("name")] = s.name;
      row[at("gender")] = s.gender;
      row[at("studentNo")] = s.studentNo;
      row[at("idNumber")] = s.idNumber;
      row[at("level")] = s.level;
      row[at("gradDate")] = rnd() < 0.7 ? "2018年6月" : "2018年12月";
      row[at("mode")] = offsite ? "异地采集" : "现场采集";
      if (offsite) {
        row[at("site")] = "新华社四川分社";
        row[at("mailAddress")] = college.mailAddress ?? "";
        row[at("recipient")] = "赵老师";
        row[at("recipientPhone")] = "13912345678";
      }
      return row;
    });
    // Reversed: the merge has real sorting to do.
    return { college: college.name, columns: COLUMNS, rows: rows.reverse() };
  });
}

async function mergeAndWrite(perCollege: number, log: (line: string) => void): Promise<void> {
  const subs = submissions(perCollege);
  let t = mark();
  const merged = mergeSubmissions(DEFAULT_CAMPAIGN, subs);
  const mergeTime = ms(t);
  t = mark();
  const xlsx = await writeMergedWorkbook(merged, DEFAULT_CAMPAIGN);
  const xlsxTime = ms(t);
  t = mark();
  const csv = writeMergedCsv(merged);
  const csvTime = ms(t);
  log(
    `${COLLEGES} colleges × ${perCollege} rows (${merged.students} students, ${merged.groups.length} sheets, ` +
      `${merged.duplicates.length} duplicates): merge ${mergeTime}, workbook ${xlsxTime} ` +
      `(${(xlsx.length / 1e6).toFixed(1)} MB), CSV ${csvTime} (${(csv.length / 1e6).toFixed(1)} MB); peak RSS ${peakMb()}`,
  );
}

export async function runMergeBench(log: (line: string) => void): Promise<void> {
  await mergeAndWrite(1000, log);
  // The cli merge path: each college's file checked with the engine before merging.
  const grids = Array.from({ length: COLLEGES }, (_, ci) => {
    const grid = makeListGrid(makeStudents(1000, 100 + ci), 200 + ci);
    return { rows: grid.rows.map((r, i) => (i < 2 ? r : r.map((v, c) => (c === 1 ? "文学院" : v)))) };
  });
  const t = mark();
  let kept = 0;
  for (const grid of grids) {
    const r = checkSubmissionGrid(grid, DEFAULT_CAMPAIGN);
    if (r.ok) kept += r.submission.rows.length;
  }
  log(
    `cli merge's check of ${COLLEGES} files × 1000 rows: ${ms(t)} (${kept} rows kept); peak RSS ${peakMb()}`,
  );
  await mergeAndWrite(5000, log);
}
