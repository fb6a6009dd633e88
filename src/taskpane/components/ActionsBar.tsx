import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { BUSY_TEXT, type ActionKind, type PaneAction } from "../paneActions";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

/**
 * The sheet-writing actions. On Office 2016 (no live checking) 重新检查 is the main button. Their
 * outcome is the check tab's one current outcome (shown below the buttons by the tab).
 */
export function ActionsBar(props: {
  live: boolean;
  busy: boolean;
  pending: PaneAction | undefined;
  run(kind: ActionKind): void;
}) {
  const s = useStyles();
  const { live, busy, pending } = props;
  const button = (kind: ActionKind, label: string, primary = false) => (
    <Button
      key={kind}
      size="small"
      appearance={primary ? "primary" : "secondary"}
      disabled={busy}
      onClick={() => props.run(kind)}
    >
      {busy && pending === kind ? BUSY_TEXT[kind] : label}
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
    </section>
  );
}
