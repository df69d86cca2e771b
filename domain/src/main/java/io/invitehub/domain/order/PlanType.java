package io.invitehub.domain.order;

/** What a plan sells: packs of codes to distributors, or (later) single codes to the public. */
public enum PlanType { DISTRIBUTOR_CODES, PUBLIC }
