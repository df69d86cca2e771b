package io.invitehub.application.recipients.view;

/** What a blocklist entry covers: one exact e-mail address, or a domain with its subdomains. */
public enum BlockKind { EMAIL, DOMAIN }
