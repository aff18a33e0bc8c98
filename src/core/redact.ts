/**
 * Secrets that log lines carry and reports must not: each rule keeps what identifies the place (scheme,
 * user, key name, host, port) and replaces the secret itself with `[REDACTED]`. Every quantifier is bounded.
 */
const MASK = '[REDACTED]';

// Names whose values are secrets; a prefix (PGPASSWORD, DB_PASSWORD, awsSecretKey) is part of the name.
const SECRET_KEYS =
  '(?:[A-Za-z0-9]{0,20}[_-]?(?:password|passwd|pwd|secret|secret[_-]?(?:access[_-]?)?key|private[_-]?key|session[_-]?token|security[_-]?token|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|auth[_-]?token|client[_-]?secret|credentials?)' +
  // `pass` and `token` only as whole words or after a separator: not bypass=, compass=, nextToken=
  '|(?<![A-Za-z0-9])(?:[A-Za-z0-9]{0,20}[_-])?(?:pass|token))';

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // -----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----
  [
    /-----BEGIN ([A-Z ]{0,40})PRIVATE KEY-----[\s\S]{0,20000}?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g,
    `-----BEGIN $1PRIVATE KEY-----${MASK}`,
  ],
  // postgres://user:password@host:5432/db — keep the user and the host
  [/\b([a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\/[^\s:/@'"]{0,200}):([^\s@/'"]{1,200})@/g, `$1:${MASK}@`],
  // Authorization: Bearer <token>, Basic <credentials>
  [/\b(Bearer|Basic|Token)\s{1,5}[A-Za-z0-9._~+/=-]{8,4000}/g, `$1 ${MASK}`],
  // JSON Web Tokens anywhere
  [/\beyJ[A-Za-z0-9_-]{5,2000}\.[A-Za-z0-9_-]{5,4000}\.[A-Za-z0-9_-]{5,2000}/g, MASK],
  // AWS access key ids (long-term AKIA…, temporary ASIA…)
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, `$1${MASK}`],
  // user:password@host without a scheme (getaddrinfo ENOTFOUND app:pw@db.internal)
  [/(?<![\w/:])([A-Za-z0-9._-]{1,64}):([^\s:@/'"]{1,200})@(?=[A-Za-z0-9[])/g, `$1:${MASK}@`],
  // "password": "a value, with spaces" — a quoted value is masked to its closing quote (\" in escaped JSON too)
  [
    new RegExp(`(${SECRET_KEYS}(?:\\\\?["'])?\\s{0,3}[:=]\\s{0,3})(\\\\?["'])([^\\n]{0,4000}?)\\2`, 'gi'),
    `$1$2${MASK}$2`,
  ],
  // key=value / key: value for names that hold secrets
  [new RegExp(`(${SECRET_KEYS}["']?\\s{0,3}[:=]\\s{0,3})([^\\s"'&;,}\\\\]{1,4000})`, 'gi'), `$1${MASK}`],
];

/** The text with every secret the rules know replaced. Linear in the text. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
