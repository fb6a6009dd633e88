import { makeStyles, Switch, Text, tokens } from "@fluentui/react-components";
import type { HostCapabilities } from "../../excel/hostApi";
import { useAction } from "../useAction";
import { OutcomeText } from "./OutcomeText";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** What marking costs on this client, stated plainly (SPEC §7 "Marking cells"). */
export function markingCost(caps: HostCapabilities): string {
  if (caps.undoableWrites)
    return `当前 Excel 支持可撤销的加载项写入（ExcelApi ${caps.apiVersion}）：标记单元格不会清空撤销记录。`;
  return (
    "在 Excel 2019–2024 中，标记单元格会清空撤销记录（ExcelApi 1.20 起不会）：标记之后，" +
    `之前的输入无法再用 Ctrl+Z 撤销。当前为 ExcelApi ${caps.apiVersion}。只在问题有变化时才会标记。`
  );
}

export function markingCarrier(caps: HostCapabilities): string {
  if (caps.notes) return "问题单元格会填色，并附上说明（备注）。";
  if (caps.comments) return "问题单元格会填色，并附上说明（批注）。";
  return "问题单元格只填色；说明请在任务窗格的问题列表中查看。";
}

export function MarkingSetting(props: {
  capabilities: HostCapabilities;
  marking: boolean;
  onChange(on: boolean): Promise<void>;
}) {
  const s = useStyles();
  const change = useAction(async (on: boolean) => {
    await props.onChange(on);
    return on
      ? { intent: "success" as const, text: "已开启标记。" }
      : { intent: "info" as const, text: "已关闭标记：仍会检查，问题只在任务窗格中列出。" };
  }, "无法切换标记，请重试");
  return (
    <section className={s.root} aria-label="标记单元格">
      <Switch
        checked={props.marking}
        disabled={change.busy}
        label="在表格中标记问题单元格"
        onChange={(_, data) => void change.trigger(data.checked)}
      />
      <Text size={200}>{markingCarrier(props.capabilities)}</Text>
      <Text size={200} className={s.muted}>
        {markingCost(props.capabilities)}
      </Text>
      <OutcomeText outcome={change.outcome} />
    </section>
  );
}
