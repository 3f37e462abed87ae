import { useEffect } from 'react';
import { config } from '../config';

/** "<page> · Lumira Oracle" in the tab and for screen readers announcing the new page. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · ${config.appName}` : config.appName;
  }, [title]);
}
