-- 0004 The platform's Ed25519 keys for signing electronic certificates (seed §9). The private key is
-- sealed with the master key (ADR 0008); public keys are published as a JWKS at /.well-known/jwks.json.
-- A retired key signs nothing new but stays published, so the certificates it signed still verify.
CREATE TABLE signing_keys (
  kid                text PRIMARY KEY,
  public_jwk         jsonb NOT NULL,
  private_jwk_sealed bytea NOT NULL,
  status             text NOT NULL CHECK (status IN ('active', 'retired')),
  created_at         timestamptz NOT NULL,
  retired_at         timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (status) WHERE status = 'active';
