// The API's error shape: {"error": {"code", "message"}} with the status the spec gives each code.

export const API_ERRORS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PLAYER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  RATE_LIMITED: 429,
  NOT_CANCELLABLE: 409,
  NOTHING_TO_CLAIM: 409,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  static of(code: keyof typeof API_ERRORS, message: string, headers?: Record<string, string>, details?: unknown) {
    return new ApiError(code, API_ERRORS[code], message, headers, details);
  }
}
