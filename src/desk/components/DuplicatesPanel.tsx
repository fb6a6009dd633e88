import { useCallback } from "react";
import {
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { DeskApi, DuplicateGroup } from "../deskApi";
import { maskIdNumber } from "../format";
import { useLoad } from "../useLoad";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  group: { marginBlockEnd: tokens.spacingVerticalL },
  heading: { margin: `${tokens.spacingVerticalS} 0`, fontSize: tokens.fontSizeBase400 },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/**
 * Groups drawn at once, and rows per group: a wrong upload can make thousands of groups, or one group
 * of every row (a column of one repeated value); the rest are counted, not drawn.
 */
const SHOWN = 200;
const ROWS_SHOWN = 50;

const KEY_LABELS = { studentNo: "学号", idNumber: "身份证号" } as const;

/** The shared value as shown: an ID number always masked (the screen may be seen by others). */
function shownValue(g: DuplicateGroup): string {
  if (!g.value) return "";
  return g.key === "idNumber" ? maskIdNumber(g.value) : g.value;
}

function Group({ group }: { group: DuplicateGroup }) {
  const s = useStyles();
  const title = `${KEY_LABELS[group.key]} ${shownValue(group)} 同时出现在 ${group.colleges.join("、")}`;
  return (
    <section className={s.group} aria-label={title}>
      <h3 className={s.heading}>{title}</h3>
      <Table size="small" aria-label={title}>
        <TableHeader>
          <TableRow>
            {["学院", "名单行号", "姓名", "学号", "身份证号"].map((h) => (
              <TableHeaderCell key={h} scope="col">
                {h}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {group.rows.slice(0, ROWS_SHOWN).map((r, i) => (
            <TableRow key={i}>
              <TableCell>{r.college}</TableCell>
              <TableCell>{r.row ?? "—"}</TableCell>
              <TableCell>{r.name || "—"}</TableCell>
              <TableCell>{r.studentNo || "—"}</TableCell>
              <TableCell>{r.idNumber ? maskIdNumber(r.idNumber) : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {group.rows.length > ROWS_SHOWN && <p>另有 {group.rows.length - ROWS_SHOWN} 行未列出</p>}
    </section>
  );
}

/** The same 学号 or 身份证号 in two colleges' latest lists: one student would be photographed twice. */
export function DuplicatesPanel({ api }: { api: DeskApi }) {
  const s = useStyles();
  const load = useCallback(() => api.duplicates(), [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <div>
      <div className={s.bar}>
        <Button onClick={reload} disabled={loaded.state === "loading"}>
          重新检查
        </Button>
        {loaded.state === "ok" && (
          <span role="status">
            {loaded.value.length ? `发现 ${loaded.value.length} 处跨学院重复` : "没有发现跨学院重复的学生"}
          </span>
        )}
      </div>
      {loaded.state === "loading" && <Spinner size="small" label="正在检查各学院名单…" />}
      {loaded.state === "error" && <Notice outcome={{ intent: "error", text: loaded.message }} />}
      {loaded.state === "ok" && (
        <>
          {loaded.value.slice(0, SHOWN).map((g, i) => (
            <Group key={i} group={g} />
          ))}
          {loaded.value.length > SHOWN && (
            <p>另有 {loaded.value.length - SHOWN} 处重复未列出，请下载合并名单查看。</p>
          )}
        </>
      )}
    </div>
  );
}
