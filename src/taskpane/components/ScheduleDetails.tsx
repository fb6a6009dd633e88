import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Campaign } from "../../domain";
import { formatDateTime, formatWindow } from "../format";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});

/** The notice's other dates and places, folded away: make-up session, fee desk, proofreading. */
export function ScheduleDetails({ campaign }: { campaign: Campaign }) {
  const s = useStyles();
  const { makeupWindow: makeup, feeDesk, proofreading } = campaign;
  return (
    <Accordion collapsible>
      <AccordionItem value="schedule">
        <AccordionHeader size="small">补拍、缴费与校对</AccordionHeader>
        <AccordionPanel>
          <ul className={s.list}>
            <li>
              补拍：{formatWindow(makeup.start, makeup.end)}，{makeup.place}
              {makeup.note ? `（${makeup.note}）` : ""}
            </li>
            <li>
              缴费：{feeDesk.office}（{feeDesk.room}），{formatDateTime(feeDesk.deadline)} 前，每人{" "}
              {campaign.feePerPerson} 元
            </li>
            <li>
              校对：采集后 {proofreading.withinDays} 天内登录{proofreading.site}核对照片和信息；
              {proofreading.note}，请提醒学生。
            </li>
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
