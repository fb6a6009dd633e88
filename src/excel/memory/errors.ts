/**
 * Errors shaped like Office.js's `OfficeExtension.Error` (name "RichApi.Error", a stable `code`,
 * `debugInfo.errorLocation`), so code that branches on `error.code` behaves the same against both.
 */
export type MemoryErrorCode =
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "InvalidRequestContext"
  | "InvalidObjectPath"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "ApiNotFound"
  | "ResponsePayloadSizeLimitExceeded"
  | "NotImplemented"
  | "RunMustReturnPromise";

export class MemoryExcelError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: MemoryErrorCode;
  readonly httpStatusCode: number;
  readonly debugInfo: { code: MemoryErrorCode; message: string; errorLocation?: string };

  constructor(code: MemoryErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.httpStatusCode = code === "ItemNotFound" ? 404 : code === "ApiNotFound" ? 404 : 400;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

// The first three messages are Office.js's own resource strings; the rest paraphrase Excel's.
export function propertyNotLoaded(property: string, entity: string | null): MemoryExcelError {
  return new MemoryExcelError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    entity ? `${entity}.${property}` : undefined,
  );
}

export function valueNotLoaded(): MemoryExcelError {
  return new MemoryExcelError(
    "ValueNotLoaded",
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  );
}

export function invalidRequestContext(): MemoryExcelError {
  return new MemoryExcelError(
    "InvalidRequestContext",
    "Cannot use the object across different request contexts.",
  );
}

export function invalidObjectPath(): MemoryExcelError {
  return new MemoryExcelError(
    "InvalidObjectPath",
    "The object path isn't working for what you're trying to do. The request context's Excel.run batch has already finished.",
  );
}

export function itemNotFound(location: string): MemoryExcelError {
  return new MemoryExcelError("ItemNotFound", "The requested resource doesn't exist.", location);
}

export function itemAlreadyExists(location: string): MemoryExcelError {
  return new MemoryExcelError(
    "ItemAlreadyExists",
    "A resource with the same name or identifier already exists.",
    location,
  );
}

export function invalidArgument(location: string, detail?: string): MemoryExcelError {
  const base = "The argument is invalid or missing or has an incorrect format.";
  return new MemoryExcelError("InvalidArgument", detail ? `${base} (${detail})` : base, location);
}

export function apiNotFound(location: string, since: string): MemoryExcelError {
  return new MemoryExcelError(
    "ApiNotFound",
    `The API you are trying to use could not be found. It may be available in a newer version of Excel (ExcelApi ${since}).`,
    location,
  );
}
