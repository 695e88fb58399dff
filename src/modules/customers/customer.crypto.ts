import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Config } from "../../config";

/**
 * Field encryption for personal data (客户信息保密, chapter 6.3): AES-256-GCM with a random 96-bit IV
 * per value. A stored value reads `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id
 * names the key that sealed it, so that a rotation can keep old keys for reading while new writes use
 * the current one. Lookup hashes are HMAC-SHA-256 under a key derived from (not equal to) the data key.
 */
export interface FieldCipher {
  keyId: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash of a normalised value, for exact lookup without decrypting; `kind` separates domains. */
  lookupHash(kind: "id" | "mobile" | "card", normalised: string): string;
  /** The hash under the current key, then under each retired key: rows not yet re-keyed still match. */
  lookupHashes(kind: "id" | "mobile" | "card", normalised: string): string[];
  /** True when the value was sealed with the current key (else a re-key job should re-seal it). */
  isCurrent(sealed: string | null): boolean;
}

interface Key {
  id: string;
  enc: Buffer;
  mac: Buffer;
}

function deriveKey(base64: string): Key {
  const raw = Buffer.from(base64, "base64");
  if (raw.length !== 32) throw new Error("a data key must be 32 bytes");
  return {
    // A short fingerprint, not the key: tells which key sealed a value without revealing it.
    id: createHash("sha256").update("bsc-key-id").update(raw).digest("hex").slice(0, 12),
    enc: Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), "bsc-field-encryption", 32)),
    mac: Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), "bsc-lookup-hmac", 32)),
  };
}

const ciphers = new Map<string, FieldCipher>();

const hmac = (key: Key, kind: string, normalised: string) => createHmac("sha256", key.mac).update(`${kind}:${normalised}`).digest("base64url");

/**
 * The cipher for a configuration: `config.dataKey` is the current key; retired keys (after a
 * rotation, `DATA_KEYS_RETIRED`) open old values and match old lookup hashes until the re-key job has
 * re-sealed every row. Cached per key set, as key derivation is not free.
 */
export function fieldCipher(
  config: Pick<Config, "dataKey"> & Partial<Pick<Config, "dataKeysRetired">>,
  retiredKeys: string[] = config.dataKeysRetired ?? [],
): FieldCipher {
  const cacheKey = [config.dataKey, ...retiredKeys].join("|");
  const cached = ciphers.get(cacheKey);
  if (cached) return cached;
  const current = deriveKey(config.dataKey);
  const byId = new Map<string, Key>([[current.id, current]]);
  for (const k of retiredKeys) {
    const key = deriveKey(k);
    byId.set(key.id, key);
  }
  const cipher: FieldCipher = {
    keyId: current.id,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", current.enc, iv);
      const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return ["v1", current.id, iv.toString("base64url"), c.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    decrypt(sealed) {
      const [version, keyId, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || body === undefined) throw new Error("not a sealed field value");
      const key = byId.get(keyId);
      if (!key) throw new Error(`field value sealed with an unknown key ${keyId}`);
      const d = createDecipheriv("aes-256-gcm", key.enc, Buffer.from(iv, "base64url"));
      d.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
    },
    lookupHash(kind, normalised) {
      return hmac(current, kind, normalised);
    },
    lookupHashes(kind, normalised) {
      return [...byId.values()].map((k) => hmac(k, kind, normalised));
    },
    isCurrent(sealed) {
      return sealed === null || sealed.startsWith(`v1.${current.id}.`);
    },
  };
  ciphers.set(cacheKey, cipher);
  return cipher;
}
