export * from "./types";
export { mergeSubmissions, compareStudentNo, type MergeOptions } from "./mergeSubmissions";
export { crossCollegeDuplicates } from "./crossCollege";
export { diffSubmissions } from "./diff";
export type { SubmissionRows, DiffStudent, FieldChange, StudentChange, SubmissionDiff } from "./diff";
export { checkSubmissionGrid, collegeFromFileName, type SubmissionCheck } from "./readSubmission";
