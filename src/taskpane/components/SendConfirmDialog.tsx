import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { formatRows, formatYuan } from "../format";
import type { ReadyFile } from "../useSend";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    "& dd": { margin: 0, overflowWrap: "anywhere" },
  },
});

export function SendConfirmDialog(props: {
  file: ReadyFile | undefined;
  college: string;
  submitTo: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const s = useStyles();
  const { file } = props;
  return (
    <Dialog open={!!file} onOpenChange={(_, data) => !data.open && props.onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>确认发送</DialogTitle>
          <DialogContent>
            {file && (
              <dl className={s.facts}>
                <dt>收件人</dt>
                <dd>{props.submitTo}</dd>
                <dt>学院</dt>
                <dd>{props.college}</dd>
                <dt>发送</dt>
                <dd>{file.headCount} 人</dd>
                {file.skippedRows.length > 0 && (
                  <>
                    <dt>不发送</dt>
                    <dd>{`${file.skippedRows.length} 人（有错误：${formatRows(file.skippedRows)}），改正后可再发送`}</dd>
                  </>
                )}
                <dt>采集费</dt>
                <dd>{`${formatYuan(file.feeTotal)}（按发送的 ${file.headCount} 人计）`}</dd>
                <dt>文件</dt>
                <dd>{file.fileName}</dd>
              </dl>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onCancel}>
              取消
            </Button>
            <Button appearance="primary" onClick={props.onConfirm}>
              确认发送
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
