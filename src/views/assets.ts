import { PUBLIC_STYLESHEET } from './complaint-styles';
import { REPLY_WAIT_SCRIPT } from './public-reply';
import { STYLESHEET } from './styles';

/**
 * The files pages link to, all small enough to live in the bundle: the owner's stylesheet, the
 * customer pages' own lighter one, and the script of a kept-open thanks page. routes/assets.ts
 * serves them, with one cache policy; pages link to them through `assetHref`, whose `?v=` changes
 * with the content, so a phone keeps a file for a year and still gets a new one after a deploy.
 */
export const ASSETS = {
  'app.css': { type: 'text/css; charset=utf-8', body: STYLESHEET },
  'public.css': { type: 'text/css; charset=utf-8', body: PUBLIC_STYLESHEET },
  'reply-wait.js': { type: 'text/javascript; charset=utf-8', body: REPLY_WAIT_SCRIPT },
} as const;

export type AssetName = keyof typeof ASSETS;

const versions = new Map<AssetName, string>();

/** A short fingerprint of the file's content (FNV-1a), computed on first use, not at startup. */
export function assetVersion(name: AssetName): string {
  let version = versions.get(name);
  if (version === undefined) {
    const body = ASSETS[name].body;
    let hash = 0x811c9dc5;
    for (let i = 0; i < body.length; i++) hash = Math.imul(hash ^ body.charCodeAt(i), 0x01000193);
    version = (hash >>> 0).toString(36);
    versions.set(name, version);
  }
  return version;
}

/** `/assets/app.css?v=<fingerprint>`: the address a page links to. */
export function assetHref(name: AssetName): string {
  return `/assets/${name}?v=${assetVersion(name)}`;
}
