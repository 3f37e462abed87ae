/**
 * Where this script was served from: the sandbox API base (everything before `/<train>/stripe.js`,
 * or a `data-api-base` attribute on the script tag) and the release train its URL names.
 */

/** Release trains of Stripe.js; `/v3/stripe.js` reports the newest, the one the repo's @stripe/stripe-js expects. */
export const RELEASE_TRAINS = ['acacia', 'basil', 'clover', 'dahlia', 'endive'] as const;
export const DEFAULT_TRAIN = 'endive';

export interface ScriptSource {
  apiBase: string;
  apiOrigin: string;
  releaseTrain: string;
}

interface ScriptLike {
  src?: string;
  dataset?: { apiBase?: string };
}

export function scriptSource(
  script: ScriptLike | null | undefined,
  pageHref: string,
  pageOrigin: string,
): ScriptSource {
  const explicit = script?.dataset?.apiBase;
  const src = explicit || script?.src;
  let apiBase = pageOrigin;
  let releaseTrain = DEFAULT_TRAIN;
  if (src) {
    const url = new URL(src, pageHref);
    const match = /\/(v3|[a-z]+)(\/stripe\.js|\/)?$/.exec(url.pathname);
    const train = match?.[1];
    if (train && (RELEASE_TRAINS as readonly string[]).includes(train)) releaseTrain = train;
    if (explicit) apiBase = url.href.replace(/\/$/, '');
    else {
      const trainPattern = new RegExp(`/(v3|${RELEASE_TRAINS.join('|')})(/stripe\\.js|/)?$`);
      apiBase = url.origin + url.pathname.replace(trainPattern, '').replace(/\/$/, '');
    }
  }
  return { apiBase, apiOrigin: new URL(apiBase).origin, releaseTrain };
}
