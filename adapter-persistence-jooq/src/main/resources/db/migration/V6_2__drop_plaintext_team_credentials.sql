-- Migration 6.1 (Java, SealPlaintextTeamCredentials) moved every plaintext credential into
-- sealed_credentials and cleared it; the plaintext column goes (ADR 16).
alter table teams drop column credentials;
