/**
 * How a connection failed, as far as the message says. The set is part of the JSON contract. `pool` is a
 * client that gave up waiting for a pooled connection: reported, but not a connectivity failure.
 */
export const ERROR_CLASSES = ['refused', 'timeout', 'dns', 'unreachable', 'reset', 'tls', 'pool'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The classes that mean the network (or the target) failed; they alone count as connectivity failures. */
export const CONNECTIVITY_CLASSES = ['refused', 'timeout', 'dns', 'unreachable', 'reset', 'tls'] as const;

/**
 * The order of two classes in reports: alphabetical. They are lowercase ASCII words, so comparing code units
 * gives localeCompare's order without loading the collator (which took 8–20 ms at the end of every analysis,
 * on the path to its report).
 */
export function compareClasses(a: ErrorClass, b: ErrorClass): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isConnectivity(errorClass: ErrorClass): boolean {
  return errorClass !== 'pool';
}

export type Runtime =
  'node' | 'python' | 'java' | 'go' | 'dotnet' | 'ruby' | 'php' | 'rust' | 'ecs' | 'generic';

/** One row of a signature table. Every quantifier in `pattern` is bounded, so matching stays linear. */
export interface Signature {
  /** Stable id, `<runtime>.<name>`; printed by `classify`. */
  id: string;
  runtime: Runtime;
  pattern: RegExp;
  /** A fixed class, or one read from the match (e.g. from the errno it names). */
  errorClass: ErrorClass | ((match: RegExpExecArray) => ErrorClass | undefined);
  /** Capture group holding the remote host (or a URL), when the message prints it. */
  hostGroup?: number;
  /** A second place the host may be printed (e.g. the IP when no name was), used when `hostGroup` is empty. */
  altHostGroup?: number;
  /** Capture group holding the remote port. */
  portGroup?: number;
  /** A second place the port may be printed, used when `portGroup` did not match. */
  altPortGroup?: number;
  /** Capture group holding a URL to read host and port from. */
  urlGroup?: number;
  /**
   * A known near miss: when it matches, the text is not a connection failure, whatever later (more general)
   * signatures would say about it.
   */
  nearMiss?: true;
}

/** What the matcher says about one message that is a connection failure. */
export interface ConnectionFailure {
  errorClass: ErrorClass;
  host: string | null;
  port: number | null;
  service: string | null;
  runtime: Runtime;
  signature: string;
  /** The matched error text itself, e.g. `connect ETIMEDOUT 10.0.3.47:5432`. */
  error: string;
  /** The line of the message around the match, trimmed for reports. */
  excerpt: string;
}
