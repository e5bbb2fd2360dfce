/**
 * Ed25519 signatures of audit checkpoints, with a key kept outside the database: the file named
 * by TRIAD_AUDIT_KEY (a PKCS#8 PEM private key, `openssl genpkey -algorithm ed25519`). Someone
 * who can rewrite the database but not read that file cannot forge a signed checkpoint.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';

export interface AuditKey {
  /** The first 16 hex digits of the SHA-256 of the public key (DER): which key signed. */
  id: string;
  sign(hash: string): string;
  verify(hash: string, signature: string): boolean;
}

function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** The signing key from a PEM file (a private key, or a public one that can only verify). */
export function loadAuditKey(file: string): AuditKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the audit key file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const isPrivate = pem.includes('PRIVATE KEY');
  const privateKey = isPrivate ? createPrivateKey(pem) : null;
  const publicKey = privateKey ? createPublicKey(privateKey) : createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`the audit key in ${file} is ${publicKey.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return {
    id: keyId(publicKey),
    sign: (hash) => {
      if (!privateKey) throw new Error(`the audit key in ${file} is a public key; signing needs the private key`);
      return sign(null, Buffer.from(hash, 'utf8'), privateKey).toString('base64');
    },
    verify: (hash, signature) => verify(null, Buffer.from(hash, 'utf8'), publicKey, Buffer.from(signature, 'base64')),
  };
}

const keys = new WeakMap<object, AuditKey | null>();

/** The server's key when TRIAD_AUDIT_KEY names one, else null (checkpoints are then unsigned). */
export function auditKeyOf(ctx: { config: { auditKeyFile?: string | undefined } }): AuditKey | null {
  if (!keys.has(ctx)) keys.set(ctx, ctx.config.auditKeyFile ? loadAuditKey(ctx.config.auditKeyFile) : null);
  return keys.get(ctx) ?? null;
}
