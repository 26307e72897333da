import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data protection (PIPL; MLPS level 3 storage confidentiality). ID and phone numbers are
 * stored as AES-256-GCM ciphertext (version byte, 12-byte IV, 16-byte tag, ciphertext) and found
 * through a keyed HMAC-SHA-256 blind index. Both keys are derived from one master key with HKDF.
 */
export interface PiiCipher {
  encrypt(plaintext: string): Buffer;
  decrypt(blob: Buffer): string;
  /** The same sealing for files that hold personal data (import reports). */
  encryptBytes(plaintext: Buffer): Buffer;
  decryptBytes(blob: Buffer): Buffer;
  /** Deterministic keyed hash for exact-match lookup; `kind` separates ID numbers from phones. */
  blindIndex(kind: 'id' | 'phone', value: string): string;
  /** A keyed MAC (HMAC-SHA-256, truncated to 16 bytes, base64url) for short-lived tokens such as the attendance QR code. */
  tokenMac(purpose: 'attendance-qr', data: string): string;
}

const VERSION = 1;

export function makePiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jineng/pii/aes-256-gcm', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jineng/pii/blind-index', 32));
  const tokenKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jineng/tokens/hmac', 32));
  const encryptBytes = (plaintext: Buffer): Buffer => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', encKey, iv);
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
  };
  const decryptBytes = (blob: Buffer): Buffer => {
    if (blob[0] !== VERSION) throw new Error('Unknown ciphertext version');
    const d = createDecipheriv('aes-256-gcm', encKey, blob.subarray(1, 13));
    d.setAuthTag(blob.subarray(13, 29));
    return Buffer.concat([d.update(blob.subarray(29)), d.final()]);
  };
  return {
    encrypt: (plaintext) => encryptBytes(Buffer.from(plaintext, 'utf8')),
    decrypt: (blob) => decryptBytes(blob).toString('utf8'),
    encryptBytes,
    decryptBytes,
    blindIndex(kind, value) {
      return createHmac('sha256', macKey).update(`${kind}:${value}`).digest('base64url');
    },
    tokenMac(purpose, data) {
      return createHmac('sha256', tokenKey).update(`${purpose}:${data}`).digest().subarray(0, 16).toString('base64url');
    },
  };
}

/**
 * The master key: from configuration (base64 of 32 bytes), or — for the embedded default — a key
 * generated once into the data folder with owner-only permissions.
 */
export function loadMasterKey(configured: string | null, dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error('JINENG_MASTER_KEY must be base64 of exactly 32 bytes');
    return key;
  }
  const file = path.join(dataDir, 'master.key');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
