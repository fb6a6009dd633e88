import type Mail from "nodemailer/lib/mailer";
import type { Campaign } from "../../domain";
import type { Reminder } from "../db/reminderStore";
import { mailAddress } from "../mail";

/**
 * The desk's reminder to a college that has not submitted: to the e-mail of the college's profile held
 * on the server (set by the college with its key) and to no one else; no student data in it.
 */

/** "2017年10月30日 11:00" in China time (UTC+8 all year). */
export function chinaDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

export function reminderText(
  campaign: Campaign,
  college: string,
  secretaryName: string,
): { subject: string; body: string } {
  const deadline = chinaDateTime(campaign.submitDeadline);
  const subject = `【提醒】${college}尚未报送${campaign.cohort}图像采集名单（截止 ${deadline}）`;
  const body = [
    `${secretaryName}老师：您好！`,
    "",
    `研究生院尚未收到${college}的${campaign.cohort}图像信息采集名单。报送截止时间为 ${deadline}（北京时间）。`,
    "请在 Excel 的名单助手中检查名单并提交；如已通过其他方式报送，请忽略本邮件。",
    "",
    `${campaign.school.name}研究生院`,
    "（本邮件由研究生图像采集名单助手发送，请勿直接回复。）",
  ].join("\n");
  return { subject, body };
}

export function reminderMail(reminder: Reminder, mailFrom: string): Mail.Options {
  const domain = mailAddress(mailFrom).split("@")[1] || "localhost";
  return {
    from: mailFrom,
    to: reminder.recipient,
    subject: reminder.subject,
    text: reminder.body,
    // One Message-ID per reminder, the same on every attempt (a duplicate after a crash is recognisable).
    messageId: `<reminder-${reminder.id}@${domain}>`,
    date: new Date(reminder.createdAt),
    envelope: { from: mailAddress(mailFrom), to: [reminder.recipient] },
  };
}
