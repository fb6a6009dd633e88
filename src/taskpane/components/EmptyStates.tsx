import { DEFAULT_TEMPLATE } from "../../domain/template";
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useAction } from "../useAction";

const useStyles = makeStyles({
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** No capture-list header on the active sheet: say what is looked for, offer the blank template. */
export function NoListState(props: { sheetName: string; insertTemplate(): Promise<void> }) {
  const s = useStyles();
  const insert = useAction(async () => {
    await props.insertTemplate();
    return { intent: "success" as const, text: "已插入空白模板，请在新工作表中填写名单。" };
  }, "无法插入空白模板");
  return (
    <div className={s.empty} role="region" aria-label="未找到名单">
      <Text weight="semibold">在工作表“{props.sheetName}”中没有找到采集名单</Text>
      <Text size={200}>
        助手在前 {DEFAULT_TEMPLATE.headerSearchRows} 行中寻找名单的表头（至少{" "}
        {DEFAULT_TEMPLATE.minHeadersForList} 个模板列名，如 姓名、学号、身份证号、培养层次）。
        请切换到名单所在的工作表，或插入一份空白模板：学号、身份证号和电话列已设为文本格式，不会被 Excel
        改成数字。
      </Text>
      <Button appearance="primary" disabled={insert.busy} onClick={() => void insert.trigger()}>
        {insert.busy ? "正在插入…" : "插入空白模板"}
      </Button>
      {insert.outcome && (
        <Text role="status" size={200}>
          {insert.outcome.text}
        </Text>
      )}
    </div>
  );
}

export function StartingState() {
  return <Spinner size="small" label="正在读取工作表…" />;
}

export function StatusError(props: { message: string; retry?(): Promise<void> }) {
  const retry = useAction(async () => {
    await props.retry?.();
    return { intent: "success" as const, text: "已重新检查。" };
  }, "仍然无法检查，请关闭任务窗格后重新打开");
  return (
    <MessageBar layout="multiline" intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>无法检查</MessageBarTitle>
        {props.message}
        {props.retry && (
          <Button
            size="small"
            appearance="transparent"
            disabled={retry.busy}
            onClick={() => void retry.trigger()}
          >
            重新检查
          </Button>
        )}
        {retry.outcome?.intent === "error" && <div>{retry.outcome.text}</div>}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Without a roster, the most costly mistakes go unnoticed: say which. */
export function RosterMissingNotice(props: { onOpenLists(): void }) {
  return (
    <MessageBar layout="multiline" intent="info">
      <MessageBarBody>
        <MessageBarTitle>未导入学籍名单</MessageBarTitle>
        不会检查学号与身份证号是否与学籍一致、姓名、培养层次。{" "}
        <Link as="button" onClick={props.onOpenLists}>
          导入学籍名单
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
