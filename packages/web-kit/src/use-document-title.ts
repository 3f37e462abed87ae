import { useEffect } from 'react';

export const DEFAULT_APP_NAME = 'Lumira Oracle';

/** "<page> · Lumira Oracle" in the tab, and for screen readers announcing the new page. */
export function useDocumentTitle(title: string | null, appName: string = DEFAULT_APP_NAME): void {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
