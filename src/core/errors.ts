/**
 * The one error type of the project. Messages say who, what was expected, what was found
 * and what to do: `ingest: line 12 of dump.jsonl has no "text" or "body" field; add one or drop the line`.
 */
export type ErrorCode =
  | 'bad-input'
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'unreadable'
  | 'no-article'
  | 'not-a-feed'
  | 'fetch-failed'
  | 'forbidden-address'
  | 'robots-disallowed'
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'config'
  | 'store'
  | 'internal';

export class ParallaxError extends Error {
  readonly code: ErrorCode;
  /** HTTP status a server route should answer with. */
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ParallaxError';
    this.code = code;
    this.status = options.status ?? defaultStatus(code);
  }
}

function defaultStatus(code: ErrorCode): number {
  switch (code) {
    case 'not-found':
      return 404;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'conflict':
      return 409;
    case 'too-large':
      return 413;
    case 'internal':
    case 'store':
      return 500;
    case 'fetch-failed':
      return 502;
    default:
      return 400;
  }
}

export function isParallaxError(error: unknown): error is ParallaxError {
  return error instanceof ParallaxError;
}

/** Message of any thrown value, for reports that must not crash on odd throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  // An error from a worker thread can arrive as a plain object (its fields cloned, not its class):
  // "[object Object]" would say nothing.
  if (error && typeof error === 'object') {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message) return message;
    if (typeof code === 'string' && code) return `error ${code}`;
  }
  return String(error);
}
