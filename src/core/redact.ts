/**
 * Secrets that log lines carry and reports must not: each rule keeps what identifies the place (scheme,
 * user, key name, host, port) and replaces the secret itself with `[REDACTED]`. Every quantifier is bounded.
 */
const MASK = '[REDACTED]';

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
  // key=value / key: value / "key":"value" for names that hold secrets
  [
    /((?<![A-Za-z0-9])(?:password|passwd|pwd|pass|secret|secret[_-]?access[_-]?key|aws[_-]?secret[_-]?access[_-]?key|session[_-]?token|security[_-]?token|x-amz-security-token|access[_-]?token|refresh[_-]?token|api[_-]?key|apikey|auth[_-]?token|client[_-]?secret|token)["']?\s{0,3}[:=]\s{0,3}["']?)([^\s"'&;,}]{1,4000})/gi,
    `$1${MASK}`,
  ],
];

/** The text with every secret the rules know replaced. Linear in the text. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
