/** The rule engine's public surface: what the pane, the CLI and the server import. */
export * from "./grid";
export * from "./template";
export * from "./campaign";
export * from "./problems";
export * from "./marks";
export * from "./normalize";
export * from "./header";
export * from "./roster";
export * from "./listChecker";
export * from "./submission";
export { defaultModeNote, rowsText, noHeaderText } from "./messages.zh-CN";
export * from "./dropDowns";
export type { CheckOptions } from "./rules/env";
export { ParsedRow } from "./rules/env";
export { checkIdNumber, idCheckCharacter, upgradeLegacy15 } from "./idNumber";
export type { IdVerdict, YMD } from "./idNumber";
export * from "./profile";
export * from "./merge";
