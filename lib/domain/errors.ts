// A failure the user can act on: a rule of the spec that didn't hold. `code` is the stable
// machine-readable name (API error codes, form field errors); `field` ties it to a form field.

export type TDomainErrorOptions = { field?: string; status?: number; details?: Record<string, unknown> };

export class DomainError extends Error {
  readonly field?: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: string,
    message: string,
    options: TDomainErrorOptions = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.field = options.field;
    this.status = options.status ?? 400;
    this.details = options.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
