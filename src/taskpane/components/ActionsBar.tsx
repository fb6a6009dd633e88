import { useState } from "react";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { CaptureHost } from "../../excel/hostApi";
import { useAction, type ActionOutcome } from "../useAction";
import { OutcomeText } from "./OutcomeText";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

type ActionKind = "check" | "fixAll" | "fillOffsite" | "prepare";

const BUSY_TEXT: Record<ActionKind, string> = {
  check: "正在检查…",
  fixAll: "正在规范…",
  fillOffsite: "正在填写…",
  prepare: "正在准备…",
};

async function perform(kind: ActionKind, host: CaptureHost, hasProfile: boolean): Promise<ActionOutcome> {
  switch (kind) {
    case "check":
      await host.checkNow();
      return { intent: "success", text: "已重新检查整张名单。" };
    case "fixAll": {
      const n = await host.fixAll();
      return n > 0
        ? { intent: "success", text: `已规范 ${n} 个单元格（空格、全角字符、小写 x、间隔号、简称）。` }
        : { intent: "info", text: "没有需要规范的单元格。" };
    }
    case "fillOffsite": {
      if (!hasProfile)
        return { intent: "warning", text: "请先在“设置”中填写并保存学院资料（邮寄地址、秘书姓名、手机）。" };
      const n = await host.fillOffsite();
      return n > 0
        ? { intent: "success", text: `已为异地采集和补拍的行填写 ${n} 个邮寄信息单元格。` }
        : { intent: "info", text: "邮寄信息都已正确，没有需要填写的单元格。" };
    }
    case "prepare": {
      await host.prepareSheet();
      const dropDowns = host.capabilities.dropDowns ? "，性别、培养层次等列已加下拉列表" : "";
      return {
        intent: "success",
        text: `已准备工作表：学号、身份证号和电话列设为文本格式${dropDowns}，表头已冻结。`,
      };
    }
  }
}

/** The sheet-writing actions. On Office 2016 (no live checking) 重新检查 is the main button. */
export function ActionsBar(props: { host: CaptureHost; hasProfile: boolean }) {
  const s = useStyles();
  const { host, hasProfile } = props;
  const live = host.capabilities.liveCheck;
  const [pending, setPending] = useState<ActionKind | undefined>();
  const action = useAction((kind: ActionKind) => perform(kind, host, hasProfile), "操作没有完成，请重试");
  const run = (kind: ActionKind) => {
    setPending(kind);
    void action.trigger(kind);
  };
  const button = (kind: ActionKind, label: string, primary = false) => (
    <Button
      key={kind}
      size="small"
      appearance={primary ? "primary" : "secondary"}
      disabled={action.busy}
      onClick={() => run(kind)}
    >
      {action.busy && pending === kind ? BUSY_TEXT[kind] : label}
    </Button>
  );
  return (
    <section className={s.root} aria-label="操作">
      {!live && (
        <Text size={200} className={s.hint}>
          此版本的 Excel 不支持边改边查：修改名单后请按“重新检查”。
        </Text>
      )}
      <div className={s.buttons}>
        {!live && button("check", "重新检查", true)}
        {button("fixAll", "一键规范")}
        {button("fillOffsite", "填写邮寄信息")}
        {button("prepare", "准备工作表")}
        {live && button("check", "重新检查")}
      </div>
      <OutcomeText outcome={action.outcome} />
    </section>
  );
}
