/** Stable error codes: scripts may match on them. */
export type NetsleuthErrorCode =
  | 'USAGE'
  | 'INPUT_UNREADABLE'
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'INPUT_UTF16'
  | 'INPUT_WRONG_SHAPE'
  | 'INPUT_INVALID_JSON'
  | 'UNKNOWN_PATTERN'
  | 'AWS_NO_REGION'
  | 'AWS_NO_CREDENTIALS'
  | 'AWS_ACCESS_DENIED'
  | 'AWS_UNREACHABLE'
  | 'LOG_GROUP_NOT_FOUND'
  | 'AWS_REQUEST_FAILED'
  | 'OUTPUT_UNWRITABLE';

/** The one error class netsleuth throws on purpose; its message is one sentence meant for a person. */
export class NetsleuthError extends Error {
  readonly code: NetsleuthErrorCode;
  constructor(code: NetsleuthErrorCode, message: string) {
    super(message);
    this.name = 'NetsleuthError';
    this.code = code;
  }
}
