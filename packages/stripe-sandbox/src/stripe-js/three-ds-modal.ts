import { h, lockIcon } from './dom';
import { type Locale, t } from './messages';

export type ChallengeOutcome = 'completed' | 'failed';

const OVERLAY_STYLE =
  'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;' +
  'background:rgba(16,18,27,0.62);font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;';
const BOX_STYLE =
  'display:flex;flex-direction:column;width:min(480px,94vw);height:min(620px,90vh);background:#fff;' +
  'border-radius:10px;overflow:hidden;box-shadow:0 20px 60px rgba(0,0,0,0.35);';
const HEADER_STYLE =
  'display:flex;align-items:center;gap:12px;padding:12px 16px;' +
  'border-bottom:1px solid #e6e6ea;color:#30313d;font-size:15px;font-weight:600;';
const CLOSE_STYLE =
  'border:0;background:transparent;font-size:22px;line-height:1;padding:4px 8px;border-radius:6px;cursor:pointer;color:#30313d;';

/**
 * Opens the sandbox's challenge page in a modal dialog and resolves with its outcome. The dialog
 * traps focus (the rest of the page is inert), speaks the locale, and treats Escape or its close
 * button as a failed authentication, like Stripe's.
 */
export function runChallenge(
  url: string,
  intentId: string,
  locale: Locale,
  apiOrigin: string,
): Promise<ChallengeOutcome> {
  return new Promise((resolve) => {
    const previousFocus = document.activeElement;
    const titleId = `lumira-3ds-title-${intentId}`;
    const framed = new URL(url);
    framed.searchParams.set('locale', locale);
    const iframe = h('iframe', {
      src: framed.href,
      name: 'lumira-sandbox-3ds',
      title: t(locale, 'threeDsFrame'),
      'data-testid': 'stripe-3ds-iframe',
      style: 'flex:1;width:100%;border:0;background:#fff;',
    });
    const close = h('button', {
      type: 'button',
      'aria-label': t(locale, 'threeDsClose'),
      'data-testid': 'stripe-3ds-close',
      style: CLOSE_STYLE,
      text: '×',
    });
    const overlay = h(
      'div',
      {
        'data-testid': 'stripe-3ds-modal',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': titleId,
        lang: locale,
        style: OVERLAY_STYLE,
      },
      [
        h('div', { style: BOX_STYLE }, [
          h('div', { style: HEADER_STYLE }, [
            lockIcon(),
            h('span', { style: 'display:flex;flex-direction:column;gap:2px;flex:1;' }, [
              h('span', { id: titleId, text: t(locale, 'threeDsTitle') }),
              h('span', {
                text: t(locale, 'testMode'),
                style: 'font-size:12px;font-weight:400;color:#87898f;',
              }),
            ]),
            close,
          ]),
          iframe,
        ]),
      ],
    );
    const madeInert: Element[] = [];
    for (const child of [...document.body.children]) {
      if (!child.hasAttribute('inert')) {
        child.setAttribute('inert', '');
        madeInert.push(child);
      }
    }
    let cancelling = false;
    const cancel = () => {
      if (cancelling) return;
      cancelling = true;
      // The challenge page applies the failure and answers with its usual message.
      iframe.contentWindow?.postMessage({ type: 'lumira-sandbox-3ds-cancel' }, apiOrigin);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel();
      } else if (event.key === 'Tab' && event.shiftKey && document.activeElement === close) {
        event.preventDefault();
        iframe.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !overlay.contains(event.target)) close.focus();
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as {
        type?: string;
        paymentIntent?: string;
        intent?: string;
        outcome?: string;
      } | null;
      if (!data || typeof data !== 'object' || data.type !== 'lumira-sandbox-3ds') return;
      if (event.origin !== apiOrigin && event.source !== iframe.contentWindow) return;
      const id = data.intent ?? data.paymentIntent;
      if (id && id !== intentId) return;
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
      for (const node of madeInert) node.removeAttribute('inert');
      overlay.remove();
      if (previousFocus instanceof HTMLElement) previousFocus.focus();
      resolve(data.outcome === 'completed' ? 'completed' : 'failed');
    };
    close.addEventListener('click', cancel);
    window.addEventListener('message', onMessage);
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    document.body.appendChild(overlay);
    iframe.focus();
  });
}
