// The one error type for a failure the caller can act on, and the one table from its code to the
// HTTP status it answers with. The API, the back-office routes and the server actions all map this
// type; `field` ties it to a form field, `headers` carries what the status needs (Retry-After, Allow).

export const ERROR_STATUS = {
  // The request itself.
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  INVALID_TEXT: 400,
  UNAUTHORIZED: 401,
  // An operator who must change their password can't act with this session until they do.
  PASSWORD_CHANGE_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PLAYER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  // Claiming a promo: the claim rules, in their order of precedence.
  PROMO_NOT_FOUND: 404,
  ALREADY_CLAIMED: 409,
  PROMO_NOT_STARTED: 409,
  PROMO_EXPIRED: 410,
  PROMO_EXHAUSTED: 410,
  NOT_ELIGIBLE: 403,
  KYC_LEVEL_TOO_LOW: 403,
  WAGER_TOO_LOW: 403,
  ACTIVE_BONUS_EXISTS: 409,
  // The thing is not in a state that allows it.
  NOT_CANCELLABLE: 409,
  NOTHING_TO_CLAIM: 409,
  NOT_ACTIVE: 409,
  INACTIVE: 409,
  NOT_ENDED: 409,
  SETTLED: 409,
  CONFIRMED: 409,
  NO_PENDING_WINNER: 409,
  LAST_ADMIN: 409,
  SELF: 409,
  // A value that doesn't fit (form field errors).
  IN_THE_PAST: 400,
  DUPLICATE: 400,
  WRONG_PASSWORD: 400,
  EMAIL_TAKEN: 400,
  CODE_TAKEN: 400,
  TYPE_LOCKED: 400,
  BUDGET_BELOW_GRANTED: 400,
  LOCKED_FIELD: 400,
  UNKNOWN_GAME: 400,
  UNKNOWN_OWNER: 400,
  UNKNOWN_AFFILIATE_CODE: 400,
  NO_RATE: 400,
  // A webhook URL whose address may not be called (private, loopback, link-local; SPEC §7).
  ADDRESS_REFUSED: 400,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export type TAppErrorOptions = { field?: string; headers?: Record<string, string>; details?: unknown };

export class AppError extends Error {
  readonly status: number;
  readonly field?: string;
  readonly headers: Record<string, string>;
  readonly details?: unknown;

  constructor(
    readonly code: TErrorCode,
    message: string,
    options: TAppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
    this.field = options.field;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
