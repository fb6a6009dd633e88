import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    margin: "48px auto",
    maxWidth: "560px",
    padding: "24px 28px",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    background: tokens.colorNeutralBackground1,
  },
  steps: { margin: 0, paddingLeft: "20px", lineHeight: "1.8" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The blank start: what to do, in three steps, and where the blank template is. */
export function Welcome(props: { onOpen(): void }) {
  const s = useStyles();
  return (
    <section className={s.root} aria-labelledby="web-welcome-title">
      <Text as="h2" size={500} weight="semibold" id="web-welcome-title">
        欢迎使用采集名单助手（网页版）
      </Text>
      <ol className={s.steps}>
        <li>点击“打开名单”，或把名单文件（.xlsx、.xls、.csv）拖到这个页面上。</li>
        <li>名单显示在这里，右侧窗格立即检查；点击单元格直接输入即可改正，回车确认。</li>
        <li>改好后点击“下载改好的名单”保存，再下载提交名单，或在窗格的“提交”中发送到研究生院。</li>
      </ol>
      <div>
        <Button appearance="primary" onClick={props.onOpen}>
          打开名单…
        </Button>
      </div>
      <Text size={200} className={s.muted}>
        还没有名单？在右侧窗格点击“插入空白模板”，从空白模板开始填写。
      </Text>
    </section>
  );
}
