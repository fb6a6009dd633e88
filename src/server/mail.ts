import type Mail from "nodemailer/lib/mailer";
import type { Campaign } from "../domain";
import type { SubmissionMeta } from "./outbox";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The bare address of "addr" or "Name <addr>". */
export function mailAddress(mailbox: string): string {
  const m = /<([^<>]+)>/.exec(mailbox);
  return (m ? m[1] : mailbox).trim();
}

/**
 * One Message-ID per submission, the same on every attempt: if a crash after the SMTP server's
 * acceptance causes a second send, the copies carry the same id and the recipient can recognise them.
 */
export function submissionMessageId(id: string, mailFrom: string): string {
  const domain = mailAddress(mailFrom).split("@")[1] || "localhost";
  return `<submission-${id}@${domain}>`;
}

function counts(record: Record<string, number>): string {
  const parts = Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n} 人`);
  return parts.join("，") || "无";
}

export interface MailSettings {
  mailFrom: string;
  submitTo: string;
  /** The campaign in force, for submissions that do not carry the one they were checked with. */
  campaign: Campaign;
}

/**
 * The e-mail to the graduate school (SPEC §5): To is always SUBMIT_TO. The only other envelope recipient
 * is the Cc to the e-mail of the college's profile held on the server (set with the college's key, never
 * taken from the upload's form). The address a client types is only Reply-To (SPEC §8: a client never
 * chooses where the list goes); subject and body name the college, head count, fee total and the
 * secretary's contact.
 */
export function composeMail(meta: SubmissionMeta, attachment: Buffer, settings: MailSettings): Mail.Options {
  const campaign = meta.campaign ?? settings.campaign;
  const copyTo = meta.profile?.email;
  const school = `${campaign.school.code}${campaign.school.name}`;
  const secretary = { name: meta.senderName, address: meta.senderEmail };
  const contact = [meta.senderName, meta.senderEmail, meta.senderPhone].filter(Boolean).join("，");
  const subject = `【图像采集名单】${school} ${meta.college} ${campaign.cohort}图像采集名单（${meta.headCount}人，采集费${meta.feeTotal}元）`;
  const text = [
    "研究生院老师：您好！",
    "",
    `${meta.college}报送${campaign.cohort}图像信息采集名单，请查收附件。`,
    "",
    `学院：${meta.college}`,
    `人数：${meta.headCount} 人（${counts(meta.byLevel)}）`,
    `采集方式：${counts(meta.byMode)}`,
    `采集费用：${meta.headCount} 人 × ${campaign.feePerPerson} 元 = ${meta.feeTotal} 元`,
    `联系人（研究生秘书）：${contact}`,
    `附件：${meta.fileName}`,
    "",
    "回复本邮件即可直接联系该学院研究生秘书。",
    `本邮件由研究生图像采集名单助手发送，名单已经服务器按相同规则复核无误。提交编号：${meta.id}`,
  ].join("\n");
  return {
    from: settings.mailFrom,
    to: settings.submitTo,
    ...(copyTo ? { cc: { name: meta.profile?.secretaryName ?? "", address: copyTo } } : {}),
    replyTo: secretary,
    subject,
    text,
    messageId: submissionMessageId(meta.id, settings.mailFrom),
    date: new Date(meta.createdAt),
    // Explicit envelope: SUBMIT_TO and the stored profile's copy, whatever the headers say.
    envelope: {
      from: mailAddress(settings.mailFrom),
      to: [mailAddress(settings.submitTo), ...(copyTo ? [copyTo] : [])],
    },
    attachments: [{ filename: meta.fileName, content: attachment, contentType: XLSX_TYPE }],
  };
}
