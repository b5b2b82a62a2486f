-- Full ID numbers, sealed at rest (AES-256-GCM, see platform/id-keys.ts): the sealed bytes (nonce,
-- tag, ciphertext) and the id of the key that sealed them. The clear number is never stored; the
-- masked form stays in id_number_masked for every screen that shows it.
ALTER TABLE customers ADD COLUMN id_number_sealed bytea;
ALTER TABLE customers ADD COLUMN id_number_key text;
ALTER TABLE customers ADD CONSTRAINT customers_id_number_sealed_key CHECK ((id_number_sealed IS NULL) = (id_number_key IS NULL));
-- Rotation reads the customers whose number is sealed under a key other than the current one.
CREATE INDEX customers_id_number_key ON customers (id_number_key, id) WHERE id_number_key IS NOT NULL;
