import type { SecretaryProfile } from "../excel/hostApi";

/** Checks of the college-profile form; messages in Chinese, one per field. */
export type ProfileErrors = Partial<Record<keyof SecretaryProfile, string>>;

/** Mainland mobile numbers: 11 digits starting 13–19 (what the list's 收件人电话 rule accepts). */
const MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;

export function trimProfile(p: SecretaryProfile): SecretaryProfile {
  return {
    college: p.college.trim(),
    secretaryName: p.secretaryName.trim(),
    mobile: p.mobile.replace(/[\s-]/g, ""),
    email: p.email.trim(),
    mailAddress: p.mailAddress.trim(),
  };
}

export function validateProfile(p: SecretaryProfile): ProfileErrors {
  const errors: ProfileErrors = {};
  if (!p.college) errors.college = "请从列表中选择学院";
  if (!p.secretaryName) errors.secretaryName = "请填写研究生秘书的姓名（异地采集照片的收件人）";
  if (!p.mobile) errors.mobile = "请填写手机号";
  else if (!MOBILE.test(p.mobile)) errors.mobile = "手机号应为 11 位数字，以 1 开头";
  if (!p.email) errors.email = "请填写电子邮箱（研究生院回复用）";
  else if (!EMAIL.test(p.email)) errors.email = "电子邮箱格式不对";
  if (!p.mailAddress) errors.mailAddress = "请填写照片邮寄地址";
  return errors;
}
