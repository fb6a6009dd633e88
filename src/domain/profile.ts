/**
 * The college's contact profile (研究生秘书): filled once in the pane, kept on the server, and the
 * recipient of the photos of every 异地采集/补拍 row. One set of patterns for the pane's form, the
 * server's PUT and the list's 收件人电话 rule.
 */

export interface SecretaryProfile {
  college: string;
  secretaryName: string;
  mobile: string;
  email: string;
  mailAddress: string;
}

export type ProfileErrors = Partial<Record<keyof SecretaryProfile, string>>;

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** A plain address: no display name, no spaces, no characters a mail header would have to quote. */
export const EMAIL_PATTERN = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;

/** Longest value a profile field may hold (a header value, a cell): longer is surely a paste mistake. */
export const PROFILE_FIELD_MAX = 200;

export function trimProfile(p: SecretaryProfile): SecretaryProfile {
  return {
    college: p.college.trim(),
    secretaryName: p.secretaryName.trim(),
    mobile: p.mobile.replace(/[\s-]/g, ""),
    email: p.email.trim(),
    mailAddress: p.mailAddress.trim(),
  };
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** One Chinese message per wrong field; an empty object when the profile is complete. */
export function validateProfile(p: SecretaryProfile): ProfileErrors {
  const errors: ProfileErrors = {};
  if (!p.college) errors.college = "请从列表中选择学院";
  if (!p.secretaryName) errors.secretaryName = "请填写研究生秘书的姓名（异地采集照片的收件人）";
  else if (p.secretaryName.length > 40 || CONTROL.test(p.secretaryName))
    errors.secretaryName = "姓名过长或含有不可见字符";
  if (!p.mobile) errors.mobile = "请填写手机号";
  else if (!MOBILE_PATTERN.test(p.mobile)) errors.mobile = "手机号应为 11 位数字，以 1 开头";
  if (!p.email) errors.email = "请填写电子邮箱（研究生院回复用）";
  else if (p.email.length > 254 || !EMAIL_PATTERN.test(p.email)) errors.email = "电子邮箱格式不对";
  if (!p.mailAddress) errors.mailAddress = "请填写照片邮寄地址";
  else if (p.mailAddress.length > PROFILE_FIELD_MAX || CONTROL.test(p.mailAddress))
    errors.mailAddress = "邮寄地址过长或含有不可见字符";
  return errors;
}
