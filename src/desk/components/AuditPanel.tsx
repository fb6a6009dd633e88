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
import type { DeskApi } from "../deskApi";
import { formatChinaTime } from "../format";
import { useLoad } from "../useLoad";
import { Notice } from "./Notice";

/** Entries drawn (the server sends the newest first); an old log can hold many thousands. */
const SHOWN = 500;

const useStyles = makeStyles({
  bar: { display: "flex", gap: tokens.spacingHorizontalS, marginBlockEnd: tokens.spacingVerticalS },
});

/** Who downloaded the merged list or a college's list, and when: the lists hold every student's ID number. */
export function AuditPanel({ api }: { api: DeskApi }) {
  const s = useStyles();
  const load = useCallback(() => api.audit(), [api]);
  const { loaded, reload } = useLoad(load);
  return (
    <div>
      <div className={s.bar}>
        <Button onClick={reload} disabled={loaded.state === "loading"}>
          刷新
        </Button>
      </div>
      {loaded.state === "loading" && <Spinner size="small" label="正在读取操作记录…" />}
      {loaded.state === "error" && <Notice outcome={{ intent: "error", text: loaded.message }} />}
      {loaded.state === "ok" && loaded.value.length === 0 && <p>还没有操作记录。</p>}
      {loaded.state === "ok" && loaded.value.length > 0 && (
        <Table size="small" aria-label="操作记录">
          <TableHeader>
            <TableRow>
              {["时间", "操作人", "操作", "对象"].map((h) => (
                <TableHeaderCell key={h} scope="col">
                  {h}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {loaded.value.slice(0, SHOWN).map((e, i) => (
              <TableRow key={i}>
                <TableCell>{formatChinaTime(e.at)}</TableCell>
                <TableCell>{e.who}</TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell>{e.target}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {loaded.state === "ok" && loaded.value.length > SHOWN && (
        <p>
          仅列出最近 {SHOWN} 条，另有 {loaded.value.length - SHOWN} 条较早的记录。
        </p>
      )}
    </div>
  );
}
