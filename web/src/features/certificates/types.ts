/** Certificates and their public verification (docs/api-training.md). */

export type CertificateStatus = 'valid' | 'revoked';

export type Certificate = {
  id: string;
  number: string;
  type: string;
  typeName?: string | null;
  title?: string | null;
  holderName: string;
  idMasked: string;
  occupationName: string | null;
  levelName: string | null;
  issuedOn: string;
  issuerName: string;
  className: string | null;
  classId?: string | null;
  status: CertificateStatus;
  revocation: { reason: string; at: string } | null;
  verifyUrl: string;
};

/** The signed claims of a certificate (src/credentials/credential.ts CertificateClaims). */
export type CertificateClaims = {
  number: string;
  type: string;
  typeName?: string;
  holder: { name: string; idNumberMasked: string };
  occupation: { code: string; name: string };
  level: { code: string; name: string } | null;
  issuedOn: string;
  issuer: { name: string; creditCode: string };
  training?: { className: string; institution: string; hours: number };
};

export const VERIFY_FAILURES = ['malformed', 'unknown_key', 'bad_signature', 'not_yet_valid', 'not_found'] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

/** GET /api/public/verify/:token, GET /api/public/certificates/:number, POST /api/public/verify */
export type Verification = {
  status: 'valid' | 'revoked' | 'invalid';
  reason?: string;
  claims?: CertificateClaims;
  credential?: Record<string, unknown>;
  jws?: string;
  kid?: string;
  revocation?: { reason: string; at: string } | null;
  title?: string;
};
