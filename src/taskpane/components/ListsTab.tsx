import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import type { PaneConfig } from "../usePaneConfig";
import { ListImport } from "./ListImport";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Roster and already-captured list, kept per college in the pane's storage, never in the workbook. */
export function ListsTab({ config, persistent }: { config: PaneConfig; persistent: boolean }) {
  const s = useStyles();
  const college = config.profile?.college;
  return (
    <div className={s.root}>
      {!persistent && (
        <MessageBar layout="multiline" intent="warning" role="note">
          <MessageBarBody>
            此电脑的浏览器存储不可用（可能被策略禁用）：导入的名单只保留到关闭任务窗格为止，下次打开需要重新导入。
          </MessageBarBody>
        </MessageBar>
      )}
      {college ? (
        <Text size={200} className={s.muted}>
          {college}
          的名单只保存在本机的任务窗格中，不会写入工作簿；名单含全体学生的身份证号，不再需要时请移除。
        </Text>
      ) : (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>请先在“设置”中选择学院并保存学院资料：名单按学院分别保存。</MessageBarBody>
        </MessageBar>
      )}
      <ListImport
        kind="roster"
        list={config.roster}
        disabled={!college}
        description="研究生综合管理系统导出的学生名册（.xlsx、.xls 或 .csv），用来核对学号、身份证号、姓名和培养层次。"
        onImport={config.importList}
        onRemove={config.removeList}
      />
      <ListImport
        kind="captured"
        list={config.captured}
        disabled={!college}
        description="已经采集过图像的学生（按学号或身份证号），避免重复采集。"
        onImport={config.importList}
        onRemove={config.removeList}
      />
    </div>
  );
}
