import { useEffect, useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { DeskClock } from "../environment";
import { countdown, formatChinaTime } from "../format";

const useStyles = makeStyles({
  line: { margin: 0 },
  past: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The campaign's submission deadline and the time left, from the injected clock. */
export function Deadline(props: { deadline: string | undefined; clock: DeskClock; problem?: string }) {
  const s = useStyles();
  const { clock } = props;
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    return clock.subscribe(() => setNow(clock.now()));
  }, [clock]);

  if (!props.deadline)
    return (
      <p className={s.line}>
        {props.problem ? `未取得提交截止时间：${props.problem}` : "正在读取提交截止时间…"}
      </p>
    );
  const left = countdown(props.deadline, now);
  return (
    <p className={s.line} data-testid="deadline">
      提交截止：{formatChinaTime(props.deadline)}
      {left && (
        <>
          {" · "}
          <span className={left === "已过截止时间" ? s.past : undefined}>{left}</span>
        </>
      )}
    </p>
  );
}
