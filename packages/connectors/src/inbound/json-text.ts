import { z } from 'zod';

/**
 * JSON.parse, except that integer literals beyond Number.MAX_SAFE_INTEGER become strings. Shopify order and
 * line ids (and other platforms' 64-bit ids) exceed 2^53, and JSON.parse would silently round them to a
 * different id. Node 20 has no JSON.parse source access, so a small scanner quotes those literals first;
 * everything else, including strings that merely contain digits, is untouched.
 */
export function parseJsonText(text: string): unknown {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== '-' && !(c! >= '0' && c! <= '9')) continue;
    let end = i + 1;
    while (end < text.length && /[0-9eE.+-]/.test(text[end]!)) end++;
    const token = text.slice(i, end);
    if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(last, i)}"${token}"`;
      last = end;
    }
    i = end - 1;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

/** A source's id as a string, whether the JSON carried it as a string or as a (safe or quoted big) integer. */
export const externalId = z.union([z.string().min(1), z.number().int()]).transform(String);
