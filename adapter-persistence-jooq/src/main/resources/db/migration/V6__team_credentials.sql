-- Team credentials are sealed at rest (AES-256-GCM, ADR 16). The sealed text lives in its own column
-- so a value is never ambiguous between plaintext and sealed. The rows that V1's plaintext column
-- holds are sealed by the Java migration 6.1 (SealPlaintextTeamCredentials, it needs the key), and
-- V6_2 then drops the plaintext column: after migration no plaintext credential is left anywhere.
alter table teams add column sealed_credentials varchar;

-- only sealed text may be written here, never a token by mistake
alter table teams add constraint teams_sealed_credentials_check
    check (sealed_credentials is null or sealed_credentials like 'ih1.%');
