import zh from './messages/zh-CN.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };

/** One message table per language (JSON next to this file); zh-CN is the default, the choice is remembered. */
const TABLES = { 'zh-CN': zh, en };
const STORAGE_KEY = 'invitehub.lang';
export const LANGUAGES = Object.freeze([['zh-CN', '中文'], ['en', 'English']]);

let current = pick(readStored());
document.documentElement.lang = current;

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function pick(value) {
  return Object.hasOwn(TABLES, value ?? '') ? value : 'zh-CN';
}

export function lang() {
  return current;
}

/** Switches the language, remembers it and tells every element to render again ('ih-lang'). */
export function setLang(value) {
  current = pick(value);
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = current;
  window.dispatchEvent(new CustomEvent('ih-lang', { detail: current }));
}

export function has(key) {
  return Object.hasOwn(TABLES[current], key) || Object.hasOwn(TABLES.en, key);
}

/** The message {@code key} in the current language, with {name} placeholders filled from {@code params}. */
export function t(key, params) {
  const text = TABLES[current][key] ?? TABLES.en[key] ?? key;
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
