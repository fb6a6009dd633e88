import { useState } from "react";
import { Button, makeStyles, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import type { BuildResult, BuildTarget, CaptureHost } from "../../excel/hostApi";
import { formatRows, formatYuan } from "../format";
import { saveBytes, XLSX_TYPE } from "../saveFile";
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
  const save = useAction(async () => {
    const file = await host.submissionFile({ skipInvalid });
    if ("error" in file) return { intent: "error" as const, text: file.error };
    saveBytes(file.bytes, file.fileName, XLSX_TYPE);
    const skipped = file.skippedRows.length ? `（不含有错误的 ${file.skippedRows.length} 人）` : "";
    return {
      intent: "success" as const,
      text: `已保存“${file.fileName}”：${file.headCount} 人${skipped}。文件在浏览器的下载位置（通常是“下载”文件夹），可作为邮件附件自行发给研究生院。`,
    };
  }, "无法保存提交名单文件");
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
      <OutcomeText outcome={build.outcome} onDismiss={build.clear} />
      {build.outcome?.intent === "success" && (
        <>
          <Text size={200}>一键发送不成功时，可以把提交名单保存为文件，自行作为邮件附件发给研究生院。</Text>
          <Button disabled={save.busy} onClick={() => void save.trigger()}>
            {save.busy ? "正在保存…" : "保存为文件"}
          </Button>
          <OutcomeText outcome={save.outcome} onDismiss={save.clear} />
        </>
      )}
    </section>
  );
}
