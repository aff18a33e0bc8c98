/** Stable error codes: scripts may match on them. */
export type NetsleuthErrorCode =
  | 'USAGE'
  | 'INPUT_UNREADABLE'
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'INPUT_UTF16'
  | 'INPUT_WRONG_SHAPE'
  | 'INPUT_INVALID_JSON'
  | 'UNKNOWN_PATTERN';

/** The one error class netsleuth throws on purpose; its message is one sentence meant for a person. */
export class NetsleuthError extends Error {
  readonly code: NetsleuthErrorCode;
  constructor(code: NetsleuthErrorCode, message: string) {
    super(message);
    this.name = 'NetsleuthError';
    this.code = code;
  }
}
