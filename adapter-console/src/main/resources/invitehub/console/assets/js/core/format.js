import { lang } from './i18n.js';

/**
 * Dates in the business time zone and money from minor units. The zone comes from the API
 * (the summary's {@code time_zone}); until it is known, the default of the service, Asia/Shanghai.
 */
const ZONE_KEY = 'invitehub.zone';
let zone = sessionStorage.getItem(ZONE_KEY) || 'Asia/Shanghai';

export function timeZone() {
  return zone;
}

export function setTimeZone(value) {
  if (value && value !== zone) {
    zone = value;
    sessionStorage.setItem(ZONE_KEY, value);
  }
}

export function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  return new Intl.DateTimeFormat(lang(), {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}

/** Month, day and time only, for compact lists of recent events. */
export function shortDateTime(iso) {
  if (!iso) {
    return '—';
  }
  return new Intl.DateTimeFormat(lang(), {
    timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}

/** A business day ({@code 2025-03-01}, as the API sends them) shown short: 03-01 / Mar 1. */
export function shortDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** Today's business day as yyyy-mm-dd. */
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The zone's UTC offset ({@code +08:00}) on a business day. */
export function offsetOn(day) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`)).find((part) => part.type === 'timeZoneName').value;
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

/**
 * The start of a business day as an ISO timestamp with offset, for the audit log's {@code from}/{@code to}: a plain
 * date there means a UTC day, so the console sends the business day's instant (the sales filter reads plain dates as
 * business days itself, ADR 48, and gets plain dates).
 */
export function dayStart(day) {
  return `${day}T00:00:00${offsetOn(day)}`;
}

export function nextDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function number(value) {
  return new Intl.NumberFormat(lang()).format(value);
}

/** A decimal string in major units ({@code "87.50"}, how the API sends money) as integer minor units (BigInt). */
export function toMinor(decimal, digits = 2) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(decimal).trim());
  if (!match || (match[3] ?? '').length > digits) {
    throw new Error(`not an amount: ${decimal}`);
  }
  const minor = BigInt(match[2]) * 10n ** BigInt(digits) + BigInt((match[3] ?? '').padEnd(digits, '0') || '0');
  return match[1] ? -minor : minor;
}

/** Integer minor units shown with the currency and two decimals, without ever passing through a float. */
export function moneyMinor(minor, currency) {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const decimal = `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return new Intl.NumberFormat(lang(), {
    style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2,
  }).format(decimal);
}

/** Money as the API sends it (decimal string in major units) with its currency. */
export function money(decimal, currency) {
  if (decimal === null || decimal === undefined) {
    return '—';
  }
  return moneyMinor(toMinor(decimal), currency);
}
