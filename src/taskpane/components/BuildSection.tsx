import { useState } from "react";
import { Button, makeStyles, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import type { BuildResult, BuildTarget, CaptureHost } from "../../excel/hostApi";
import { formatRows, formatYuan } from "../format";
import { useAction, type ActionOutcome } from "../useAction";
import { OutcomeText } from "./OutcomeText";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
});

export function describeBuild(result: BuildResult): ActionOutcome {
  // The host's message already names the rows that block the build.
  if (!result.ok) return { intent: "error", text: result.message };
  const where =
    result.target === "workbook" ? "新工作簿" : `新工作表${result.sheetName ? `“${result.sheetName}”` : ""}`;
  const skipped = result.skippedRows.length ? `；已跳过有错误的${formatRows(result.skippedRows)}` : "";
  return {
    intent: "success",
    text: `已在${where}中生成“${result.fileName}”：${result.headCount} 人，采集费 ${formatYuan(result.feeTotal)}${skipped}。`,
  };
}

/** SPEC §5: the submission as a new sheet, or a new workbook where Excel can create one. */
export function BuildSection(props: { host: CaptureHost; skipInvalid: boolean }) {
  const s = useStyles();
  const { host, skipInvalid } = props;
  const canCreateWorkbook = host.capabilities.createWorkbook;
  const [target, setTarget] = useState<BuildTarget>("sheet");
  const build = useAction(
    async () =>
      describeBuild(
        await host.buildSubmission({ skipInvalid, target: canCreateWorkbook ? target : "sheet" }),
      ),
    "无法生成提交名单",
  );
  return (
    <section className={s.root} aria-label="生成提交名单">
      {canCreateWorkbook ? (
        <RadioGroup
          layout="horizontal"
          aria-label="生成到"
          value={target}
          onChange={(_, data) => setTarget(data.value as BuildTarget)}
        >
          <Radio value="sheet" label="新工作表" />
          <Radio value="workbook" label="新工作簿" />
        </RadioGroup>
      ) : (
        <Text size={200}>提交名单将生成在新工作表中。</Text>
      )}
      <Button disabled={build.busy} onClick={() => void build.trigger()}>
        {build.busy ? "正在生成…" : "生成提交名单"}
      </Button>
      <OutcomeText outcome={build.outcome} />
    </section>
  );
}
