/**
 * Certificate validation failures: the connection and the handshake reached the server, and the client
 * refused the certificate it was shown (expired, untrusted, for another name). They are not network
 * failures, so the matcher never reports them; the patterns count them apart (`certificateEvents`).
 */
const CERTIFICATE_WORDS = ['certif', 'x509', 'PKIX', 'CERT_', 'altnames'];
const CERTIFICATE_PREFILTER = new RegExp(CERTIFICATE_WORDS.join('|'), 'i');

/** The certificate prefilter as a case-sensitive regex source (each letter either case), to join others. */
export const CERTIFICATE_PREFILTER_SOURCE = CERTIFICATE_WORDS.map((w) =>
  [...w]
    .map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch))
    .join(''),
).join('|');

const CERTIFICATE_FAILURE =
  /\b(?:CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLCertVerificationError|unable to verify the first certificate|unable to get local issuer certificate|self[- ]signed certificate(?: in certificate chain)?|certificate has expired|CERT_HAS_EXPIRED|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames|x509: certificate (?:signed by unknown authority|has expired|is valid for|is not valid)|tls: failed to verify certificate|PKIX path building failed|unable to find valid certification path|The remote certificate is invalid|RemoteCertificateNameMismatch|RemoteCertificateChainErrors|SSL certificate problem)/;

/** Whether a message reports a certificate the client refused. Bounded: looks at the first 64 KiB only. */
export function isCertificateFailure(message: string): boolean {
  const text = message.length > 65_536 ? message.slice(0, 65_536) : message;
  return CERTIFICATE_PREFILTER.test(text) && CERTIFICATE_FAILURE.test(text);
}
